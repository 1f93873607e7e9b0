// Where the state tree keeps its nodes: a key-value seam (content-addressed by node hash) with
// atomic batched writes. The in-memory store lives here; the node layer backs it with RocksDB.
#pragma once

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::merkle {

/// A set of writes applied all together or not at all.
struct NodeBatch {
    std::vector<std::pair<Hash32, Bytes>> puts;
    std::vector<Hash32> erases;

    [[nodiscard]] bool empty() const noexcept { return puts.empty() && erases.empty(); }
};

class NodeStore {
public:
    virtual ~NodeStore() = default;
    /// The record stored under `id`, nullopt when there is none; an error only for I/O failures.
    [[nodiscard]] virtual Result<std::optional<Bytes>> get(const Hash32& id) const = 0;
    /// Applies every put and erase of `batch` atomically: after a failure none is visible.
    [[nodiscard]] virtual Result<void> write(const NodeBatch& batch) = 0;
};

/// A NodeStore in a hash map (tests, devnets, benchmarks).
class MemoryNodeStore final : public NodeStore {
public:
    [[nodiscard]] Result<std::optional<Bytes>> get(const Hash32& id) const override;
    [[nodiscard]] Result<void> write(const NodeBatch& batch) override;
    [[nodiscard]] std::size_t size() const noexcept { return map_.size(); }

private:
    std::unordered_map<Hash32, Bytes> map_;
};

}  // namespace luxl2::merkle
