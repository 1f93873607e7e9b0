// The L2 node: the store, the state, the chain, the mempool, and block production. One thread
// produces blocks (produce_block); any number of threads submit transactions and read committed data.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "luxl2/exec/block_executor.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/mempool.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::node {

struct NodeConfig {
    U256 chain_id = U256(1337);
    std::uint64_t gas_limit = 30'000'000;
    Address fee_recipient;                        // the sequencer's
    std::vector<std::pair<Address, U256>> alloc;  // genesis balances (used only on a new datadir)
    std::uint64_t genesis_timestamp = 0;
    MempoolConfig pool;
    bool sync_writes = true;  // fsync each block's batch
};

/// Refusal codes of the node layer (geth's wording in the messages).
namespace nodeerrc {
inline constexpr std::string_view invalid_tx = "node.invalid_tx";
inline constexpr std::string_view chain_mismatch = "node.chain_mismatch";
}  // namespace nodeerrc

class Node {
public:
    /// Opens the node over `store`: creates the genesis block from `config.alloc` on an empty store,
    /// otherwise resumes at the stored head (and refuses a store of another chain id).
    [[nodiscard]] static Result<std::unique_ptr<Node>> open(std::unique_ptr<state::KvStore> store, NodeConfig config);

    /// Decodes, validates and admits a raw EIP-2718 transaction; returns its hash.
    [[nodiscard]] Result<Hash32> send_raw_transaction(ByteView raw);

    /// Builds, executes and commits the next block (one atomic batch). Call from one thread only.
    [[nodiscard]] Result<BlockRecord> produce_block(std::uint64_t timestamp);

    [[nodiscard]] std::uint64_t head_number() const noexcept { return head_.load(std::memory_order_acquire); }
    [[nodiscard]] Result<std::optional<BlockRecord>> block(std::uint64_t number) const { return chain_.block(number); }
    [[nodiscard]] const ChainStore& chain() const noexcept { return chain_; }
    /// The committed (latest) state.
    [[nodiscard]] const state::StateReader& state() const noexcept { return committed_; }
    [[nodiscard]] const Mempool& mempool() const noexcept { return pool_; }
    [[nodiscard]] const NodeConfig& config() const noexcept { return config_; }
    [[nodiscard]] format::Rules rules() const;
    /// The base fee of the next block.
    [[nodiscard]] U256 next_base_fee() const;
    /// The state root of the newest committed block.
    [[nodiscard]] Hash32 state_root() const;

private:
    Node(std::unique_ptr<state::KvStore> store, NodeConfig config, std::unique_ptr<state::StateCommitment> commitment);
    [[nodiscard]] Result<void> init_genesis();
    [[nodiscard]] Result<BlockRecord> commit(BlockRecord block, const std::vector<exec::Receipt>& receipts,
                                             const std::vector<Hash32>& tx_hashes);

    std::unique_ptr<state::KvStore> store_;
    NodeConfig config_;
    state::StateDb db_;
    state::KvStateReader committed_;
    ChainStore chain_;
    Mempool pool_;
    std::atomic<std::uint64_t> head_{0};
    mutable std::mutex head_mu_;
    BlockRecord head_block_;  // guarded by head_mu_
};

}  // namespace luxl2::node
