// LP-505 IQuantumResistant, the signature operations: signQuantumResistant,
// verifyQuantumSignature, createHybridSignature and the hybrid verifier, over the containers of
// quantum.hpp. Layouts and the signed message: docs/format/signatures.md ("LP-505 quantum and
// hybrid signatures").
//
// Every signature here, classical or post-quantum, signs the same domain-separated message
//   D(m) = "luxl2/lp505-quantum/v1" ‖ m          (m: the 32-byte LP-505 `bytes32 message`)
// the post-quantum scheme with its pure interface (FIPS 204/205 Sign, empty context) over D(m), ECDSA
// (secp256k1, RFC 6979, low s) over keccak256(D(m)). So a hybrid's quantumSig is itself a valid
// QuantumSignature of m, and its classicalSig can never be replayed as an Ethereum transaction
// signature (whose signing hashes never start from this tag).
#pragma once

#include <optional>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/pq_algorithm.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/quantum.hpp"

namespace luxl2::format {

namespace quantum_errc {
inline constexpr std::string_view bad_key = "quantum.bad_key";      // key pair unusable for the scheme
inline constexpr std::string_view malformed = "quantum.malformed";  // container fields of the wrong shape
inline constexpr std::string_view level_mismatch = "quantum.security_level_mismatch";
inline constexpr std::string_view weak = "quantum.below_minimum_security_level";  // policy minimum not met
}  // namespace quantum_errc

inline constexpr std::string_view kQuantumDomainTag = "luxl2/lp505-quantum/v1";

/// D(m) = kQuantumDomainTag ‖ m.
[[nodiscard]] Bytes quantum_message(const Hash32& message);

/// The crypto module's enum value of the format's (same ordinals, LP-505's order).
[[nodiscard]] crypto::PostQuantumAlgorithm to_crypto(PostQuantumAlgorithm alg) noexcept;

/// The registry scheme a QuantumSignature names: its algorithm, resolved by its key and signature
/// lengths (SPHINCS_SHAKE256 has six sets). Refused algorithms give the crypto module's errors
/// (pq.not_implemented for FALCON512, pq.algorithm_broken for Rainbow, pq.not_a_signature_scheme for
/// McEliece); lengths that fit no set give pq.no_parameter_set.
[[nodiscard]] Result<const crypto::SignatureScheme*> quantum_scheme(const QuantumSignature& sig);

/// LP-505 signQuantumResistant(message, algorithm) with the caller's key pair of the scheme
/// `algorithm` resolves to (`variant` picks the SLH-DSA-SHAKE set, default 256s; see
/// crypto::pq_scheme). securityLevel is the scheme's NIST category. Hedged unless `deterministic`.
/// Errors: refused algorithms (as above), a key pair whose public key is not the scheme's size
/// (quantum.bad_key), the scheme's own errors for a malformed secret key.
[[nodiscard]] Result<QuantumSignature> sign_quantum_resistant(const Hash32& message, PostQuantumAlgorithm algorithm,
                                                              const crypto::KeyPair& key, std::string_view variant = {},
                                                              bool deterministic = false);

/// LP-505 verifyQuantumSignature(message, sig): true when sig.signature verifies for sig.publicKey
/// over D(message). It proves only that the holder of sig.publicKey signed: the caller decides
/// whether that key is the one it trusts. Errors (malformed, not merely invalid): refused
/// algorithms, lengths of no parameter set, a securityLevel other than the scheme's NIST category
/// (quantum.security_level_mismatch), a category below `min_security_level` (quantum.weak; LP-505
/// "Quantum Security" asks deployments for a minimum, 0 = none).
[[nodiscard]] Result<bool> verify_quantum_signature(const Hash32& message, const QuantumSignature& sig,
                                                    unsigned min_security_level = 0);

/// The 65-byte r ‖ s ‖ v ECDSA half of a hybrid: over keccak256(D(message)), RFC 6979, low s.
[[nodiscard]] Bytes sign_classical(const Hash32& message, const crypto::SecretKey& key);
/// The signer of a classical half, or nullopt when it is not 65 bytes, v > 1, s is high or nothing
/// recovers.
[[nodiscard]] std::optional<Address> recover_classical(const Hash32& message, ByteView classical_sig);

/// LP-505 createHybridSignature(message): both halves over D(message), requireBoth = true.
[[nodiscard]] Result<HybridSignature> create_hybrid_signature(const Hash32& message, const crypto::SecretKey& ecdsa,
                                                              PostQuantumAlgorithm algorithm,
                                                              const crypto::KeyPair& pq_key,
                                                              std::string_view variant = {},
                                                              bool deterministic = false);

/// What the hybrid verifier found, half by half.
struct HybridVerdict {
    bool classical = false;  // the ECDSA half recovers to the expected signer
    bool quantum = false;    // the PQ half verifies and its key is the expected one
    bool valid = false;      // requireBoth ? classical && quantum : classical || quantum
};

/// Verifies a HybridSignature of `message` by the account whose ECDSA address is `classical_signer`
/// and whose post-quantum key is `quantum_public_key` (both halves must name the expected signers:
/// with requireBoth = false either half alone authorises, so neither may be self-certified). An
/// empty classicalSig is allowed only when requireBoth is false (it counts as not verifying).
/// Errors: a malformed container (format::validate) and the errors of verify_quantum_signature.
[[nodiscard]] Result<HybridVerdict> verify_hybrid_signature(const Hash32& message, const HybridSignature& sig,
                                                            const Address& classical_signer,
                                                            ByteView quantum_public_key,
                                                            unsigned min_security_level = 0);

}  // namespace luxl2::format
