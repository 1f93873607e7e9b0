// A dynamic SSZ value: what a serialization decodes to when no C++ struct is at hand (generic
// tests, tools, fuzzing). Decoding is strict (`ssz::validate`); encoding checks the value against the
// type (element counts, limits, uint ranges) and reproduces the canonical bytes.
#pragma once

#include <cstdint>
#include <vector>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::ssz {

struct Value {
    U256 number;                // uint (any width), boolean (0 or 1)
    std::vector<bool> bits;     // bitvector, bitlist
    std::vector<Value> items;   // vector and list elements, container fields; a union's value (0 or 1 item)
    std::uint8_t selector = 0;  // union

    friend bool operator==(const Value&, const Value&) = default;
};

/// Strict decoding into a Value (errors as `validate`; counts are checked before anything is allocated).
[[nodiscard]] Result<Value> decode(const Type& t, ByteView b);
/// Appends the serialization of `v`; rejects a value that does not fit `t` (errc::mismatch, errc::limit).
[[nodiscard]] Result<void> encode(const Type& t, const Value& v, Bytes& out);
[[nodiscard]] Result<Bytes> encode(const Type& t, const Value& v);
/// The default value of `t` (zeros, empty lists, a union's first option).
[[nodiscard]] Value default_value(const Type& t);

}  // namespace luxl2::ssz
