// LP-505 BLS signer registry: registration with proofs of possession, the rogue-key attack, aggregates
// over 1/2/100 signers with distinct and equal messages, and tampering.
#include "luxl2/crypto/bls_registry.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2 {
namespace {

namespace bls = crypto::bls;

struct Signer {
    bls::SecretKey sk;
    bls::PublicKey pk;
    bls::Signature pop;
};

Signer make_signer(int i) {
    Bytes ikm(32, static_cast<std::uint8_t>(i));
    ikm[0] = static_cast<std::uint8_t>(i >> 8);
    Signer s;
    s.sk = *bls::keygen(ikm);
    s.pk = *bls::sk_to_pk(s.sk);
    s.pop = *bls::pop_prove(s.sk);
    return s;
}

Bytes message(int i) {
    const std::string s = "lp-505 block " + std::to_string(i);
    return {s.begin(), s.end()};
}

// `n` registered signers, signer i signing messages[i] (all equal to message(0) when `same`).
struct Signed {
    bls::SignerRegistry registry;
    std::vector<Signer> signers;
    std::vector<Address> addrs;
    std::vector<Bytes> msgs;
    std::vector<bls::Signature> sigs;

    Signed(int n, bool same) {
        for (int i = 0; i < n; ++i) {
            signers.push_back(make_signer(i + 1));
            auto a = registry.register_signer(signers.back().pk, signers.back().pop);
            EXPECT_TRUE(a.has_value()) << a.error().to_string();
            addrs.push_back(*a);
            msgs.push_back(message(same ? 0 : i));
            sigs.push_back(*bls::sign(signers.back().sk, msgs.back()));
        }
    }
    [[nodiscard]] std::vector<ByteView> msg_views() const { return {msgs.begin(), msgs.end()}; }
    [[nodiscard]] bls::Signature aggregate() const {
        std::vector<ByteView> v(sigs.begin(), sigs.end());
        return *bls::aggregate_signatures(v);
    }
    [[nodiscard]] Result<bool> verify(ByteView agg) const {
        const auto m = msg_views();
        return bls::verify_aggregated_signature(registry, agg, m, addrs);
    }
};

bool is_true(const Result<bool>& r) {
    return r.has_value() && *r;
}
bool is_false(const Result<bool>& r) {
    return r.has_value() && !*r;
}

TEST(BlsRegistry, AddressIsLast20BytesOfKeccakOfCompressedKey) {
    const auto s = make_signer(1);
    const Hash32 h = crypto::keccak256(s.pk.view());
    const Address a = bls::signer_address(s.pk);
    EXPECT_TRUE(std::equal(a.bytes.begin(), a.bytes.end(), h.bytes.begin() + 12));
    bls::SignerRegistry reg;
    auto r = reg.register_signer(s.pk, s.pop);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(*r, a);
    EXPECT_EQ(reg.size(), 1u);
    ASSERT_TRUE(reg.public_key(a).has_value());
    EXPECT_EQ(*reg.public_key(a), s.pk);
    EXPECT_TRUE(reg.contains(a));
}

TEST(BlsRegistry, RegistrationRequiresValidPop) {
    const auto a = make_signer(1), b = make_signer(2);
    bls::SignerRegistry reg;
    // b's PoP under a's key.
    auto r = reg.register_signer(a.pk, b.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryBadPop);
    // An ordinary signature over the key (signature DST, not the PoP DST) is not a PoP.
    auto wrong_dst = *bls::sign(a.sk, a.pk);
    r = reg.register_signer(a.pk, wrong_dst);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryBadPop);
    // Malformed PoP bytes.
    auto short_pop = Bytes(a.pop.bytes.begin(), a.pop.bytes.end() - 1);
    r = reg.register_signer(a.pk, short_pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kLength);
    EXPECT_EQ(reg.size(), 0u);
    EXPECT_FALSE(reg.contains(bls::signer_address(a.pk)));
    // The right PoP.
    r = reg.register_signer(a.pk, a.pop);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_EQ(reg.size(), 1u);
}

