// LP-505 IQuantumResistant.PostQuantumAlgorithm, mapped onto the standardised schemes of the
// signature registry (scheme.hpp):
//   SPHINCS_SHAKE256 → SLH-DSA-SHAKE (FIPS 205; the set, 128s … 256f, follows from the key and
//                      signature lengths or is named explicitly),
//   DILITHIUM3       → ML-DSA-65 (FIPS 204),
//   FALCON512        → Falcon-512 (FN-DSA; not implemented yet: a clear error),
//   Rainbow          → refused: its parameters were broken by Beullens' key-recovery attack (2022),
//   McEliece         → refused: Classic McEliece is a key-encapsulation mechanism, not a signature.
// securityLevel reports the NIST security category (1–5) of the resolved scheme.
#pragma once

#include <cstdint>
#include <string_view>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/scheme.hpp"

namespace luxl2::crypto {

namespace errc {
inline constexpr std::string_view kPqUnknownAlgorithm = "pq.unknown_algorithm";
inline constexpr std::string_view kPqNotImplemented = "pq.not_implemented";        // FALCON512 for now
inline constexpr std::string_view kPqBroken = "pq.algorithm_broken";               // Rainbow
inline constexpr std::string_view kPqNotASignature = "pq.not_a_signature_scheme";  // McEliece
inline constexpr std::string_view kPqNoParameterSet = "pq.no_parameter_set";       // lengths match no set
}  // namespace errc

/// The Solidity enum, with its ordinals (ABI-encoded as uint8).
enum class PostQuantumAlgorithm : std::uint8_t {
    SPHINCS_SHAKE256 = 0,
    DILITHIUM3 = 1,
    FALCON512 = 2,
    Rainbow = 3,
    McEliece = 4,
};

/// The enum value of an ABI ordinal; rejects ordinals above 4.
[[nodiscard]] Result<PostQuantumAlgorithm> pq_algorithm_from_ordinal(std::uint64_t ordinal);
/// "SPHINCS_SHAKE256", "DILITHIUM3", ...
[[nodiscard]] std::string_view pq_algorithm_name(PostQuantumAlgorithm alg) noexcept;

/// The registry scheme for `alg`. For SPHINCS_SHAKE256, `variant` names the SLH-DSA-SHAKE set
/// ("128s", "128f", "192s", "192f", "256s", "256f"; default "256s", the 256-bit SHAKE256 set the
/// name suggests). Rainbow, McEliece and FALCON512 give the errors above.
[[nodiscard]] Result<const SignatureScheme*> pq_scheme(PostQuantumAlgorithm alg, std::string_view variant = {});

/// The registry scheme for `alg` whose public key and signature have these lengths (how a verifier
/// picks the SLH-DSA-SHAKE set of a QuantumSignature). Error when no set matches.
[[nodiscard]] Result<const SignatureScheme*> pq_scheme_for_lengths(PostQuantumAlgorithm alg,
                                                                   std::size_t public_key_size,
                                                                   std::size_t signature_size);

/// LP-505 securityLevel: the NIST category of the scheme `alg` resolves to (with `variant`).
[[nodiscard]] Result<unsigned> pq_security_level(PostQuantumAlgorithm alg, std::string_view variant = {});

}  // namespace luxl2::crypto
