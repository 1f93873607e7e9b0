#include "luxl2/crypto/scheme.hpp"

#include <array>
#include <string>

#include "luxl2/crypto/bls12_381.hpp"
#include "luxl2/crypto/hybrid.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/mldsa.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/crypto/slhdsa.hpp"
#include "os_random.hpp"

namespace luxl2::crypto {
namespace {

// secp256k1 over keccak256(msg), Ethereum style: 65-byte r ‖ s ‖ recid signatures, 64-byte x ‖ y keys.
Result<KeyPair> secp_keygen(ByteView seed) {
    LUXL2_TRY(sk, SecretKey::from_bytes(seed));
    KeyPair kp;
    kp.secret_key.assign(sk.data(), sk.data() + 32);
    const auto pub = public_key(sk);
    kp.public_key.assign(pub.bytes.begin(), pub.bytes.end());
    return kp;
}

Result<Bytes> secp_sign(ByteView secret, ByteView msg, ByteView ctx, bool) {
    if (!ctx.empty()) return fail("sig.context_unsupported", "secp256k1 takes no context string");
    LUXL2_TRY(sk, SecretKey::from_bytes(secret));
    const auto sig = sign_recoverable(keccak256(msg), sk);
    Bytes out(65);
    sig.r.to_be32(out.data());
    sig.s.to_be32(out.data() + 32);
    out[64] = sig.recid;
    return out;
}

Result<bool> secp_verify(ByteView pub, ByteView msg, ByteView sig, ByteView ctx) {
    if (!ctx.empty()) return fail("sig.context_unsupported", "secp256k1 takes no context string");
    PublicKey pk;
    if (pub.size() == 64) {
        pk = PublicKey::from_view(pub);
        std::array<std::uint8_t, 65> sec1{};
        sec1[0] = 0x04;
        std::copy(pub.begin(), pub.end(), sec1.begin() + 1);
        LUXL2_TRY(checked, parse_public_key(sec1));
        pk = checked;
    } else {
        LUXL2_TRY(parsed, parse_public_key(pub));
        pk = parsed;
    }
    if (sig.size() != 64 && sig.size() != 65)
        return fail("sig.malformed", "a secp256k1 signature is r ‖ s (64 bytes) or r ‖ s ‖ v (65 bytes)");
    return verify(keccak256(msg), U256::from_be32(sig.data()), U256::from_be32(sig.data() + 32), pk, false);
}

constexpr SignatureScheme kSecp256k1{"secp256k1", 1, false, false, 32, 64, 65, secp_keygen, secp_sign, secp_verify};

// ML-DSA (FIPS 204): seed ξ (32 bytes), expanded secret key, pure signing with a context string;
// hedged by default, rnd = 0^32 when deterministic.
template <mldsa::Level L>
Result<KeyPair> mldsa_keygen(ByteView seed) {
    LUXL2_TRY(kp, mldsa::keygen(L, seed));
    return KeyPair{std::move(kp.secret_key), std::move(kp.public_key)};
}

template <mldsa::Level L>
Result<Bytes> mldsa_sign(ByteView secret, ByteView msg, ByteView ctx, bool deterministic) {
    std::array<std::uint8_t, mldsa::kRndBytes> rnd{};
    if (!deterministic) os_random(rnd);
    auto sig = mldsa::sign(L, secret, msg, ctx, rnd);
    secure_wipe(rnd.data(), rnd.size());
    return sig;
}

template <mldsa::Level L>
Result<bool> mldsa_verify(ByteView pub, ByteView msg, ByteView sig, ByteView ctx) {
    return mldsa::verify(L, pub, msg, sig, ctx);
}

template <mldsa::Level L>
constexpr SignatureScheme mldsa_scheme(std::string_view name, unsigned level, std::size_t pk, std::size_t sig) {
    return {name, level, true, true, mldsa::kSeedBytes, pk, sig, mldsa_keygen<L>, mldsa_sign<L>, mldsa_verify<L>};
}

constexpr SignatureScheme kMlDsa44 = mldsa_scheme<mldsa::Level::ml_dsa_44>("ml-dsa-44", 2, 1312, 2420);
constexpr SignatureScheme kMlDsa65 = mldsa_scheme<mldsa::Level::ml_dsa_65>("ml-dsa-65", 3, 1952, 3309);
constexpr SignatureScheme kMlDsa87 = mldsa_scheme<mldsa::Level::ml_dsa_87>("ml-dsa-87", 5, 2592, 4627);

// SLH-DSA (FIPS 205): seed SK.seed ‖ SK.prf ‖ PK.seed (3n bytes), pure signing with a context string;
// randomised by default (addrnd of n fresh bytes), opt_rand = PK.seed when deterministic.
template <slhdsa::ParamSet P>
Result<KeyPair> slhdsa_keygen(ByteView seed) {
    LUXL2_TRY(kp, slhdsa::keygen(P, seed));
    return KeyPair{std::move(kp.secret_key), std::move(kp.public_key)};
}

template <slhdsa::ParamSet P>
Result<Bytes> slhdsa_sign(ByteView secret, ByteView msg, ByteView ctx, bool deterministic) {
    std::array<std::uint8_t, 32> addrnd{};
    const std::size_t n = slhdsa::params(P).n;
    if (!deterministic) os_random(std::span<std::uint8_t>(addrnd.data(), n));
    auto sig = slhdsa::sign(P, secret, msg, ctx, deterministic ? ByteView{} : ByteView(addrnd.data(), n));
    secure_wipe(addrnd.data(), addrnd.size());
    return sig;
}

template <slhdsa::ParamSet P>
Result<bool> slhdsa_verify(ByteView pub, ByteView msg, ByteView sig, ByteView ctx) {
    const auto& p = slhdsa::params(P);
    if (sig.size() != p.signature_bytes)
        return fail("sig.malformed", "an " + std::string(p.name) + " signature is " +
                                         std::to_string(p.signature_bytes) + " bytes, got " +
                                         std::to_string(sig.size()));
    return slhdsa::verify(P, pub, msg, sig, ctx);
}

template <slhdsa::ParamSet P>
constexpr SignatureScheme slhdsa_scheme(std::string_view name) {
    constexpr unsigned n = P == slhdsa::ParamSet::sha2_128s || P == slhdsa::ParamSet::sha2_128f ||
                                   P == slhdsa::ParamSet::shake_128s || P == slhdsa::ParamSet::shake_128f
                               ? 16
                           : P == slhdsa::ParamSet::sha2_192s || P == slhdsa::ParamSet::sha2_192f ||
                                   P == slhdsa::ParamSet::shake_192s || P == slhdsa::ParamSet::shake_192f
                               ? 24
                               : 32;
    constexpr bool small = P == slhdsa::ParamSet::sha2_128s || P == slhdsa::ParamSet::sha2_192s ||
                           P == slhdsa::ParamSet::sha2_256s || P == slhdsa::ParamSet::shake_128s ||
                           P == slhdsa::ParamSet::shake_192s || P == slhdsa::ParamSet::shake_256s;
    constexpr std::size_t sig = n == 16   ? (small ? 7856 : 17088)
                                : n == 24 ? (small ? 16224 : 35664)
                                          : (small ? 29792 : 49856);
    return {name,
            n == 16   ? 1u
            : n == 24 ? 3u
                      : 5u,
            true,
            true,
            3 * n,
            2 * n,
            sig,
            slhdsa_keygen<P>,
            slhdsa_sign<P>,
            slhdsa_verify<P>};
}

using enum slhdsa::ParamSet;
constexpr SignatureScheme kSlhShake128s = slhdsa_scheme<shake_128s>("slh-dsa-shake-128s");
constexpr SignatureScheme kSlhShake128f = slhdsa_scheme<shake_128f>("slh-dsa-shake-128f");
constexpr SignatureScheme kSlhShake192s = slhdsa_scheme<shake_192s>("slh-dsa-shake-192s");
constexpr SignatureScheme kSlhShake192f = slhdsa_scheme<shake_192f>("slh-dsa-shake-192f");
constexpr SignatureScheme kSlhShake256s = slhdsa_scheme<shake_256s>("slh-dsa-shake-256s");
constexpr SignatureScheme kSlhShake256f = slhdsa_scheme<shake_256f>("slh-dsa-shake-256f");
constexpr SignatureScheme kSlhSha2_128s = slhdsa_scheme<sha2_128s>("slh-dsa-sha2-128s");
constexpr SignatureScheme kSlhSha2_128f = slhdsa_scheme<sha2_128f>("slh-dsa-sha2-128f");
constexpr SignatureScheme kSlhSha2_192s = slhdsa_scheme<sha2_192s>("slh-dsa-sha2-192s");
constexpr SignatureScheme kSlhSha2_192f = slhdsa_scheme<sha2_192f>("slh-dsa-sha2-192f");
constexpr SignatureScheme kSlhSha2_256s = slhdsa_scheme<sha2_256s>("slh-dsa-sha2-256s");
constexpr SignatureScheme kSlhSha2_256f = slhdsa_scheme<sha2_256f>("slh-dsa-sha2-256f");

// secp256k1 + ML-DSA-65, both required (docs/format/signatures.md).
Result<KeyPair> hybrid_keygen(ByteView seed) {
    LUXL2_TRY(kp, hybrid::keygen(seed));
    return KeyPair{std::move(kp.secret_key), std::move(kp.public_key)};
}

Result<Bytes> hybrid_sign(ByteView secret, ByteView msg, ByteView ctx, bool deterministic) {
    std::array<std::uint8_t, 32> rnd{};
    if (!deterministic) os_random(rnd);
    auto sig = hybrid::sign(secret, msg, ctx, rnd);
    secure_wipe(rnd.data(), rnd.size());
    return sig;
}

constexpr SignatureScheme kHybridSecpMlDsa65{"hybrid-secp256k1-ml-dsa-65",
                                             3,
                                             true,
                                             true,
                                             hybrid::kSeedBytes,
                                             hybrid::kPublicKeyBytes,
                                             hybrid::kSignatureBytes,
                                             hybrid_keygen,
                                             hybrid_sign,
                                             hybrid::verify};

// BLS12-381, ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_: the seed is the KeyGen IKM
// (at least 32 bytes), 32-byte secret keys, 48-byte G1 public keys, 96-byte G2 signatures.
Result<KeyPair> bls_keygen(ByteView seed) {
    LUXL2_TRY(sk, bls::keygen(seed));
    auto pk = bls::sk_to_pk(sk);
    KeyPair kp;
    kp.secret_key.assign(sk.data(), sk.data() + sk.size());
    secure_wipe(sk.data(), sk.size());
    if (!pk) return std::unexpected(pk.error());
    kp.public_key.assign(pk->data(), pk->data() + pk->size());
    return kp;
}

Result<Bytes> bls_sign(ByteView secret, ByteView msg, ByteView ctx, bool) {
    if (!ctx.empty()) return fail("sig.context_unsupported", "bls12-381 takes no context string");
    LUXL2_TRY(sig, bls::sign(secret, msg));
    return Bytes(sig.data(), sig.data() + sig.size());
}

Result<bool> bls_verify(ByteView pub, ByteView msg, ByteView sig, ByteView ctx) {
    if (!ctx.empty()) return fail("sig.context_unsupported", "bls12-381 takes no context string");
    return bls::verify(pub, msg, sig);
}

constexpr SignatureScheme kBls12381{"bls12-381", 1, false, false, 0, 48, 96, bls_keygen, bls_sign, bls_verify};

// New schemes add their descriptor here.
constexpr std::array<const SignatureScheme*, 18> kSchemes = {
    &kSecp256k1,    &kBls12381,     &kMlDsa44,      &kMlDsa65,      &kMlDsa87,      &kSlhShake128s,
    &kSlhShake128f, &kSlhShake192s, &kSlhShake192f, &kSlhShake256s, &kSlhShake256f, &kSlhSha2_128s,
    &kSlhSha2_128f, &kSlhSha2_192s, &kSlhSha2_192f, &kSlhSha2_256s, &kSlhSha2_256f, &kHybridSecpMlDsa65,
};

}  // namespace

std::span<const SignatureScheme* const> signature_schemes() noexcept {
    return kSchemes;
}

const SignatureScheme* find_scheme(std::string_view name) noexcept {
    for (const auto* s : kSchemes)
        if (s->name == name) return s;
    return nullptr;
}

}  // namespace luxl2::crypto
