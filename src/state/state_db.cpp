#include "luxl2/state/state_db.hpp"

#include <algorithm>
#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/state/history.hpp"
#include "luxl2/state/smt_commitment.hpp"

namespace luxl2::state {

Result<Account> KvStateReader::account(const Address& a) const {
    LUXL2_TRY(v, store_.get(account_db_key(a)));
    if (!v) return Account{};
    auto acc = decode_account(*v);
    if (!acc) return fail(errc::corrupt, "stored account " + to_hex(a) + ": " + acc.error().message);
    return acc;
}

Result<U256> KvStateReader::storage(const Address& a, const Hash32& slot) const {
    LUXL2_TRY(v, store_.get(storage_db_key(a, slot)));
    if (!v) return U256{};
    auto value = decode_slot_value(*v);
    if (!value) return fail(errc::corrupt, "stored slot: " + value.error().message);
    return value;
}

Result<Bytes> KvStateReader::code(const Hash32& code_hash) const {
    if (code_hash == kEmptyCodeHash) return Bytes{};
    LUXL2_TRY(v, store_.get(code_db_key(code_hash)));
    if (!v) return fail(errc::corrupt, "missing code " + to_hex(code_hash));
    return std::move(*v);
}

Result<Account> Overlay::account(const Address& a) const {
    if (auto it = accounts_.find(a); it != accounts_.end()) return it->second;
    if (auto it = base_accounts_.find(a); it != base_accounts_.end()) return it->second;
    LUXL2_TRY(acc, base_.account(a));
    base_accounts_.emplace(a, acc);
    return acc;
}

Result<Account> Overlay::base_account(const Address& a) const {
    if (auto it = base_accounts_.find(a); it != base_accounts_.end()) return it->second;
    return base_.account(a);
}

Result<U256> Overlay::storage(const Address& a, const Hash32& slot) const {
    if (auto it = slots_.find({a, slot}); it != slots_.end()) return it->second;
    return base_.storage(a, slot);
}

void Overlay::set_account(const Address& a, const Account& acc) {
    dirty_accounts_.push_back(a);
    auto it = accounts_.find(a);
    journal_.push_back({false, a, {}, it == accounts_.end() ? std::nullopt : std::optional<Account>(it->second), {}});
    accounts_.insert_or_assign(a, acc);
}

void Overlay::set_storage(const Address& a, const Hash32& slot, const U256& value) {
    dirty_slots_.emplace_back(a, slot);
    auto it = slots_.find({a, slot});
    journal_.push_back({true, a, slot, {}, it == slots_.end() ? std::nullopt : std::optional<U256>(it->second)});
    slots_.insert_or_assign(SlotKey{a, slot}, value);
}

void Overlay::revert(std::size_t snapshot) {
    LUXL2_ASSERT(snapshot <= journal_.size());
    while (journal_.size() > snapshot) {
        Undo& u = journal_.back();
        if (u.is_slot) {
            if (u.value)
                slots_.insert_or_assign(SlotKey{u.address, u.slot}, *u.value);
            else
                slots_.erase({u.address, u.slot});
        } else {
            if (u.account)
                accounts_.insert_or_assign(u.address, *u.account);
            else
                accounts_.erase(u.address);
        }
        journal_.pop_back();
    }
}

std::vector<StateChange> Overlay::changes() const {
    std::vector<StateChange> out;
    out.reserve(accounts_.size() + slots_.size());
    for (const auto& [a, acc] : accounts_)
        out.push_back({account_key(a), acc.is_empty() ? std::nullopt : std::optional<Bytes>(encode_account(acc))});
    for (const auto& [k, v] : slots_)
        out.push_back(
            {storage_key(k.first, k.second), v.is_zero() ? std::nullopt : std::optional<Bytes>(encode_slot_value(v))});
    return out;
}

Result<std::vector<StateChange>> Overlay::take_dirty() {
    std::sort(dirty_accounts_.begin(), dirty_accounts_.end());
    dirty_accounts_.erase(std::unique(dirty_accounts_.begin(), dirty_accounts_.end()), dirty_accounts_.end());
    std::sort(dirty_slots_.begin(), dirty_slots_.end());
    dirty_slots_.erase(std::unique(dirty_slots_.begin(), dirty_slots_.end()), dirty_slots_.end());
    std::vector<StateChange> out;
    out.reserve(dirty_accounts_.size() + dirty_slots_.size());
    for (const Address& a : dirty_accounts_) {
        auto it = accounts_.find(a);
        Account acc;
        if (it != accounts_.end()) {
            acc = it->second;
        } else {  // reverted to the base value
            LUXL2_TRY(base, base_account(a));
            acc = std::move(base);
        }
        out.push_back({account_key(a), acc.is_empty() ? std::nullopt : std::optional<Bytes>(encode_account(acc))});
    }
    for (const SlotKey& k : dirty_slots_) {
        auto it = slots_.find(k);
        U256 v;
        if (it != slots_.end()) {
            v = it->second;
        } else {
            LUXL2_TRY(base, base_.storage(k.first, k.second));
            v = base;
        }
        out.push_back(
            {storage_key(k.first, k.second), v.is_zero() ? std::nullopt : std::optional<Bytes>(encode_slot_value(v))});
    }
    dirty_accounts_.clear();
    dirty_slots_.clear();
    return out;
}

void Overlay::stage(WriteBatch& batch) const {
    for (const auto& [a, acc] : accounts_) {
        if (acc.is_empty())
            batch.del(account_db_key(a));
        else
            batch.put(account_db_key(a), encode_account(acc));
    }
    for (const auto& [k, v] : slots_) {
        if (v.is_zero())
            batch.del(storage_db_key(k.first, k.second));
        else
            batch.put(storage_db_key(k.first, k.second), encode_slot_value(v));
    }
}

void Overlay::clear() {
    accounts_.clear();
    slots_.clear();
    journal_.clear();
    base_accounts_.clear();
    dirty_accounts_.clear();
    dirty_slots_.clear();
}

Result<std::unique_ptr<SortedLeafCommitment>> load_sorted_leaf_commitment(const KvStore& store) {
    std::vector<StateChange> leaves;
    std::optional<Error> bad;
    auto visit_accounts = [&](ByteView key, ByteView value) {
        if (key.size() != 21) {
            bad = Error{errc::corrupt, "account key of " + std::to_string(key.size()) + " bytes"};
            return false;
        }
        leaves.push_back({account_key(Address::from_view(key.subspan(1))), Bytes(value.begin(), value.end())});
        return true;
    };
    auto visit_slots = [&](ByteView key, ByteView value) {
        if (key.size() != 53) {
            bad = Error{errc::corrupt, "slot key of " + std::to_string(key.size()) + " bytes"};
            return false;
        }
        leaves.push_back({storage_key(Address::from_view(key.subspan(1, 20)), Hash32::from_view(key.subspan(21))),
                          Bytes(value.begin(), value.end())});
        return true;
    };
    const std::uint8_t a = kAccountTable, s = kStorageTable;
    LUXL2_CHECK(store.scan(ByteView(&a, 1), visit_accounts));
    LUXL2_CHECK(store.scan(ByteView(&s, 1), visit_slots));
    if (bad) return std::unexpected(std::move(*bad));
    auto c = std::make_unique<SortedLeafCommitment>();
    c->load(leaves);
    return c;
}

Result<std::unique_ptr<StateCommitment>> open_state_commitment(KvStore& store) {
    std::unique_ptr<StateCommitment> c;
#if LUXL2_HAVE_SMT
    LUXL2_TRY(smt, SmtCommitment::open(store));
    c = std::move(smt);
#else
    LUXL2_TRY(sorted, load_sorted_leaf_commitment(store));
    c = std::move(sorted);
#endif
    LUXL2_CHECK(check_commitment_name(store, *c));
    return c;
}

Result<std::unique_ptr<StateCommitment>> new_state_commitment(KvStore& empty_store) {
    return open_state_commitment(empty_store);
}

Result<Hash32> StateDb::root() {
    LUXL2_TRY(delta, overlay_.take_dirty());
    return commitment_->apply_working(delta);
}

Result<Hash32> StateDb::stage(WriteBatch& batch, std::optional<std::uint64_t> history_block) {
    overlay_.stage(batch);
    if (history_block) stage_history(batch, *history_block, overlay_);
    const std::string_view name = commitment_->name();
    batch.put(commitment_name_db_key(), ByteView(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
    LUXL2_TRY(delta, overlay_.take_dirty());
    return commitment_->stage(delta, batch);
}

void StateDb::publish() {
    commitment_->publish();
    overlay_.clear();
}

void StateDb::discard() {
    commitment_->discard();
    overlay_.clear();
}

Bytes commitment_name_db_key() {
    const std::string_view k = "Mcommitment";
    return Bytes(k.begin(), k.end());
}

Result<void> check_commitment_name(const KvStore& store, const StateCommitment& commitment) {
    LUXL2_TRY(v, store.get(commitment_name_db_key()));
    if (!v) return {};
    const std::string stored(v->begin(), v->end());
    if (stored != commitment.name())
        return fail(errc::corrupt, "database was written under commitment '" + stored + "', not '" +
                                       std::string(commitment.name()) + "'");
    return {};
}

}  // namespace luxl2::state
