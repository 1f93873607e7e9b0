// Limits and error codes shared by every decoder of the format module.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "luxl2/core/error.hpp"

namespace luxl2::format {

/// Stable error codes of the block decoders (RLP, binary, JSON, Protobuf) and of `validate`.
namespace errc {
inline constexpr std::string_view truncated = "format.truncated";          // input ends inside a field
inline constexpr std::string_view malformed = "format.malformed";          // wrong shape or size
inline constexpr std::string_view non_canonical = "format.non_canonical";  // a value with a shorter or unique form
inline constexpr std::string_view trailing_bytes = "format.trailing_bytes";
inline constexpr std::string_view too_large = "format.too_large";      // a limit was hit
inline constexpr std::string_view invalid = "format.invalid";          // a broken invariant (validate)
inline constexpr std::string_view unsupported = "format.unsupported";  // encoding or version not available
inline constexpr std::string_view json = "format.json";                // JSON that is not the JSON form
}  // namespace errc

/// Sizes of TransactionData's byte fields, in every encoding; also their SSZ ByteList limits
/// (docs/format/ssz.md), which enter the hash_tree_root. The payload cap is Ethereum's transaction
/// size cap (geth's txpool txMaxSize, 128 KiB); the largest signature (SLH-DSA-256f, 49,856 bytes,
/// or a hybrid one) fits in 64 KiB.
inline constexpr std::size_t kTxPayloadMaxBytes = std::size_t{1} << 17;
inline constexpr std::size_t kTxSignatureMaxBytes = std::size_t{1} << 16;
inline constexpr std::size_t kTxMetadataMaxBytes = std::size_t{1} << 16;

/// Limits for untrusted input, checked before anything is allocated.
struct Limits {
    std::size_t max_bytes = 64 * 1024 * 1024;        // a whole encoded value
    std::size_t max_transactions = 100'000;          // L2Block.transactions
    std::size_t max_blocks = 4096;                   // BatchedBlocks.blocks
    std::size_t max_list = 1 << 20;                  // items of any other list
    std::size_t max_field_bytes = 16 * 1024 * 1024;  // one bytes/string field
    std::size_t max_depth = 16;                      // nesting of structs and lists
    // TransactionData's byte fields (each also bounded by max_field_bytes). Raising one above its
    // default lets a decoder accept a block that the SSZ form cannot carry.
    std::size_t max_tx_payload_bytes = kTxPayloadMaxBytes;
    std::size_t max_tx_signature_bytes = kTxSignatureMaxBytes;
    std::size_t max_tx_metadata_bytes = kTxMetadataMaxBytes;
};

namespace detail {

/// The limit of field `field` of struct `type` where it is not the default for its kind (max_list
/// items for a list, max_field_bytes for a byte string), else 0.
[[nodiscard]] inline std::size_t field_limit_for(std::string_view type, std::string_view field,
                                                 const Limits& lim) noexcept {
    if (field == "transactions") return lim.max_transactions;
    if (field == "blocks") return lim.max_blocks;
    if (type == "TransactionData") {
        if (field == "payload") return std::min(lim.max_tx_payload_bytes, lim.max_field_bytes);
        if (field == "signature") return std::min(lim.max_tx_signature_bytes, lim.max_field_bytes);
        if (field == "metadata") return std::min(lim.max_tx_metadata_bytes, lim.max_field_bytes);
    }
    return 0;
}

/// Where a decoder is, for error messages: "transactions[3].payload at byte 1234: ...". The path is
/// collected while an error unwinds, so decoding that succeeds pays nothing for it.
struct ErrorPath {
    std::vector<std::string> rev;  // innermost first
    std::size_t offset = 0;

    void name(std::string_view n) { rev.emplace_back(n); }
    void index(std::size_t i) { rev.push_back("[" + std::to_string(i) + "]"); }
    [[nodiscard]] std::string str() const {
        std::string s;
        for (auto it = rev.rbegin(); it != rev.rend(); ++it) {
            if (!s.empty() && (*it)[0] != '[') s += '.';
            s += *it;
        }
        return s;
    }
    /// The final error: "<path> at byte <offset>: <message>".
    [[nodiscard]] Error finish(Error e) const {
        std::string where = str();
        if (where.empty()) where = "<root>";
        where += " at byte " + std::to_string(offset);
        e.at(where);
        return e;
    }
};

}  // namespace detail
}  // namespace luxl2::format
