// The Quantum transaction (0x54): signing, verification and JSON. The payload layout, the scheme
// table and the sender rule are in tx_data.hpp and docs/format/transactions.md.
//
// What is signed: the 32-byte signing hash h = keccak256(0x54 ‖ payload), which covers the scheme and
// the public key. The signature is the registry scheme's (crypto/scheme.hpp) over h:
//   ML-DSA, SLH-DSA: the pure FIPS 204 / FIPS 205 Sign(sk, M = h, ctx = "") — any conforming
//                    implementation (e.g. @noble/post-quantum) verifies it over h;
//   hybrid (0x40):   hybrid-secp256k1-ml-dsa-65 over h (docs/format/signatures.md), both halves.
// Falcon ids (0x20, 0x21) decode but neither sign nor verify until the Falcon issue lands.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::format {

namespace pq_scheme {
/// The signature-registry name of a 0x54 scheme id ("ml-dsa-65", "falcon-512"), empty when unknown.
[[nodiscard]] std::string_view registry_name(std::uint8_t scheme) noexcept;
/// The 0x54 id of a registry name, nullopt when the scheme has none (secp256k1, BLS).
[[nodiscard]] std::optional<std::uint8_t> id_of(std::string_view registry_name) noexcept;
/// The registry scheme of an id; error quantum_tx.unsupported_scheme for unknown ids and for
/// schemes not implemented yet (Falcon).
[[nodiscard]] Result<const crypto::SignatureScheme*> registry_scheme(std::uint8_t scheme);
}  // namespace pq_scheme

namespace quantum_tx_errc {
inline constexpr std::string_view unsupported_scheme = "quantum_tx.unsupported_scheme";
inline constexpr std::string_view key_mismatch = "quantum_tx.key_mismatch";    // secret key is not publicKey's
inline constexpr std::string_view bad_signature = "quantum_tx.bad_signature";  // does not verify
inline constexpr std::string_view bad_json = "json.invalid";
}  // namespace quantum_tx_errc

/// keccak256(0x54 ‖ rlp(tx)): what the scheme signs.
[[nodiscard]] Hash32 quantum_signing_hash(const QuantumTransaction& tx);

/// Signs `tx` (its scheme and publicKey set) with the matching secret key in the registry's layout
/// (crypto/scheme.hpp; ML-DSA's expanded key, SLH-DSA's 4n bytes, the hybrid's 4064 bytes). Hedged
/// unless `deterministic`. Errors: unsupported scheme, a public key of the wrong size, a secret key
/// that does not belong to publicKey (quantum_tx.key_mismatch; checked without signing: ML-DSA's
/// tr = H(pk), SLH-DSA's embedded PK, the hybrid's secp256k1 point).
[[nodiscard]] Result<TransactionData> sign_quantum_tx(const QuantumTransaction& tx, ByteView secret_key,
                                                      bool deterministic = false);

/// Checks the shape (check_payload) and verifies the signature; returns the sender. Errors:
/// txdata.* for shapes, quantum_tx.unsupported_scheme, quantum_tx.bad_signature when it does not
/// verify.
[[nodiscard]] Result<Address> verify_quantum_tx(const TransactionData& tx, const TxLimits& limits = {});

/// JSON-RPC style: type "0x54", chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value,
/// input, accessList (quantities as 0x-hex), scheme (a quantity), schemeName, publicKey, signature,
/// hash, from. Error when `tx` is not a well-formed 0x54.
[[nodiscard]] Result<nlohmann::json> quantum_tx_to_json(const TransactionData& tx);
/// The unsigned fields from the same names (`data`/`gasLimit` accepted for `input`/`gas`; `scheme`
/// a quantity or a registry name). Strict: unknown scheme, a key of the wrong size, a `type` other
/// than 0x54 are errors (json.invalid).
[[nodiscard]] Result<QuantumTransaction> quantum_tx_fields_from_json(const nlohmann::json& j);
/// A signed transaction: the fields plus `signature`, checked by check_payload; `hash` and `from`,
/// when present, must match (the signature is not verified: verify_quantum_tx).
[[nodiscard]] Result<TransactionData> quantum_tx_from_json(const nlohmann::json& j);

}  // namespace luxl2::format
