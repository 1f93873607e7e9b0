// Fixed-width big/little-endian loads and stores, and LEB128 varints.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2 {

[[nodiscard]] inline std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    return v;
}
inline void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}
[[nodiscard]] inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    return v;
}
inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}
[[nodiscard]] inline std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    return v;
}
inline void store_be32(std::uint8_t* p, std::uint32_t v) noexcept {
    if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap32(v);
    std::memcpy(p, &v, 4);
}

/// Appends `v` as an unsigned LEB128 varint (1..10 bytes).
inline void put_varint(Bytes& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(v));
}

/// Reads an unsigned LEB128 varint and consumes it. Strict: rejects truncation, more than 64 bits
/// and non-minimal encodings (a final 0x00 continuation byte), code "varint.invalid".
[[nodiscard]] inline Result<std::uint64_t> get_varint(ByteView& in) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i >= in.size()) return fail("varint.invalid", "truncated varint");
        const std::uint8_t b = in[i];
        if (i == 9 && b > 1) return fail("varint.invalid", "varint exceeds 64 bits");
        v |= static_cast<std::uint64_t>(b & 0x7f) << (7 * i);
        if ((b & 0x80) == 0) {
            if (b == 0 && i > 0) return fail("varint.invalid", "non-minimal varint");
            in = in.subspan(i + 1);
            return v;
        }
    }
    return fail("varint.invalid", "varint exceeds 64 bits");
}

}  // namespace luxl2
