#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {

Result<std::optional<Bytes>> MemoryKvStore::get(ByteView key) const {
    std::shared_lock lock(mu_);
    auto it = map_.find(Bytes(key.begin(), key.end()));
    if (it == map_.end()) return std::optional<Bytes>{};
    return std::optional<Bytes>{it->second};
}

Result<void> MemoryKvStore::write(const WriteBatch& batch, bool /*sync*/) {
    std::unique_lock lock(mu_);
    for (const auto& op : batch.ops()) {
        if (op.value)
            map_.insert_or_assign(op.key, *op.value);
        else
            map_.erase(op.key);
    }
    return {};
}

Result<void> MemoryKvStore::scan(ByteView prefix, const ScanVisitor& visit) const {
    std::shared_lock lock(mu_);
    for (auto it = map_.lower_bound(Bytes(prefix.begin(), prefix.end())); it != map_.end(); ++it) {
        if (it->first.size() < prefix.size() || !equal(ByteView(it->first).first(prefix.size()), prefix)) break;
        if (!visit(it->first, it->second)) break;
    }
    return {};
}

std::size_t MemoryKvStore::size() const {
    std::shared_lock lock(mu_);
    return map_.size();
}

}  // namespace luxl2::state
