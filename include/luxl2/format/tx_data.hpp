// LP-505 transactions: the TransactionData wrapper every block carries, the spec's transaction
// structs, and LP-505's own EIP-2718 types (layouts in docs/format/transactions.md):
//   0x50 AIInference  0x51 Training  0x52 CrossRollup  0x53 Compressed  0x54 Quantum  0x7E Deposit
// Ethereum's types (legacy, 0x01..0x04) are carried byte for byte (transaction.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/compute.hpp"
#include "luxl2/format/messages.hpp"
#include "luxl2/format/schema.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::format {

/// EIP-2718 type bytes of LP-505's own transactions.
namespace lp505_type {
inline constexpr std::uint8_t kAIInference = 0x50;
inline constexpr std::uint8_t kTraining = 0x51;
inline constexpr std::uint8_t kCrossRollup = 0x52;
inline constexpr std::uint8_t kCompressed = 0x53;
inline constexpr std::uint8_t kQuantum = 0x54;
inline constexpr std::uint8_t kDeposit = 0x7E;
}  // namespace lp505_type

/// Any transaction of a block. `tx_type` is the EIP-2718 type byte (0x00 for legacy).
///  - Ethereum types: `payload` is the transaction's exact EIP-2718 bytes (signature included),
///    `signature` is empty.
///  - 0x50..0x54: `payload` is rlp([fields…]) of the unsigned transaction and `signature` its
///    signature (65-byte r‖s‖yParity for 0x50..0x52, a 96-byte BLS aggregate for 0x53, the PQ or
///    hybrid signature for 0x54).
///  - 0x7E: `payload` is rlp([fields…]) and `signature` is empty.
/// `metadata` is opaque to consensus (e.g. a sequencer's annotations) but covered by the block's
/// transactions root.
struct TransactionData {
    std::uint8_t tx_type = 0;
    Bytes payload;
    Bytes signature;
    Bytes metadata;
    friend bool operator==(const TransactionData&, const TransactionData&) = default;
};

/// LP-505 StandardTransaction: the unsigned fields of an EIP-155 legacy transaction.
struct StandardTransaction {
    U256 nonce;
    U256 gas_price;
    U256 gas_limit;
    std::optional<Address> to;  // none: contract creation
    U256 value;
    Bytes data;
    U256 chain_id;
    friend bool operator==(const StandardTransaction&, const StandardTransaction&) = default;
};

/// 0x50. LP-505's fields plus chain id and nonce (replay protection, which the spec's struct lacks).
struct AIInferenceTransaction {
    static constexpr std::uint8_t kType = lp505_type::kAIInference;
    U256 chain_id;
    std::uint64_t nonce = 0;
    Address model;
    Bytes input;
    U256 max_gas;
    U256 max_price;  // per gas
    Hash32 expected_output_hash;
    ComputeRequirements requirements;
    friend bool operator==(const AIInferenceTransaction&, const AIInferenceTransaction&) = default;
};

/// 0x51. LP-505's fields plus chain id, nonce and gas terms.
struct TrainingTransaction {
    static constexpr std::uint8_t kType = lp505_type::kTraining;
    U256 chain_id;
    std::uint64_t nonce = 0;
    U256 max_fee_per_gas;
    std::uint64_t gas_limit = 0;
    Hash32 job_id;
    U256 epoch;
    Bytes gradients;  // compressed
    Hash32 dataset_hash;
    U256 samples_processed;
    Bytes proof;
    friend bool operator==(const TrainingTransaction&, const TrainingTransaction&) = default;
};

/// 0x52: sends a CrossRollupMessage from this rollup.
struct CrossRollupTransaction {
    static constexpr std::uint8_t kType = lp505_type::kCrossRollup;
    U256 chain_id;
    std::uint64_t nonce = 0;
    U256 max_fee_per_gas;
    std::uint64_t gas_limit = 0;
    CrossRollupMessage message;
    friend bool operator==(const CrossRollupTransaction&, const CrossRollupTransaction&) = default;
};

/// 0x53: many transfers and calls of BLS-keyed accounts under one aggregate BLS signature (the
/// TransactionData signature, 96 bytes). `body` holds the inner transactions, senders included, coded
/// signature-free as `body_format` says (0 columnar, 1 indexed accounts); the compress module decodes
/// and verifies it (compress/compressed_tx.hpp). Each inner transaction's sender signs that
/// transaction alone (see docs/format/transactions.md); format checks only the shape.
struct CompressedTransaction {
    static constexpr std::uint8_t kType = lp505_type::kCompressed;
    U256 chain_id;
    std::uint64_t count = 0;  // inner transactions in body
    std::uint8_t body_format = 0;
    Bytes body;
    friend bool operator==(const CompressedTransaction&, const CompressedTransaction&) = default;
};

