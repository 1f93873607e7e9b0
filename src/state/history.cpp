#include "luxl2/state/history.hpp"

#include <cstring>
#include <string>

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"

namespace luxl2::state {

Bytes account_history_key(const Address& a, std::uint64_t block) {
    Bytes k(1 + 20 + 8);
    k[0] = kAccountHistoryTable;
    std::memcpy(k.data() + 1, a.data(), 20);
    store_be64(k.data() + 21, block);
    return k;
}

Bytes storage_history_key(const Address& a, const Hash32& slot, std::uint64_t block) {
    Bytes k(1 + 20 + 32 + 8);
    k[0] = kStorageHistoryTable;
    std::memcpy(k.data() + 1, a.data(), 20);
    std::memcpy(k.data() + 21, slot.data(), 32);
    store_be64(k.data() + 53, block);
    return k;
}

Bytes history_start_db_key() {
    const std::string_view k = "Mhistory";
    return Bytes(k.begin(), k.end());
}

void stage_history(WriteBatch& batch, std::uint64_t block, const Overlay& writes) {
    for (const auto& [a, acc] : writes.accounts())
        batch.put(account_history_key(a, block), acc.is_empty() ? Bytes{} : encode_account(acc));
    for (const auto& [k, v] : writes.slots())
        batch.put(storage_history_key(k.first, k.second, block), v.is_zero() ? Bytes{} : encode_slot_value(v));
    if (block == 0) {
        Bytes start(8);
        store_be64(start.data(), 0);
        batch.put(history_start_db_key(), start);
    }
}

Result<Account> HistoricalStateReader::account(const Address& a) const {
    const Bytes key = account_history_key(a, block_);
    LUXL2_TRY(rec, store_.floor(ByteView(key).first(21), key));
    if (!rec || rec->second.empty()) return Account{};
    auto acc = decode_account(rec->second);
    if (!acc) return fail(errc::corrupt, "account history of " + to_hex(a) + ": " + acc.error().message);
    return acc;
}

Result<U256> HistoricalStateReader::storage(const Address& a, const Hash32& slot) const {
    const Bytes key = storage_history_key(a, slot, block_);
    LUXL2_TRY(rec, store_.floor(ByteView(key).first(53), key));
    if (!rec || rec->second.empty()) return U256{};
    auto v = decode_slot_value(rec->second);
    if (!v) return fail(errc::corrupt, "slot history: " + v.error().message);
    return v;
}

Result<Bytes> HistoricalStateReader::code(const Hash32& code_hash) const {
    return KvStateReader(store_).code(code_hash);
}

Result<HistoricalStateReader> open_history(const KvStore& store, std::uint64_t block) {
    LUXL2_TRY(start, store.get(history_start_db_key()));
    if (!start || start->size() != 8 || load_be64(start->data()) > block)
        return fail(errc::history_unavailable,
                    "historical state not available for block " + std::to_string(block) +
                        " (this database keeps no history before " +
                        (start && start->size() == 8 ? std::to_string(load_be64(start->data())) : std::string("now")) +
                        ")");
    return HistoricalStateReader(store, block);
}

}  // namespace luxl2::state
