// A minimal Solidity ABI encoder (abi.encode of a flat tuple), enough for OpenZeppelin Merkle tree
// leaves: address, bool, uint<N>, int<N>, bytes<N>, bytes and string. Arrays and nested tuples are
// not supported (rejected with "abi.unsupported_type").
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::codec::abi {

namespace errc {
inline constexpr std::string_view unsupported_type = "abi.unsupported_type";
inline constexpr std::string_view invalid_value = "abi.invalid_value";
inline constexpr std::string_view arity = "abi.arity";
}  // namespace errc

/// abi.encode(values...) for `types`. Values are text, as OpenZeppelin's JSON dumps carry them:
/// address and bytes/bytesN as 0x-hex (bytesN exactly N bytes), uint/int as decimal or 0x-hex
/// (int may start with '-'; out-of-range values are rejected), bool as "true"/"false", string as
/// its UTF-8 bytes. Rejects an unknown type, a type/value count mismatch and malformed values.
[[nodiscard]] Result<Bytes> encode(std::span<const std::string> types, std::span<const std::string> values);

/// True iff `type` is one of the supported elementary types.
[[nodiscard]] bool is_supported(std::string_view type);

}  // namespace luxl2::codec::abi
