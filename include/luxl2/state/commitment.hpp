// The state commitment seam: the state root as a function of the set of (key, value) leaves, where
// keys are the 256-bit keys of account.hpp and values the canonical encodings. LP-500's state root is
// the sparse Merkle tree (merkle/sparse.hpp, another branch): it plugs in here as one more
// StateCommitment, and nothing above this header changes.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {

/// One leaf change: `value` nullopt deletes the leaf.
struct StateChange {
    Hash32 key;
    std::optional<Bytes> value;
    friend bool operator==(const StateChange&, const StateChange&) = default;
};

class StateCommitment {
public:
    virtual ~StateCommitment() = default;
    /// A stable name, recorded in the store so that a database is never read under another commitment.
    [[nodiscard]] virtual std::string_view name() const noexcept = 0;
    /// The root of the committed leaves.
    [[nodiscard]] virtual Hash32 root() const = 0;
    /// The root the committed leaves would have with `changes` applied (keys unique); changes nothing.
    [[nodiscard]] virtual Hash32 root_with(std::span<const StateChange> changes) const = 0;
    /// Applies `changes` (in order; a later change of a key wins) to the working state — the
    /// committed leaves plus every change applied since the last publish() or discard() — and
    /// returns its root. The work is proportional to the changes, not to the state: the block
    /// builder calls it once per transaction with that transaction's writes.
    [[nodiscard]] virtual Hash32 apply_working(std::span<const StateChange> changes) = 0;
    /// Applies `changes` to the working state, stages whatever the commitment persists into `batch`,
    /// and returns the new root. The working state becomes committed on `publish()` (call it once
    /// the batch is durable) or is dropped by `discard()`.
    [[nodiscard]] virtual Hash32 stage(std::span<const StateChange> changes, WriteBatch& batch) = 0;
    virtual void publish() = 0;
    virtual void discard() = 0;

    /// A compact proof of the leaves under `keys` (present or absent) in the state "committed plus
    /// `pending`" (whose root is root_with(pending)); nullopt when this commitment has no compact
    /// proofs. The encoding is the commitment's own.
    [[nodiscard]] virtual std::optional<Bytes> prove_with(std::span<const StateChange> pending,
                                                          std::span<const Hash32> keys) const {
        (void)pending;
        (void)keys;
        return std::nullopt;
    }
    /// Checks that `proof` shows every claim (value nullopt: absent) under `root`. Does not use the
    /// commitment's own leaves. Code "state.bad_proof".
    [[nodiscard]] virtual Result<void> verify(const Hash32& root, ByteView proof,
                                              std::span<const StateChange> claims) const {
        (void)root;
        (void)proof;
        (void)claims;
        return fail("state.bad_proof", std::string(name()) + " has no compact proofs");
    }
};

/// An interim but real commitment: the positional keccak tree of merkle/tree.hpp over the leaves
/// `key ‖ value`, sorted by key. It binds every key and value (a different leaf set gives a different
/// root, up to keccak collisions) but its proofs are not compact and each root costs O(leaves);
/// LP-500's sparse Merkle tree replaces it. It persists nothing of its own: its leaves are the state
/// entries, handed to it by `load`.
class SortedLeafCommitment final : public StateCommitment {
public:
    [[nodiscard]] std::string_view name() const noexcept override { return "sorted-leaf-keccak-v1"; }
    /// Replaces the committed leaves (on open, from the store).
    void load(std::span<const StateChange> leaves);
    [[nodiscard]] Hash32 root() const override;
    [[nodiscard]] Hash32 root_with(std::span<const StateChange> changes) const override;
    [[nodiscard]] Hash32 apply_working(std::span<const StateChange> changes) override;
    [[nodiscard]] Hash32 stage(std::span<const StateChange> changes, WriteBatch& batch) override;
    void publish() override;
    void discard() override;
    [[nodiscard]] std::size_t leaf_count() const noexcept { return leaves_.size(); }

private:
    std::map<Hash32, Hash32> leaves_;                 // key → leaf_hash(key ‖ value)
    std::map<Hash32, std::optional<Bytes>> pending_;  // the working changes by key
};

/// The leaf hash SortedLeafCommitment uses for (key, value).
[[nodiscard]] Hash32 sorted_leaf_hash(const Hash32& key, ByteView value) noexcept;

}  // namespace luxl2::state