TEST(BlsRegistry, RejectsDuplicateAndMalformedKeys) {
    const auto a = make_signer(1);
    bls::SignerRegistry reg;
    ASSERT_TRUE(reg.register_signer(a.pk, a.pop).has_value());
    auto r = reg.register_signer(a.pk, a.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryDuplicate);
    EXPECT_EQ(reg.size(), 1u);

    r = reg.register_signer(ByteView(a.pk).first(47), a.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kLength);

    bls::PublicKey infinity;  // compressed identity: 0xc0 then zeros
    infinity[0] = 0xc0;
    r = reg.register_signer(infinity, a.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kInfinityKey);

    bls::PublicKey uncompressed_flag = a.pk;
    uncompressed_flag[0] = static_cast<std::uint8_t>(uncompressed_flag[0] & 0x7f);
    r = reg.register_signer(uncompressed_flag, a.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kFlags);

    // x = 2^381 - 1 >= p.
    bls::PublicKey bad;
    bad[0] = 0x9f;
    for (std::size_t i = 1; i < bad.size(); ++i) bad[i] = 0xff;
    r = reg.register_signer(bad, a.pop);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kCoordinate);
    EXPECT_EQ(reg.size(), 1u);
}

// The rogue-key attack: Mallory knows the honest key pk_A and publishes pk_M = x·G - pk_A, so that
// pk_A + pk_M = x·G and a signature by x alone passes FastAggregateVerify for {A, M}. Without a PoP
// check that forgery verifies; the registry refuses pk_M, so it cannot be named as a signer.
TEST(BlsRegistry, RogueKeyCannotRegisterOrForge) {
    const auto alice = make_signer(1), mallory = make_signer(66);
    bls::SignerRegistry reg;
    const Address alice_addr = *reg.register_signer(alice.pk, alice.pop);

    bls::PublicKey neg_alice = alice.pk;
    neg_alice[0] ^= 0x20;  // the sign flag of a compressed G1 point: -P
    const std::vector<ByteView> parts{mallory.pk, neg_alice};
    const bls::PublicKey rogue = *bls::aggregate_public_keys(parts);

    const Bytes msg = message(7);
    const bls::Signature forged = *bls::sign(mallory.sk, msg);  // Mallory alone
    // The attack is real on unchecked keys:
    const std::vector<ByteView> raw{alice.pk, rogue};
    ASSERT_TRUE(is_true(bls::fast_aggregate_verify(raw, msg, forged)));

    // Mallory cannot produce a PoP for the rogue key: her own PoP, a PoP by x over the rogue bytes
    // with the signature DST, or Alice's PoP all fail.
    for (const bls::Signature& pop : {mallory.pop, *bls::sign(mallory.sk, rogue), alice.pop}) {
        auto r = reg.register_signer(rogue, pop);
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, bls::errc::kRegistryBadPop);
    }
    const Address rogue_addr = bls::signer_address(rogue);
    EXPECT_FALSE(reg.contains(rogue_addr));

    const std::vector<ByteView> msgs{msg, msg};
    const std::vector<Address> who{alice_addr, rogue_addr};
    auto r = bls::verify_aggregated_signature(reg, forged, msgs, who);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryUnknown);
    // Naming Alice alone does not help either.
    const std::vector<ByteView> one{msg};
    const std::vector<Address> just_alice{alice_addr};
    EXPECT_TRUE(is_false(bls::verify_aggregated_signature(reg, forged, one, just_alice)));
}

std::string param_name(const ::testing::TestParamInfo<std::tuple<int, bool>>& p) {
    return "n" + std::to_string(std::get<0>(p.param)) + (std::get<1>(p.param) ? "_same" : "_distinct");
}

class BlsRegistryAggregate : public ::testing::TestWithParam<std::tuple<int, bool>> {};

