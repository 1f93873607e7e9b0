#include <algorithm>

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

Result<void> MemoryKvStore::scan_from(ByteView prefix, ByteView from, const ScanVisitor& visit) const {
    std::shared_lock lock(mu_);
    const ByteView start = std::ranges::lexicographical_compare(from, prefix) ? prefix : from;
    for (auto it = map_.lower_bound(Bytes(start.begin(), start.end())); it != map_.end(); ++it) {
        if (it->first.size() < prefix.size() || !equal(ByteView(it->first).first(prefix.size()), prefix)) break;
        if (!visit(it->first, it->second)) break;
    }
    return {};
}

Result<std::optional<std::pair<Bytes, Bytes>>> KvStore::floor(ByteView prefix, ByteView key) const {
    std::optional<std::pair<Bytes, Bytes>> best;
    LUXL2_CHECK(scan(prefix, [&](ByteView k, ByteView v) {
        if (std::lexicographical_compare(key.begin(), key.end(), k.begin(), k.end())) return false;  // k > key
        best.emplace(Bytes(k.begin(), k.end()), Bytes(v.begin(), v.end()));
        return true;
    }));
    return best;
}

Result<std::optional<std::pair<Bytes, Bytes>>> MemoryKvStore::floor(ByteView prefix, ByteView key) const {
    std::shared_lock lock(mu_);
    auto it = map_.upper_bound(Bytes(key.begin(), key.end()));  // first key > key
    if (it == map_.begin()) return std::optional<std::pair<Bytes, Bytes>>{};
    --it;
    if (it->first.size() < prefix.size() || !equal(ByteView(it->first).first(prefix.size()), prefix))
        return std::optional<std::pair<Bytes, Bytes>>{};
    return std::optional<std::pair<Bytes, Bytes>>{std::pair{it->first, it->second}};
}

std::size_t MemoryKvStore::size() const {
    std::shared_lock lock(mu_);
    return map_.size();
}

}  // namespace luxl2::state