/// Post-quantum signature schemes a 0x54 transaction may name (its `scheme` byte).
namespace pq_scheme {
inline constexpr std::uint8_t kMlDsa44 = 0x01;
inline constexpr std::uint8_t kMlDsa65 = 0x02;
inline constexpr std::uint8_t kMlDsa87 = 0x03;
inline constexpr std::uint8_t kSlhDsaShake128s = 0x10;
inline constexpr std::uint8_t kSlhDsaShake128f = 0x11;
inline constexpr std::uint8_t kSlhDsaShake256s = 0x12;
inline constexpr std::uint8_t kFalcon512 = 0x20;
inline constexpr std::uint8_t kFalcon1024 = 0x21;
inline constexpr std::uint8_t kHybridSecp256k1MlDsa65 = 0x40;  // signature = r‖s‖v (65) ‖ ML-DSA-65
/// Public key and (maximum) signature sizes of a scheme; nullopt for an unknown scheme.
struct Sizes {
    std::size_t public_key;
    std::size_t signature_min;
    std::size_t signature_max;
};
[[nodiscard]] std::optional<Sizes> sizes(std::uint8_t scheme) noexcept;
}  // namespace pq_scheme

/// 0x54: EIP-1559-shaped, signed with a post-quantum or hybrid scheme. The sender is the last 20
/// bytes of keccak256(scheme ‖ public_key).
struct QuantumTransaction {
    static constexpr std::uint8_t kType = lp505_type::kQuantum;
    U256 chain_id;
    std::uint64_t nonce = 0;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
    std::uint64_t gas_limit = 0;
    std::optional<Address> to;
    U256 value;
    Bytes data;
    std::vector<AccessListEntry> access_list;
    std::uint8_t scheme = pq_scheme::kMlDsa65;
    Bytes public_key;
    friend bool operator==(const QuantumTransaction&, const QuantumTransaction&) = default;
};

/// 0x7E: an L1→L2 deposit, as the OP Stack's (same fields, same order, no signature).
struct DepositTransaction {
    static constexpr std::uint8_t kType = lp505_type::kDeposit;
    Hash32 source_hash;
    Address from;
    std::optional<Address> to;
    U256 mint;
    U256 value;
    std::uint64_t gas = 0;
    bool is_system_tx = false;
    Bytes data;
    friend bool operator==(const DepositTransaction&, const DepositTransaction&) = default;
};

template <>
struct Schema<TransactionData> {
    static constexpr std::string_view name = "TransactionData";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("txType", s.tx_type);
        v("payload", s.payload);
        v("signature", s.signature);
        v("metadata", s.metadata);
    }
};

template <>
struct Schema<StandardTransaction> {
    static constexpr std::string_view name = "StandardTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("nonce", s.nonce);
        v("gasPrice", s.gas_price);
        v("gasLimit", s.gas_limit);
        v("to", s.to);
        v("value", s.value);
        v("data", s.data);
        v("chainId", s.chain_id);
    }
};

template <>
struct Schema<AIInferenceTransaction> {
    static constexpr std::string_view name = "AIInferenceTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("chainId", s.chain_id);
        v("nonce", s.nonce);
        v("model", s.model);
        v("input", s.input);
        v("maxGas", s.max_gas);
        v("maxPrice", s.max_price);
        v("expectedOutputHash", s.expected_output_hash);
        v("requirements", s.requirements);
    }
};

template <>
struct Schema<TrainingTransaction> {
    static constexpr std::string_view name = "TrainingTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("chainId", s.chain_id);
        v("nonce", s.nonce);
        v("maxFeePerGas", s.max_fee_per_gas);
        v("gasLimit", s.gas_limit);
        v("jobId", s.job_id);
        v("epoch", s.epoch);
        v("gradients", s.gradients);
        v("datasetHash", s.dataset_hash);
        v("samplesProcessed", s.samples_processed);
        v("proof", s.proof);
    }
};

template <>
struct Schema<CrossRollupTransaction> {
    static constexpr std::string_view name = "CrossRollupTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("chainId", s.chain_id);
        v("nonce", s.nonce);
        v("maxFeePerGas", s.max_fee_per_gas);
        v("gasLimit", s.gas_limit);
        v("message", s.message);
    }
};

