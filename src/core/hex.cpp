#include "luxl2/core/hex.hpp"

#include <string.h>  // explicit_bzero

namespace luxl2 {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

constexpr int nibble(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

void secure_wipe(void* p, std::size_t n) noexcept {
    explicit_bzero(p, n);
}

std::string to_hex(ByteView b, bool prefix) {
    std::string out;
    out.resize((prefix ? 2 : 0) + 2 * b.size());
    std::size_t i = 0;
    if (prefix) {
        out[i++] = '0';
        out[i++] = 'x';
    }
    for (std::uint8_t byte : b) {
        out[i++] = kDigits[byte >> 4];
        out[i++] = kDigits[byte & 0xf];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view s) {
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
    if (s.size() % 2 != 0) return fail("hex.invalid", "odd number of hex digits (" + std::to_string(s.size()) + ")");
    Bytes out(s.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = nibble(s[2 * i]);
        const int lo = nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return fail("hex.invalid", "invalid hex digit at position " + std::to_string(2 * i + (hi < 0 ? 0 : 1)));
        out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

namespace literals {
Bytes operator""_hex(const char* s, std::size_t n) {
    auto r = from_hex(std::string_view(s, n));
    LUXL2_ASSERT(r.has_value());
    return std::move(*r);
}
}  // namespace literals

}  // namespace luxl2
