#include "luxl2/merkle/tree.hpp"
#include "luxl2/state/commitment.hpp"

namespace luxl2::state {

Hash32 sorted_leaf_hash(const Hash32& key, ByteView value) noexcept {
    Bytes leaf;
    leaf.reserve(32 + value.size());
    append(leaf, key);
    append(leaf, value);
    return merkle::leaf_hash(leaf);
}

void SortedLeafCommitment::load(std::span<const StateChange> leaves) {
    leaves_.clear();
    for (const auto& c : leaves)
        if (c.value) leaves_.insert_or_assign(c.key, sorted_leaf_hash(c.key, *c.value));
}

Hash32 SortedLeafCommitment::root() const {
    return root_with({});
}

Hash32 SortedLeafCommitment::root_with(std::span<const StateChange> changes) const {
    // Merge the committed map with the sorted changes in one pass, in key order.
    std::vector<const StateChange*> sorted;
    sorted.reserve(changes.size());
    for (const auto& c : changes) sorted.push_back(&c);
    std::sort(sorted.begin(), sorted.end(), [](const StateChange* a, const StateChange* b) { return a->key < b->key; });
    std::vector<Hash32> hashes;
    hashes.reserve(leaves_.size() + changes.size());
    auto it = leaves_.begin();
    for (const StateChange* c : sorted) {
        for (; it != leaves_.end() && it->first < c->key; ++it) hashes.push_back(it->second);
        if (it != leaves_.end() && it->first == c->key) ++it;  // replaced or deleted
        if (c->value) hashes.push_back(sorted_leaf_hash(c->key, *c->value));
    }
    for (; it != leaves_.end(); ++it) hashes.push_back(it->second);
    return merkle::root_of_leaf_hashes(hashes);
}

Hash32 SortedLeafCommitment::apply_working(std::span<const StateChange> changes) {
    for (const auto& c : changes) pending_.insert_or_assign(c.key, c.value);
    std::vector<StateChange> all;
    all.reserve(pending_.size());
    for (const auto& [k, v] : pending_) all.push_back({k, v});
    return root_with(all);
}

Hash32 SortedLeafCommitment::stage(std::span<const StateChange> changes, WriteBatch& /*batch*/) {
    return apply_working(changes);
}

void SortedLeafCommitment::publish() {
    for (const auto& [k, v] : pending_) {
        if (v)
            leaves_.insert_or_assign(k, sorted_leaf_hash(k, *v));
        else
            leaves_.erase(k);
    }
    pending_.clear();
}

void SortedLeafCommitment::discard() {
    pending_.clear();
}

}  // namespace luxl2::state
