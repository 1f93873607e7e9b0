// OpenZeppelin Merkle trees (@openzeppelin/merkle-tree, verified on chain by OpenZeppelin's
// MerkleProof): commutative node hash keccak256(sort(a, b)), the complete-binary-tree array layout
// (node i has children 2i+1 and 2i+2, root at 0, leaves at the end in reverse order), optional
// sorting of the leaf hashes, single proofs and multiproofs with OpenZeppelin's proof-flag algorithm.
// StandardMerkleTree leaves are keccak256(keccak256(abi.encode(value))); SimpleMerkleTree leaves are
// bytes32 values used as they are.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::merkle::oz {

namespace errc {
inline constexpr std::string_view empty_tree = "oz.empty_tree";
inline constexpr std::string_view index_out_of_range = "oz.index_out_of_range";
inline constexpr std::string_view duplicate_index = "oz.duplicate_index";
inline constexpr std::string_view invalid_multiproof = "oz.invalid_multiproof";
inline constexpr std::string_view invalid_dump = "oz.invalid_dump";
}  // namespace errc

/// keccak256 of the two hashes concatenated smaller first (OpenZeppelin's Hashes.commutativeKeccak256).
[[nodiscard]] Hash32 hash_pair(const Hash32& a, const Hash32& b) noexcept;

/// StandardMerkleTree's leaf hash: keccak256(keccak256(abi.encode(types, values))). Values as text
/// (see codec/abi.hpp); rejects what the ABI encoder rejects.
[[nodiscard]] Result<Hash32> standard_leaf_hash(std::span<const std::string> types,
                                                std::span<const std::string> values);

/// A built tree: `nodes` in OpenZeppelin's array layout, `tree_index[i]` the node of value i.
struct Tree {
    std::vector<Hash32> nodes;
    std::vector<std::size_t> tree_index;

    [[nodiscard]] const Hash32& root() const { return nodes.front(); }
    [[nodiscard]] std::size_t size() const { return tree_index.size(); }
};

/// Builds the tree over leaf hashes given in value order; with `sort_leaves` (OpenZeppelin's default)
/// the leaves are placed in ascending byte order of their hashes (stable for equal hashes). Rejects
/// an empty leaf list.
[[nodiscard]] Result<Tree> build(std::span<const Hash32> leaf_hashes, bool sort_leaves = true);

/// Rebuilds a tree from an OpenZeppelin dump's node array and the values' tree indices, checking
/// every internal node, that each index is a distinct leaf node and that `leaf_hashes[i]` (in value
/// order) sits at `tree_index[i]`.
[[nodiscard]] Result<Tree> from_dump(std::vector<Hash32> nodes, std::vector<std::size_t> tree_index,
                                     std::span<const Hash32> leaf_hashes);

/// The proof of value `value_index` (siblings from the leaf up). Rejects an index >= size().
[[nodiscard]] Result<std::vector<Hash32>> get_proof(const Tree& tree, std::size_t value_index);

/// MerkleProof.processProof: folds `leaf` with `proof` using hash_pair.
[[nodiscard]] Hash32 process_proof(const Hash32& leaf, std::span<const Hash32> proof) noexcept;
[[nodiscard]] bool verify_proof(const Hash32& root, const Hash32& leaf, std::span<const Hash32> proof) noexcept;

/// An OpenZeppelin multiproof: `leaves` in the order processMultiProof consumes them (descending tree
/// index), `value_indices` the value each leaf belongs to, `proof` and `flags` as OpenZeppelin makes them.
struct MultiProof {
    std::vector<std::size_t> value_indices;
    std::vector<Hash32> leaves;
    std::vector<Hash32> proof;
    std::vector<bool> flags;
};

/// getMultiProof: rejects duplicates and out-of-range indices. An empty index set gives proof = [root].
[[nodiscard]] Result<MultiProof> get_multiproof(const Tree& tree, std::span<const std::size_t> value_indices);

/// MerkleProof.processMultiProof. Rejects (oz.invalid_multiproof) when
/// leaves + proof != flags + 1, when a flag reads past the leaves and computed hashes or past the
/// proof, and when proof hashes are left unused.
[[nodiscard]] Result<Hash32> process_multiproof(std::span<const Hash32> leaves, std::span<const Hash32> proof,
                                                const std::vector<bool>& flags);
[[nodiscard]] bool verify_multiproof(const Hash32& root, std::span<const Hash32> leaves, std::span<const Hash32> proof,
                                     const std::vector<bool>& flags);

}  // namespace luxl2::merkle::oz
