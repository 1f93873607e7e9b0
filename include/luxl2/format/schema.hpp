// The field schema behind every encoding of the LP-505 structs. Each struct specialises
// `Schema<T>` right after its definition with its name and `fields(self, visit)`, which calls
// `visit(name, member)` for every member in wire order. The RLP, binary, JSON and Protobuf codecs
// are written once over this description, so the five forms cannot drift apart: a field added here
// is added to all of them (and to proto/luxl2/v1/block.proto, which a test keeps in step).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace luxl2::format {

/// The format version this code writes and the newest whose fields it knows (Backwards
/// Compatibility §1). A later version only appends fields at the end of its structs, so a reader
/// reads a newer block's known fields and skips the trailing ones it does not know
/// (docs/format/canonical.md, "Versions"); in a block of a version it knows, extra fields are
/// rejected as non-canonical.
inline constexpr std::uint64_t kFormatVersion = 1;

/// Specialised per struct: `static constexpr std::string_view name` and
/// `template <class S, class V> static void fields(S& s, V&& v)` (S is T or const T).
template <class T>
struct Schema;

template <class T>
concept Described = requires {
    Schema<std::remove_const_t<T>>::name;
};

/// A struct whose first field is the format version (BlockHeader declares
/// `static constexpr bool carries_format_version = true`). Decoders read it first and, for the rest
/// of the enclosing block, accept trailing fields they do not know when it is newer than
/// kFormatVersion.
template <class T>
concept CarriesVersion = Described<T> && requires {
    Schema<std::remove_const_t<T>>::carries_format_version;
};

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
