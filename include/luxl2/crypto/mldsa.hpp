// ML-DSA (FIPS 204, the Module-Lattice-Based Digital Signature Standard): ML-DSA-44/65/87.
//
// Keys and signatures use the FIPS 204 encodings (pkEncode, skEncode, sigEncode): the secret key is
// the expanded 2560/4032/4896-byte form; a key pair is derived from a 32-byte seed ξ. Signing
// takes the 32-byte `rnd` of FIPS 204 Algorithm 2: 32 zero bytes give the deterministic variant,
// fresh random bytes the hedged one (the registry in scheme.hpp draws them from the OS).
//
// Layers, as FIPS 204 names them:
// - internal: ML-DSA.KeyGen_internal, Sign_internal (M' used as is), Verify_internal; plus the
//   "external μ" forms that take μ = H(H(pk) ‖ M', 64) directly (ACVP / Wycheproof use both);
// - external (pure): ML-DSA.Sign / Verify with a context string of at most 255 bytes
//   (M' = 0x00 ‖ |ctx| ‖ ctx ‖ M);
// - pre-hash: HashML-DSA.Sign / Verify (M' = 0x01 ‖ |ctx| ‖ ctx ‖ OID(PH) ‖ PH(M)).
//
// Secrets: signing branches only on public data and on the outcome of each rejection round, which
// FIPS 204 §3.6.3 allows; secret coefficients never select a branch or a table index. Secret
// intermediates are wiped before returning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto::mldsa {

namespace errc {
inline constexpr std::string_view kBadSeed = "mldsa.bad_seed";                 // ξ is not 32 bytes
inline constexpr std::string_view kBadRnd = "mldsa.bad_rnd";                   // rnd is not 32 bytes
inline constexpr std::string_view kBadMu = "mldsa.bad_mu";                     // μ is not 64 bytes
inline constexpr std::string_view kBadSecretKey = "mldsa.bad_secret_key";      // length or s1/s2 out of range
inline constexpr std::string_view kBadPublicKey = "mldsa.bad_public_key";      // wrong length
inline constexpr std::string_view kBadSignature = "mldsa.bad_signature";       // wrong length
inline constexpr std::string_view kContextTooLong = "mldsa.context_too_long";  // more than 255 bytes
}  // namespace errc

enum class Level : std::uint8_t { ml_dsa_44, ml_dsa_65, ml_dsa_87 };

/// FIPS 204 Table 1 and Table 2 for one parameter set.
struct Params {
    std::string_view name;  // "ML-DSA-65"
    int k, l;               // matrix A is k × l
    int eta, tau, beta, omega;
    std::int32_t gamma1, gamma2;
    unsigned gamma1_bits;      // 1 + bitlen(γ1 − 1): bits per packed z coefficient
    unsigned w1_bits;          // bitlen((q − 1)/(2γ2) − 1): bits per packed w1 coefficient
    std::size_t ctilde_bytes;  // λ/4
    std::size_t public_key_bytes, secret_key_bytes, signature_bytes;
    unsigned nist_category;
};

[[nodiscard]] const Params& params(Level level) noexcept;

inline constexpr std::size_t kSeedBytes = 32;
inline constexpr std::size_t kRndBytes = 32;
inline constexpr std::size_t kMuBytes = 64;
inline constexpr std::size_t kMaxContextBytes = 255;

struct KeyPair {
    Bytes secret_key;  // skEncode; wipe after use
    Bytes public_key;  // pkEncode
};

/// ML-DSA.KeyGen_internal(ξ). Rejects a seed that is not 32 bytes.
[[nodiscard]] Result<KeyPair> keygen(Level level, ByteView xi);

/// μ = H(H(pk, 64) ‖ M', 64) for a public key (its tr is recomputed).
[[nodiscard]] Result<FixedBytes<64>> compute_mu(Level level, ByteView public_key, ByteView m_prime);

/// Signing from μ (the core of Sign_internal). Rejects bad lengths and secret keys whose s1/s2
/// coefficients fall outside [−η, η].
[[nodiscard]] Result<Bytes> sign_mu(Level level, ByteView secret_key, ByteView mu, ByteView rnd);
/// ML-DSA.Sign_internal(sk, M', rnd).
[[nodiscard]] Result<Bytes> sign_internal(Level level, ByteView secret_key, ByteView m_prime, ByteView rnd);
/// ML-DSA.Sign(sk, M, ctx) with the caller's rnd (zeros: deterministic).
[[nodiscard]] Result<Bytes> sign(Level level, ByteView secret_key, ByteView msg, ByteView ctx, ByteView rnd);

/// Verification from μ. false for any signature that does not verify, including malformed hint
/// encodings; an error only for a public key or signature of the wrong length.
[[nodiscard]] Result<bool> verify_mu(Level level, ByteView public_key, ByteView mu, ByteView sig);
/// ML-DSA.Verify_internal(pk, M', σ).
[[nodiscard]] Result<bool> verify_internal(Level level, ByteView public_key, ByteView m_prime, ByteView sig);
/// ML-DSA.Verify(pk, M, σ, ctx). A context over 255 bytes is an error.
[[nodiscard]] Result<bool> verify(Level level, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx);

/// The pre-hash functions HashML-DSA accepts (FIPS 204 §5.4.1), each with its OID.
enum class PreHash : std::uint8_t { sha256, sha384, sha512, sha3_256, sha3_512, shake128, shake256 };

/// HashML-DSA.Sign(sk, M, ctx, PH) with the caller's rnd.
[[nodiscard]] Result<Bytes> hash_sign(Level level, ByteView secret_key, ByteView msg, ByteView ctx, PreHash ph,
                                      ByteView rnd);
/// HashML-DSA.Verify(pk, M, σ, ctx, PH).
[[nodiscard]] Result<bool> hash_verify(Level level, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx,
                                       PreHash ph);

}  // namespace luxl2::crypto::mldsa
