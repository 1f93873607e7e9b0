// LP-505 signQuantumResistant / verifyQuantumSignature / createHybridSignature and the hybrid
// verifier: the domain-separated message, requireBoth semantics, algorithm mapping and refusals.
#include "luxl2/format/quantum_sig.hpp"

#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/mldsa.hpp"

namespace luxl2::format {
namespace {

using namespace luxl2::literals;

crypto::KeyPair keypair(std::string_view scheme, std::uint8_t fill) {
    const auto* s = crypto::find_scheme(scheme);
    Bytes seed(s->seed_size, fill);
    return *s->keygen(seed);
}

crypto::SecretKey ecdsa_key() {
    return std::move(
        *crypto::SecretKey::from_bytes("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"_hex));
}

Address ecdsa_address() {
    return crypto::to_address(crypto::public_key(ecdsa_key()));
}

const Hash32 kMsg = crypto::keccak256(Bytes{'q', 'u', 'a', 'n', 't', 'u', 'm'});

TEST(QuantumSig, Dilithium3SignsTheDomainSeparatedMessage) {
    const auto kp = keypair("ml-dsa-65", 7);
    auto sig = sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kDilithium3, kp, {}, true);
    ASSERT_TRUE(sig) << sig.error().to_string();
    EXPECT_EQ(sig->algorithm, PostQuantumAlgorithm::kDilithium3);
    EXPECT_EQ(sig->public_key, kp.public_key);
    EXPECT_EQ(sig->signature.size(), 3309u);  // LP-505's test asks for > 2000 bytes
    EXPECT_EQ(sig->security_level, U256(3));  // ML-DSA-65: NIST category 3
    EXPECT_TRUE(*verify_quantum_signature(kMsg, *sig));

    // It is pure ML-DSA-65 over D(m) = tag ‖ m with an empty context, nothing else.
    Bytes d(kQuantumDomainTag.begin(), kQuantumDomainTag.end());
    append(d, kMsg);
    EXPECT_EQ(quantum_message(kMsg), d);
    EXPECT_TRUE(*crypto::mldsa::verify(crypto::mldsa::Level::ml_dsa_65, kp.public_key, d, sig->signature, {}));
    EXPECT_FALSE(*crypto::mldsa::verify(crypto::mldsa::Level::ml_dsa_65, kp.public_key, kMsg, sig->signature, {}));

    // Deterministic signing is reproducible; hedged signing is not, and both verify.
    EXPECT_EQ(sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kDilithium3, kp, {}, true)->signature, sig->signature);
    auto hedged = sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kDilithium3, kp);
    EXPECT_NE(hedged->signature, sig->signature);
    EXPECT_TRUE(*verify_quantum_signature(kMsg, *hedged));
}

TEST(QuantumSig, TamperingInvalidates) {
    const auto kp = keypair("ml-dsa-65", 8);
    const auto sig = *sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kDilithium3, kp, {}, true);
    Hash32 other = kMsg;
    other[0] ^= 1;
    EXPECT_FALSE(*verify_quantum_signature(other, sig));
    auto bad = sig;
    bad.signature[100] ^= 0x10;
    EXPECT_FALSE(*verify_quantum_signature(kMsg, bad));
    bad = sig;
    bad.public_key = keypair("ml-dsa-65", 9).public_key;
    EXPECT_FALSE(*verify_quantum_signature(kMsg, bad));
    // Malformed rather than invalid: a level that is not the scheme's, lengths of no set.
    bad = sig;
    bad.security_level = U256(5);
    EXPECT_EQ(verify_quantum_signature(kMsg, bad).error().code, quantum_errc::level_mismatch);
    bad = sig;
    bad.signature.pop_back();
    EXPECT_EQ(verify_quantum_signature(kMsg, bad).error().code, crypto::errc::kPqNoParameterSet);
    // A deployment's minimum category (LP-505 "Quantum Security").
    EXPECT_EQ(verify_quantum_signature(kMsg, sig, 5).error().code, quantum_errc::weak);
    EXPECT_TRUE(*verify_quantum_signature(kMsg, sig, 3));
}

TEST(QuantumSig, SphincsShake256ResolvesTheSetByLengths) {
    const auto kp = keypair("slh-dsa-shake-128f", 3);
    auto sig = sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kSphincsShake256, kp, "128f", true);
    ASSERT_TRUE(sig) << sig.error().to_string();
    EXPECT_EQ(sig->signature.size(), 17088u);
    EXPECT_EQ(sig->security_level, U256(1));
    EXPECT_EQ((*quantum_scheme(*sig))->name, "slh-dsa-shake-128f");
    EXPECT_TRUE(*verify_quantum_signature(kMsg, *sig));
    Hash32 other = kMsg;
    other[31] ^= 0x80;
    EXPECT_FALSE(*verify_quantum_signature(other, *sig));
    // A key of another set is refused before signing.
    EXPECT_EQ(sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kSphincsShake256, kp, "192s").error().code,
              quantum_errc::bad_key);
}

