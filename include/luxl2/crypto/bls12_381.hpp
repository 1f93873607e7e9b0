// BLS signatures on BLS12-381: the ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_ of
// draft-irtf-cfrg-bls-signature (minimal-pubkey-size, proof of possession, as Ethereum uses it).
// Public keys are G1 points (48-byte ZCash compressed), signatures G2 points (96-byte compressed),
// secret keys 32-byte big-endian scalars in [1, r). Messages hash to G2 per RFC 9380.
//
// Untrusted bytes never crash these functions: malformed encodings (wrong length, bad flags,
// coordinates >= p, not on the curve, not in the subgroup) give an Error with a code below; a
// well-formed input that does not verify gives `false`. Secret keys are wiped from temporaries.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto::bls {

namespace errc {
inline constexpr std::string_view kLength = "bls.length";          // wrong number of bytes
inline constexpr std::string_view kFlags = "bls.flags";            // invalid compression/infinity/sign flags
inline constexpr std::string_view kCoordinate = "bls.coordinate";  // a coordinate >= p
inline constexpr std::string_view kNotOnCurve = "bls.not_on_curve";
inline constexpr std::string_view kNotInSubgroup = "bls.not_in_subgroup";
inline constexpr std::string_view kInfinityKey = "bls.infinity_key";  // identity public key
inline constexpr std::string_view kSecretKey = "bls.secret_key";      // zero or >= r
inline constexpr std::string_view kIkm = "bls.ikm";                   // IKM shorter than 32 bytes
inline constexpr std::string_view kEmpty = "bls.empty";               // no signatures / keys
inline constexpr std::string_view kCount = "bls.count";               // key, message, signature counts differ
inline constexpr std::string_view kDst = "bls.dst";                   // empty domain separation tag
}  // namespace errc

inline constexpr std::size_t kSecretKeySize = 32;
inline constexpr std::size_t kPublicKeySize = 48;
inline constexpr std::size_t kSignatureSize = 96;

using SecretKey = FixedBytes<kSecretKeySize>;
using PublicKey = FixedBytes<kPublicKeySize>;
using Signature = FixedBytes<kSignatureSize>;

/// The domain separation tags of the POP ciphersuite.
inline constexpr std::string_view kDstSignature = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";
inline constexpr std::string_view kDstPop = "BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_";

/// KeyGen (draft v4+): HKDF-SHA-256 with salt "BLS-SIG-KEYGEN-SALT-" hashed until the key is
/// non-zero. Rejects an IKM shorter than 32 bytes.
[[nodiscard]] Result<SecretKey> keygen(ByteView ikm, ByteView key_info = {});
/// SkToPk: sk·G1, compressed. Rejects a zero or out-of-range key.
[[nodiscard]] Result<PublicKey> sk_to_pk(ByteView sk);
/// Sign under the POP ciphersuite DST. Constant time in the key.
[[nodiscard]] Result<Signature> sign(ByteView sk, ByteView msg);
/// Verify: KeyValidate(pk) (not infinity, in G1), signature in G2, then the pairing check.
[[nodiscard]] Result<bool> verify(ByteView pk, ByteView msg, ByteView sig);
/// Aggregate: the sum of the signatures (each decoded and subgroup-checked). Rejects an empty list.
[[nodiscard]] Result<Signature> aggregate(std::span<const ByteView> sigs);
/// Sum of public keys (each KeyValidate-d): for building one key for FastAggregateVerify.
[[nodiscard]] Result<PublicKey> aggregate_public_keys(std::span<const ByteView> pks);
/// AggregateVerify (one message per key; POP scheme: messages need not be distinct). false for n = 0.
[[nodiscard]] Result<bool> aggregate_verify(std::span<const ByteView> pks, std::span<const ByteView> msgs,
                                            ByteView sig);
/// FastAggregateVerify (one common message; keys must have proofs of possession). false for n = 0.
[[nodiscard]] Result<bool> fast_aggregate_verify(std::span<const ByteView> pks, ByteView msg, ByteView sig);
/// PopProve / PopVerify with the POP DST over the compressed public key.
[[nodiscard]] Result<Signature> pop_prove(ByteView sk);
[[nodiscard]] Result<bool> pop_verify(ByteView pk, ByteView proof);

/// A public key that passed KeyValidate (decompressed, in G1, not the identity), for keys used many
/// times — e.g. a registry of signers whose keys came with a proof of possession. `point` holds the
/// affine coordinates in the implementation's internal form; make one only with validate_public_key.
struct ValidatedPublicKey {
    std::array<std::uint64_t, 12> point{};
};
[[nodiscard]] Result<ValidatedPublicKey> validate_public_key(ByteView pk);
/// The operations above on validated keys (no per-call decompression or subgroup check of the keys).
[[nodiscard]] Result<bool> verify(const ValidatedPublicKey& pk, ByteView msg, ByteView sig);
[[nodiscard]] Result<bool> aggregate_verify(std::span<const ValidatedPublicKey> pks, std::span<const ByteView> msgs,
                                            ByteView sig);
[[nodiscard]] Result<bool> fast_aggregate_verify(std::span<const ValidatedPublicKey> pks, ByteView msg, ByteView sig);

struct BatchItem {
    ByteView public_key;
    ByteView message;
    ByteView signature;
};
/// Verifies many (pk, msg, sig) triples at once by a random linear combination with fresh 64-bit
/// scalars from getrandom: true iff (with probability ≥ 1 - 2^-64) every triple verifies. An empty
/// batch is false.
[[nodiscard]] Result<bool> batch_verify(std::span<const BatchItem> items);

/// The core operations with an explicit DST (for other ciphersuites, e.g. the BASIC scheme's
/// "..._NUL_" tag, and for tests).
[[nodiscard]] Result<Signature> core_sign(ByteView sk, ByteView msg, ByteView dst);
[[nodiscard]] Result<bool> core_verify(ByteView pk, ByteView msg, ByteView sig, ByteView dst);
[[nodiscard]] Result<bool> core_aggregate_verify(std::span<const ByteView> pks, std::span<const ByteView> msgs,
                                                 ByteView sig, ByteView dst);

/// hash_to_curve (RFC 9380, BLS12381G2_XMD:SHA-256_SSWU_RO_): the point's uncompressed encoding
/// x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0 (192 bytes).
[[nodiscard]] Result<FixedBytes<192>> hash_to_g2(ByteView msg, ByteView dst);
/// The same point, compressed (96 bytes).
[[nodiscard]] Result<FixedBytes<96>> hash_to_g2_compressed(ByteView msg, ByteView dst);

/// Deserialisation checks as Ethereum's tests define them: a 48/96-byte (G1) or 96/192-byte (G2)
/// ZCash encoding of a point of the subgroup, infinity included.
[[nodiscard]] Result<void> validate_g1(ByteView encoded);
[[nodiscard]] Result<void> validate_g2(ByteView encoded);

}  // namespace luxl2::crypto::bls
