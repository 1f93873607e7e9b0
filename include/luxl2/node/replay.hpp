// Re-derives a chain from its genesis allocation: re-executes every stored block's transactions over
// a fresh in-memory state and checks each block's state root, receipts root and gas used. This is
// what a verifier (and later the challenger) does; the crash tests use it to show that what survived
// a kill -9 is exactly the replay of its blocks.
#pragma once

#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/node.hpp"

namespace luxl2::node {

inline constexpr std::string_view replay_mismatch = "node.replay_mismatch";

struct ReplayResult {
    std::uint64_t blocks = 0;  // blocks replayed after genesis
    std::uint64_t transactions = 0;
    Hash32 state_root;  // after the last block
};

/// Replays blocks 1..head of `chain` from `config.alloc`. Fails with replay_mismatch naming the
/// first block whose recomputed roots or gas differ.
[[nodiscard]] Result<ReplayResult> replay_chain(const ChainStore& chain, const NodeConfig& config);

}  // namespace luxl2::node
