// LP-505 transaction type 0x53 Compressed: many transfers or calls from BLS-keyed accounts under one
// aggregate BLS signature (layout and rationale in docs/format/transactions.md, "0x53 Compressed").
//
//  - A BLS-keyed account's address is crypto::bls::account_address(pk) (domain-separated keccak).
//  - Each inner transaction is EIP-1559-shaped without access list; its sender signs
//        inner_signing_message = keccak256("LUXL2_0x53_TX_V1" ‖ signing_hash(the EIP-1559 transaction))
//    whose EIP-1559 signing hash covers the chain id. Each sender signs its own transaction (a
//    (sender, nonce) pair may appear once), so the aggregate is checked with AggregateVerify.
//  - The body is coded signature-free: either the columnar coder (columnar.hpp, addresses carried in
//    full) or the indexed coder (accounts named by their number in an AccountIndex, nonces implied).
//
// This lives in compress (not format) because the body is a compress coding; format checks only the
// payload's shape (tx_data.hpp). Decoders take untrusted bytes, check limits before allocating and
// reject non-canonical values; verification returns an Error for malformed input or unknown keys and
// false for a well-formed aggregate that does not verify.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "luxl2/compress/account_index.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/crypto/bls12_381.hpp"
#include "luxl2/crypto/bls_registry.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::compress {

namespace compressed_errc {
inline constexpr std::string_view kEmpty = "compressed_tx.empty";                   // no inner transaction
inline constexpr std::string_view kTooMany = "compressed_tx.too_many";              // above the limit
inline constexpr std::string_view kCount = "compressed_tx.count";                   // count ≠ the body's
inline constexpr std::string_view kDuplicate = "compressed_tx.duplicate";           // a (sender, nonce) twice
inline constexpr std::string_view kBodyFormat = "compressed_tx.body_format";        // unknown body format
inline constexpr std::string_view kNoIndex = "compressed_tx.no_index";              // indexed body, no index given
inline constexpr std::string_view kInnerShape = "compressed_tx.inner_shape";        // not an EIP-1559 transfer/call
inline constexpr std::string_view kChainId = "compressed_tx.chain_id";              // inner chain id ≠ outer
inline constexpr std::string_view kUnknownSender = "compressed_tx.unknown_sender";  // no BLS key for a sender
inline constexpr std::string_view kSignatureCount = "compressed_tx.signature_count";
}  // namespace compressed_errc

/// The domain tag of what an inner transaction's sender signs.
inline constexpr std::string_view kInnerTxTag = "LUXL2_0x53_TX_V1";

/// One inner transaction: an EIP-1559 transaction's fields (no access list) and its sender.
struct InnerTx {
    Address from;
    std::uint64_t nonce = 0;
    U256 max_priority_fee_per_gas;
    U256 max_fee_per_gas;
    std::uint64_t gas_limit = 0;
    std::optional<Address> to;  // none: contract creation
    U256 value;
    Bytes data;
    friend bool operator==(const InnerTx&, const InnerTx&) = default;
};

/// The decoded content of a 0x53 transaction.
struct CompressedBatch {
    U256 chain_id;
    std::vector<InnerTx> txs;
    friend bool operator==(const CompressedBatch&, const CompressedBatch&) = default;
};

/// The `bodyFormat` field of the 0x53 payload.
enum class BodyFormat : std::uint8_t {
    kColumnar = 0,  // columnar.hpp, signature-free, with the AccountIndex as its context when one is given
    kIndexed = 1,   // indexed accounts (docs/format/transactions.md)
};

struct CompressedLimits {
    std::size_t max_txs = crypto::bls::kMaxAggregated;  // bounds the pairing work of one transaction
    std::uint64_t max_body_output = 64ull << 20;        // all columns' decompressed bytes together
    std::size_t max_new_addresses = 1u << 17;           // addresses a body may introduce
};

