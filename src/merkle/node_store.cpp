#include "luxl2/merkle/node_store.hpp"

namespace luxl2::merkle {

Result<std::optional<Bytes>> MemoryNodeStore::get(const Hash32& id) const {
    auto it = map_.find(id);
    if (it == map_.end()) return std::optional<Bytes>();
    return std::optional<Bytes>(it->second);
}

Result<void> MemoryNodeStore::write(const NodeBatch& batch) {
    // Reserve first so that the only allocation that can fail happens before anything changes.
    map_.reserve(map_.size() + batch.puts.size());
    for (const auto& id : batch.erases) map_.erase(id);
    for (const auto& [id, rec] : batch.puts) map_.insert_or_assign(id, rec);
    return {};
}

}  // namespace luxl2::merkle
