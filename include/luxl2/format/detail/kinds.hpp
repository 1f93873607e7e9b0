// Field kinds of the schema (see schema.hpp) and what "default" means for each: the codecs dispatch
// on these with `if constexpr`, so every encoding treats a kind the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/balance_delta.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format::detail {

template <class T>
struct is_fixed : std::false_type {};
template <std::size_t N>
struct is_fixed<FixedBytes<N>> : std::true_type {};

template <class T>
struct is_vector : std::false_type {};
template <class E>
struct is_vector<std::vector<E>> : std::true_type {};

template <class T>
inline constexpr bool is_bytes_v = std::is_same_v<T, Bytes>;
template <class T>
inline constexpr bool is_list_v = is_vector<T>::value && !is_bytes_v<T>;
/// Small unsigned integers and enums: one byte on the binary wire, an integer elsewhere.
template <class T>
inline constexpr bool is_small_v = std::is_enum_v<T> || std::is_same_v<T, std::uint8_t>;

template <class T>
[[nodiscard]] bool is_default(const T& v) {
    if constexpr (std::is_same_v<T, U256>)
        return v.is_zero();
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return v == 0;
    else if constexpr (std::is_same_v<T, bool>)
        return !v;
    else if constexpr (is_small_v<T>)
        return static_cast<std::uint8_t>(v) == 0;
    else if constexpr (is_fixed<T>::value)
        return v.is_zero();
    else if constexpr (std::is_same_v<T, std::string> || is_vector<T>::value)
        return v.empty();
    else if constexpr (std::is_same_v<T, std::optional<Address>>)
        return !v.has_value();
    else if constexpr (std::is_same_v<T, BalanceDelta>)
        return v.magnitude.is_zero() && !v.negative;
    else {
        static_assert(Described<T>, "field kind without a codec");
        bool all = true;
        Schema<T>::fields(v, [&all](std::string_view, const auto& f) {
            if (all && !is_default(f)) all = false;
        });
        return all;
    }
}

/// Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). String fields must be, as
/// in proto3 and JSON, so that every encoding can carry every decoded value.
[[nodiscard]] inline bool valid_utf8(ByteView s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::uint8_t c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        // n continuation bytes; cp starts with the lead byte's payload bits.
        const std::size_t n = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
        if (n == 0) return false;
        std::uint32_t cp = c & (0x7Fu >> (n + 1));
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size() || (s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

/// Sets a value to its zero value (what an absent binary field means). Not `T{}` for structs:
/// some members have non-zero initialisers (BlockHeader::version), which the wire does not know.
template <class T>
void set_zero(T& v) {
    if constexpr (Described<T>) {
        Schema<T>::fields(v, [](std::string_view, auto& f) { set_zero(f); });
    } else {
        v = T{};
    }
}

}  // namespace luxl2::format::detail
