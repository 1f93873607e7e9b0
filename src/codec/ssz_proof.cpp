// Single-node Merkle proofs by generalized index (consensus-specs ssz/merkle-proofs.md).
#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>

#include "luxl2/codec/ssz.hpp"

namespace luxl2::ssz {
namespace {

// The Merkle tree under one composite node: its leaves (children's roots or packed chunks) padded
// virtually to 2^depth, and for lists, bitlists and unions the mixed-in length or selector chunk.
struct Tree {
    std::vector<Hash32> leaves;
    unsigned depth = 0;
    std::optional<Hash32> mix;
    bool children = false;  // leaves are roots of child values one can descend into
};

std::vector<Hash32> pack(ByteView b) {
    std::vector<Hash32> out((b.size() + 31) / 32);
    if (!b.empty()) std::memcpy(out.data()->data(), b.data(), b.size());
    return out;
}

Hash32 length_chunk(std::uint64_t n) {
    Hash32 c;
    store_le64(c.data(), n);
    return c;
}

View child(const View& v, std::uint64_t i) {
    switch (v.type().kind) {
        case Kind::container: return v.field(static_cast<std::size_t>(i));
        case Kind::union_: return v.value();
        default: return v.at(i);
    }
}

Tree tree_of(const View& v) {
    const Type& t = v.type();
    Tree tr;
    switch (t.kind) {
        case Kind::bitvector:
        case Kind::bitlist: {
            const std::uint64_t len = v.count();
            Bytes bits((len + 7) / 8);
            std::memcpy(bits.data(), v.bytes().data(), bits.size());
            if (t.kind == Kind::bitlist) {
                if (len % 8 != 0) bits.back() = static_cast<std::uint8_t>(bits.back() & ~(1u << (len % 8)));
                tr.mix = length_chunk(len);
            }
            tr.leaves = pack(bits);
            tr.depth = depth_for(t.chunks);
            break;
        }
        case Kind::vector:
        case Kind::list: {
            if (t.elem->basic()) {
                tr.leaves = pack(v.bytes());
            } else {
                const std::uint64_t n = v.count();
                tr.leaves.reserve(n);
                for (std::uint64_t i = 0; i < n; ++i) tr.leaves.push_back(hash_tree_root(v.at(i)));
                tr.children = true;
            }
            tr.depth = depth_for(t.chunks);
            if (t.kind == Kind::list) tr.mix = length_chunk(v.count());
            break;
        }
        case Kind::container:
            for (std::size_t i = 0; i < t.fields.size(); ++i) tr.leaves.push_back(hash_tree_root(v.field(i)));
            tr.depth = depth_for(t.fields.size());
            tr.children = true;
            break;
        case Kind::union_: {
            Hash32 sel;
            sel[0] = v.selector();
            tr.mix = sel;
            if (t.options[v.selector()]) {
                tr.leaves.push_back(hash_tree_root(v.value()));
                tr.children = true;
            } else {
                tr.leaves.push_back(Hash32{});
            }
            break;
        }
        default: break;
    }
    return tr;
}

// All layers of a padded tree, bottom first; a node past a layer's end is the zero subtree.
std::vector<std::vector<Hash32>> layers_of(const Tree& tr) {
    std::vector<std::vector<Hash32>> layers{tr.leaves};
    for (unsigned level = 0; level < tr.depth; ++level) {
        const auto& cur = layers.back();
        std::vector<Hash32> up((cur.size() + 1) / 2);
        for (std::size_t i = 0; i < up.size(); ++i)
            up[i] = hash_pair(cur[2 * i], 2 * i + 1 < cur.size() ? cur[2 * i + 1] : zero_hash(level));
        layers.push_back(std::move(up));
    }
    return layers;
}

Hash32 node_of(const std::vector<std::vector<Hash32>>& layers, unsigned level, std::uint64_t i) {
    const auto& l = layers[level];
    return i < l.size() ? l[i] : zero_hash(level);
}

// Walks `bits` (the generalized index below its leading 1, most significant first) from `v`,
// appending the siblings top-down and setting `node`.
Result<void> descend(const View& v, const std::vector<int>& bits, std::size_t pos, std::vector<Hash32>& sib,
                     Hash32& node) {
    if (pos == bits.size()) {
        node = hash_tree_root(v);
        return {};
    }
    if (v.type().basic()) return fail(errc::proof, "generalized index goes below a basic value");
    const Tree tr = tree_of(v);
    const auto layers = layers_of(tr);
    const Hash32 data_root = node_of(layers, tr.depth, 0);
    if (tr.mix) {
        const int b = bits[pos++];
        sib.push_back(b ? data_root : *tr.mix);
        if (b) {
            node = *tr.mix;
            if (pos != bits.size()) return fail(errc::proof, "generalized index goes below a length or selector");
            return {};
        }
        if (pos == bits.size()) {
            node = data_root;
            return {};
        }
    }
    std::uint64_t i = 0;
    for (unsigned d = 1; d <= tr.depth; ++d) {
        i = 2 * i + static_cast<std::uint64_t>(bits[pos++]);
        sib.push_back(node_of(layers, tr.depth - d, i ^ 1));
        if (pos == bits.size()) {
            node = node_of(layers, tr.depth - d, i);
            return {};
        }
    }
    if (!tr.children || i >= tr.leaves.size())
        return fail(errc::proof, "generalized index goes below a chunk or padding");
    return descend(child(v, i), bits, pos, sib, node);
}

Result<std::pair<std::vector<Hash32>, Hash32>> prove(const View& v, std::uint64_t gindex) {
    if (gindex == 0) return fail(errc::proof, "generalized index 0");
    std::vector<int> bits;
    for (int k = static_cast<int>(std::bit_width(gindex)) - 2; k >= 0; --k)
        bits.push_back(static_cast<int>((gindex >> k) & 1));
    std::vector<Hash32> sib;
    Hash32 node;
    LUXL2_CHECK(descend(v, bits, 0, sib, node));
    std::reverse(sib.begin(), sib.end());
    return std::pair{std::move(sib), node};
}

}  // namespace

Result<std::vector<Hash32>> merkle_branch(const View& v, std::uint64_t gindex) {
    LUXL2_TRY(p, prove(v, gindex));
    return std::move(p.first);
}

Result<Hash32> node_at(const View& v, std::uint64_t gindex) {
    LUXL2_TRY(p, prove(v, gindex));
    return p.second;
}

bool verify_merkle_branch(const Hash32& leaf, std::span<const Hash32> branch, std::uint64_t gindex,
                          const Hash32& root) noexcept {
    if (gindex == 0 || static_cast<std::size_t>(std::bit_width(gindex)) != branch.size() + 1) return false;
    Hash32 node = leaf;
    for (std::size_t j = 0; j < branch.size(); ++j)
        node = ((gindex >> j) & 1) ? hash_pair(branch[j], node) : hash_pair(node, branch[j]);
    return node == root;
}

}  // namespace luxl2::ssz
