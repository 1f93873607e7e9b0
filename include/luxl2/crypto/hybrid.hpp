// The hybrid signature `hybrid-secp256k1-ml-dsa-65`: a secp256k1 ECDSA signature and an ML-DSA-65
// signature over the same domain-separated message; both must verify (LP-505 HybridSignature with
// requireBoth = true). Byte layouts: docs/format/signatures.md.
#pragma once

#include <cstddef>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto::hybrid {

namespace errc {
inline constexpr std::string_view kBadSeed = "hybrid.bad_seed";
inline constexpr std::string_view kBadSecretKey = "hybrid.bad_secret_key";
inline constexpr std::string_view kBadPublicKey = "hybrid.bad_public_key";
inline constexpr std::string_view kBadSignature = "hybrid.bad_signature";
inline constexpr std::string_view kContextTooLong = "hybrid.context_too_long";
}  // namespace errc

/// Domain tag that starts the signed message D = tag ‖ u8(|ctx|) ‖ ctx ‖ msg.
inline constexpr std::string_view kDomainTag = "luxl2/hybrid-secp256k1-ml-dsa-65/v1";

inline constexpr std::size_t kSeedBytes = 32 + 32;         // secp256k1 secret ‖ ML-DSA ξ
inline constexpr std::size_t kSecretKeyBytes = 32 + 4032;  // secp256k1 secret ‖ ML-DSA-65 sk
inline constexpr std::size_t kPublicKeyBytes = 64 + 1952;  // secp256k1 x ‖ y ‖ ML-DSA-65 pk
inline constexpr std::size_t kSignatureBytes = 65 + 3309;  // r ‖ s ‖ v ‖ ML-DSA-65 signature
inline constexpr std::size_t kMaxContextBytes = 255;

struct KeyPair {
    Bytes secret_key;
    Bytes public_key;
};

/// The message both components sign: tag ‖ u8(|ctx|) ‖ ctx ‖ msg. Rejects ctx over 255 bytes.
[[nodiscard]] Result<Bytes> domain_message(ByteView msg, ByteView ctx);

/// Rejects a seed that is not 64 bytes or whose first half is not a valid secp256k1 secret.
[[nodiscard]] Result<KeyPair> keygen(ByteView seed);
/// ECDSA (RFC 6979, low s) over keccak256(D) and pure ML-DSA-65 over D (empty ML-DSA context);
/// `rnd` is ML-DSA's 32-byte rnd (zeros: deterministic).
[[nodiscard]] Result<Bytes> sign(ByteView secret_key, ByteView msg, ByteView ctx, ByteView rnd);
/// true only when both signatures verify.
[[nodiscard]] Result<bool> verify(ByteView public_key, ByteView msg, ByteView sig, ByteView ctx);

}  // namespace luxl2::crypto::hybrid