template <>
struct Schema<CompressedTransaction> {
    static constexpr std::string_view name = "CompressedTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("chainId", s.chain_id);
        v("count", s.count);
        v("bodyFormat", s.body_format);
        v("body", s.body);
    }
};

template <>
struct Schema<AccessListEntry> {
    static constexpr std::string_view name = "AccessListEntry";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("address", s.address);
        v("storageKeys", s.storage_keys);
    }
};

template <>
struct Schema<QuantumTransaction> {
    static constexpr std::string_view name = "QuantumTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("chainId", s.chain_id);
        v("nonce", s.nonce);
        v("maxPriorityFeePerGas", s.max_priority_fee_per_gas);
        v("maxFeePerGas", s.max_fee_per_gas);
        v("gasLimit", s.gas_limit);
        v("to", s.to);
        v("value", s.value);
        v("data", s.data);
        v("accessList", s.access_list);
        v("scheme", s.scheme);
        v("publicKey", s.public_key);
    }
};

template <>
struct Schema<DepositTransaction> {
    static constexpr std::string_view name = "DepositTransaction";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("sourceHash", s.source_hash);
        v("from", s.from);
        v("to", s.to);
        v("mint", s.mint);
        v("value", s.value);
        v("gas", s.gas);
        v("isSystemTx", s.is_system_tx);
        v("data", s.data);
    }
};

/// Stable error codes of the transaction envelopes.
namespace txdata_errc {
inline constexpr std::string_view unknown_type = "txdata.unknown_type";
inline constexpr std::string_view malformed = "txdata.malformed";
inline constexpr std::string_view bad_signature = "txdata.bad_signature";
inline constexpr std::string_view wrong_type = "txdata.wrong_type";
}  // namespace txdata_errc

/// true for the types a TransactionData may carry.
[[nodiscard]] bool is_known_tx_type(std::uint8_t type) noexcept;
[[nodiscard]] inline bool is_ethereum_tx_type(std::uint8_t type) noexcept {
    return type <= 0x04;
}

/// The EIP-2718 envelope: the Ethereum bytes as they are; for LP-505 types
/// `type ‖ rlp([payload fields…, signature])` (0x7E: `type ‖ payload`, as the OP Stack's deposit).
/// Fails (txdata.malformed) when an LP-505 payload is not one RLP list.
[[nodiscard]] Result<Bytes> to_envelope(const TransactionData& tx);
/// Splits an envelope into a TransactionData (metadata empty). Strict: canonical RLP, known type,
/// payload decodable as its type (see `check_payload`).
[[nodiscard]] Result<TransactionData> from_envelope(ByteView raw, const TxLimits& limits = {});
/// Checks that payload and signature have the shape of `tx_type` (decodes the payload; verifies no
/// signature). Codes txdata_errc::*, tx.* for Ethereum payloads.
[[nodiscard]] Result<void> check_payload(const TransactionData& tx, const TxLimits& limits = {});

/// keccak256 of the envelope: the transaction hash wallets and explorers show.
[[nodiscard]] Result<Hash32> tx_hash(const TransactionData& tx);
/// What the sender signs: for LP-505 types keccak256(type ‖ payload); for Ethereum types their own
/// signing hash. Deposits and 0x53 (one message per inner transaction, compress/compressed_tx.hpp)
/// have none (error txdata.wrong_type).
[[nodiscard]] Result<Hash32> tx_signing_hash(const TransactionData& tx);
/// The sender: recovered for Ethereum and 0x50..0x52, derived from the key for 0x54, `from` for 0x7E.
/// 0x53 has many senders (error txdata.wrong_type). Signatures of 0x53/0x54 are not verified here.
[[nodiscard]] Result<Address> tx_sender(const TransactionData& tx);
/// The 0x54 sender of a scheme and key: keccak256(scheme ‖ public_key)[12..32].
[[nodiscard]] Address quantum_address(std::uint8_t scheme, ByteView public_key);

/// Wraps an LP-505 transaction with its signature (checked for shape by `check_payload`).
template <class T>
[[nodiscard]] TransactionData make_tx_data(const T& tx, Bytes signature = {});
/// Decodes the payload of a TransactionData of T's type.
template <class T>
[[nodiscard]] Result<T> decode_tx_payload(const TransactionData& tx, const TxLimits& limits = {});
/// Signs a 0x50..0x52 transaction in place with secp256k1 (r ‖ s ‖ yParity).
void sign_tx_data(TransactionData& tx, const crypto::SecretKey& key);
/// Wraps an Ethereum transaction (its exact EIP-2718 bytes).
[[nodiscard]] TransactionData wrap_ethereum(const Transaction& tx);

}  // namespace luxl2::format
