// Positional multiproofs: every subset of indices of small trees proves and verifies; a flipped bit
// anywhere fails; malformed proofs are rejected with the documented codes.
#include <gtest/gtest.h>

#include <random>

#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::merkle {
namespace {

std::vector<Hash32> make_leaves(std::size_t n, std::uint32_t seed = 1) {
    std::vector<Hash32> out;
    for (std::size_t i = 0; i < n; ++i) {
        Bytes data = {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(seed)};
        out.push_back(leaf_hash(data));
    }
    return out;
}

std::vector<Hash32> pick(const std::vector<Hash32>& leaves, const std::vector<std::uint64_t>& idx) {
    std::vector<Hash32> out;
    for (auto i : idx) out.push_back(leaves[i]);
    return out;
}

// Expected sibling count of a single proof, computed independently from the RFC 6962 recursion.
std::size_t audit_path_len(std::uint64_t index, std::uint64_t n) {
    if (n <= 1) return 0;
    std::uint64_t k = 1;
    while (k * 2 < n) k *= 2;  // largest power of two < n
    return 1 + (index < k ? audit_path_len(index, k) : audit_path_len(index - k, n - k));
}

TEST(MerkleProof, EverySubsetOfSmallTreesVerifies) {
    for (std::uint64_t n = 1; n <= 11; ++n) {
        const auto leaves = make_leaves(n);
        const Hash32 r = root_of_leaf_hashes(leaves);
        for (std::uint64_t mask = 1; mask < (std::uint64_t{1} << n); ++mask) {
            std::vector<std::uint64_t> idx;
            for (std::uint64_t i = 0; i < n; ++i)
                if (mask >> i & 1) idx.push_back(i);
            auto p = generate_multiproof(leaves, idx);
            ASSERT_TRUE(p) << p.error().to_string();
            EXPECT_EQ(p->indices, idx);
            ASSERT_TRUE(verify_multiproof(r, *p, pick(leaves, idx))) << "n=" << n << " mask=" << mask;
            // Minimal: proving every leaf needs no hash at all.
            if (idx.size() == n) {
                EXPECT_TRUE(p->hashes.empty());
            }
            // Round trip through the binary form.
            auto d = decode_multiproof(encode(*p));
            ASSERT_TRUE(d) << d.error().to_string();
            EXPECT_EQ(*d, *p);
        }
    }
}

TEST(MerkleProof, SingleProofsMatchRfc6962AuditPathLength) {
    for (std::uint64_t n = 1; n <= 70; ++n) {
        const auto leaves = make_leaves(n, 7);
        const Hash32 r = root_of_leaf_hashes(leaves);
        for (std::uint64_t i = 0; i < n; ++i) {
            auto p = generate_proof(leaves, i);
            ASSERT_TRUE(p);
            EXPECT_EQ(p->hashes.size(), audit_path_len(i, n)) << n << " " << i;
            EXPECT_TRUE(verify_proof(r, *p, leaves[i]));
            if (n > 1) {
                EXPECT_FALSE(verify_proof(r, *p, leaves[(i + 1) % n]));
            }
        }
    }
}

TEST(MerkleProof, RandomSubsetsOfLargerTreesAndFlippedBits) {
    std::mt19937_64 rng(42);
    for (int round = 0; round < 200; ++round) {
        const std::uint64_t n = 1 + rng() % 300;
        const auto leaves = make_leaves(n, static_cast<std::uint32_t>(round));
        const Hash32 r = root_of_leaf_hashes(leaves);
        std::vector<std::uint64_t> idx;
        for (std::uint64_t i = 0; i < n; ++i)
            if (rng() % 5 == 0) idx.push_back(i);
        if (idx.empty()) idx.push_back(rng() % n);
        auto p = generate_multiproof(leaves, idx);
        ASSERT_TRUE(p);
        const auto chosen = pick(leaves, idx);
        ASSERT_TRUE(verify_multiproof(r, *p, chosen));
        // Flip one bit of the encoding: it must not verify (decode may also reject it).
        const Bytes enc = encode(*p);
        for (int k = 0; k < 20; ++k) {
            Bytes bad = enc;
            const std::size_t bit = rng() % (bad.size() * 8);
            bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
            auto d = decode_multiproof(bad);
            // The root does not commit to the leaf count (as in RFC 6962): verifiers take it from a
            // trusted source, so a proof re-read with another count is out of scope here.
            if (!d || d->leaf_count != n) continue;
            const auto ls =
                d->indices.size() == idx.size() ? chosen : std::vector<Hash32>(d->indices.size(), chosen[0]);
            EXPECT_FALSE(verify_multiproof(r, *d, ls)) << "bit " << bit;
        }
        // Flip one bit of a leaf or of the root.
        auto bad_leaves = chosen;
        bad_leaves[rng() % bad_leaves.size()][rng() % 32] ^= 0x10;
        EXPECT_FALSE(verify_multiproof(r, *p, bad_leaves));
        Hash32 bad_root = r;
        bad_root[rng() % 32] ^= 0x01;
        EXPECT_FALSE(verify_multiproof(bad_root, *p, chosen));
    }
}

TEST(MerkleProof, RejectsMalformedProofs) {
    const auto leaves = make_leaves(10);
    const Hash32 r = root_of_leaf_hashes(leaves);
    std::vector<std::uint64_t> idx = {3, 5, 9};
    auto p = generate_multiproof(leaves, idx);
    ASSERT_TRUE(p);
    const auto chosen = pick(leaves, idx);
    ASSERT_TRUE(verify_multiproof(r, *p, chosen));

    auto code_of = [&](const MultiProof& q, const std::vector<Hash32>& ls) {
        auto x = multiproof_root(q, ls);
        return x ? std::string_view("ok") : x.error().code;
    };
    MultiProof q = *p;
    q.hashes.push_back(leaves[0]);
    EXPECT_EQ(code_of(q, chosen), errc::surplus_hashes);
    q = *p;
    q.hashes.pop_back();
    EXPECT_EQ(code_of(q, chosen), errc::missing_hashes);
    q = *p;
    q.indices = {3, 3, 9};
    EXPECT_EQ(code_of(q, chosen), errc::duplicate_index);
    q.indices = {5, 3, 9};
    EXPECT_EQ(code_of(q, chosen), errc::unsorted_indices);
    q.indices = {3, 5, 10};
    EXPECT_EQ(code_of(q, chosen), errc::index_out_of_range);
    q = *p;
    EXPECT_EQ(code_of(q, {chosen[0], chosen[1]}), errc::leaf_count_mismatch);
    q.leaf_count = 0;
    EXPECT_EQ(code_of(q, chosen), errc::empty_tree);
    // The same hashes under a different leaf count or index set do not verify.
    q = *p;
    q.leaf_count = 11;
    EXPECT_FALSE(verify_multiproof(r, q, chosen));
    q = *p;
    q.indices = {2, 5, 9};
    EXPECT_FALSE(verify_multiproof(r, q, chosen));

    const std::vector<std::uint64_t> dup = {1, 1}, out = {10}, none = {};
    EXPECT_EQ(generate_multiproof(leaves, dup).error().code, errc::duplicate_index);
    EXPECT_EQ(generate_multiproof(leaves, out).error().code, errc::index_out_of_range);
    EXPECT_EQ(generate_multiproof(leaves, none).error().code, errc::no_indices);
    EXPECT_EQ(generate_multiproof(std::span<const Hash32>(), out).error().code, errc::empty_tree);
}

TEST(MerkleProof, DecoderRejectsNonCanonicalAndOversizedInput) {
    const auto leaves = make_leaves(10);
    std::vector<std::uint64_t> idx = {0, 9};
    const Bytes enc = encode(*generate_multiproof(leaves, idx));
    EXPECT_TRUE(decode_multiproof(enc));
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_EQ(decode_multiproof(trailing).error().code, errc::trailing_bytes);
    EXPECT_FALSE(decode_multiproof(ByteView(enc.data(), enc.size() - 1)));
    Bytes v2 = enc;
    v2[0] = 2;
    EXPECT_EQ(decode_multiproof(v2).error().code, errc::bad_version);
    EXPECT_FALSE(decode_multiproof({}));
    // version 1, leaf count 2^40+1 (over the default limit).
    Bytes huge = {0x01, 0x81, 0x80, 0x80, 0x80, 0x80, 0x20, 0x01, 0x00, 0x00};
    EXPECT_EQ(decode_multiproof(huge).error().code, errc::too_large);
    // Index 10 in a tree of 10 leaves.
    Bytes oob = {0x01, 0x0a, 0x01, 0x0a, 0x00};
    EXPECT_EQ(decode_multiproof(oob).error().code, errc::index_out_of_range);
    // Claims 1000 hashes for a 10-leaf tree.
    Bytes many = {0x01, 0x0a, 0x01, 0x00, 0xe8, 0x07};
    EXPECT_EQ(decode_multiproof(many).error().code, errc::too_large);
}

}  // namespace
}  // namespace luxl2::merkle
