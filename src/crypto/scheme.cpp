#include "luxl2/crypto/scheme.hpp"

#include <array>

#include "luxl2/crypto/bls12_381.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/secp256k1.hpp"

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
constexpr std::array<const SignatureScheme*, 2> kSchemes = {&kSecp256k1, &kBls12381};

}  // namespace

std::span<const SignatureScheme* const> signature_schemes() noexcept { return kSchemes; }

const SignatureScheme* find_scheme(std::string_view name) noexcept {
    for (const auto* s : kSchemes)
        if (s->name == name) return s;
    return nullptr;
}

}  // namespace luxl2::crypto
