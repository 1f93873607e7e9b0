// Historical state: what an account or slot held after any past block, for eth_getBalance and
// friends with a block number.
//
// Choice: per-block change records ("diffs") keyed by entry and block number, written in the same
// atomic batch as the block. A block that changes k entries writes k small records; reading an entry
// at block N is one reverse seek (KvStore::floor) to the newest record at or before N. The latest
// state stays in its own tables ('a', 's'), so the hot path (latest reads, execution) pays nothing.
// Compared with full versioned state (every key suffixed by its block) this keeps latest reads a
// point lookup; compared with snapshots per block it costs O(changes), not O(state), per block.
//
// Keys (docs/format/state.md):
//   'h' ‖ address ‖ be64(block)          → account encoding after `block`, empty for the empty account
//   'k' ‖ address ‖ slot ‖ be64(block)   → slot value after `block`, empty for zero
//   "Mhistory"                            → be64 of the first block with history records
// Code needs no history: it is stored by hash and never deleted.
#pragma once

#include <cstdint>

#include "luxl2/state/state_db.hpp"

namespace luxl2::state {

inline constexpr std::uint8_t kAccountHistoryTable = 'h';
inline constexpr std::uint8_t kStorageHistoryTable = 'k';

namespace errc {
inline constexpr std::string_view history_unavailable = "state.history_unavailable";
}  // namespace errc

[[nodiscard]] Bytes account_history_key(const Address& a, std::uint64_t block);
[[nodiscard]] Bytes storage_history_key(const Address& a, const Hash32& slot, std::uint64_t block);
[[nodiscard]] Bytes history_start_db_key();

/// Stages the history records of block `block` for every entry `writes` holds (its values are the
/// ones after the block), and, for block 0, the history start.
void stage_history(WriteBatch& batch, std::uint64_t block, const Overlay& writes);

/// The state after block `block`, read from the history records. The caller checks that `block`
/// exists and is committed; use open_history() to check that the store has history for it.
class HistoricalStateReader final : public StateReader {
public:
    HistoricalStateReader(const KvStore& store, std::uint64_t block) : store_(store), block_(block) {}
    [[nodiscard]] Result<Account> account(const Address& a) const override;
    [[nodiscard]] Result<U256> storage(const Address& a, const Hash32& slot) const override;
    [[nodiscard]] Result<Bytes> code(const Hash32& code_hash) const override;

private:
    const KvStore& store_;
    std::uint64_t block_;
};

/// A reader of the state after `block`; errc::history_unavailable when the store's history starts
/// after it (a database written before history was kept).
[[nodiscard]] Result<HistoricalStateReader> open_history(const KvStore& store, std::uint64_t block);

}  // namespace luxl2::state
