#include "luxl2/crypto/pq_algorithm.hpp"

#include <array>
#include <string>

namespace luxl2::crypto {
namespace {

constexpr std::array<std::string_view, 6> kSlhShakeVariants = {"128s", "128f", "192s", "192f", "256s", "256f"};

Result<void> refuse(PostQuantumAlgorithm alg) {
    switch (alg) {
        case PostQuantumAlgorithm::FALCON512:
            return fail(errc::kPqNotImplemented,
                        "FALCON512 (Falcon-512 / FN-DSA) is not implemented yet; use DILITHIUM3 (ML-DSA-65) or "
                        "SPHINCS_SHAKE256 (SLH-DSA-SHAKE)");
        case PostQuantumAlgorithm::Rainbow:
            return fail(errc::kPqBroken,
                        "Rainbow is refused: its parameter sets were broken by a practical key-recovery attack "
                        "(Beullens, 2022) and it was dropped from NIST standardisation");
        case PostQuantumAlgorithm::McEliece:
            return fail(errc::kPqNotASignature,
                        "McEliece is refused: Classic McEliece is a key-encapsulation mechanism, not a signature "
                        "scheme");
        default: return {};
    }
}

}  // namespace

Result<PostQuantumAlgorithm> pq_algorithm_from_ordinal(std::uint64_t ordinal) {
    if (ordinal > 4)
        return fail(errc::kPqUnknownAlgorithm,
                    "PostQuantumAlgorithm ordinal " + std::to_string(ordinal) + " is not defined (0..4)");
    return static_cast<PostQuantumAlgorithm>(ordinal);
}

std::string_view pq_algorithm_name(PostQuantumAlgorithm alg) noexcept {
    switch (alg) {
        case PostQuantumAlgorithm::SPHINCS_SHAKE256: return "SPHINCS_SHAKE256";
        case PostQuantumAlgorithm::DILITHIUM3: return "DILITHIUM3";
        case PostQuantumAlgorithm::FALCON512: return "FALCON512";
        case PostQuantumAlgorithm::Rainbow: return "Rainbow";
        case PostQuantumAlgorithm::McEliece: return "McEliece";
    }
    return "unknown";
}

Result<const SignatureScheme*> pq_scheme(PostQuantumAlgorithm alg, std::string_view variant) {
    LUXL2_CHECK(refuse(alg));
    if (alg == PostQuantumAlgorithm::DILITHIUM3) {
        if (!variant.empty()) return fail(errc::kPqNoParameterSet, "DILITHIUM3 has one parameter set (ML-DSA-65)");
        return find_scheme("ml-dsa-65");
    }
    if (alg != PostQuantumAlgorithm::SPHINCS_SHAKE256)
        return fail(errc::kPqUnknownAlgorithm, "unknown PostQuantumAlgorithm");
    const std::string_view v = variant.empty() ? std::string_view("256s") : variant;
    for (auto known : kSlhShakeVariants)
        if (known == v) return find_scheme("slh-dsa-shake-" + std::string(v));
    return fail(errc::kPqNoParameterSet,
                "SPHINCS_SHAKE256 has no set '" + std::string(v) + "' (one of 128s, 128f, 192s, 192f, 256s, 256f)");
}

Result<const SignatureScheme*> pq_scheme_for_lengths(PostQuantumAlgorithm alg, std::size_t public_key_size,
                                                     std::size_t signature_size) {
    LUXL2_CHECK(refuse(alg));
    auto matches = [&](const SignatureScheme* s) {
        return s->public_key_size == public_key_size && s->signature_size == signature_size;
    };
    if (alg == PostQuantumAlgorithm::DILITHIUM3) {
        const auto* s = find_scheme("ml-dsa-65");
        if (matches(s)) return s;
    } else if (alg == PostQuantumAlgorithm::SPHINCS_SHAKE256) {
        for (auto v : kSlhShakeVariants) {
            const auto* s = find_scheme("slh-dsa-shake-" + std::string(v));
            if (matches(s)) return s;
        }
    }
    return fail(errc::kPqNoParameterSet, std::string(pq_algorithm_name(alg)) + ": no parameter set has a " +
                                             std::to_string(public_key_size) + "-byte public key and a " +
                                             std::to_string(signature_size) + "-byte signature");
}

Result<unsigned> pq_security_level(PostQuantumAlgorithm alg, std::string_view variant) {
    LUXL2_TRY(s, pq_scheme(alg, variant));
    return s->nist_level;
}

}  // namespace luxl2::crypto
