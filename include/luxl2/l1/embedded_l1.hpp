// EmbeddedL1: an L1 inside the process — accounts and balances, a block clock, and the rollup's
// settlement contract state — over a state::KvStore (RocksDB under the data directory). Each call
// and each new L1 block commits as ONE WriteBatch: after a crash the store holds every call that
// returned success and nothing of any other. Thread-safe: calls are serialised by one mutex.
//
// Time: calls execute in the current (open) L1 block and see its number and timestamp; mine_block
// opens the next one. The devnet mines every --l1-block-time; tests mine by hand.
//
// Store keys (one-byte tables, numbers big-endian): 'H' head, 'C' config, 'N' counters,
// 'a'‖address → balance, 'b'‖be64(n) → batch, 'd'‖be64(n) → batch data, 'h'‖batch hash → n,
// 'o'‖be64(n) → output, 'q'‖be64(nonce) → queued L1→L2 message, 'm'‖message hash → status,
// 'e'‖be64(block)‖be32(index) → event.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "luxl2/l1/settlement.hpp"
#include "luxl2/state/kv_store.hpp"

namespace luxl2::l1 {

/// The address that holds locked deposits and bonds (the settlement contract's, on an EVM chain).
/// 0x4c55…0001 ("LU"), chosen to be recognisable in logs.
[[nodiscard]] Address settlement_address() noexcept;

struct EmbeddedL1Options {
    std::vector<std::pair<Address, U256>> alloc;  // genesis balances (only on an empty store)
    std::uint64_t genesis_timestamp = 0;
    std::uint64_t block_time = 1;  // seconds added by mine_block() without a timestamp
    /// L1 blocks within which a queued L1→L2 message must be relayed (reported included on L2);
    /// after that, submitBatch refuses until it is. 0: no bound.
    std::uint64_t inclusion_window = 0;
    std::size_t max_batch_bytes = 16u << 20;
    bool sync_writes = true;
};

class EmbeddedL1 final : public Settlement {
public:
    /// Creates the genesis L1 block on an empty store, otherwise resumes from it.
    [[nodiscard]] static Result<std::unique_ptr<EmbeddedL1>> open(std::unique_ptr<state::KvStore> store,
                                                                  EmbeddedL1Options options);

    /// Closes the current L1 block and opens the next one at `timestamp` (default: + block_time).
    /// Refuses a timestamp not after the current one (errc::bad_time).
    [[nodiscard]] Result<L1Head> mine_block(std::optional<std::uint64_t> timestamp = std::nullopt);
    /// Moves `value` between plain L1 accounts (a devnet faucet and for tests).
    [[nodiscard]] Result<void> transfer(const Address& from, const Address& to, const U256& value);
    /// L1 calldata bytes submitted so far (batch data), for cost figures.
    [[nodiscard]] Result<std::uint64_t> submitted_bytes() const;
    [[nodiscard]] const EmbeddedL1Options& options() const noexcept { return options_; }

    Result<void> initialize(const Call& c, const RollupConfig& config) override;
    Result<Hash32> submit_batch(const Call& c, const BatchHeader& header, ByteView transactions) override;
    Result<void> propose_state_root(const Call& c, const U256& batch_number, const Hash32& state_root,
                                    ByteView proof) override;
    Result<void> finalize_state_root(const Call& c, const U256& batch_number) override;
    Result<U256> deposit_to_l2(const Call& c, const Address& token, const U256& amount, ByteView user_data) override;
    Result<U256> initiate_withdrawal(const Call& c, const Address& token, const U256& amount, ByteView proof) override;
    Result<void> finalize_withdrawal(const Call& c, const U256& withdrawal_id, ByteView proof) override;
    Result<U256> send_message_to_l2(const Call& c, const Address& target, ByteView data) override;
    Result<void> relay_message_to_l2(const Call& c, const L2Message& message, ByteView signature) override;
    Result<Hash32> send_message_to_l1(const Call& c, const L2Message& message) override;
    Result<void> relay_message_from_l2(const Call& c, const L2Message& message, const MessageProof& proof) override;
    Result<MessageStatus> get_message_status(const Hash32& message_hash) const override;
    Result<bool> is_message_executed(const Hash32& message_hash) const override;

    Result<std::optional<RollupConfig>> config() const override;
    Result<L1Head> head() const override;
    Result<U256> balance(const Address& account) const override;
    Result<std::uint64_t> batch_count() const override;
    Result<std::uint64_t> finalized_count() const override;
    Result<std::optional<BatchInfo>> batch(std::uint64_t batch_number) const override;
    Result<std::optional<Bytes>> batch_data(std::uint64_t batch_number) const override;
    Result<std::optional<OutputInfo>> output(std::uint64_t batch_number) const override;
    Result<std::vector<QueuedMessage>> queued_messages(std::uint64_t from_nonce, std::size_t max) const override;
    Result<std::vector<Event>> events(const EventFilter& filter) const override;

    struct Impl;  // the per-call transaction (src/l1/embedded_l1.cpp)

private:
    EmbeddedL1(std::unique_ptr<state::KvStore> store, EmbeddedL1Options options);
    std::unique_ptr<state::KvStore> store_;
    EmbeddedL1Options options_;
    mutable std::mutex mu_;
};

}  // namespace luxl2::l1
