// Ethereum transactions, byte-for-byte as on mainnet: legacy (before and after EIP-155), EIP-2930
// (type 1) and EIP-1559 (type 2), decoded, encoded, hashed, signed and recovered; EIP-4844 (type 3)
// and EIP-7702 (type 4) are decoded, hashed and recovered, since real blocks hold them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/crypto/secp256k1.hpp"

namespace luxl2::format {

/// EIP-2718 transaction type bytes. Legacy transactions have no type byte on the wire.
enum class TxType : std::uint8_t {
    kLegacy = 0x00,
    kAccessList = 0x01,  // EIP-2930
    kDynamicFee = 0x02,  // EIP-1559
    kBlob = 0x03,        // EIP-4844 (decode only)
    kSetCode = 0x04,     // EIP-7702 (decode only)
};

struct AccessListEntry {
    Address address;
    std::vector<Hash32> storage_keys;
    friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};

/// EIP-7702 authorization tuple.
struct Authorization {
    U256 chain_id;
    Address address;
    std::uint64_t nonce = 0;
    std::uint8_t y_parity = 0;
    U256 r;
    U256 s;
    friend bool operator==(const Authorization&, const Authorization&) = default;
};

/// One transaction of any supported Ethereum type. Fields a type does not have stay at their
/// defaults and are not encoded. For legacy transactions `v` is the raw signature value (27/28, or
/// chainId*2 + 35/36 under EIP-155) and `chain_id` is derived from it; for typed ones `y_parity` is
/// the signature's and `v` mirrors it.
struct Transaction {
    TxType type = TxType::kLegacy;
    std::optional<U256> chain_id;  // absent only for legacy transactions before EIP-155
    std::uint64_t nonce = 0;
    U256 gas_price;                 // legacy, type 1
    U256 max_priority_fee_per_gas;  // type 2+
    U256 max_fee_per_gas;           // type 2+
    std::uint64_t gas_limit = 0;
    std::optional<Address> to;  // absent: contract creation
    U256 value;
    Bytes data;
    std::vector<AccessListEntry> access_list;       // type 1+
    U256 max_fee_per_blob_gas;                      // type 3
    std::vector<Hash32> blob_versioned_hashes;      // type 3
    std::vector<Authorization> authorization_list;  // type 4
    U256 v;
    bool y_parity = false;
    U256 r;
    U256 s;

    friend bool operator==(const Transaction&, const Transaction&) = default;
};

/// Stable error codes of transaction decoding and validation.
namespace txerrc {
inline constexpr std::string_view type_not_supported = "tx.type_not_supported";
inline constexpr std::string_view field_count = "tx.field_count";      // too few or too many list items
inline constexpr std::string_view invalid_field = "tx.invalid_field";  // wrong shape or size of a field
inline constexpr std::string_view invalid_signature = "tx.invalid_signature";
inline constexpr std::string_view invalid_chain_id = "tx.invalid_chain_id";
inline constexpr std::string_view nonce_overflow = "tx.nonce_overflow";
inline constexpr std::string_view gas_limit_overflow = "tx.gas_limit_overflow";
inline constexpr std::string_view fee_overflow = "tx.fee_overflow";
inline constexpr std::string_view priority_above_max_fee = "tx.priority_above_max_fee";
inline constexpr std::string_view intrinsic_gas_too_low = "tx.intrinsic_gas_too_low";
inline constexpr std::string_view initcode_too_large = "tx.initcode_too_large";
}  // namespace txerrc

struct TxLimits {
    std::size_t max_bytes = 4 * 1024 * 1024;  // one encoded transaction
    std::size_t max_access_list = 1 << 16;    // entries, and keys per entry
    std::size_t max_blob_hashes = 64;
    std::size_t max_authorizations = 1 << 14;
};

/// Decodes an EIP-2718 transaction (`type ‖ rlp(fields)`, or `rlp(fields)` for legacy) spanning
/// all of `raw`. Strict: canonical RLP, exact field counts and sizes, integers in range (nonce and
/// gas limit in 64 bits, fees and value in 256). Signature ranges are checked by `validate`.
[[nodiscard]] Result<Transaction> decode_transaction(ByteView raw, const TxLimits& limits = {});

/// The EIP-2718 encoding (what `decode_transaction` reads; the bytes whose keccak is the hash).
void encode_transaction(Bytes& out, const Transaction& tx);
[[nodiscard]] Bytes encode_transaction(const Transaction& tx);

/// keccak256 of the EIP-2718 encoding.
[[nodiscard]] Hash32 transaction_hash(const Transaction& tx);

/// The digest the sender signs: for legacy keccak(rlp([nonce, gasPrice, gas, to, value, data]) with
/// [chainId, 0, 0] appended under EIP-155); for typed ones keccak(type ‖ rlp(fields without signature)).
[[nodiscard]] Hash32 signing_hash(const Transaction& tx);

/// Recovers the sender's address. Requires 1 ≤ r, s < n, low s (EIP-2), and a v consistent with the
/// type (27/28 or chainId*2 + 35/36 for legacy; 0/1 for typed transactions).
[[nodiscard]] Result<Address> recover_sender(const Transaction& tx);

/// Signs in place with RFC 6979: sets v/y_parity, r and s. Legacy transactions with a chain id get
/// EIP-155 signatures; without one, pre-EIP-155 (v = 27/28).
void sign_transaction(Transaction& tx, const crypto::SecretKey& key);

/// Ethereum hard forks as far as they change what a transaction may be (TransactionTests' names).
enum class Fork : std::uint8_t {
    kFrontier,
    kHomestead,
    kEIP150,
    kEIP158,
    kByzantium,
    kConstantinople,
    kConstantinopleFix,
    kIstanbul,
    kBerlin,
    kLondon,
    kParis,
    kShanghai,
    kCancun,
    kPrague,
};

struct Rules {
    Fork fork = Fork::kPrague;
    std::optional<U256> chain_id = U256(1);  // the chain's id for EIP-155 and typed transactions
};

/// Intrinsic gas (Yellow Paper g0 with EIP-2028 calldata, EIP-2930 access lists, EIP-3860 initcode
/// words, EIP-7702 authorizations) under `rules`.
[[nodiscard]] std::uint64_t intrinsic_gas(const Transaction& tx, const Rules& rules) noexcept;

/// Checks everything a node checks before looking at state: the type is enabled, the signature is
/// well-formed and recovers (high s only before Homestead), the chain id, EIP-2681 nonce, fee relations
/// (gas * price must fit in 256 bits; adding the value is the balance check, which needs state),
/// initcode size, intrinsic gas against the gas limit, at least one blob with KZG versioned hashes
/// (type 3) and a non-empty authorization list (type 4). Returns the sender.
[[nodiscard]] Result<Address> validate_transaction(const Transaction& tx, const Rules& rules);

}  // namespace luxl2::format
