// U256: unsigned 256-bit integers with wrapping arithmetic (mod 2^256), as in the EVM.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2 {

class U256 {
public:
    /// Little-endian 64-bit limbs: w[0] is the least significant.
    std::array<std::uint64_t, 4> w{};

    constexpr U256() noexcept = default;
    constexpr U256(std::uint64_t v) noexcept : w{v, 0, 0, 0} {}  // NOLINT(google-explicit-constructor)
    /// From limbs, most significant first.
    static constexpr U256 from_words(std::uint64_t w3, std::uint64_t w2, std::uint64_t w1, std::uint64_t w0) noexcept {
        U256 r;
        r.w = {w0, w1, w2, w3};
        return r;
    }
    static constexpr U256 max() noexcept { return from_words(~0ULL, ~0ULL, ~0ULL, ~0ULL); }

    /// Big-endian bytes, at most 32 (leading zeros allowed here; canonical checks belong to codecs).
    [[nodiscard]] static Result<U256> from_be_bytes(ByteView b);
    /// Exactly 32 big-endian bytes.
    [[nodiscard]] static U256 from_be32(const std::uint8_t* p) noexcept;
    /// Decimal digits, or "0x"-prefixed hex (1..64 digits). Rejects signs, spaces, empty input and
    /// values ≥ 2^256 (codes "u256.invalid", "u256.overflow").
    [[nodiscard]] static Result<U256> from_string(std::string_view s);
    /// Hex digits with or without "0x", leading zeros allowed (codes as from_string).
    [[nodiscard]] static Result<U256> from_hex(std::string_view s);

    [[nodiscard]] std::array<std::uint8_t, 32> to_be_bytes() const noexcept;
    void to_be32(std::uint8_t* out) const noexcept;
    /// Minimal big-endian bytes: empty for zero, no leading zero byte otherwise.
    [[nodiscard]] Bytes to_be_trimmed() const;
    /// Decimal.
    [[nodiscard]] std::string to_string() const;
    /// "0x"-prefixed minimal hex (JSON-RPC quantity): "0x0", "0x1f".
    [[nodiscard]] std::string to_hex() const;

    [[nodiscard]] constexpr bool is_zero() const noexcept { return (w[0] | w[1] | w[2] | w[3]) == 0; }
    [[nodiscard]] constexpr bool fits_u64() const noexcept { return (w[1] | w[2] | w[3]) == 0; }
    [[nodiscard]] constexpr std::uint64_t low64() const noexcept { return w[0]; }
    [[nodiscard]] unsigned bit_length() const noexcept;
    [[nodiscard]] unsigned byte_length() const noexcept { return (bit_length() + 7) / 8; }
    [[nodiscard]] constexpr bool bit(unsigned i) const noexcept {
        return i < 256 && ((w[i / 64] >> (i % 64)) & 1) != 0;
    }

    friend constexpr bool operator==(const U256&, const U256&) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(const U256& a, const U256& b) noexcept {
        for (int i = 3; i >= 0; --i)
            if (a.w[static_cast<std::size_t>(i)] != b.w[static_cast<std::size_t>(i)])
                return a.w[static_cast<std::size_t>(i)] <=> b.w[static_cast<std::size_t>(i)];
        return std::strong_ordering::equal;
    }

    friend U256 operator+(const U256& a, const U256& b) noexcept;
    friend U256 operator-(const U256& a, const U256& b) noexcept;
    friend U256 operator*(const U256& a, const U256& b) noexcept;
    /// Division and remainder by zero give zero, as in the EVM.
    friend U256 operator/(const U256& a, const U256& b) noexcept;
    friend U256 operator%(const U256& a, const U256& b) noexcept;
    friend U256 operator<<(const U256& a, unsigned n) noexcept;
    friend U256 operator>>(const U256& a, unsigned n) noexcept;
    friend constexpr U256 operator&(const U256& a, const U256& b) noexcept {
        return from_words(a.w[3] & b.w[3], a.w[2] & b.w[2], a.w[1] & b.w[1], a.w[0] & b.w[0]);
    }
    friend constexpr U256 operator|(const U256& a, const U256& b) noexcept {
        return from_words(a.w[3] | b.w[3], a.w[2] | b.w[2], a.w[1] | b.w[1], a.w[0] | b.w[0]);
    }
    friend constexpr U256 operator^(const U256& a, const U256& b) noexcept {
        return from_words(a.w[3] ^ b.w[3], a.w[2] ^ b.w[2], a.w[1] ^ b.w[1], a.w[0] ^ b.w[0]);
    }
    friend constexpr U256 operator~(const U256& a) noexcept { return from_words(~a.w[3], ~a.w[2], ~a.w[1], ~a.w[0]); }

    U256& operator+=(const U256& b) noexcept { return *this = *this + b; }
    U256& operator-=(const U256& b) noexcept { return *this = *this - b; }
    U256& operator*=(const U256& b) noexcept { return *this = *this * b; }
    U256& operator/=(const U256& b) noexcept { return *this = *this / b; }
    U256& operator%=(const U256& b) noexcept { return *this = *this % b; }
    U256& operator<<=(unsigned n) noexcept { return *this = *this << n; }
    U256& operator>>=(unsigned n) noexcept { return *this = *this >> n; }
};

/// Quotient and remainder in one pass; {0, 0} for a zero divisor.
[[nodiscard]] std::pair<U256, U256> divmod(const U256& a, const U256& b) noexcept;
/// a + b; true when it wrapped past 2^256.
[[nodiscard]] bool add_overflow(const U256& a, const U256& b, U256& out) noexcept;
/// a - b; true when it wrapped below zero.
[[nodiscard]] bool sub_overflow(const U256& a, const U256& b, U256& out) noexcept;
/// a * b; true when the full product does not fit in 256 bits.
[[nodiscard]] bool mul_overflow(const U256& a, const U256& b, U256& out) noexcept;

}  // namespace luxl2
