#include "luxl2/merkle/oz.hpp"

#include <algorithm>
#include <numeric>

#include "luxl2/codec/abi.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::merkle::oz {
namespace {

bool is_leaf_node(std::size_t n_nodes, std::size_t i) {
    return i < n_nodes && 2 * i + 1 >= n_nodes;
}
std::size_t sibling(std::size_t i) {
    return i % 2 == 1 ? i + 1 : i - 1;
}
std::size_t parent(std::size_t i) {
    return (i - 1) / 2;
}

}  // namespace

Hash32 hash_pair(const Hash32& a, const Hash32& b) noexcept {
    std::uint8_t buf[64];
    const bool swap = b < a;
    const Hash32& lo = swap ? b : a;
    const Hash32& hi = swap ? a : b;
    std::copy(lo.bytes.begin(), lo.bytes.end(), buf);
    std::copy(hi.bytes.begin(), hi.bytes.end(), buf + 32);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Result<Hash32> standard_leaf_hash(std::span<const std::string> types, std::span<const std::string> values) {
    LUXL2_TRY(enc, codec::abi::encode(types, values));
    const Hash32 inner = crypto::keccak256(enc);
    return crypto::keccak256(inner.view());
}

Result<Tree> build(std::span<const Hash32> leaf_hashes, bool sort_leaves) {
    const std::size_t n = leaf_hashes.size();
    if (n == 0) return fail(errc::empty_tree, "a tree needs at least one leaf");
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    if (sort_leaves)
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return leaf_hashes[a] < leaf_hashes[b]; });
    Tree t;
    t.nodes.resize(2 * n - 1);
    t.tree_index.resize(n);
    for (std::size_t pos = 0; pos < n; ++pos) {
        const std::size_t at = t.nodes.size() - 1 - pos;
        t.nodes[at] = leaf_hashes[order[pos]];
        t.tree_index[order[pos]] = at;
    }
    for (std::size_t i = n - 1; i-- > 0;) t.nodes[i] = hash_pair(t.nodes[2 * i + 1], t.nodes[2 * i + 2]);
    return t;
}

Result<Tree> from_dump(std::vector<Hash32> nodes, std::vector<std::size_t> tree_index,
                       std::span<const Hash32> leaf_hashes) {
    const std::size_t m = nodes.size();
    if (m == 0 || m % 2 == 0) return fail(errc::invalid_dump, "a tree has an odd, non-zero node count");
    if (tree_index.size() != (m + 1) / 2 || leaf_hashes.size() != tree_index.size())
        return fail(errc::invalid_dump, "value count does not match the tree");
    for (std::size_t i = 0; 2 * i + 2 < m; ++i)
        if (nodes[i] != hash_pair(nodes[2 * i + 1], nodes[2 * i + 2]))
            return fail(errc::invalid_dump, "node " + std::to_string(i) + " is not the hash of its children");
    std::vector<bool> seen(m, false);
    for (std::size_t v = 0; v < tree_index.size(); ++v) {
        const std::size_t i = tree_index[v];
        if (!is_leaf_node(m, i) || seen[i])
            return fail(errc::invalid_dump, "value " + std::to_string(v) + " has a bad tree index");
        seen[i] = true;
        if (nodes[i] != leaf_hashes[v])
            return fail(errc::invalid_dump, "value " + std::to_string(v) + " does not match its leaf");
    }
    return Tree{std::move(nodes), std::move(tree_index)};
}

Result<std::vector<Hash32>> get_proof(const Tree& tree, std::size_t value_index) {
    if (value_index >= tree.size()) return fail(errc::index_out_of_range, "value index out of range");
    std::vector<Hash32> proof;
    for (std::size_t i = tree.tree_index[value_index]; i > 0; i = parent(i)) proof.push_back(tree.nodes[sibling(i)]);
    return proof;
}

Hash32 process_proof(const Hash32& leaf, std::span<const Hash32> proof) noexcept {
    Hash32 h = leaf;
    for (const auto& p : proof) h = hash_pair(h, p);
    return h;
}

bool verify_proof(const Hash32& root, const Hash32& leaf, std::span<const Hash32> proof) noexcept {
    return process_proof(leaf, proof) == root;
}

Result<MultiProof> get_multiproof(const Tree& tree, std::span<const std::size_t> value_indices) {
    std::vector<std::pair<std::size_t, std::size_t>> idx;  // (tree index, value index)
    for (std::size_t v : value_indices) {
        if (v >= tree.size()) return fail(errc::index_out_of_range, "value index out of range");
        idx.emplace_back(tree.tree_index[v], v);
    }
    std::sort(idx.begin(), idx.end(), std::greater<>());
    for (std::size_t i = 1; i < idx.size(); ++i)
        if (idx[i].first == idx[i - 1].first) return fail(errc::duplicate_index, "cannot prove a duplicated index");
    MultiProof mp;
    for (const auto& [t, v] : idx) {
        mp.value_indices.push_back(v);
        mp.leaves.push_back(tree.nodes[t]);
    }
    // A FIFO of tree indices, deepest (largest) first: OpenZeppelin's construction.
    std::vector<std::size_t> queue;
    for (const auto& e : idx) queue.push_back(e.first);
    std::size_t head = 0;
    while (head < queue.size() && queue[head] > 0) {
        const std::size_t j = queue[head++];
        const std::size_t s = sibling(j);
        if (head < queue.size() && queue[head] == s) {
            mp.flags.push_back(true);
            ++head;
        } else {
            mp.flags.push_back(false);
            mp.proof.push_back(tree.nodes[s]);
        }
        queue.push_back(parent(j));
    }
    if (idx.empty()) mp.proof.push_back(tree.root());
    return mp;
}

Result<Hash32> process_multiproof(std::span<const Hash32> leaves, std::span<const Hash32> proof,
                                  const std::vector<bool>& flags) {
    if (leaves.size() + proof.size() != flags.size() + 1)
        return fail(errc::invalid_multiproof, "leaves + proof must equal flags + 1");
    std::vector<Hash32> hashes(flags.size());
    std::size_t leaf_pos = 0, hash_pos = 0, proof_pos = 0;
    auto next_known = [&](Hash32& out) {
        if (leaf_pos < leaves.size()) return out = leaves[leaf_pos++], true;
        return false;
    };
    for (std::size_t i = 0; i < flags.size(); ++i) {
        Hash32 a, b;
        if (!next_known(a)) {
            if (hash_pos >= i) return fail(errc::invalid_multiproof, "a flag reads a hash not yet computed");
            a = hashes[hash_pos++];
        }
        if (flags[i]) {
            if (!next_known(b)) {
                if (hash_pos >= i) return fail(errc::invalid_multiproof, "a flag reads a hash not yet computed");
                b = hashes[hash_pos++];
            }
        } else {
            if (proof_pos >= proof.size()) return fail(errc::invalid_multiproof, "the proof ran out of hashes");
            b = proof[proof_pos++];
        }
        hashes[i] = hash_pair(a, b);
    }
    if (!flags.empty()) {
        if (proof_pos != proof.size()) return fail(errc::invalid_multiproof, "unused proof hashes");
        return hashes.back();
    }
    if (!leaves.empty()) return leaves[0];
    return proof[0];
}

bool verify_multiproof(const Hash32& root, std::span<const Hash32> leaves, std::span<const Hash32> proof,
                       const std::vector<bool>& flags) {
    auto r = process_multiproof(leaves, proof, flags);
    return r && *r == root;
}

}  // namespace luxl2::merkle::oz
