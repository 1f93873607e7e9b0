// Reading and writing state: the StateReader/StateAccess interfaces the executor runs against, a
// journaled Overlay (per-transaction revert, the pending writes of a block), the committed state in a
// KvStore, and StateDb, which ties them to a StateCommitment so that a block's state writes go into
// the same WriteBatch as the block and its receipts.
#pragma once

#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "luxl2/state/account.hpp"
#include "luxl2/state/commitment.hpp"
#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {

/// Read access. Absent accounts read as the empty account, absent slots as zero. Errors are I/O or
/// corruption (errc::io, errc::corrupt) or, over a witness, a key the witness does not hold.
class StateReader {
public:
    virtual ~StateReader() = default;
    [[nodiscard]] virtual Result<Account> account(const Address& a) const = 0;
    [[nodiscard]] virtual Result<U256> storage(const Address& a, const Hash32& slot) const = 0;
    /// The code with this hash; empty for kEmptyCodeHash.
    [[nodiscard]] virtual Result<Bytes> code(const Hash32& code_hash) const = 0;
};

/// Read and write access with a journal: `revert(snapshot())` undoes every write since.
class StateAccess : public StateReader {
public:
    virtual void set_account(const Address& a, const Account& acc) = 0;
    virtual void set_storage(const Address& a, const Hash32& slot, const U256& value) = 0;
    [[nodiscard]] virtual std::size_t snapshot() const = 0;
    virtual void revert(std::size_t snapshot) = 0;
};

/// The committed state of a KvStore (the 'a', 's', 'c' tables).
class KvStateReader final : public StateReader {
public:
    explicit KvStateReader(const KvStore& store) : store_(store) {}
    [[nodiscard]] Result<Account> account(const Address& a) const override;
    [[nodiscard]] Result<U256> storage(const Address& a, const Hash32& slot) const override;
    [[nodiscard]] Result<Bytes> code(const Hash32& code_hash) const override;

private:
    const KvStore& store_;
};

/// Writes held in memory over a base reader, journaled.
class Overlay final : public StateAccess {
public:
    explicit Overlay(const StateReader& base) : base_(base) {}
    [[nodiscard]] Result<Account> account(const Address& a) const override;
    [[nodiscard]] Result<U256> storage(const Address& a, const Hash32& slot) const override;
    [[nodiscard]] Result<Bytes> code(const Hash32& code_hash) const override { return base_.code(code_hash); }
    void set_account(const Address& a, const Account& acc) override;
    void set_storage(const Address& a, const Hash32& slot, const U256& value) override;
    [[nodiscard]] std::size_t snapshot() const override { return journal_.size(); }
    void revert(std::size_t snapshot) override;

    using SlotKey = std::pair<Address, Hash32>;
    [[nodiscard]] const std::map<Address, Account>& accounts() const noexcept { return accounts_; }
    [[nodiscard]] const std::map<SlotKey, U256>& slots() const noexcept { return slots_; }
    [[nodiscard]] bool empty() const noexcept { return accounts_.empty() && slots_.empty(); }
    /// The commitment leaves these writes change (empty accounts and zero slots as deletions).
    [[nodiscard]] std::vector<StateChange> changes() const;
    /// The changes of the entries written since the last call (or clear()), as commitment leaves,
    /// and forgets them: what the working commitment has not seen yet. An entry reverted to its
    /// base value yields that value.
    [[nodiscard]] Result<std::vector<StateChange>> take_dirty();
    /// The base's value of an account (before any write of this overlay); cached when read before.
    [[nodiscard]] Result<Account> base_account(const Address& a) const;
    /// Puts these writes into `batch` as store entries.
    void stage(WriteBatch& batch) const;
    void clear();

private:
    struct Undo {
        bool is_slot;
        Address address;
        Hash32 slot;
        std::optional<Account> account;  // previous overlay entry, nullopt: there was none
        std::optional<U256> value;
    };
    const StateReader& base_;
    std::map<Address, Account> accounts_;
    std::map<SlotKey, U256> slots_;
    std::vector<Undo> journal_;
    // Base values read since clear(): the base does not change under an overlay (a block's reads of
    // the committed state), so each account costs one store read per block, and the block's account
    // deltas compare against these without reading again.
    mutable std::map<Address, Account> base_accounts_;  // ordered: addresses are attacker-chosen (no hash flooding)
    std::vector<Address> dirty_accounts_;               // written since the last take_dirty(), repeats allowed
    std::vector<SlotKey> dirty_slots_;
};

