// hash_tree_root of many values of one type at once (private to the SSZ code).
#pragma once

#include <span>

#include "luxl2/codec/ssz.hpp"

namespace luxl2::ssz::detail {

/// The roots of `items` (validated serializations of `t`) to out[32 i]. Trees are reduced level by
/// level across all items, so every SHA-256 call gets many independent 64-byte messages (the
/// multi-lane path of crypto::sha256_64_many) — including the long chains of zero-subtree hashes
/// that pad each list to its limit.
void roots_batch(const Type& t, std::span<const ByteView> items, std::uint8_t* out);

}  // namespace luxl2::ssz::detail
