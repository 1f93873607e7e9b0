// The state tree: a sparse Merkle tree over 256-bit keys (accounts and storage slots), kept as a
// path-compressed binary trie (crit-bit) whose root is the 256-level sparse Merkle root defined in
// docs/format/state-tree.md:
//   - key bits are read most significant first (bit 0 = top bit of byte 0) and choose left (0) or
//     right (1) from the root (depth 0) down to depth 256;
//   - an empty subtree of height h has the default hash D_h: D_0 = 32 zero bytes,
//     D_{h+1} = keccak256(0x01 ‖ D_h ‖ D_h);
//   - a subtree holding exactly one key has the hash of that key's leaf,
//     keccak256(0x00 ‖ key ‖ value), at whatever height it sits;
//   - any other subtree has keccak256(0x01 ‖ left ‖ right).
// A value of 32 zero bytes means "absent": setting it deletes the key. Work per update is the number
// of branching levels on the key's path (about log2 of the key count for hashed keys), not 256.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/merkle/chunked_arena.hpp"
#include "luxl2/merkle/node_store.hpp"
#include "luxl2/merkle/sparse_proof.hpp"

namespace luxl2::merkle::smt {

/// One write of a batch: value zero deletes the key.
struct Update {
    Hash32 key;
    Hash32 value;
};

class SparseMerkleTree {
public:
    SparseMerkleTree();

    /// The root (D_256 when empty).
    [[nodiscard]] Hash32 root() const noexcept;
    /// The value of `key`, nullopt when absent.
    [[nodiscard]] std::optional<Hash32> get(const Hash32& key) const noexcept;
    [[nodiscard]] std::size_t size() const noexcept { return count_; }

    /// Insert or update (a zero value deletes); the root is recomputed before returning.
    void set(const Hash32& key, const Hash32& value);
    void erase(const Hash32& key);
    /// Applies the updates in order (a later write to a key wins) and recomputes every changed node
    /// once, so shared upper nodes are hashed once per batch, not once per update.
    void update(std::span<const Update> updates);

    /// A compressed proof for `keys` (any order; duplicates rejected with "smt.duplicate_key"): an
    /// inclusion proof for present keys, an exclusion proof for absent ones. The proof's entries
    /// follow the keys in ascending order.
    [[nodiscard]] Result<Proof> prove(std::span<const Hash32> keys) const;
    [[nodiscard]] Proof prove(const Hash32& key) const;

    /// Bytes held by the trie's arrays (capacity, including free slots).
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    /// Writes every node created or changed since the last commit to `store` in one atomic batch
    /// (content-addressed: records of replaced nodes stay until pruned) and returns the root.
    [[nodiscard]] Result<Hash32> commit(NodeStore& store);
    /// Loads the whole tree of `root` from `store` into memory (no lazy loading yet), checking every
    /// record's hash and the trie's shape.
    /// Rejects a missing record ("smt.missing_node") or a corrupt one ("smt.corrupt_node").
    [[nodiscard]] static Result<SparseMerkleTree> load(const NodeStore& store, const Hash32& root);

private:
    struct Leaf {
        Hash32 key;
        Hash32 value;
        Hash32 hash;
    };
    struct Branch {
        Hash32 top;  // hash of this subtree at the depth just below the parent (depth 0 for the root)
        std::uint32_t child[2];
        std::uint8_t depth;  // the bit this branch splits on
        std::uint8_t dirty;
        std::uint8_t live;
        std::uint8_t unsaved;
    };
    using Ref = std::uint32_t;
    static constexpr Ref kNull = 0xFFFFFFFFu;
    static constexpr Ref kLeafBit = 0x80000000u;
    static bool is_leaf(Ref r) noexcept { return r != kNull && (r & kLeafBit) != 0; }
    static bool is_branch(Ref r) noexcept { return r != kNull && (r & kLeafBit) == 0; }

    Ref new_leaf(const Hash32& key, const Hash32& value);
    Ref new_branch(unsigned depth, Ref left, Ref right);
    void free_leaf(Ref r);
    void free_branch(Ref r);
    Leaf& leaf(Ref r) noexcept { return leaves_[r & ~kLeafBit]; }
    const Leaf& leaf(Ref r) const noexcept { return leaves_[r & ~kLeafBit]; }
    Branch& branch(Ref r) noexcept { return branches_[r]; }
    const Branch& branch(Ref r) const noexcept { return branches_[r]; }

    void put(const Hash32& key, const Hash32& value);  // structural only; marks the path dirty
    void remove(const Hash32& key);
    void rehash(Ref r, int parent_depth);
    void apply(std::span<const Update> updates);
    Ref build_sorted(std::span<const Update> sorted);
    [[nodiscard]] const Hash32& top(Ref r) const noexcept;
    [[nodiscard]] const Hash32& sample_key(Ref r) const noexcept;
    [[nodiscard]] Hash32 own_hash(Ref r) const noexcept;
    [[nodiscard]] Hash32 hash_at(Ref r, unsigned depth) const noexcept;
    void prove_range(Ref r, unsigned depth, std::span<const Hash32> keys, Proof& out) const;
    Result<Ref> load_node(const NodeStore& store, const Hash32& id, int parent_depth);
    void collect_unsaved(Ref r, NodeBatch& batch);

    ChunkedArena<Leaf> leaves_;
    ChunkedArena<Branch> branches_;
    std::vector<Ref> free_leaves_;
    std::vector<Ref> free_branches_;
    Ref root_ = kNull;
    std::size_t count_ = 0;
};

}  // namespace luxl2::merkle::smt
