// Hexadecimal text <-> bytes, with or without the 0x prefix.
#pragma once

#include <string>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2 {

/// Lower-case hex of `b`, "0x"-prefixed when `prefix`.
[[nodiscard]] std::string to_hex(ByteView b, bool prefix = true);

/// Parses hex with or without "0x"/"0X"; upper and lower case digits. Rejects odd length and
/// non-hex characters (code "hex.invalid").
[[nodiscard]] Result<Bytes> from_hex(std::string_view s);

/// Parses hex that must decode to exactly N bytes.
template <std::size_t N>
[[nodiscard]] Result<FixedBytes<N>> from_hex_fixed(std::string_view s) {
    auto b = from_hex(s);
    if (!b) return std::unexpected(std::move(b.error()));
    if (b->size() != N)
        return fail("hex.invalid_length", "expected " + std::to_string(N) + " bytes, got " + std::to_string(b->size()));
    return FixedBytes<N>::from_view(*b);
}

template <std::size_t N>
[[nodiscard]] std::string to_hex(const FixedBytes<N>& b, bool prefix = true) {
    return to_hex(b.view(), prefix);
}

namespace literals {
/// "0x1234"_hex: bytes from a hex literal; aborts on a malformed literal (tests and constants only).
[[nodiscard]] Bytes operator""_hex(const char* s, std::size_t n);
}  // namespace literals

}  // namespace luxl2
