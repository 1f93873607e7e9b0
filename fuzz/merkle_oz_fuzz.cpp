// OpenZeppelin-format proofs (merkle/oz.hpp), the ones L1 contracts check. The first byte picks:
//   even: the rest is read as a multiproof (leaf count, proof count, flags, then hashes); running
//         processMultiProof and processProof on it never crashes, and a multiproof accepted against the
//         fixed tree's root with its own leaves is one that tree's leaves can fold to.
//   odd:  the rest picks a tree size and value indices; the generated single proofs and the multiproof
//         verify, a flipped flag or a changed proof hash does not, and the tree rebuilds from its dump.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/oz.hpp"

using namespace luxl2;
using namespace luxl2::merkle;

namespace {

Hash32 leaf(std::size_t i) {
    const std::uint8_t d[3] = {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), 0x0a};
    return crypto::keccak256(ByteView(d, 3));
}

std::vector<Hash32> leaves_of(std::size_t n) {
    std::vector<Hash32> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(leaf(i));
    return out;
}

Hash32 take_hash(ByteView& in) {
    Hash32 h;
    const std::size_t n = std::min<std::size_t>(32, in.size());
    std::copy_n(in.begin(), n, h.bytes.begin());
    in = in.subspan(n);
    return h;
}

void raw_mode(ByteView in) {
    static const auto tree = *oz::build(leaves_of(23));
    if (in.size() < 3) return;
    const std::size_t nl = in[0] % 9, np = in[1] % 9, nf = in[2] % 20;
    in = in.subspan(3);
    std::vector<bool> flags;
    for (std::size_t i = 0; i < nf; ++i) flags.push_back(i < in.size() * 8 && ((in[i / 8] >> (i % 8)) & 1) != 0);
    in = in.subspan(std::min(in.size(), (nf + 7) / 8));
    std::vector<Hash32> leaves, proof;
    // Leaves come from the fixed tree when the byte says so, so accepted proofs are possible.
    for (std::size_t i = 0; i < nl; ++i) {
        if (!in.empty() && in[0] < 0x80) {
            leaves.push_back(tree.nodes[tree.tree_index[in[0] % tree.size()]]);
            in = in.subspan(1);
        } else {
            leaves.push_back(take_hash(in));
        }
    }
    for (std::size_t i = 0; i < np; ++i) {
        if (!in.empty() && in[0] < 0x80) {
            proof.push_back(tree.nodes[in[0] % tree.nodes.size()]);
            in = in.subspan(1);
        } else {
            proof.push_back(take_hash(in));
        }
    }
    auto root = oz::process_multiproof(leaves, proof, flags);
    if (root) LUXL2_ASSERT(leaves.size() + proof.size() == flags.size() + 1);
    if (!leaves.empty()) {
        (void)oz::process_proof(leaves[0], proof);
        (void)oz::verify_proof(tree.root(), leaves[0], proof);
    }
}

void build_mode(ByteView in) {
    if (in.size() < 3) return;
    const std::size_t n = 1 + (std::size_t{in[0]} | std::size_t{in[1]} << 8) % 300;
    const auto leaves = leaves_of(n);
    auto tree = oz::build(leaves, (in[2] & 1) != 0);
    LUXL2_ASSERT(tree.has_value());
    std::vector<std::size_t> idx;
    for (std::size_t i = 3; i < in.size() && idx.size() < 32; ++i) idx.push_back((in[i] * 7919u + i) % n);
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    for (std::size_t i : idx) {
        auto p = oz::get_proof(*tree, i);
        LUXL2_ASSERT(p.has_value() && oz::verify_proof(tree->root(), leaves[i], *p));
    }
    auto mp = oz::get_multiproof(*tree, idx);
    LUXL2_ASSERT(mp.has_value());
    LUXL2_ASSERT(oz::verify_multiproof(tree->root(), mp->leaves, mp->proof, mp->flags));
    if (!mp->flags.empty()) {
        auto flags = mp->flags;
        const std::size_t f = in[2] % flags.size();
        flags[f] = !flags[f];
        LUXL2_ASSERT(!oz::verify_multiproof(tree->root(), mp->leaves, mp->proof, flags));
    }
    if (!mp->proof.empty() && !idx.empty()) {
        auto proof = mp->proof;
        proof[in[1] % proof.size()][in[0] % 32] ^= 1;
        LUXL2_ASSERT(!oz::verify_multiproof(tree->root(), mp->leaves, proof, mp->flags));
    }
    auto rebuilt = oz::from_dump(tree->nodes, tree->tree_index, leaves);
    LUXL2_ASSERT(rebuilt.has_value() && rebuilt->root() == tree->root());
    if (tree->nodes.size() > 1) {
        auto nodes = tree->nodes;
        nodes[in[0] % nodes.size()][0] ^= 1;
        LUXL2_ASSERT(!oz::from_dump(nodes, tree->tree_index, leaves));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ByteView in(data + 1, size - 1);
    if (data[0] % 2 == 0)
        raw_mode(in);
    else
        build_mode(in);
    return 0;
}
