// LP-500's state commitment: the sparse Merkle tree of merkle/sparse.hpp over the state's leaves.
// Leaf values are keccak256 of the canonical encodings (the tree holds 32-byte values; zero means
// absent, which no keccak output is in practice).
//
// The tree lives in memory; what persists is the state itself (the 'a' and 's' tables, written in
// the block's batch) and the root ("Msmtroot"). Opening rebuilds the tree bottom-up from the state's
// entries and checks it against the recorded root: the same hashing work as loading and verifying
// stored node records, while a block writes only its state entries instead of ~8 tree nodes per
// transaction (which were most of a block's write batch). Older stores' node records ('n') are
// ignored.
//
// This header compiles only once the merkle module has the tree (branch `merkle`); until then
// LUXL2_HAVE_SMT is 0 and open_state_commitment() falls back to SortedLeafCommitment.
#pragma once

#if __has_include("luxl2/merkle/sparse.hpp")
#define LUXL2_HAVE_SMT 1

#include <memory>
#include <optional>

#include "luxl2/merkle/sparse.hpp"
#include "luxl2/state/commitment.hpp"

namespace luxl2::state {

class SmtCommitment final : public StateCommitment {
public:
    /// Rebuilds the tree from the state entries of `store` (an empty tree for a new store); fails
    /// (errc::corrupt) when they do not hash to the recorded root.
    [[nodiscard]] static Result<std::unique_ptr<SmtCommitment>> open(KvStore& store);

    [[nodiscard]] std::string_view name() const noexcept override { return "smt-keccak-v1"; }
    [[nodiscard]] Hash32 root() const override { return tree_.root(); }
    [[nodiscard]] Hash32 root_with(std::span<const StateChange> changes) const override;
    [[nodiscard]] Hash32 apply_working(std::span<const StateChange> changes) override;
    [[nodiscard]] Hash32 stage(std::span<const StateChange> changes, WriteBatch& batch) override;
    void publish() override;
    void discard() override { working_.reset(); }
    [[nodiscard]] std::optional<Bytes> prove_with(std::span<const StateChange> pending,
                                                  std::span<const Hash32> keys) const override;
    [[nodiscard]] Result<void> verify(const Hash32& root, ByteView proof,
                                      std::span<const StateChange> claims) const override;

    [[nodiscard]] const merkle::smt::SparseMerkleTree& tree() const noexcept { return tree_; }

    /// An empty tree not backed by a store: for verifying proofs.
    [[nodiscard]] static std::unique_ptr<SmtCommitment> verifier();

private:
    explicit SmtCommitment(KvStore* store, merkle::smt::SparseMerkleTree tree)
        : store_(store), tree_(std::move(tree)) {}
    KvStore* store_;
    merkle::smt::SparseMerkleTree tree_;
    // The working tree: a copy of tree_ made at the first change of a block (one O(state) copy per
    // block), then updated in place per transaction.
    std::optional<merkle::smt::SparseMerkleTree> working_;
};

/// The tree's 32-byte value for a leaf: keccak256(encoding), zero for a deletion.
[[nodiscard]] Hash32 smt_leaf_value(const std::optional<Bytes>& encoding) noexcept;

}  // namespace luxl2::state

#else
#define LUXL2_HAVE_SMT 0
#endif
