// Limits and error codes shared by every decoder of the format module.
#pragma once

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
inline constexpr std::string_view too_large = "format.too_large";          // a limit was hit
inline constexpr std::string_view invalid = "format.invalid";              // a broken invariant (validate)
inline constexpr std::string_view unsupported = "format.unsupported";      // encoding or version not available
inline constexpr std::string_view json = "format.json";                    // JSON that is not the JSON form
}  // namespace errc

/// Limits for untrusted input, checked before anything is allocated.
struct Limits {
    std::size_t max_bytes = 64 * 1024 * 1024;   // a whole encoded value
    std::size_t max_transactions = 100'000;     // L2Block.transactions
    std::size_t max_blocks = 4096;              // BatchedBlocks.blocks
    std::size_t max_list = 1 << 20;             // items of any other list
    std::size_t max_field_bytes = 16 * 1024 * 1024;  // one bytes/string field
    std::size_t max_depth = 16;                 // nesting of structs and lists
};

namespace detail {

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