/// The unsigned EIP-1559 transaction of `tx` on `chain_id` (r = s = 0, yParity 0).
[[nodiscard]] format::Transaction to_eip1559(const U256& chain_id, const InnerTx& tx);
/// keccak256(kInnerTxTag ‖ signing_hash(to_eip1559(chain_id, tx))): what `tx.from` signs.
[[nodiscard]] Hash32 inner_signing_message(const U256& chain_id, const InnerTx& tx);
/// The signing message of every inner transaction, in order.
[[nodiscard]] std::vector<Hash32> signing_messages(const CompressedBatch& batch);
/// BLS signature (POP ciphersuite) of `sk` over inner_signing_message.
[[nodiscard]] Result<crypto::bls::Signature> sign_inner(ByteView sk, const U256& chain_id, const InnerTx& tx);

/// Codes the batch into a 0x53 payload struct (signature not included). Rejects an empty batch, more
/// than the default limit's transactions, a repeated (sender, nonce), and kIndexed without `accounts`.
/// kColumnar with `accounts` writes the columnar batch against it as its account context (accounts
/// the index holds become their numbers; decoding then needs the same index). `stats` (optional)
/// receives the body's column sizes.
[[nodiscard]] Result<format::CompressedTransaction> encode_compressed(const CompressedBatch& batch, BodyFormat fmt,
                                                                      const AccountIndex* accounts = nullptr,
                                                                      ColumnarStats* stats = nullptr);
/// Decodes a 0x53 payload struct: the body per its format (kIndexed needs the same `accounts` the
/// encoder used), count = the body's transactions, 1 ≤ count ≤ limits.max_txs, every inner
/// transaction of the outer chain id, no (sender, nonce) twice.
[[nodiscard]] Result<CompressedBatch> decode_compressed(const format::CompressedTransaction& tx,
                                                        const AccountIndex* accounts = nullptr,
                                                        const CompressedLimits& limits = {});

/// The whole transaction: the payload of `batch` and the aggregate of `inner_signatures` (one per
/// inner transaction, in order; each 96 bytes, checked for being a G2 subgroup point).
[[nodiscard]] Result<format::TransactionData> make_compressed_tx(
    const CompressedBatch& batch, BodyFormat fmt, std::span<const crypto::bls::Signature> inner_signatures,
    const AccountIndex* accounts = nullptr);
/// Decodes a TransactionData of type 0x53 (shape checked by format::check_payload first).
[[nodiscard]] Result<CompressedBatch> decode_compressed_tx(const format::TransactionData& tx,
                                                           const AccountIndex* accounts = nullptr,
                                                           const CompressedLimits& limits = {});

/// The validated BLS key of an account, or nullptr when the account has none (registered with a
/// proof of possession, e.g. a crypto::bls::SignerRegistry of AddressKind::kAccount).
using BlsKeyLookup = std::function<const crypto::bls::ValidatedPublicKey*(const Address&)>;

/// AggregateVerify of `aggregate` over (key of txs[i].from, inner_signing_message(txs[i])). Error:
/// empty batch, an unknown sender (compressed_errc::kUnknownSender, names the index), a malformed
/// aggregate (bls.*). Otherwise true iff it verifies.
[[nodiscard]] Result<bool> verify_compressed(const CompressedBatch& batch, ByteView aggregate,
                                             const BlsKeyLookup& keys);
[[nodiscard]] Result<bool> verify_compressed(const CompressedBatch& batch, ByteView aggregate,
                                             const crypto::bls::SignerRegistry& accounts);
/// decode_compressed_tx then verify_compressed with the TransactionData's signature.
[[nodiscard]] Result<bool> verify_compressed_tx(const format::TransactionData& tx, const BlsKeyLookup& keys,
                                                const AccountIndex* accounts = nullptr,
                                                const CompressedLimits& limits = {});

/// JSON form: {"type":"0x53","chainId","transactions":[{"from","nonce","maxPriorityFeePerGas",
/// "maxFeePerGas","gas","to","value","input","message"}]}, quantities as 0x-hex without leading
/// zeros, data as 0x-hex; "to" null for a creation; "message" is inner_signing_message (written only).
[[nodiscard]] nlohmann::json to_json(const CompressedBatch& batch);
/// Reads that form (quantities as 0x-hex or decimal strings; "message" ignored). Code "json.invalid".
[[nodiscard]] Result<CompressedBatch> compressed_batch_from_json(const nlohmann::json& j);

}  // namespace luxl2::compress
