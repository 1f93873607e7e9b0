// Persistence of the state tree through a NodeStore. Records (docs/format/state-tree.md):
//   leaf   id = leaf hash          0x00 ‖ key ‖ value                  (65 bytes)
//   branch id = hash seen from the parent's next depth
//                                  0x01 ‖ depth ‖ left id ‖ right id    (66 bytes)
#include "luxl2/core/hex.hpp"
#include "luxl2/merkle/sparse.hpp"

namespace luxl2::merkle::smt {
namespace {

Bytes leaf_record(const Hash32& key, const Hash32& value) {
    Bytes rec;
    rec.reserve(65);
    rec.push_back(0x00);
    append(rec, key.view());
    append(rec, value.view());
    return rec;
}

}  // namespace

void SparseMerkleTree::collect_unsaved(Ref r, NodeBatch& batch) {
    if (r == kNull) return;
    if (is_leaf(r)) {
        batch.puts.emplace_back(leaf(r).hash, leaf_record(leaf(r).key, leaf(r).value));
        return;
    }
    if (!branch(r).unsaved) return;
    const Branch& b = branch(r);
    Bytes rec;
    rec.reserve(66);
    rec.push_back(0x01);
    rec.push_back(b.depth);
    append(rec, top(b.child[0]).view());
    append(rec, top(b.child[1]).view());
    batch.puts.emplace_back(b.top, std::move(rec));
    for (Ref c : b.child) collect_unsaved(c, batch);
}

Result<Hash32> SparseMerkleTree::commit(NodeStore& store) {
    NodeBatch batch;
    collect_unsaved(root_, batch);
    if (!batch.empty()) LUXL2_CHECK(store.write(batch));
    for (std::size_t i = 0; i < branches_.size(); ++i) branches_[i].unsaved = 0;
    return root();
}

Result<SparseMerkleTree::Ref> SparseMerkleTree::load_node(const NodeStore& store, const Hash32& id, int parent_depth) {
    LUXL2_TRY(rec, store.get(id));
    if (!rec) return fail(errc::missing_node, "no record for node " + to_hex(id));
    const Bytes& b = *rec;
    if (b.size() == 65 && b[0] == 0x00) {
        const Hash32 key = Hash32::from_view(ByteView(b).subspan(1, 32));
        const Hash32 value = Hash32::from_view(ByteView(b).subspan(33, 32));
        if (value.is_zero() || leaf_hash(key, value) != id)
            return fail(errc::corrupt_node, "leaf record does not match its id");
        ++count_;
        return new_leaf(key, value);
    }
    if (b.size() != 66 || b[0] != 0x01 || static_cast<int>(b[1]) <= parent_depth)
        return fail(errc::corrupt_node, "malformed branch record");
    const unsigned depth = b[1];
    const Hash32 ids[2] = {Hash32::from_view(ByteView(b).subspan(2, 32)),
                           Hash32::from_view(ByteView(b).subspan(34, 32))};
    if (ids[0] == ids[1]) return fail(errc::corrupt_node, "a branch with two equal children");
    LUXL2_TRY(left, load_node(store, ids[0], static_cast<int>(depth)));
    LUXL2_TRY(right, load_node(store, ids[1], static_cast<int>(depth)));
    const Ref r = new_branch(depth, left, right);
    // Shape: the two sides split exactly at `depth`, each on its own side (this, applied at every
    // branch, makes every key sit on its own path).
    const Hash32& k0 = sample_key(left);
    const Hash32& k1 = sample_key(right);
    if (common_prefix(k0, k1) != depth || key_bit(k0, depth) || !key_bit(k1, depth))
        return fail(errc::corrupt_node, "a branch whose sides do not split at its depth");
    if (top(left) != ids[0] || top(right) != ids[1]) return fail(errc::corrupt_node, "child ids do not match");
    const Hash32 h = hash_at(r, static_cast<unsigned>(parent_depth + 1));
    if (h != id) return fail(errc::corrupt_node, "branch record does not match its id");
    Branch& br = branch(r);
    br.top = h;
    br.dirty = 0;
    br.unsaved = 0;
    return r;
}

Result<SparseMerkleTree> SparseMerkleTree::load(const NodeStore& store, const Hash32& root) {
    SparseMerkleTree t;
    if (root == default_hash(256)) return t;
    LUXL2_TRY(r, t.load_node(store, root, -1));
    t.root_ = r;
    return t;
}

}  // namespace luxl2::merkle::smt
