#include "luxl2/crypto/hybrid.hpp"

#include <array>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/mldsa.hpp"
#include "luxl2/crypto/secp256k1.hpp"

namespace luxl2::crypto::hybrid {

namespace {
constexpr auto kLevel = mldsa::Level::ml_dsa_65;
}  // namespace

Result<Bytes> domain_message(ByteView msg, ByteView ctx) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    Bytes d(kDomainTag.begin(), kDomainTag.end());
    d.push_back(static_cast<std::uint8_t>(ctx.size()));
    append(d, ctx);
    append(d, msg);
    return d;
}

Result<KeyPair> keygen(ByteView seed) {
    if (seed.size() != kSeedBytes)
        return fail(errc::kBadSeed,
                    "a hybrid seed is 64 bytes (secp256k1 secret || ML-DSA seed), got " + std::to_string(seed.size()));
    auto sk = SecretKey::from_bytes(seed.first(32));
    if (!sk) return fail(errc::kBadSeed, "the first 32 bytes are not a valid secp256k1 secret key");
    LUXL2_TRY(pq, mldsa::keygen(kLevel, seed.subspan(32)));
    KeyPair kp;
    kp.secret_key.assign(seed.begin(), seed.begin() + 32);
    append(kp.secret_key, pq.secret_key);
    secure_wipe(pq.secret_key.data(), pq.secret_key.size());
    const auto pub = public_key(*sk);
    kp.public_key.assign(pub.bytes.begin(), pub.bytes.end());
    append(kp.public_key, pq.public_key);
    return kp;
}

Result<Bytes> sign(ByteView secret_key, ByteView msg, ByteView ctx, ByteView rnd) {
    if (secret_key.size() != kSecretKeyBytes)
        return fail(errc::kBadSecretKey, "a hybrid secret key is " + std::to_string(kSecretKeyBytes) + " bytes");
    LUXL2_TRY(d, domain_message(msg, ctx));
    auto sk = SecretKey::from_bytes(secret_key.first(32));
    if (!sk) return fail(errc::kBadSecretKey, "invalid secp256k1 secret key");
    const auto ecdsa = sign_recoverable(keccak256(d), *sk);
    LUXL2_TRY(pq, mldsa::sign(kLevel, secret_key.subspan(32), d, {}, rnd));
    Bytes sig(65);
    ecdsa.r.to_be32(sig.data());
    ecdsa.s.to_be32(sig.data() + 32);
    sig[64] = ecdsa.recid;
    append(sig, pq);
    return sig;
}

Result<bool> verify(ByteView public_key, ByteView msg, ByteView sig, ByteView ctx) {
    if (public_key.size() != kPublicKeyBytes)
        return fail(errc::kBadPublicKey, "a hybrid public key is " + std::to_string(kPublicKeyBytes) + " bytes");
    if (sig.size() != kSignatureBytes)
        return fail(errc::kBadSignature, "a hybrid signature is " + std::to_string(kSignatureBytes) + " bytes");
    LUXL2_TRY(d, domain_message(msg, ctx));
    std::array<std::uint8_t, 65> sec1{};
    sec1[0] = 0x04;
    std::copy(public_key.begin(), public_key.begin() + 64, sec1.begin() + 1);
    auto pub = parse_public_key(sec1);
    if (!pub) return fail(errc::kBadPublicKey, "the secp256k1 part is not a point on the curve");
    if (sig[64] > 1) return false;
    const bool classical =
        crypto::verify(keccak256(d), U256::from_be32(sig.data()), U256::from_be32(sig.data() + 32), *pub, false);
    LUXL2_TRY(quantum, mldsa::verify(kLevel, public_key.subspan(64), d, sig.subspan(65), {}));
    return classical && quantum;
}

}  // namespace luxl2::crypto::hybrid
