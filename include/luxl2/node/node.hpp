// The L2 node: the store, the state, the chain, the mempool, and block production. One thread
// produces blocks (produce_block); any number of threads submit transactions and read committed data.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "luxl2/exec/block_executor.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/mempool.hpp"
#include "luxl2/state/history.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::node {

/// The devnet's sequencer key: keccak256("luxl2 devnet sequencer"), a fixed and public key (like
/// the test mnemonic's) whose address is dev_sequencer_address(). Never use it on a real chain.
[[nodiscard]] Hash32 dev_sequencer_key();
[[nodiscard]] Address dev_sequencer_address();

struct NodeConfig {
    U256 chain_id = U256(1337);
    std::uint64_t gas_limit = 30'000'000;
    Address fee_recipient;                        // a chain parameter: receives the priority fees
    Hash32 sequencer_key = dev_sequencer_key();   // secp256k1 secret that signs every block
    std::vector<std::pair<Address, U256>> alloc;  // genesis balances (used only on a new datadir)
    std::uint64_t genesis_timestamp = 0;
    MempoolConfig pool;
    bool sync_writes = true;  // fsync each block's batch
};

/// Refusal codes of the node layer (geth's wording in the messages).
namespace nodeerrc {
inline constexpr std::string_view invalid_tx = "node.invalid_tx";
inline constexpr std::string_view chain_mismatch = "node.chain_mismatch";
inline constexpr std::string_view bad_sequencer_key = "node.bad_sequencer_key";
inline constexpr std::string_view deposits_too_large = "node.deposits_too_large";
}  // namespace nodeerrc

using BlockPtr = std::shared_ptr<const BlockRecord>;

class Node {
public:
    /// Opens the node over `store`: creates the genesis block from `config.alloc` on an empty store,
    /// otherwise resumes at the stored head (and refuses a store of another chain id).
    [[nodiscard]] static Result<std::unique_ptr<Node>> open(std::unique_ptr<state::KvStore> store, NodeConfig config);

    /// Decodes, validates and admits a raw EIP-2718 transaction; returns its hash. Ethereum types
    /// and the Quantum type 0x54 (send_quantum_transaction).
    [[nodiscard]] Result<Hash32> send_raw_transaction(ByteView raw);
    /// A raw 0x54 envelope: size limit (MempoolConfig::max_tx_bytes) before decoding, strict decode,
    /// chain id, the post-quantum or hybrid signature verified once (the block builder does not verify
    /// it again), then the pool's checks. Refusals as for Ethereum types ("invalid sender: …" for a
    /// signature that does not verify).
    [[nodiscard]] Result<Hash32> send_quantum_transaction(ByteView raw);
    /// A raw 0x53 envelope: size limit before decoding, strict decode, then, against the latest
    /// state, the body decoded (exec::BlsAccountCache::decode), the aggregate verified once (an
    /// unregistered sender or an aggregate that does not verify: "invalid sender: …") and every
    /// inner transaction checked as it would execute in the next block, in order ("inner
    /// transaction i: nonce too low: …"), then the pool's checks (Mempool::add_compressed).
    [[nodiscard]] Result<Hash32> send_compressed_transaction(ByteView raw);
    /// The inner transactions of the 0x53 `tx_hash` as its block executed them.
    [[nodiscard]] Result<std::optional<compress::CompressedBatch>> compressed_inner(const Hash32& tx_hash) const {
        return chain_.compressed_inner(tx_hash);
    }

    /// Queues L1 deposits for the head of the next blocks, in order (the settlement side calls it
    /// with the deposits of L1 block `l1_block_number`). A block takes queued deposits while their
    /// `gas` sums to at most its gas limit; the block that takes the last deposit of a call records
    /// `l1_block_number` in its header (l1BlockNumber), later blocks inherit it. Fails
    /// (deposits_too_large) when one deposit's gas exceeds the block gas limit. Thread-safe.
    [[nodiscard]] Result<void> queue_deposits(std::vector<format::DepositTransaction> deposits,
                                              std::uint64_t l1_block_number);
    /// Deposits queued and not yet in a block.
    [[nodiscard]] std::size_t queued_deposits() const;

    /// Builds, executes, seals (signs) and commits the next block (one atomic batch): queued
    /// deposits first, then mempool transactions. Call from one thread only.
    [[nodiscard]] Result<BlockPtr> produce_block(std::uint64_t timestamp);

    [[nodiscard]] std::uint64_t head_number() const noexcept { return head_.load(std::memory_order_acquire); }
    /// A committed block, null when absent.
    [[nodiscard]] Result<BlockPtr> block(std::uint64_t number) const { return chain_.block(number); }
    [[nodiscard]] BlockPtr head_block() const;
    [[nodiscard]] const ChainStore& chain() const noexcept { return chain_; }
    /// The committed (latest) state.
    [[nodiscard]] const state::StateReader& state() const noexcept { return committed_; }
    /// The state after block `number` (≤ head); state::errc::history_unavailable when not kept.
    [[nodiscard]] Result<state::HistoricalStateReader> state_at(std::uint64_t number) const;
    [[nodiscard]] const Address& sequencer() const noexcept { return sequencer_; }
    [[nodiscard]] const Mempool& mempool() const noexcept { return pool_; }
    [[nodiscard]] const NodeConfig& config() const noexcept { return config_; }
    [[nodiscard]] format::Rules rules() const;
    /// The base fee of the next block.
    [[nodiscard]] U256 next_base_fee() const;
    /// The state root of the newest committed block.
    [[nodiscard]] Hash32 state_root() const;

private:
    Node(std::unique_ptr<state::KvStore> store, NodeConfig config, std::unique_ptr<state::StateCommitment> commitment,
         crypto::SecretKey key);
    [[nodiscard]] Result<void> init_genesis();
    /// Fills the roots, the state transition and the signature of `block`, then commits it with
    /// the pending state in one batch.
    [[nodiscard]] Result<BlockPtr> seal_and_commit(
        format::L2Block block, const Hash32& parent_state_root, const std::vector<exec::Receipt>& receipts,
        const std::vector<Hash32>& tx_hashes,
        const std::vector<std::pair<Hash32, std::shared_ptr<const compress::CompressedBatch>>>& inner = {});

    struct QueuedDeposit {
        std::optional<format::DepositTransaction> tx;  // none: only records an L1 block without deposits
        std::uint64_t l1_block_number = 0;
        bool last_of_l1_block = false;
    };

    std::unique_ptr<state::KvStore> store_;
    NodeConfig config_;
    crypto::SecretKey key_;
    Address sequencer_;
    state::StateDb db_;
    state::KvStateReader committed_;
    ChainStore chain_;
    Mempool pool_;
    exec::BlsAccountCache bls_;  // 0x53 decoding and verification (admission and blocks)
    std::atomic<std::uint64_t> head_{0};
    mutable std::mutex head_mu_;
    BlockPtr head_block_;  // guarded by head_mu_
    mutable std::mutex deposits_mu_;
    std::deque<QueuedDeposit> deposits_;  // guarded by deposits_mu_
};

}  // namespace luxl2::node