/// Loads every leaf of the store's state into a SortedLeafCommitment.
[[nodiscard]] Result<std::unique_ptr<SortedLeafCommitment>> load_sorted_leaf_commitment(const KvStore& store);

/// The node's state commitment over `store`: LP-500's sparse Merkle tree when the merkle module has
/// it (smt_commitment.hpp), else SortedLeafCommitment. Checks the name recorded in the store.
[[nodiscard]] Result<std::unique_ptr<StateCommitment>> open_state_commitment(KvStore& store);
/// A fresh, empty commitment of the same kind (for replays into a new store).
[[nodiscard]] Result<std::unique_ptr<StateCommitment>> new_state_commitment(KvStore& empty_store);

/// The node's state: committed in a KvStore, pending writes in an Overlay, the root from a
/// StateCommitment. Single writer (the block builder); readers of committed state use KvStateReader
/// on the same store, which sees a block's writes all at once or not at all.
class StateDb final : public StateAccess {
public:
    StateDb(KvStore& store, std::unique_ptr<StateCommitment> commitment)
        : store_(store), committed_(store), overlay_(committed_), commitment_(std::move(commitment)) {}

    [[nodiscard]] Result<Account> account(const Address& a) const override { return overlay_.account(a); }
    [[nodiscard]] Result<U256> storage(const Address& a, const Hash32& slot) const override {
        return overlay_.storage(a, slot);
    }
    [[nodiscard]] Result<Bytes> code(const Hash32& h) const override { return overlay_.code(h); }
    void set_account(const Address& a, const Account& acc) override { overlay_.set_account(a, acc); }
    void set_storage(const Address& a, const Hash32& slot, const U256& v) override { overlay_.set_storage(a, slot, v); }
    [[nodiscard]] std::size_t snapshot() const override { return overlay_.snapshot(); }
    void revert(std::size_t s) override { overlay_.revert(s); }

    /// The root of committed state plus the pending writes (the per-transaction root of receipts).
    /// Incremental: hands the commitment only the entries written since the previous call.
    [[nodiscard]] Result<Hash32> root();
    /// The root of committed state.
    [[nodiscard]] Hash32 committed_root() const { return commitment_->root(); }
    /// Stages the pending writes (and the commitment's own data) into `batch`; returns the new root.
    /// With `history_block`, also stages the history entries of block `history_block` (history.hpp),
    /// so that state at that block can be read later. Then write the batch and call `publish()`, or
    /// `discard()` if the write failed. Fails only when the store fails to read.
    [[nodiscard]] Result<Hash32> stage(WriteBatch& batch, std::optional<std::uint64_t> history_block = std::nullopt);
    void publish();
    void discard();

    [[nodiscard]] const Overlay& pending() const noexcept { return overlay_; }
    [[nodiscard]] const StateReader& committed() const noexcept { return committed_; }
    [[nodiscard]] KvStore& store() noexcept { return store_; }
    [[nodiscard]] const StateCommitment& commitment() const noexcept { return *commitment_; }

private:
    KvStore& store_;
    KvStateReader committed_;
    Overlay overlay_;
    std::unique_ptr<StateCommitment> commitment_;
};

/// The KvStore key under which the commitment's name is recorded ("meta" table 'M').
[[nodiscard]] Bytes commitment_name_db_key();
/// Checks that `store` was written under `commitment` (or is new); code errc::corrupt otherwise.
[[nodiscard]] Result<void> check_commitment_name(const KvStore& store, const StateCommitment& commitment);

}  // namespace luxl2::state
