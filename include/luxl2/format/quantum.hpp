// LP-505 "Quantum-Resistant Extensions": the signature containers. Verification is the crypto
// module's (the scheme registry); these are the values blocks and transactions carry.
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

/// LP-505 PostQuantumAlgorithm, in the spec's order (the numbers are on the wire). DILITHIUM3 is
/// ML-DSA-65 (FIPS 204) and SPHINCS_SHAKE256 is SLH-DSA-SHAKE-256 (FIPS 205) today; Rainbow and
/// McEliece are listed by the spec but broken or not signature schemes, so `validate` rejects them.
enum class PostQuantumAlgorithm : std::uint8_t {
    kSphincsShake256 = 0,
    kDilithium3 = 1,
    kFalcon512 = 2,
    kRainbow = 3,
    kMcEliece = 4,
};

struct QuantumSignature {
    PostQuantumAlgorithm algorithm = PostQuantumAlgorithm::kDilithium3;
    Bytes public_key;
    Bytes signature;
    U256 security_level;  // the NIST security category of the scheme, 1..5 (the reading)
    friend bool operator==(const QuantumSignature&, const QuantumSignature&) = default;
};

struct HybridSignature {
    Bytes classical_sig;  // secp256k1: r ‖ s ‖ v (65 bytes)
    QuantumSignature quantum_sig;
    bool require_both = true;
    friend bool operator==(const HybridSignature&, const HybridSignature&) = default;
};

template <>
struct Schema<QuantumSignature> {
    static constexpr std::string_view name = "QuantumSignature";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("algorithm", s.algorithm);
        v("publicKey", s.public_key);
        v("signature", s.signature);
        v("securityLevel", s.security_level);
    }
};

template <>
struct Schema<HybridSignature> {
    static constexpr std::string_view name = "HybridSignature";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("classicalSig", s.classical_sig);
        v("quantumSig", s.quantum_sig);
        v("requireBoth", s.require_both);
    }
};

}  // namespace luxl2::format
