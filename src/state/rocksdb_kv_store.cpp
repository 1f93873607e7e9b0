#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <vector>

#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {
namespace {

rocksdb::Slice slice(ByteView b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}
ByteView view(const rocksdb::Slice& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

class RocksDbKvStore final : public KvStore {
public:
    explicit RocksDbKvStore(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) {}

    Result<std::optional<Bytes>> get(ByteView key) const override {
        std::string value;
        const rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), slice(key), &value);
        if (s.IsNotFound()) return std::optional<Bytes>{};
        if (!s.ok()) return fail(errc::io, "rocksdb get: " + s.ToString());
        return std::optional<Bytes>{Bytes(value.begin(), value.end())};
    }

    Result<void> write(const WriteBatch& batch, bool sync) override {
        // One rocksdb::WriteBatch goes to the WAL as one record: RocksDB replays it whole or not at all.
        // The ops go in key order (the last op of a key wins, as in `batch`): the memtable's skip list
        // then inserts each key next to the previous one instead of searching from the top, which
        // makes large blocks (tens of thousands of state-tree nodes) several times cheaper to write.
        const auto& ops = batch.ops();
        std::vector<std::uint32_t> order(ops.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::uint32_t a, std::uint32_t b) { return ops[a].key < ops[b].key; });
        rocksdb::WriteBatch wb;
        for (std::size_t i = 0; i < order.size(); ++i) {
            if (i + 1 < order.size() && ops[order[i + 1]].key == ops[order[i]].key) continue;  // a later op wins
            const auto& op = ops[order[i]];
            const rocksdb::Status s = op.value ? wb.Put(slice(op.key), slice(*op.value)) : wb.Delete(slice(op.key));
            if (!s.ok()) return fail(errc::io, "rocksdb batch: " + s.ToString());
        }
        rocksdb::WriteOptions wo;
        wo.sync = sync;
        const rocksdb::Status s = db_->Write(wo, &wb);
        if (!s.ok()) return fail(errc::io, "rocksdb write: " + s.ToString());
        return {};
    }

    Result<void> scan_from(ByteView prefix, ByteView from, const ScanVisitor& visit) const override {
        std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
        const ByteView start = std::ranges::lexicographical_compare(from, prefix) ? prefix : from;
        for (it->Seek(slice(start)); it->Valid() && it->key().starts_with(slice(prefix)); it->Next())
            if (!visit(view(it->key()), view(it->value()))) break;
        if (!it->status().ok()) return fail(errc::io, "rocksdb scan: " + it->status().ToString());
        return {};
    }

    Result<std::optional<std::pair<Bytes, Bytes>>> floor(ByteView prefix, ByteView key) const override {
        std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
        it->SeekForPrev(slice(key));
        if (!it->status().ok()) return fail(errc::io, "rocksdb seek: " + it->status().ToString());
        if (!it->Valid() || !it->key().starts_with(slice(prefix))) return std::optional<std::pair<Bytes, Bytes>>{};
        const ByteView k = view(it->key()), v = view(it->value());
        return std::optional<std::pair<Bytes, Bytes>>{std::pair{Bytes(k.begin(), k.end()), Bytes(v.begin(), v.end())}};
    }

private:
    std::unique_ptr<rocksdb::DB> db_;
};

}  // namespace

Result<std::unique_ptr<KvStore>> open_rocksdb(const std::string& path, const RocksDbOptions& options) {
    rocksdb::Options o;
    o.create_if_missing = options.create_if_missing;
    o.IncreaseParallelism(2);
    // A bloom filter over the memtable's whole keys: reads of absent keys (new accounts, the state's
    // most common miss) skip the memtable's skip-list search.
    o.memtable_whole_key_filtering = true;
    o.memtable_prefix_bloom_size_ratio = 0.02;
    rocksdb::BlockBasedTableOptions table;
    table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    rocksdb::DB* raw = nullptr;
    const rocksdb::Status s =
        options.read_only ? rocksdb::DB::OpenForReadOnly(o, path, &raw) : rocksdb::DB::Open(o, path, &raw);
    if (!s.ok()) return fail(errc::open_failed, "cannot open RocksDB at " + path + ": " + s.ToString());
    return std::unique_ptr<KvStore>(new RocksDbKvStore(std::unique_ptr<rocksdb::DB>(raw)));
}

}  // namespace luxl2::state
