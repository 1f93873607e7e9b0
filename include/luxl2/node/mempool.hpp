// The transaction pool of the sequencer: per sender, transactions ordered by nonce; "pending" are
// those whose nonces run contiguously from the sender's state nonce (executable now), "queued" the
// rest (waiting for a gap to fill). A transaction replaces one with the same sender and nonce only if
// both its fee cap and tip cap are at least 10% higher. Limits per sender and in total; when full, the
// cheapest tail transaction is evicted for a better-paying one. The total is counted both in
// transactions and in bytes (of the raw envelopes): a post-quantum 0x54 carries kilobytes of key and
// signature (ML-DSA-65: 5.3 KB; SLH-DSA-256f: 50 KB), so a count alone would not bound the memory.
//
// Quantum transactions (0x54) enter with their signature already verified (node/user_tx.hpp) and
// follow the same nonce, fee, balance and replacement rules as EIP-1559 ones; their intrinsic gas
// is exec::quantum_intrinsic_gas. The account-migration rules apply at admission: an ECDSA-only
// transaction from an account that opted in to post-quantum-only is refused (exec.ecdsa_disabled),
// a hybrid from a bound account must carry the bound key.
//
// Compressed transactions (0x53) enter with their aggregate verified and every inner transaction
// checked against the latest state by the node (Node::send_compressed_transaction): each inner
// transaction must be executable now, in order (its nonce the sender's next one, after the earlier
// inner transactions of the same 0x53). The pool holds them apart from the per-sender chains: a 0x53
// claims each (sender, nonce) of its inner transactions; one that overlaps the claims of pooled
// 0x53s replaces them all (each dropped whole) when both its smallest inner fee cap and tip cap are
// at least 10% above each one's, else it is refused ("replacement transaction underpriced: …").
// It is ordered among the others by its smallest inner tip, and dropped after a block once any of
// its inner nonces is below its sender's state nonce (executed, or overtaken).
//
// Refusals use go-ethereum's messages (the start of Error::message), which wallets match on:
// "already known", "nonce too low", "insufficient funds for gas * price + value",
// "intrinsic gas too low", "max fee per gas less than block base fee",
// "replacement transaction underpriced", "exceeds block gas limit", "txpool is full",
// "account limit exceeded", "oversized data".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "luxl2/exec/block_executor.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::node {

namespace poolerrc {
inline constexpr std::string_view already_known = "pool.already_known";
inline constexpr std::string_view replacement_underpriced = "pool.replacement_underpriced";
inline constexpr std::string_view pool_full = "pool.full";
inline constexpr std::string_view account_limit = "pool.account_limit";
inline constexpr std::string_view gas_limit = "pool.gas_limit";
inline constexpr std::string_view oversized = "pool.oversized";
}  // namespace poolerrc

struct MempoolConfig {
    std::size_t max_per_sender = 64;  // pending + queued of one sender
    std::size_t max_total = 8192;
    unsigned price_bump_percent = 10;
    std::size_t max_total_bytes = 64u << 20;  // raw envelopes of all transactions
    std::size_t max_tx_bytes = 128u << 10;    // one raw envelope (geth's txMaxSize)
};

/// What the pool needs to know about the next block.
struct PoolEnv {
    U256 base_fee;
    std::uint64_t gas_limit = 30'000'000;
    format::Rules rules;
};

class Mempool {
public:
    explicit Mempool(MempoolConfig config = {}) : config_(config) {}

    /// Admits a transaction already validated statically (format::validate_transaction gave `sender`)
    /// against `state` (the latest committed state) and `env`. A 0x53 (stx.compressed set: verified
    /// and checked against `state` by the caller) goes to add_compressed.
    [[nodiscard]] Result<void> add(exec::SignedTx tx, Bytes raw, const state::StateReader& state, const PoolEnv& env);
    /// Admits a verified 0x53: size and pool limits; it replaces the pooled 0x53s whose inner
    /// (sender, nonce) pairs it shares if it pays 10% more than each, else it is refused.
    [[nodiscard]] Result<void> add_compressed(exec::SignedTx tx, Bytes raw);

    /// Executable transactions for the next block: within each sender in nonce order from its state
    /// nonce, across senders by effective tip at `base_fee` (highest first, then arrival), skipping
    /// senders whose next transaction cannot pay the base fee, up to `gas_limit` in total gas limits.
    [[nodiscard]] std::vector<exec::SignedTx> select(const state::StateReader& state, const U256& base_fee,
                                                     std::uint64_t gas_limit) const;

    /// After a block: drops transactions whose nonce is below their sender's new state nonce, and the
    /// ones in `dropped` (rejected for good by the block builder).
    void reset(const state::StateReader& state, const std::vector<Hash32>& dropped = {});

    /// The nonce a sender's next transaction should use: past its contiguous pending run.
    [[nodiscard]] std::uint64_t pending_nonce(const Address& sender, std::uint64_t state_nonce) const;

    struct Entry {
        exec::SignedTx stx;
        Bytes raw;
        std::uint64_t arrival = 0;
    };
    [[nodiscard]] std::shared_ptr<const Entry> get(const Hash32& hash) const;
    [[nodiscard]] std::size_t size() const;
    /// Bytes of the raw envelopes held.
    [[nodiscard]] std::size_t bytes() const;
    /// Pending and queued counts against the given state.
    [[nodiscard]] std::pair<std::size_t, std::size_t> counts(const state::StateReader& state) const;

private:
    using Chain = std::map<std::uint64_t, std::shared_ptr<const Entry>>;
    void remove_locked(const Address& sender, Chain::iterator it);
    // Evicts one transaction paying less than `incoming_fee_cap`, never one of `keep`'s.
    bool evict_for_locked(const U256& incoming_fee_cap, const Address* keep = nullptr);

    void remove_compressed_locked(std::map<std::uint64_t, std::shared_ptr<const Entry>>::iterator it);

    MempoolConfig config_;
    mutable std::mutex mu_;
    std::map<Address, Chain> senders_;
    std::map<std::uint64_t, std::shared_ptr<const Entry>> compressed_;  // 0x53 by arrival
    std::map<std::pair<Address, std::uint64_t>, Hash32> claims_;        // (inner sender, nonce) → its 0x53
    std::unordered_map<Hash32, std::shared_ptr<const Entry>> by_hash_;
    std::uint64_t arrivals_ = 0;
    std::size_t bytes_ = 0;
};

}  // namespace luxl2::node
