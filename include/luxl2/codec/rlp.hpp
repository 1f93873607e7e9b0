// RLP per the Ethereum Yellow Paper, appendix B. Encoders append to a caller's buffer; decoders take
// `ByteView&`, consume what they read and reject every non-canonical form with its own error code.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::rlp {

/// Stable error codes of the RLP decoder.
namespace errc {
inline constexpr std::string_view input_too_short = "rlp.input_too_short";        // a length runs past the input
inline constexpr std::string_view leading_zero = "rlp.leading_zero";              // in a length or an integer
inline constexpr std::string_view non_canonical_size = "rlp.non_canonical_size";  // long form for < 56 bytes
inline constexpr std::string_view non_canonical_single_byte = "rlp.non_canonical_single_byte";  // 0x81 0x00..0x7f
inline constexpr std::string_view trailing_bytes = "rlp.trailing_bytes";  // input left after the item
inline constexpr std::string_view overflow =
    "rlp.overflow";  // integer too wide, or a length beyond any buffer (> PTRDIFF_MAX)
inline constexpr std::string_view unexpected_list = "rlp.unexpected_list";
inline constexpr std::string_view unexpected_string = "rlp.unexpected_string";
inline constexpr std::string_view unexpected_length = "rlp.unexpected_length";  // fixed-size field of wrong size
inline constexpr std::string_view too_deep = "rlp.too_deep";
inline constexpr std::string_view too_large = "rlp.too_large";
inline constexpr std::string_view list_length_mismatch = "rlp.list_length_mismatch";  // items overrun their list
}  // namespace errc

/// Limits for decoding untrusted input, checked before anything is allocated.
struct Limits {
    std::size_t max_bytes = 16 * 1024 * 1024;  // the whole input
    std::size_t max_depth = 64;                // list nesting
    std::size_t max_items = 1 << 20;           // items in one list
};

struct Header {
    bool list = false;
    std::size_t payload_length = 0;
};

// ---- encoding -------------------------------------------------------------------------------

/// Bytes the header of a payload of `payload_length` takes.
[[nodiscard]] std::size_t header_length(std::size_t payload_length) noexcept;
void encode_header(Bytes& out, Header h);

/// A byte string.
void encode(Bytes& out, ByteView s);
/// An unsigned integer: minimal big-endian bytes, zero as the empty string (0x80).
void encode(Bytes& out, std::uint64_t v);
void encode(Bytes& out, const U256& v);
template <std::size_t N>
void encode(Bytes& out, const FixedBytes<N>& b) {
    encode(out, b.view());
}

[[nodiscard]] std::size_t length(ByteView s) noexcept;
[[nodiscard]] std::size_t length(std::uint64_t v) noexcept;
[[nodiscard]] std::size_t length(const U256& v) noexcept;
template <std::size_t N>
[[nodiscard]] std::size_t length(const FixedBytes<N>& b) noexcept {
    return length(b.view());
}

// ---- decoding -------------------------------------------------------------------------------

/// Reads one header and consumes it. For a single byte < 0x80 the header describes a 1-byte
/// string and consumes nothing. Checks that the payload fits in `in`.
[[nodiscard]] Result<Header> decode_header(ByteView& in);

/// A string item (not a list); consumes it and returns its payload.
[[nodiscard]] Result<ByteView> decode_string(ByteView& in);
/// A list header; consumes it and returns the list payload (which the caller then decodes and must
/// consume fully) and advances `in` past the list.
[[nodiscard]] Result<ByteView> decode_list(ByteView& in);
/// Canonical unsigned integers: no leading zero bytes, at most 8 (uint64) or 32 (U256) bytes.
[[nodiscard]] Result<std::uint64_t> decode_uint64(ByteView& in);
[[nodiscard]] Result<U256> decode_u256(ByteView& in);
/// A string of exactly N bytes.
template <std::size_t N>
[[nodiscard]] Result<FixedBytes<N>> decode_fixed(ByteView& in) {
    auto s = decode_string(in);
    if (!s) return std::unexpected(std::move(s.error()));
    if (s->size() != N)
        return fail(errc::unexpected_length,
                    "expected " + std::to_string(N) + " bytes, got " + std::to_string(s->size()));
    return FixedBytes<N>::from_view(*s);
}

/// A generic RLP tree, for tools, tests and fuzzing.
struct Item {
    bool is_list = false;
    Bytes bytes;              // the payload of a string
    std::vector<Item> items;  // the items of a list
    friend bool operator==(const Item&, const Item&) = default;
};

/// Decodes exactly one item spanning all of `in`, within `limits`.
[[nodiscard]] Result<Item> decode_item(ByteView in, const Limits& limits = {});
void encode(Bytes& out, const Item& item);

}  // namespace luxl2::rlp
