// Loading the state tree from a NodeStore whose records may be corrupt (SparseMerkleTree::load, the
// decoder of docs/format/state-tree.md's records). A tree of up to 64 keys chosen by the input is
// committed to a store; then the input rewrites, drops or swaps records (or writes arbitrary bytes
// under an id). Never crashes; load either refuses, or returns a tree with exactly the committed root
// and key/value pairs (records are content-addressed, so a changed record cannot load silently).
#include <cstdint>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/sparse.hpp"

using namespace luxl2;
using namespace luxl2::merkle;

namespace {

// A store that remembers its records in order, so the input can name them.
class ListStore final : public NodeStore {
public:
    [[nodiscard]] Result<std::optional<Bytes>> get(const Hash32& id) const override {
        for (const auto& [k, v] : recs)
            if (k == id) return std::optional<Bytes>(v);
        return std::optional<Bytes>{};
    }
    [[nodiscard]] Result<void> write(const NodeBatch& batch) override {
        for (const auto& p : batch.puts) recs.push_back(p);
        return {};
    }
    std::vector<std::pair<Hash32, Bytes>> recs;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t nkeys = data[0] % 65;
    smt::SparseMerkleTree tree;
    std::vector<smt::Update> ups;
    for (std::size_t i = 0; i < nkeys; ++i) {
        const std::uint8_t d[2] = {static_cast<std::uint8_t>(i), data[1]};
        Hash32 k = crypto::keccak256(ByteView(d, 2));
        if (i % 5 == 4) {  // a neighbour differing in one low bit: a deep branch
            k = ups.back().key;
            k[31 - (i % 32) / 8] ^= static_cast<std::uint8_t>(1u << (i % 8));
        }
        ups.push_back({k, crypto::keccak256(k.view())});
    }
    tree.update(ups);
    ListStore store;
    auto root = tree.commit(store);
    LUXL2_ASSERT(root.has_value());

    ByteView ops(data + 2, size - 2);
    while (ops.size() >= 3 && !store.recs.empty()) {
        const std::size_t r = ops[1] % store.recs.size();
        auto& rec = store.recs[r].second;
        switch (ops[0] % 5) {
            case 0:  // flip a bit
                if (!rec.empty()) rec[ops[2] % rec.size()] ^= static_cast<std::uint8_t>(1u << (ops[2] % 8));
                break;
            case 1:  // drop the record
                store.recs.erase(store.recs.begin() + static_cast<std::ptrdiff_t>(r));
                break;
            case 2:  // swap two records' contents
                std::swap(rec, store.recs[ops[2] % store.recs.size()].second);
                break;
            case 3:  // truncate or extend
                rec.resize(ops[2] % 80, ops[2]);
                break;
            default: {  // raw bytes under this id: a record for whatever the input says
                const std::size_t n = std::min<std::size_t>(ops.size() - 3, 66);
                rec.assign(ops.begin() + 3, ops.begin() + 3 + static_cast<std::ptrdiff_t>(n));
                ops = ops.subspan(n);
                break;
            }
        }
        ops = ops.subspan(std::min<std::size_t>(3, ops.size()));
    }
    auto loaded = smt::SparseMerkleTree::load(store, *root);
    if (loaded) {
        LUXL2_ASSERT(loaded->root() == *root);
        LUXL2_ASSERT(loaded->size() == tree.size());
        for (const auto& u : ups) LUXL2_ASSERT(loaded->get(u.key) == tree.get(u.key));
    }
    return 0;
}
