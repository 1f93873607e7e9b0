#include "luxl2/format/quantum_sig.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/validate.hpp"

namespace luxl2::format {

Bytes quantum_message(const Hash32& message) {
    Bytes d(kQuantumDomainTag.size() + 32);
    std::memcpy(d.data(), kQuantumDomainTag.data(), kQuantumDomainTag.size());
    std::memcpy(d.data() + kQuantumDomainTag.size(), message.data(), 32);
    return d;
}

crypto::PostQuantumAlgorithm to_crypto(PostQuantumAlgorithm alg) noexcept {
    return static_cast<crypto::PostQuantumAlgorithm>(static_cast<std::uint8_t>(alg));
}

Result<const crypto::SignatureScheme*> quantum_scheme(const QuantumSignature& sig) {
    LUXL2_TRY(alg, crypto::pq_algorithm_from_ordinal(static_cast<std::uint8_t>(sig.algorithm)));
    return crypto::pq_scheme_for_lengths(alg, sig.public_key.size(), sig.signature.size());
}

Result<QuantumSignature> sign_quantum_resistant(const Hash32& message, PostQuantumAlgorithm algorithm,
                                                const crypto::KeyPair& key, std::string_view variant,
                                                bool deterministic) {
    LUXL2_TRY(alg, crypto::pq_algorithm_from_ordinal(static_cast<std::uint8_t>(algorithm)));
    LUXL2_TRY(scheme, crypto::pq_scheme(alg, variant));
    if (key.public_key.size() != scheme->public_key_size)
        return fail(quantum_errc::bad_key, std::string(scheme->name) + " public keys are " +
                                               std::to_string(scheme->public_key_size) + " bytes, got " +
                                               std::to_string(key.public_key.size()));
    LUXL2_TRY(signature, scheme->sign(key.secret_key, quantum_message(message), {}, deterministic));
    return QuantumSignature{algorithm, key.public_key, std::move(signature), U256(scheme->nist_level)};
}

Result<bool> verify_quantum_signature(const Hash32& message, const QuantumSignature& sig, unsigned min_security_level) {
    LUXL2_TRY(scheme, quantum_scheme(sig));
    if (sig.security_level != U256(scheme->nist_level))
        return fail(quantum_errc::level_mismatch, "securityLevel " + sig.security_level.to_string() + " but " +
                                                      std::string(scheme->name) + " is NIST category " +
                                                      std::to_string(scheme->nist_level));
    if (scheme->nist_level < min_security_level)
        return fail(quantum_errc::weak, std::string(scheme->name) + " is NIST category " +
                                            std::to_string(scheme->nist_level) + ", below the required " +
                                            std::to_string(min_security_level));
    return scheme->verify(sig.public_key, quantum_message(message), sig.signature, {});
}

Bytes sign_classical(const Hash32& message, const crypto::SecretKey& key) {
    const auto sig = crypto::sign_recoverable(crypto::keccak256(quantum_message(message)), key);
    Bytes out(65);
    sig.r.to_be32(out.data());
    sig.s.to_be32(out.data() + 32);
    out[64] = sig.recid;
    return out;
}

std::optional<Address> recover_classical(const Hash32& message, ByteView classical_sig) {
    if (classical_sig.size() != 65 || classical_sig[64] > 1) return std::nullopt;
    const crypto::RecoverableSignature sig{U256::from_be32(classical_sig.data()),
                                           U256::from_be32(classical_sig.data() + 32), classical_sig[64]};
    if (!crypto::is_low_s(sig.s)) return std::nullopt;
    auto pub = crypto::recover(crypto::keccak256(quantum_message(message)), sig);
    if (!pub) return std::nullopt;
    return crypto::to_address(*pub);
}

Result<HybridSignature> create_hybrid_signature(const Hash32& message, const crypto::SecretKey& ecdsa,
                                                PostQuantumAlgorithm algorithm, const crypto::KeyPair& pq_key,
                                                std::string_view variant, bool deterministic) {
    LUXL2_TRY(quantum, sign_quantum_resistant(message, algorithm, pq_key, variant, deterministic));
    return HybridSignature{sign_classical(message, ecdsa), std::move(quantum), true};
}

Result<HybridVerdict> verify_hybrid_signature(const Hash32& message, const HybridSignature& sig,
                                              const Address& classical_signer, ByteView quantum_public_key,
                                              unsigned min_security_level) {
    if (auto v = validate(sig); !v) return fail(quantum_errc::malformed, v.error().to_string());
    HybridVerdict out;
    if (!sig.classical_sig.empty()) {
        const auto signer = recover_classical(message, sig.classical_sig);
        out.classical = signer && *signer == classical_signer;
    }
    // The PQ half is checked even when its key is not the expected one, so that a malformed half is
    // reported as such whatever the key.
    LUXL2_TRY(pq_ok, verify_quantum_signature(message, sig.quantum_sig, min_security_level));
    out.quantum = pq_ok && ByteView(sig.quantum_sig.public_key).size() == quantum_public_key.size() &&
                  std::equal(quantum_public_key.begin(), quantum_public_key.end(), sig.quantum_sig.public_key.begin());
    out.valid = sig.require_both ? out.classical && out.quantum : out.classical || out.quantum;
    return out;
}

}  // namespace luxl2::format
