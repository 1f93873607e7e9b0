// One EmbeddedL1 call as a transaction: reads see the store plus this call's own writes; nothing
// reaches the store until commit(), which writes everything as one atomic WriteBatch. A refused call
// simply drops its Tx, so a refusal never leaves half a change behind.
#pragma once

#include <map>
#include <optional>

#include "luxl2/l1/embedded_l1.hpp"
#include "rlp_fields.hpp"

namespace luxl2::l1::detail {

inline constexpr std::string_view kCorrupt = "state.corrupt";

struct Head {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    std::uint64_t log_count = 0;  // events logged in the current block so far
};

struct Counters {
    std::uint64_t batches = 0;         // submitted; the next batch number
    std::uint64_t finalized = 0;       // the next batch to finalize
    std::uint64_t next_nonce = 0;      // of the L1→L2 queue
    std::uint64_t oldest_pending = 0;  // every queued nonce below it is relayed
    std::uint64_t submitted_bytes = 0;
};

[[nodiscard]] Bytes key(char table, ByteView rest = {});
[[nodiscard]] Bytes key64(char table, std::uint64_t n);

class Tx {
public:
    explicit Tx(const state::KvStore& kv) : kv_(kv) {}

    [[nodiscard]] Result<std::optional<Bytes>> get(const Bytes& k) const;
    void put(Bytes k, Bytes v) { writes_.insert_or_assign(std::move(k), std::move(v)); }
    [[nodiscard]] Result<void> commit(state::KvStore& kv, bool sync) const;

    [[nodiscard]] Result<Head> head();
    void set_head(const Head& h);
    [[nodiscard]] Result<Counters> counters();
    void set_counters(const Counters& c);
    [[nodiscard]] Result<std::optional<RollupConfig>> config() const;
    [[nodiscard]] Result<RollupConfig> require_config() const;
    [[nodiscard]] Result<U256> balance(const Address& a) const;
    void set_balance(const Address& a, const U256& v);
    /// Moves `value` from `from` to `to`; errc::insufficient_funds (or `code`) when `from` lacks it.
    [[nodiscard]] Result<void> move(const Address& from, const Address& to, const U256& value,
                                    std::string_view code = errc::insufficient_funds);
    [[nodiscard]] Result<MessageStatus> status(const Hash32& message_hash) const;
    /// Moves a message's status forward to `to`; errc::status_backwards if it is already there or past.
    [[nodiscard]] Result<void> advance_status(const Hash32& message_hash, MessageStatus to);
    /// Appends an event to the current L1 block's log.
    [[nodiscard]] Result<void> emit(EventData data);

private:
    const state::KvStore& kv_;
    std::map<Bytes, Bytes> writes_;
    std::optional<Head> head_;
    std::optional<Counters> counters_;
};

// Stored records.
[[nodiscard]] Bytes encode_config(const RollupConfig& c);
[[nodiscard]] Result<RollupConfig> decode_config(ByteView in);
[[nodiscard]] Bytes encode_batch_info(const BatchInfo& b);
[[nodiscard]] Result<BatchInfo> decode_batch_info(ByteView in);
[[nodiscard]] Bytes encode_output_info(const OutputInfo& o);
[[nodiscard]] Result<OutputInfo> decode_output_info(ByteView in);
[[nodiscard]] Bytes encode_queued(const QueuedMessage& q);
[[nodiscard]] Result<QueuedMessage> decode_queued(ByteView in);

}  // namespace luxl2::l1::detail
