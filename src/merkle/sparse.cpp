#include "luxl2/merkle/sparse.hpp"

#include <algorithm>
#include <array>

#include "luxl2/merkle/tree.hpp"

namespace luxl2::merkle::smt {

SparseMerkleTree::SparseMerkleTree() = default;

SparseMerkleTree::Ref SparseMerkleTree::new_leaf(const Hash32& key, const Hash32& value) {
    Leaf l{key, value, leaf_hash(key, value)};
    if (!free_leaves_.empty()) {
        const Ref r = free_leaves_.back();
        free_leaves_.pop_back();
        leaf(r) = l;
        return r;
    }
    LUXL2_ASSERT(leaves_.size() < kLeafBit);
    leaves_.push_back(l);
    return static_cast<Ref>(leaves_.size() - 1) | kLeafBit;
}

SparseMerkleTree::Ref SparseMerkleTree::new_branch(unsigned depth, Ref left, Ref right) {
    Branch b{};
    b.child[0] = left;
    b.child[1] = right;
    b.depth = static_cast<std::uint8_t>(depth);
    b.dirty = 1;
    b.live = 1;
    if (!free_branches_.empty()) {
        const Ref r = free_branches_.back();
        free_branches_.pop_back();
        branches_[r] = b;
        return r;
    }
    LUXL2_ASSERT(branches_.size() < kLeafBit - 1);
    branches_.push_back(b);
    return static_cast<Ref>(branches_.size() - 1);
}

void SparseMerkleTree::free_leaf(Ref r) {
    leaf(r).value = Hash32{};
    free_leaves_.push_back(r);
}

void SparseMerkleTree::free_branch(Ref r) {
    branch(r).live = 0;
    free_branches_.push_back(r);
}

const Hash32& SparseMerkleTree::top(Ref r) const noexcept {
    return is_leaf(r) ? leaf(r).hash : branch(r).top;
}

const Hash32& SparseMerkleTree::sample_key(Ref r) const noexcept {
    while (is_branch(r)) r = branch(r).child[0];
    return leaf(r).key;
}

Hash32 SparseMerkleTree::own_hash(Ref r) const noexcept {
    if (is_leaf(r)) return leaf(r).hash;
    const Branch& b = branch(r);
    return node_hash(top(b.child[0]), top(b.child[1]));
}

// The hash of r's subtree seen from `depth` (<= r's own depth): its own hash folded up through the
// levels where its path has an empty sibling. A leaf's hash is the same at every height.
Hash32 SparseMerkleTree::hash_at(Ref r, unsigned depth) const noexcept {
    Hash32 h = own_hash(r);
    if (is_leaf(r)) return h;
    const unsigned own = branch(r).depth;
    if (own > depth) {
        const Hash32& k = sample_key(r);
        for (unsigned d = own; d-- > depth;)
            h = key_bit(k, d) ? node_hash(default_hash(255 - d), h) : node_hash(h, default_hash(255 - d));
    }
    return h;
}

Hash32 SparseMerkleTree::root() const noexcept {
    if (root_ == kNull) return default_hash(256);
    return top(root_);
}

std::optional<Hash32> SparseMerkleTree::get(const Hash32& key) const noexcept {
    Ref r = root_;
    if (r == kNull) return std::nullopt;
    while (is_branch(r)) r = branch(r).child[key_bit(key, branch(r).depth) ? 1 : 0];
    if (leaf(r).key != key) return std::nullopt;
    return leaf(r).value;
}

void SparseMerkleTree::put(const Hash32& key, const Hash32& value) {
    if (root_ == kNull) {
        root_ = new_leaf(key, value);
        ++count_;
        return;
    }
    Ref r = root_;
    while (is_branch(r)) r = branch(r).child[key_bit(key, branch(r).depth) ? 1 : 0];
    if (leaf(r).key == key) {
        Leaf& l = leaf(r);
        if (l.value == value) return;
        l.value = value;
        l.hash = leaf_hash(key, value);
        r = root_;  // mark the path dirty
        while (is_branch(r)) {
            branch(r).dirty = 1;
            r = branch(r).child[key_bit(key, branch(r).depth) ? 1 : 0];
        }
        return;
    }
    const unsigned crit = common_prefix(key, leaf(r).key);
    const Ref fresh = new_leaf(key, value);
    ++count_;
    // Walk down to the edge the new key leaves by: the first node whose depth passes `crit`.
    Ref parent = kNull;
    r = root_;
    while (is_branch(r) && branch(r).depth < crit) {
        branch(r).dirty = 1;
        parent = r;
        r = branch(r).child[key_bit(key, branch(r).depth) ? 1 : 0];
    }
    const bool right = key_bit(key, crit);
    const Ref b = new_branch(crit, right ? r : fresh, right ? fresh : r);
    if (is_branch(r)) branch(r).dirty = 1;  // seen from a new depth: its top changes
    if (parent == kNull)
        root_ = b;
    else
        branch(parent).child[key_bit(key, branch(parent).depth) ? 1 : 0] = b;
}

void SparseMerkleTree::remove(const Hash32& key) {
    if (root_ == kNull) return;
    Ref grand = kNull, parent = kNull, r = root_;
    while (is_branch(r)) {
        grand = parent;
        parent = r;
        r = branch(r).child[key_bit(key, branch(r).depth) ? 1 : 0];
    }
    if (leaf(r).key != key) return;
    --count_;
    free_leaf(r);
    if (parent == kNull) {
        root_ = kNull;
        return;
    }
    const Ref sibling = branch(parent).child[key_bit(key, branch(parent).depth) ? 0 : 1];
    free_branch(parent);
    if (is_branch(sibling)) branch(sibling).dirty = 1;
    if (grand == kNull) {
        root_ = sibling;
    } else {
        branch(grand).child[key_bit(key, branch(grand).depth) ? 1 : 0] = sibling;
    }
    for (Ref a = root_; is_branch(a) && a != sibling;) {
        branch(a).dirty = 1;
        a = branch(a).child[key_bit(key, branch(a).depth) ? 1 : 0];
    }
}

void SparseMerkleTree::rehash(Ref r, int parent_depth) {
    if (!is_branch(r)) return;
    Branch& b = branch(r);
    if (!b.dirty) return;
    for (Ref c : b.child) rehash(c, b.depth);
    const auto depth = static_cast<unsigned>(parent_depth + 1);
    Hash32 h = hash_at(r, depth);
    Branch& bb = branch(r);
    bb.top = h;
    bb.dirty = 0;
    bb.unsaved = 1;
}

void SparseMerkleTree::set(const Hash32& key, const Hash32& value) {
    const Update u{key, value};
    update(std::span<const Update>(&u, 1));
}

void SparseMerkleTree::erase(const Hash32& key) {
    set(key, Hash32{});
}

SparseMerkleTree::Ref SparseMerkleTree::build_sorted(std::span<const Update> sorted) {
    if (sorted.size() == 1) return new_leaf(sorted[0].key, sorted[0].value);
    // Sorted keys: the prefix shared by the first and the last is shared by all.
    const unsigned crit = common_prefix(sorted.front().key, sorted.back().key);
    const auto split =
        std::partition_point(sorted.begin(), sorted.end(), [&](const Update& u) { return !key_bit(u.key, crit); });
    const auto mid = static_cast<std::size_t>(split - sorted.begin());
    const Ref left = build_sorted(sorted.first(mid));
    const Ref right = build_sorted(sorted.subspan(mid));
    return new_branch(crit, left, right);
}

void SparseMerkleTree::update(std::span<const Update> updates) {
    if (updates.size() > 64) {
        // Key order keeps consecutive updates on shared paths (and the stable sort keeps the last write
        // to a key last); an empty tree is built bottom-up from the sorted keys directly.
        std::vector<Update> sorted(updates.begin(), updates.end());
        std::stable_sort(sorted.begin(), sorted.end(), [](const Update& a, const Update& b) { return a.key < b.key; });
        if (root_ == kNull) {
            std::size_t out = 0;
            for (std::size_t i = 0; i < sorted.size(); ++i) {
                if (i + 1 < sorted.size() && sorted[i + 1].key == sorted[i].key) continue;  // a later write wins
                if (!sorted[i].value.is_zero()) sorted[out++] = sorted[i];
            }
            sorted.resize(out);
            if (out > 0) root_ = build_sorted(sorted);
            count_ = out;
        } else {
            apply(sorted);
        }
    } else {
        apply(updates);
    }
    rehash(root_, -1);
}

void SparseMerkleTree::apply(std::span<const Update> updates) {
    for (const auto& u : updates) {
        if (u.value.is_zero())
            remove(u.key);
        else
            put(u.key, u.value);
    }
}

std::size_t SparseMerkleTree::memory_bytes() const noexcept {
    return leaves_.memory_bytes() + branches_.memory_bytes() +
           (free_leaves_.capacity() + free_branches_.capacity()) * sizeof(Ref) + sizeof *this;
}

// ---- proofs ----

Result<Proof> SparseMerkleTree::prove(std::span<const Hash32> keys) const {
    if (keys.empty()) return fail(errc::malformed, "no key to prove");
    std::vector<Hash32> sorted(keys.begin(), keys.end());
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        return fail(errc::duplicate_key, "a key is asked for twice");
    Proof out;
    out.entries.reserve(sorted.size());
    prove_range(root_, 0, sorted, out);
    return out;
}

Proof SparseMerkleTree::prove(const Hash32& key) const {
    Proof out;
    prove_range(root_, 0, std::span<const Hash32>(&key, 1), out);
    return out;
}

// Mirrors the verifier (sparse_proof.cpp): terminals at the shallowest depth where the subtree holds at
// most one key; one bitmap bit (and maybe a sibling) wherever the keys all go one way.
void SparseMerkleTree::prove_range(Ref r, unsigned depth, std::span<const Hash32> keys, Proof& out) const {
    if (r == kNull || is_leaf(r)) {
        for (const auto& k : keys) {
            ProofEntry e;
            e.depth = static_cast<std::uint16_t>(depth);
            if (r == kNull) {
                e.kind = Terminal::Empty;
            } else if (leaf(r).key == k) {
                e.kind = Terminal::Leaf;
            } else {
                e.kind = Terminal::Other;
                e.other_key = leaf(r).key;
                e.other_value = leaf(r).value;
            }
            out.entries.push_back(e);
        }
        return;
    }
    const auto split =
        std::partition_point(keys.begin(), keys.end(), [&](const Hash32& k) { return !key_bit(k, depth); });
    const auto mid = static_cast<std::size_t>(split - keys.begin());
    const Branch& b = branch(r);
    Ref side[2];
    if (b.depth == depth) {
        side[0] = b.child[0];
        side[1] = b.child[1];
    } else {  // inside the compressed edge above r: one side is r, the other empty
        const bool on = key_bit(sample_key(r), depth);
        side[on ? 1 : 0] = r;
        side[on ? 0 : 1] = kNull;
    }
    if (mid != 0 && mid != keys.size()) {
        prove_range(side[0], depth + 1, keys.first(mid), out);
        prove_range(side[1], depth + 1, keys.subspan(mid), out);
        return;
    }
    const int go = mid == 0 ? 1 : 0;
    const Ref other = side[1 - go];
    if (other == kNull) {
        out.bits.push_back(false);
    } else {
        out.bits.push_back(true);
        out.siblings.push_back(other == r ? hash_at(r, depth + 1) : top(other));
    }
    prove_range(side[go], depth + 1, keys, out);
}

}  // namespace luxl2::merkle::smt
