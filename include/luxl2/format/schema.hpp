// The field schema behind every encoding of the LP-505 structs. Each struct specialises
// `Schema<T>` right after its definition with its name and `fields(self, visit)`, which calls
// `visit(name, member)` for every member in wire order. The RLP, binary, JSON and Protobuf codecs
// are written once over this description, so the five forms cannot drift apart: a field added here
// is added to all of them (and to proto/luxl2/v1/block.proto, which a test keeps in step).
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace luxl2::format {

/// Specialised per struct: `static constexpr std::string_view name` and
/// `template <class S, class V> static void fields(S& s, V&& v)` (S is T or const T).
template <class T>
struct Schema;

template <class T>
concept Described = requires { Schema<std::remove_const_t<T>>::name; };

/// The number of fields of a described struct (counted once).
template <Described T>
[[nodiscard]] std::size_t field_count() {
    static const std::size_t n = [] {
        std::size_t c = 0;
        const T probe{};
        Schema<T>::fields(probe, [&c](std::string_view, const auto&) { ++c; });
        return c;
    }();
    return n;
}

}  // namespace luxl2::format
