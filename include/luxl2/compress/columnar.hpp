// Columnar coding of a batch of signed Ethereum transactions (LP-505 batchCompressTransactions /
// extractCommonFields), in the manner of the OP Stack span batch: one column per field, addresses and
// selectors as indices into tables built on the fly, nonces as per-sender deltas, gas limits from a
// small dictionary, values and fees in a decimal-float form, each column compressed by the codec
// that suits it. Layout in docs/format/columnar.md.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::compress {

inline constexpr std::uint8_t kColumnarVersion = 3;

/// Accounts already in the L2 state, named by a dense index (as zkSync Era names state keys), which
/// encoder and decoder share. With it an address the state holds costs its index instead of 20 bytes.
/// `address_at(index_of(a)) == a` must hold for every address the context knows; both calls must
/// give the same answers at encoding and decoding (the batch pins the state it was written against).
class AccountContext {
public:
    virtual ~AccountContext() = default;
    [[nodiscard]] virtual std::optional<std::uint64_t> index_of(const Address& a) const = 0;
    [[nodiscard]] virtual std::optional<Address> address_at(std::uint64_t index) const = 0;
};

struct ColumnarOptions {
    /// Leave signatures out: for batches whose signatures are aggregated (BLS) or covered by a validity
    /// proof. Senders are then carried (as address-table indices) and nonces become per-sender deltas.
    bool signature_free = false;
    int zstd_level = 12;       // for columns up to `zstd_small_limit` bytes
    int zstd_level_mid = 9;    // up to `zstd_mid_limit` bytes
    int zstd_level_large = 3;  // for larger columns (the calldata): higher levels gain < 1% there
    std::size_t zstd_small_limit = 16 * 1024;
    std::size_t zstd_mid_limit = 64 * 1024;
    /// Optional: addresses the state holds become indices (the decoder then needs the same context).
    const AccountContext* context = nullptr;
    int brotli_level = -1;  // >= 0: brotli at this level is tried as well (the smaller output wins)
};

struct ColumnarLimits {
    std::size_t max_txs = 1u << 20;
    std::uint64_t max_output = 256ull << 20;  // all columns' decompressed bytes together
    std::size_t max_table = 1u << 22;         // addresses and selectors
};

/// Sizes of one column, for reports.
struct ColumnStat {
    std::string_view name;
    std::size_t raw_bytes = 0;     // before its codec
    std::size_t stored_bytes = 0;  // after, with its framing
    CompressionType codec = CompressionType::kNone;
};

struct ColumnarStats {
    std::size_t transactions = 0;
    std::size_t fallback_txs = 0;  // stored verbatim (not re-encodable from their fields)
    std::size_t header_bytes = 0;
    std::vector<ColumnStat> columns;
};

/// Encodes `txs` (EIP-2718 bytes). In signature-free mode `senders[i]` is txs[i]'s sender (the caller
/// has verified the aggregate signature or proof); otherwise `senders` may be empty, or given to let
/// nonces be coded per sender. All five Ethereum types (legacy, EIP-2930, -1559, -4844, -7702) get
/// columns; a transaction that does not re-encode to the same bytes from its fields is kept verbatim,
/// so every input round-trips; one that does not decode at all is refused.
[[nodiscard]] Result<Bytes> encode_columnar(std::span<const Bytes> txs, const ColumnarOptions& opt = {},
                                            std::span<const Address> senders = {}, ColumnarStats* stats = nullptr);

struct ColumnarBatch {
    bool signature_free = false;
    /// Every transaction's EIP-2718 bytes, back to back, in batch order: transaction i is
    /// bytes[offsets[i], offsets[i + 1]). With signatures these are the exact signed transactions;
    /// signature-free, the transactions with r = s = 0 and parity 0 (verbatim ones keep theirs).
    RawBuffer bytes;
    std::vector<std::size_t> offsets{0};
    std::vector<Address> senders;  // signature-free mode

    [[nodiscard]] std::size_t size() const noexcept { return offsets.size() - 1; }
    /// Transaction i's bytes (a view into `bytes`).
    [[nodiscard]] ByteView raw(std::size_t i) const noexcept {
        return ByteView(bytes).subspan(offsets[i], offsets[i + 1] - offsets[i]);
    }
    /// Copies of every transaction's bytes.
    [[nodiscard]] std::vector<Bytes> raw_all() const;
    /// Transaction i decoded (signature-free: what was signed, with a zero signature).
    [[nodiscard]] Result<format::Transaction> tx(std::size_t i) const;
};

/// Decodes and checks the batch hash (docs/format/columnar.md, "Hash"): a SHA-256 tree over the
/// concatenated transactions with signatures, over the concatenated (signing hash ‖ sender) without.
/// Limits are checked before each allocation; any malformed or non-canonical column is rejected, and
/// so is a batch of another version (code compress.bad_version).
[[nodiscard]] Result<ColumnarBatch> decode_columnar(ByteView in, const ColumnarLimits& limits = {});
/// The same for batches written with an AccountContext (a batch written without one decodes too).
/// Rejects an index the context does not know, and a literal address the context knows.
[[nodiscard]] Result<ColumnarBatch> decode_columnar(ByteView in, const ColumnarLimits& limits,
                                                    const AccountContext& context);

/// LP-505 extractCommonFields: the batch's shared context (chain id, base fee, gas dictionary, address
/// and selector tables) and, per transaction, its remaining fields as a compact delta (uncompressed).
struct CommonFields {
    Bytes common;
    std::vector<Bytes> deltas;
};
[[nodiscard]] Result<CommonFields> extract_common_fields(std::span<const Bytes> txs);

}  // namespace luxl2::compress
