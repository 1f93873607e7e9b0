#include "luxl2/merkle/proof.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <utility>

#include "luxl2/core/endian.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::merkle {
namespace {

struct Known {
    std::uint64_t pos;
    Hash32 hash;
};

std::vector<Hash32> hash_all(std::span<const Bytes> leaves) {
    std::vector<Hash32> out;
    out.reserve(leaves.size());
    for (const auto& l : leaves) out.push_back(leaf_hash(l));
    return out;
}

// Indices sorted, checked unique and in range.
Result<std::vector<std::uint64_t>> sorted_indices(std::span<const std::uint64_t> indices, std::uint64_t n) {
    if (indices.empty()) return fail(errc::no_indices, "no leaf index to prove");
    std::vector<std::uint64_t> out(indices.begin(), indices.end());
    std::sort(out.begin(), out.end());
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] >= n)
            return fail(errc::index_out_of_range,
                        "index " + std::to_string(out[i]) + " >= leaf count " + std::to_string(n));
        if (i > 0 && out[i] == out[i - 1])
            return fail(errc::duplicate_index, "index " + std::to_string(out[i]) + " repeated");
    }
    return out;
}

Result<void> check_indices(const MultiProof& p) {
    if (p.leaf_count == 0) return fail(errc::empty_tree, "a proof over an empty tree");
    if (p.indices.empty()) return fail(errc::no_indices, "a proof without leaf indices");
    for (std::size_t i = 0; i < p.indices.size(); ++i) {
        if (p.indices[i] >= p.leaf_count)
            return fail(errc::index_out_of_range,
                        "index " + std::to_string(p.indices[i]) + " >= leaf count " + std::to_string(p.leaf_count));
        if (i > 0 && p.indices[i] == p.indices[i - 1])
            return fail(errc::duplicate_index, "index " + std::to_string(p.indices[i]) + " repeated");
        if (i > 0 && p.indices[i] < p.indices[i - 1]) return fail(errc::unsorted_indices, "indices must ascend");
    }
    return {};
}

// Upper bound on the hashes a proof of k leaves in a tree of n leaves can need: one per level per leaf.
std::uint64_t max_hashes_for(std::uint64_t n, std::uint64_t k) {
    const auto depth = static_cast<std::uint64_t>(std::bit_width(n - 1));
    return k * depth;
}

}  // namespace

Result<MultiProof> generate_multiproof(std::span<const Hash32> leaf_hashes, std::span<const std::uint64_t> indices) {
    if (leaf_hashes.empty()) return fail(errc::empty_tree, "cannot prove a leaf of an empty tree");
    LUXL2_TRY(known, sorted_indices(indices, leaf_hashes.size()));
    MultiProof proof;
    proof.leaf_count = leaf_hashes.size();
    proof.indices = known;

    std::vector<Hash32> level(leaf_hashes.begin(), leaf_hashes.end());
    std::vector<std::uint64_t> next;
    while (level.size() > 1) {
        const std::uint64_t m = level.size();
        next.clear();
        for (std::size_t j = 0; j < known.size(); ++j) {
            const std::uint64_t i = known[j];
            if (i == m - 1 && m % 2 == 1) {  // promoted unchanged
            } else if (i % 2 == 0 && j + 1 < known.size() && known[j + 1] == i + 1) {
                ++j;  // both children known: the parent needs no proof hash
            } else {
                proof.hashes.push_back(level[i ^ 1]);
            }
            next.push_back(i / 2);
        }
        known.swap(next);
        std::size_t out = 0;
        for (std::size_t i = 0; i + 1 < level.size(); i += 2) level[out++] = node_hash(level[i], level[i + 1]);
        if (level.size() % 2 == 1) level[out++] = level.back();
        level.resize(out);
    }
    return proof;
}

Result<Hash32> multiproof_root(const MultiProof& proof, std::span<const Hash32> leaf_hashes) {
    LUXL2_CHECK(check_indices(proof));
    if (leaf_hashes.size() != proof.indices.size())
        return fail(errc::leaf_count_mismatch, std::to_string(leaf_hashes.size()) + " leaves for " +
                                                   std::to_string(proof.indices.size()) + " indices");
    std::vector<Known> known;
    known.reserve(leaf_hashes.size());
    for (std::size_t i = 0; i < leaf_hashes.size(); ++i) known.push_back({proof.indices[i], leaf_hashes[i]});

    std::size_t used = 0;
    std::uint64_t m = proof.leaf_count;
    while (m > 1) {
        std::size_t out = 0;
        for (std::size_t j = 0; j < known.size(); ++j) {
            const std::uint64_t i = known[j].pos;
            Hash32 h;
            if (i == m - 1 && m % 2 == 1) {
                h = known[j].hash;
            } else if (i % 2 == 0 && j + 1 < known.size() && known[j + 1].pos == i + 1) {
                h = node_hash(known[j].hash, known[j + 1].hash);
                ++j;
            } else {
                if (used == proof.hashes.size()) return fail(errc::missing_hashes, "the proof ran out of hashes");
                const Hash32& sib = proof.hashes[used++];
                h = (i % 2 == 0) ? node_hash(known[j].hash, sib) : node_hash(sib, known[j].hash);
            }
            known[out++] = {i / 2, h};
        }
        known.resize(out);
        m = (m + 1) / 2;
    }
    if (used != proof.hashes.size())
        return fail(errc::surplus_hashes, std::to_string(proof.hashes.size() - used) + " unused proof hashes");
    return known[0].hash;
}