TEST(QuantumSig, RefusedAlgorithmsSayWhy) {
    const auto kp = keypair("ml-dsa-65", 1);
    auto falcon = sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kFalcon512, kp);
    ASSERT_FALSE(falcon);
    EXPECT_EQ(falcon.error().code, crypto::errc::kPqNotImplemented);
    auto rainbow = sign_quantum_resistant(kMsg, PostQuantumAlgorithm::kRainbow, kp);
    ASSERT_FALSE(rainbow);
    EXPECT_EQ(rainbow.error().code, crypto::errc::kPqBroken);
    EXPECT_NE(rainbow.error().message.find("2022"), std::string::npos);
    QuantumSignature mc{PostQuantumAlgorithm::kMcEliece, kp.public_key, Bytes(3309, 1), U256(3)};
    auto v = verify_quantum_signature(kMsg, mc);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, crypto::errc::kPqNotASignature);
    EXPECT_NE(v.error().message.find("key-encapsulation"), std::string::npos);
    QuantumSignature unknown{static_cast<PostQuantumAlgorithm>(9), kp.public_key, Bytes(3309, 1), U256(3)};
    EXPECT_EQ(verify_quantum_signature(kMsg, unknown).error().code, crypto::errc::kPqUnknownAlgorithm);
}

TEST(QuantumSig, HybridBothHalvesOverTheSameMessage) {
    const auto pq = keypair("ml-dsa-65", 4);
    auto h = create_hybrid_signature(kMsg, ecdsa_key(), PostQuantumAlgorithm::kDilithium3, pq, {}, true);
    ASSERT_TRUE(h) << h.error().to_string();
    EXPECT_TRUE(h->require_both);
    EXPECT_EQ(h->classical_sig.size(), 65u);
    // Each half verifies on its own over the same message (LP-505's test).
    EXPECT_EQ(recover_classical(kMsg, h->classical_sig), ecdsa_address());
    EXPECT_TRUE(*verify_quantum_signature(kMsg, h->quantum_sig));
    auto v = verify_hybrid_signature(kMsg, *h, ecdsa_address(), pq.public_key);
    ASSERT_TRUE(v) << v.error().to_string();
    EXPECT_TRUE(v->classical && v->quantum && v->valid);
    // The ECDSA half signs keccak256(D(m)), not m: it is no Ethereum signature of m.
    const crypto::RecoverableSignature raw{U256::from_be32(h->classical_sig.data()),
                                           U256::from_be32(h->classical_sig.data() + 32), h->classical_sig[64]};
    auto direct = crypto::recover(kMsg, raw);
    EXPECT_TRUE(!direct || crypto::to_address(*direct) != ecdsa_address());
}

TEST(QuantumSig, RequireBothMeansBothOtherwiseEither) {
    const auto pq = keypair("ml-dsa-65", 5);
    const auto good = *create_hybrid_signature(kMsg, ecdsa_key(), PostQuantumAlgorithm::kDilithium3, pq, {}, true);
    auto broken_classical = good;
    broken_classical.classical_sig[10] ^= 1;
    auto broken_quantum = good;
    broken_quantum.quantum_sig.signature[10] ^= 1;
    auto broken_both = broken_classical;
    broken_both.quantum_sig = broken_quantum.quantum_sig;

    auto check = [&](HybridSignature s, bool require_both) {
        s.require_both = require_both;
        auto v = verify_hybrid_signature(kMsg, s, ecdsa_address(), pq.public_key);
        EXPECT_TRUE(v) << v.error().to_string();
        return v ? v->valid : false;
    };
    EXPECT_TRUE(check(good, true));
    EXPECT_FALSE(check(broken_classical, true));
    EXPECT_FALSE(check(broken_quantum, true));
    EXPECT_FALSE(check(broken_both, true));
    EXPECT_TRUE(check(good, false));
    EXPECT_TRUE(check(broken_classical, false));
    EXPECT_TRUE(check(broken_quantum, false));
    EXPECT_FALSE(check(broken_both, false));

    // Either half must name the expected signer: a self-made PQ key or another ECDSA key does not count.
    const auto stranger = keypair("ml-dsa-65", 6);
    auto v = verify_hybrid_signature(kMsg, good, ecdsa_address(), stranger.public_key);
    EXPECT_TRUE(v->classical && !v->quantum && !v->valid);
    auto lax = broken_classical;
    lax.require_both = false;
    EXPECT_FALSE(verify_hybrid_signature(kMsg, lax, ecdsa_address(), stranger.public_key)->valid);
    v = verify_hybrid_signature(kMsg, good, Address{}, pq.public_key);
    EXPECT_TRUE(!v->classical && v->quantum && !v->valid);

    // Without requireBoth the classical half may be absent; with it, it may not.
    auto pq_only = good;
    pq_only.classical_sig.clear();
    pq_only.require_both = false;
    EXPECT_TRUE(verify_hybrid_signature(kMsg, pq_only, ecdsa_address(), pq.public_key)->valid);
    pq_only.require_both = true;
    EXPECT_EQ(verify_hybrid_signature(kMsg, pq_only, ecdsa_address(), pq.public_key).error().code,
              quantum_errc::malformed);

    // A high-s classical half (the malleated twin) is refused.
    auto high_s = good;
    const U256 s = crypto::kSecp256k1N - U256::from_be32(good.classical_sig.data() + 32);
    s.to_be32(high_s.classical_sig.data() + 32);
    high_s.classical_sig[64] ^= 1;
    EXPECT_FALSE(recover_classical(kMsg, high_s.classical_sig));
}

}  // namespace
}  // namespace luxl2::format
