// Re-derives a chain from its genesis allocation: re-executes every stored block's transactions over
// a fresh in-memory state and checks each block's state root, receipts root and gas used. This is
// what a verifier (and later the challenger) does; the crash tests use it to show that what survived
// a kill -9 is exactly the replay of its blocks.
#pragma once

#include <memory>
#include <optional>

#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/node.hpp"

namespace luxl2::node {

inline constexpr std::string_view replay_mismatch = "node.replay_mismatch";

/// A fresh in-memory state holding `config.alloc`: what replay and derivation re-execute over.
class ScratchState {
public:
    [[nodiscard]] static Result<std::unique_ptr<ScratchState>> open(const NodeConfig& config);
    ScratchState(const ScratchState&) = delete;
    ScratchState& operator=(const ScratchState&) = delete;

    [[nodiscard]] state::StateDb& db() { return *db_; }
    /// What the executor decodes and verifies 0x53 transactions with, kept across blocks.
    [[nodiscard]] exec::BlsAccountCache& bls() { return bls_; }
    /// Stages the pending changes, writes them and publishes them; returns the new state root.
    [[nodiscard]] Result<Hash32> commit();

private:
    ScratchState() = default;
    state::MemoryKvStore kv_;
    std::optional<state::StateDb> db_;
    exec::BlsAccountCache bls_;
};

struct ReplayResult {
    std::uint64_t blocks = 0;  // blocks replayed after genesis
    std::uint64_t transactions = 0;
    Hash32 state_root;  // after the last block
};

/// Replays blocks 1..head of `chain` from `config.alloc`. Fails with replay_mismatch naming the
/// first block whose recomputed roots or gas differ.
[[nodiscard]] Result<ReplayResult> replay_chain(const ChainStore& chain, const NodeConfig& config);

}  // namespace luxl2::node
