// The storage seam: an ordered key-value store with atomic write batches. RocksDB is the real store;
// MemoryKvStore serves tests. Everything that must survive a crash together (a block's state writes,
// the block and its receipts) goes into ONE WriteBatch, so a reader after a crash sees all of it or
// none of it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::state {

namespace errc {
inline constexpr std::string_view io = "state.io";            // the store failed to read or write
inline constexpr std::string_view corrupt = "state.corrupt";  // a stored value does not decode
inline constexpr std::string_view open_failed = "state.open_failed";
}  // namespace errc

/// An ordered list of puts and deletes applied atomically, in order (a later op on the same key wins).
class WriteBatch {
public:
    struct Op {
        Bytes key;
        std::optional<Bytes> value;  // nullopt: delete
    };

    void put(ByteView key, ByteView value) {
        ops_.push_back({Bytes(key.begin(), key.end()), Bytes(value.begin(), value.end())});
    }
    void del(ByteView key) { ops_.push_back({Bytes(key.begin(), key.end()), std::nullopt}); }
    [[nodiscard]] const std::vector<Op>& ops() const noexcept { return ops_; }
    [[nodiscard]] std::size_t size() const noexcept { return ops_.size(); }
    [[nodiscard]] bool empty() const noexcept { return ops_.empty(); }
    void clear() noexcept { ops_.clear(); }

private:
    std::vector<Op> ops_;
};

/// Visits (key, value) pairs in key order; return false to stop.
using ScanVisitor = std::function<bool(ByteView key, ByteView value)>;

/// An ordered byte-keyed store. Thread-safe: concurrent reads, and writes serialised by the store.
class KvStore {
public:
    virtual ~KvStore() = default;
    /// The value under `key`, nullopt when absent; errc::io on failure.
    [[nodiscard]] virtual Result<std::optional<Bytes>> get(ByteView key) const = 0;
    /// Applies every op of `batch` or none of them. With `sync`, returns only once the batch is durable
    /// (survives power loss, not only a process crash).
    [[nodiscard]] virtual Result<void> write(const WriteBatch& batch, bool sync) = 0;
    /// Every key starting with `prefix`, in byte order.
    [[nodiscard]] Result<void> scan(ByteView prefix, const ScanVisitor& visit) const {
        return scan_from(prefix, prefix, visit);
    }
    /// The keys starting with `prefix` that are ≥ `from`, in byte order: one seek, so a reader that
    /// resumes (events from block N, messages from nonce N) does not walk what it has already seen.
    [[nodiscard]] virtual Result<void> scan_from(ByteView prefix, ByteView from, const ScanVisitor& visit) const = 0;
    /// The entry with the greatest key ≤ `key` among the keys starting with `prefix` (`key` starts
    /// with `prefix`), nullopt when there is none. The default scans the prefix; stores override it
    /// with a reverse seek.
    [[nodiscard]] virtual Result<std::optional<std::pair<Bytes, Bytes>>> floor(ByteView prefix, ByteView key) const;
};

/// In memory, for tests and ephemeral nodes.
class MemoryKvStore final : public KvStore {
public:
    [[nodiscard]] Result<std::optional<Bytes>> get(ByteView key) const override;
    [[nodiscard]] Result<void> write(const WriteBatch& batch, bool sync) override;
    [[nodiscard]] Result<void> scan_from(ByteView prefix, ByteView from, const ScanVisitor& visit) const override;
    [[nodiscard]] Result<std::optional<std::pair<Bytes, Bytes>>> floor(ByteView prefix, ByteView key) const override;
    [[nodiscard]] std::size_t size() const;

private:
    mutable std::shared_mutex mu_;
    std::map<Bytes, Bytes, std::less<>> map_;
};

struct RocksDbOptions {
    bool create_if_missing = true;
    std::size_t block_cache_bytes = 64u << 20;
    /// Opens a snapshot without taking the lock, so a verifier can read a store another process is
    /// writing; writes are refused (errc::io).
    bool read_only = false;
};

/// Opens (or creates) a RocksDB database in directory `path`. Codes errc::open_failed.
[[nodiscard]] Result<std::unique_ptr<KvStore>> open_rocksdb(const std::string& path,
                                                            const RocksDbOptions& options = {});

}  // namespace luxl2::state