TEST_P(BlsRegistryAggregate, VerifiesAndDetectsTampering) {
    const auto [n, same] = GetParam();
    const Signed s(n, same);
    const bls::Signature agg = s.aggregate();
    EXPECT_TRUE(is_true(s.verify(agg)));

    // The aggregate of one signature is that signature.
    if (n == 1) {
        EXPECT_EQ(agg, s.sigs[0]);
    }

    // A flipped bit in the aggregate: either no longer a valid point (Error) or it does not verify.
    for (std::size_t bit : {std::size_t{8 * 95}, std::size_t{8 * 40 + 3}}) {
        bls::Signature t = agg;
        t[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(is_true(s.verify(t)));
    }

    // A flipped bit in one message.
    {
        Signed t = s;
        t.msgs[static_cast<std::size_t>(n) / 2][0] ^= 1;
        EXPECT_TRUE(is_false(t.verify(agg)));
    }

    if (n >= 2) {
        // Swapped message order (distinct messages only: equal ones swap to the same list).
        if (!same) {
            Signed t = s;
            std::swap(t.msgs[0], t.msgs[1]);
            EXPECT_TRUE(is_false(t.verify(agg)));
        }
        // A dropped signer (its signature still inside the aggregate).
        {
            Signed t = s;
            t.addrs.pop_back();
            t.msgs.pop_back();
            EXPECT_TRUE(is_false(t.verify(agg)));
        }
        // A dropped signature (the signer still named).
        {
            std::vector<ByteView> v(s.sigs.begin(), s.sigs.end() - 1);
            const auto partial = *bls::aggregate_signatures(v);
            EXPECT_TRUE(is_false(s.verify(partial)));
        }
        // A signer replaced by another registered signer.
        {
            Signed t = s;
            t.addrs[0] = t.addrs[1];
            EXPECT_TRUE(is_false(t.verify(agg)));
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Signers, BlsRegistryAggregate,
                         ::testing::Combine(::testing::Values(1, 2, 100), ::testing::Bool()), param_name);

TEST(BlsRegistry, PartlyRepeatedMessagesUseAggregateVerify) {
    bls::SignerRegistry reg;
    std::vector<Address> addrs;
    std::vector<Bytes> msgs{message(1), message(1), message(2)};
    std::vector<bls::Signature> sigs;
    for (int i = 0; i < 3; ++i) {
        const auto s = make_signer(i + 10);
        addrs.push_back(*reg.register_signer(s.pk, s.pop));
        sigs.push_back(*bls::sign(s.sk, msgs[static_cast<std::size_t>(i)]));
    }
    const std::vector<ByteView> sv(sigs.begin(), sigs.end()), mv(msgs.begin(), msgs.end());
    const auto agg = *bls::aggregate_signatures(sv);
    EXPECT_TRUE(is_true(bls::verify_aggregated_signature(reg, agg, mv, addrs)));
    // The same signer twice over the same message: its signature must then be in the aggregate twice.
    const std::vector<Address> twice{addrs[0], addrs[0]};
    const std::vector<ByteView> mm{msgs[0], msgs[0]};
    const std::vector<ByteView> two{sigs[0], sigs[0]};
    EXPECT_TRUE(is_true(bls::verify_aggregated_signature(reg, *bls::aggregate_signatures(two), mm, twice)));
    EXPECT_TRUE(is_false(bls::verify_aggregated_signature(reg, sigs[0], mm, twice)));
}

TEST(BlsRegistry, MalformedInputsAreErrors) {
    const Signed s(2, false);
    const auto agg = s.aggregate();
    const auto m = s.msg_views();

    auto r = bls::verify_aggregated_signature(s.registry, agg, {}, {});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryEmpty);

    r = bls::verify_aggregated_signature(s.registry, agg, m, std::span<const Address>(s.addrs).first(1));
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryCount);

    std::vector<Address> unknown = s.addrs;
    unknown[1][0] ^= 1;
    r = bls::verify_aggregated_signature(s.registry, agg, m, unknown);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kRegistryUnknown);

    r = bls::verify_aggregated_signature(s.registry, ByteView(agg).first(95), m, s.addrs);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, bls::errc::kLength);

    // aggregateSignatures: empty, short, and a point off the subgroup/curve.
    auto a = bls::aggregate_signatures({});
    ASSERT_FALSE(a.has_value());
    EXPECT_EQ(a.error().code, bls::errc::kRegistryEmpty);
    const ByteView short_view = ByteView(s.sigs[0]).first(95);
    const std::vector<ByteView> short_sig{short_view};
    a = bls::aggregate_signatures(short_sig);
    ASSERT_FALSE(a.has_value());
    EXPECT_EQ(a.error().code, bls::errc::kLength);
    bls::Signature junk = s.sigs[0];
    for (std::size_t i = 1; i < junk.size(); ++i) junk[i] = static_cast<std::uint8_t>(i * 7);
    const std::vector<ByteView> junk_sig{s.sigs[1], junk};
    a = bls::aggregate_signatures(junk_sig);
    ASSERT_FALSE(a.has_value());
    EXPECT_EQ(a.error().code.substr(0, 4), "bls.");
}

}  // namespace
}  // namespace luxl2
