// The BLS aggregated proof: sequencers sign block hashes, the aggregate verifies against registered
// keys, and a wrong key, signer, block or proof is refused.
#include <gtest/gtest.h>

#include "luxl2/batch/bls_proof.hpp"
#include "luxl2/batch/chain.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::batch {
namespace {

namespace bls = crypto::bls;

crypto::SecretKey seq_key() {
    auto k = crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'s', 'e', 'q'}).view());
    if (!k) throw std::runtime_error("key");
    return std::move(*k);
}

bls::SecretKey bls_key(std::uint8_t tag) {
    Bytes ikm(32, tag);
    auto k = bls::keygen(ikm);
    if (!k) throw std::runtime_error("bls key");
    return *k;
}

const format::AggregationStrategy kStrategy{U256(16), U256(64u << 20), U256(0), false, true};

struct Fixture {
    std::vector<format::L2Block> blocks;
    Bytes proof;
    BlsProofVerifier verifier;
};

Fixture make(std::size_t n = 3) {
    Fixture f;
    ChainSpec spec;
    spec.blocks = n;
    f.blocks = make_chain(spec, seq_key());
    const bls::SecretKey sk = bls_key(7);
    std::vector<bls::Signature> sigs;
    for (const auto& b : f.blocks) sigs.push_back(*bls::sign(sk.view(), format::block_hash(b.header).view()));
    f.proof = *bls_aggregate_proof(sigs);
    EXPECT_TRUE(f.verifier.register_key(f.blocks.front().header.sequencer, *bls::sk_to_pk(sk.view())));
    return f;
}

TEST(BatchBls, AggregateVerifies) {
    auto f = make();
    EXPECT_EQ(f.proof.size(), bls::kSignatureSize);
    auto b = create_batch(f.blocks, kStrategy, f.proof);
    ASSERT_TRUE(b) << b.error().to_string();
    auto ok = verify_batch(*b, kStrategy, &f.verifier);
    EXPECT_TRUE(ok) << ok.error().to_string();
}

TEST(BatchBls, Refusals) {
    auto f = make();
    auto b = create_batch(f.blocks, kStrategy, f.proof);
    ASSERT_TRUE(b);
    EXPECT_EQ(verify_batch(*b, kStrategy, nullptr).error().code, errc::bad_proof);

    BlsProofVerifier other;  // a different key for the sequencer
    ASSERT_TRUE(other.register_key(f.blocks.front().header.sequencer, *bls::sk_to_pk(bls_key(8).view())));
    EXPECT_EQ(verify_batch(*b, kStrategy, &other).error().code, errc::bad_proof);

    BlsProofVerifier empty;
    EXPECT_EQ(verify_batch(*b, kStrategy, &empty).error().code, errc::unknown_signer);

    auto bad = *b;  // a proof that is not a curve point
    bad.aggregated_proof[5] ^= 0x11;
    bad.l1_submission_hash = l1_submission_hash(bad);
    EXPECT_EQ(verify_batch(bad, kStrategy, &f.verifier).error().code, errc::bad_proof);

    // A proof missing one block's signature.
    auto g = make(2);
    auto two = create_batch(f.blocks, kStrategy, g.proof);
    ASSERT_TRUE(two);
    EXPECT_EQ(verify_batch(*two, kStrategy, &f.verifier).error().code, errc::bad_proof);

    EXPECT_FALSE(f.verifier.register_key(Address{}, bls::PublicKey{}));
}

}  // namespace
}  // namespace luxl2::batch
