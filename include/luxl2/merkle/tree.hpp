// The positional binary Merkle tree of LP-505 roots: keccak256, domain-separated as in RFC 6962
// (leaf = keccak(0x00 ‖ data), node = keccak(0x01 ‖ left ‖ right)); a level with an odd count
// promotes its last node unchanged. The root of no leaves is keccak256 of the empty string.
#pragma once

#include <span>

#include "luxl2/core/bytes.hpp"

namespace luxl2::merkle {

[[nodiscard]] Hash32 leaf_hash(ByteView data) noexcept;
[[nodiscard]] Hash32 node_hash(const Hash32& left, const Hash32& right) noexcept;

/// Root over already-hashed leaves (leaf_hash of each item).
[[nodiscard]] Hash32 root_of_leaf_hashes(std::span<const Hash32> leaves);
/// Root over leaf data.
[[nodiscard]] Hash32 root(std::span<const ByteView> leaves);
[[nodiscard]] Hash32 root(std::span<const Bytes> leaves);

/// The root of an empty tree.
[[nodiscard]] Hash32 empty_root() noexcept;

}  // namespace luxl2::merkle
