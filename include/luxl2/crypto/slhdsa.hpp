// SLH-DSA (FIPS 205, the Stateless Hash-Based Digital Signature Standard): the twelve parameter
// sets SLH-DSA-{SHA2,SHAKE}-{128,192,256}{s,f}.
//
// Keys use the FIPS 205 layout: secret key SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root (4n bytes), public key
// PK.seed ‖ PK.root (2n bytes); a key pair is derived from the 3n-byte seed SK.seed ‖ SK.prf ‖ PK.seed.
// Signing takes `addrnd`: n fresh random bytes for the randomised (hedged) variant, or empty for the
// deterministic variant (opt_rand = PK.seed, FIPS 205 Algorithm 19).
//
// Layers: internal (slh_sign_internal / slh_verify_internal, M used as is), pure (context string of
// at most 255 bytes, M' = 0x00 ‖ |ctx| ‖ ctx ‖ M) and pre-hash HashSLH-DSA (M' = 0x01 ‖ |ctx| ‖ ctx ‖
// OID ‖ PH(M)). The SHA2 sets hash with SHA-256/SHA-512, HMAC and MGF1 through OpenSSL as FIPS 205
// §11.2 specifies; the SHAKE sets with our SHAKE256.
//
// No branch or memory index depends on a secret: tree positions come from the public message digest.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto::slhdsa {

namespace errc {
inline constexpr std::string_view kBadSeed = "slhdsa.bad_seed";                 // not 3n bytes
inline constexpr std::string_view kBadSecretKey = "slhdsa.bad_secret_key";      // not 4n bytes
inline constexpr std::string_view kBadPublicKey = "slhdsa.bad_public_key";      // not 2n bytes
inline constexpr std::string_view kBadRandomness = "slhdsa.bad_randomness";     // addrnd neither empty nor n bytes
inline constexpr std::string_view kContextTooLong = "slhdsa.context_too_long";  // more than 255 bytes
}  // namespace errc

enum class ParamSet : std::uint8_t {
    sha2_128s,
    sha2_128f,
    sha2_192s,
    sha2_192f,
    sha2_256s,
    sha2_256f,
    shake_128s,
    shake_128f,
    shake_192s,
    shake_192f,
    shake_256s,
    shake_256f,
};

/// FIPS 205 Table 2 for one parameter set.
struct Params {
    std::string_view name;  // "SLH-DSA-SHAKE-128f"
    bool shake;
    unsigned n, h, d, hp, a, k, m;  // hp = h' = h/d
    unsigned nist_category;
    std::size_t public_key_bytes, secret_key_bytes, signature_bytes;
};

[[nodiscard]] const Params& params(ParamSet set) noexcept;
/// The parameter set called `name` as FIPS 205 spells it ("SLH-DSA-SHA2-128s"), or an error.
[[nodiscard]] Result<ParamSet> param_set_by_name(std::string_view name);

inline constexpr std::size_t kMaxContextBytes = 255;

struct KeyPair {
    Bytes secret_key;  // SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root; wipe after use
    Bytes public_key;  // PK.seed ‖ PK.root
};

/// slh_keygen_internal(SK.seed, SK.prf, PK.seed) from their concatenation (3n bytes).
[[nodiscard]] Result<KeyPair> keygen(ParamSet set, ByteView seed);

/// slh_sign_internal(M, SK, addrnd); addrnd empty selects the deterministic variant.
[[nodiscard]] Result<Bytes> sign_internal(ParamSet set, ByteView secret_key, ByteView msg, ByteView addrnd);
/// slh_verify_internal(M, SIG, PK): false for a signature of the wrong length or one that fails.
[[nodiscard]] Result<bool> verify_internal(ParamSet set, ByteView public_key, ByteView msg, ByteView sig);

/// slh_sign (pure) with a context string.
[[nodiscard]] Result<Bytes> sign(ParamSet set, ByteView secret_key, ByteView msg, ByteView ctx, ByteView addrnd);
/// slh_verify (pure) with a context string.
[[nodiscard]] Result<bool> verify(ParamSet set, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx);

/// The pre-hash functions of HashSLH-DSA (FIPS 205 §10.2.2), each with its OID.
enum class PreHash : std::uint8_t { sha256, sha384, sha512, sha3_256, sha3_512, shake128, shake256 };

[[nodiscard]] Result<Bytes> hash_sign(ParamSet set, ByteView secret_key, ByteView msg, ByteView ctx, PreHash ph,
                                      ByteView addrnd);
[[nodiscard]] Result<bool> hash_verify(ParamSet set, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx,
                                       PreHash ph);

}  // namespace luxl2::crypto::slhdsa
