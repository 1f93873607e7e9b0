// Sequencer signatures over messages and the replay guard.
#include <gtest/gtest.h>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/xrollup/security.hpp"
#include "sample.hpp"

namespace luxl2::xrollup {
namespace {

crypto::SecretKey key(std::uint8_t b) {
    return std::move(*crypto::SecretKey::from_bytes(Bytes(32, b)));
}
Address address_of(const crypto::SecretKey& k) {
    return crypto::to_address(crypto::public_key(k));
}
std::string_view code(const Result<void>& r) {
    return r ? std::string_view{"ok"} : r.error().code;
}

TEST(Signature, DigestIsDomainSeparated) {
    const auto m = test::sample_message();
    const Hash32 mh = format::message_hash(m);
    Bytes expect;
    const std::string_view prefix = "\x19luxl2 cross-rollup message\n";
    expect.insert(expect.end(), prefix.begin(), prefix.end());
    const auto chain = m.source_chain_id.to_be_bytes();
    expect.insert(expect.end(), chain.begin(), chain.end());
    append(expect, mh.view());
    EXPECT_EQ(message_signing_digest(m), crypto::keccak256(expect));
    EXPECT_NE(message_signing_digest(m), mh);
}

TEST(Signature, SignAndVerify) {
    const auto seq = key(0x11);
    const auto other = key(0x22);
    const auto m = test::sample_message();
    const Bytes sig = sign_message(m, seq);
    ASSERT_EQ(sig.size(), 65u);
    EXPECT_EQ(code(verify_message_signature(m, sig, address_of(seq))), "ok");
    EXPECT_EQ(code(verify_message_signature(m, sig, address_of(other))), errc::wrong_signer);
    EXPECT_EQ(code(verify_message_signature(m, sign_message(m, other), address_of(seq))), errc::wrong_signer);

    auto changed = m;
    changed.nonce = U256{8};
    EXPECT_EQ(code(verify_message_signature(changed, sig, address_of(seq))), errc::wrong_signer);
    // The stored message_hash is not trusted: the content is hashed again.
    auto forged = changed;
    forged.message_hash = m.message_hash;
    EXPECT_EQ(code(verify_message_signature(forged, sig, address_of(seq))), errc::wrong_signer);

    EXPECT_EQ(code(verify_message_signature(m, ByteView{sig}.first(64), address_of(seq))), errc::bad_signature);
    Bytes bad_v = sig;
    bad_v[64] = 27;
    EXPECT_EQ(code(verify_message_signature(m, bad_v, address_of(seq))), errc::bad_signature);
    // High s (n - s) is refused even though it is a valid ECDSA signature.
    Bytes high = sig;
    const U256 s = U256::from_be32(sig.data() + 32);
    (crypto::kSecp256k1N - s).to_be32(high.data() + 32);
    high[64] ^= 1;
    EXPECT_EQ(code(verify_message_signature(m, high, address_of(seq))), errc::bad_signature);
    Bytes zero(65, 0);
    EXPECT_EQ(code(verify_message_signature(m, zero, address_of(seq))), errc::bad_signature);
}

TEST(Signature, SequencerSetPicksTheSourceChain) {
    const auto a = key(0x11);
    const auto b = key(0x22);
    SequencerSet set;
    set.set(U256{120001}, address_of(a));
    set.set(U256{120003}, address_of(b));
    auto m = test::sample_message();
    EXPECT_EQ(code(set.verify(m, sign_message(m, a))), "ok");
    EXPECT_EQ(code(set.verify(m, sign_message(m, b))), errc::wrong_signer);
    m.source_chain_id = U256{120003};
    EXPECT_EQ(code(set.verify(m, sign_message(m, b))), "ok");
    m.source_chain_id = U256{999};
    EXPECT_EQ(code(set.verify(m, sign_message(m, a))), errc::unknown_source);
}

TEST(ReplayGuard, RefusesDuplicatesExpiredAndForeign) {
    ReplayGuard guard(U256{120002});
    const auto m = test::sample_message(1);
    const U256 deadline{1000};
    EXPECT_EQ(code(guard.accept(m, deadline, 900)), "ok");
    EXPECT_TRUE(guard.seen(m));
    EXPECT_EQ(code(guard.accept(m, deadline, 901)), errc::replayed);
    EXPECT_EQ(code(guard.check(m, deadline, 901)), errc::replayed);

    // Each key component makes a distinct message.
    auto other_nonce = test::sample_message(2);
    EXPECT_EQ(code(guard.accept(other_nonce, deadline, 900)), "ok");
    auto other_sender = m;
    other_sender.sender[0] ^= 1;
    EXPECT_EQ(code(guard.accept(other_sender, deadline, 900)), "ok");
    auto other_source = m;
    other_source.source_chain_id = U256{120009};
    EXPECT_EQ(code(guard.accept(other_source, deadline, 900)), "ok");
    // Same key with a different payload is still a replay.
    auto other_payload = m;
    other_payload.payload.push_back(1);
    EXPECT_EQ(code(guard.accept(other_payload, deadline, 900)), errc::replayed);

    auto late = test::sample_message(3);
    EXPECT_EQ(code(guard.accept(late, deadline, 1001)), errc::expired);
    EXPECT_EQ(code(guard.accept(late, deadline, 1000)), "ok");

    auto foreign = test::sample_message(4);
    foreign.target_chain_id = U256{5};
    EXPECT_EQ(code(guard.accept(foreign, deadline, 0)), errc::wrong_target);
    auto self = test::sample_message(5);
    self.source_chain_id = U256{120002};
    EXPECT_EQ(code(guard.accept(self, deadline, 0)), errc::same_chain);
    EXPECT_EQ(guard.size(), 5u);
}

TEST(ReplayGuard, PruneForgetsOnlyExpiredKeys) {
    ReplayGuard guard(U256{120002});
    const auto early = test::sample_message(1);
    const auto later = test::sample_message(2);
    ASSERT_TRUE(guard.accept(early, U256{100}, 0));
    ASSERT_TRUE(guard.accept(later, U256{200}, 0));
    EXPECT_EQ(guard.prune(100), 0u);  // deadline 100 has not passed at 100
    EXPECT_EQ(guard.prune(101), 1u);
    EXPECT_FALSE(guard.seen(early));
    EXPECT_TRUE(guard.seen(later));
    // The forgotten message is still refused: its deadline has passed.
    EXPECT_EQ(code(guard.accept(early, U256{100}, 101)), errc::expired);
    EXPECT_EQ(code(guard.accept(later, U256{200}, 101)), errc::replayed);
}

}  // namespace
}  // namespace luxl2::xrollup