bool verify_multiproof(const Hash32& root, const MultiProof& proof, std::span<const Hash32> leaf_hashes) {
    auto r = multiproof_root(proof, leaf_hashes);
    return r && *r == root;
}

Result<MultiProof> generate_multiproof(std::span<const Bytes> leaves, std::span<const std::uint64_t> indices) {
    const auto hashes = hash_all(leaves);
    return generate_multiproof(std::span<const Hash32>(hashes), indices);
}

bool verify_multiproof(const Hash32& root, const MultiProof& proof, std::span<const Bytes> leaves) {
    const auto hashes = hash_all(leaves);
    return verify_multiproof(root, proof, std::span<const Hash32>(hashes));
}

Result<MultiProof> generate_proof(std::span<const Hash32> leaf_hashes, std::uint64_t index) {
    return generate_multiproof(leaf_hashes, std::span<const std::uint64_t>(&index, 1));
}

bool verify_proof(const Hash32& root, const MultiProof& proof, const Hash32& leaf_hash) {
    return proof.indices.size() == 1 && verify_multiproof(root, proof, std::span<const Hash32>(&leaf_hash, 1));
}

// ---- binary encoding ----

namespace {
constexpr std::uint8_t kVersion = 0x01;
}

std::size_t encoded_size(const MultiProof& proof) {
    Bytes tmp;
    encode(tmp, proof);
    return tmp.size();
}

void encode(Bytes& out, const MultiProof& proof) {
    LUXL2_ASSERT(check_indices(proof).has_value());
    out.push_back(kVersion);
    put_varint(out, proof.leaf_count);
    put_varint(out, proof.indices.size());
    std::uint64_t prev = 0;
    for (std::size_t i = 0; i < proof.indices.size(); ++i) {
        // Gaps between ascending indices: the first index as is, then (index - previous - 1).
        put_varint(out, i == 0 ? proof.indices[0] : proof.indices[i] - prev - 1);
        prev = proof.indices[i];
    }
    put_varint(out, proof.hashes.size());
    for (const auto& h : proof.hashes) append(out, h.view());
}

Bytes encode(const MultiProof& proof) {
    Bytes out;
    encode(out, proof);
    return out;
}

Result<MultiProof> decode(ByteView& in, const ProofLimits& limits) {
    if (in.empty()) return fail(errc::malformed, "empty proof");
    if (in[0] != kVersion) return fail(errc::bad_version, "unknown proof version " + std::to_string(in[0]));
    in = in.subspan(1);
    MultiProof p;
    LUXL2_TRY(n, get_varint(in));
    if (n == 0) return fail(errc::empty_tree, "leaf count 0");
    if (n > limits.max_leaf_count) return fail(errc::too_large, "leaf count " + std::to_string(n) + " over the limit");
    p.leaf_count = n;
    LUXL2_TRY(k, get_varint(in));
    if (k == 0) return fail(errc::no_indices, "no indices");
    if (k > limits.max_indices || k > n)
        return fail(errc::too_large, "index count " + std::to_string(k) + " over the limit");
    if (k > in.size()) return fail(errc::malformed, "truncated indices");  // each takes at least one byte
    p.indices.reserve(k);
    std::uint64_t next_min = 0;
    for (std::uint64_t i = 0; i < k; ++i) {
        LUXL2_TRY(gap, get_varint(in));
        if (gap >= n || next_min > n - 1 - gap)
            return fail(errc::index_out_of_range, "index beyond leaf count " + std::to_string(n));
        const std::uint64_t idx = next_min + gap;
        p.indices.push_back(idx);
        next_min = idx + 1;
    }
    LUXL2_TRY(h, get_varint(in));
    if (h > limits.max_hashes || h > max_hashes_for(n, k))
        return fail(errc::too_large, std::to_string(h) + " hashes is more than the tree can need");
    if (h * 32 > in.size()) return fail(errc::malformed, "truncated hashes");
    p.hashes.resize(h);
    for (auto& x : p.hashes) {
        std::copy_n(in.begin(), 32, x.bytes.begin());
        in = in.subspan(32);
    }
    return p;
}

Result<MultiProof> decode_multiproof(ByteView in, const ProofLimits& limits) {
    LUXL2_TRY(p, decode(in, limits));
    if (!in.empty()) return fail(errc::trailing_bytes, std::to_string(in.size()) + " bytes after the proof");
    return p;
}

}  // namespace luxl2::merkle
