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
    if constexpr (std::is_same_v<T, U256>) return v.is_zero();
    else if constexpr (std::is_same_v<T, std::uint64_t>) return v == 0;
    else if constexpr (std::is_same_v<T, bool>) return !v;
    else if constexpr (is_small_v<T>) return static_cast<std::uint8_t>(v) == 0;
    else if constexpr (is_fixed<T>::value) return v.is_zero();
    else if constexpr (std::is_same_v<T, std::string> || is_vector<T>::value) return v.empty();
    else if constexpr (std::is_same_v<T, std::optional<Address>>) return !v.has_value();
    else if constexpr (std::is_same_v<T, BalanceDelta>) return v.magnitude.is_zero() && !v.negative;
    else {
        static_assert(Described<T>, "field kind without a codec");
        bool all = true;
        Schema<T>::fields(v, [&all](std::string_view, const auto& f) {
            if (all && !is_default(f)) all = false;
        });
        return all;
    }
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
