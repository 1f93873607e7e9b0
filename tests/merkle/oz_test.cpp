// OpenZeppelin compatibility: every proof and multiproof of the generated vectors (made with
// @openzeppelin/merkle-tree 1.0.8) and the upstream v1.0.6 dumps.
#include <gtest/gtest.h>

#include "luxl2/codec/abi.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/merkle/oz.hpp"
#include "testing.hpp"

namespace luxl2::merkle::oz {
namespace {

using nlohmann::json;

Hash32 h32(const json& j) {
    auto r = from_hex_fixed<32>(j.get<std::string>());
    EXPECT_TRUE(r) << j;
    return r ? *r : Hash32{};
}

std::vector<Hash32> hashes(const json& arr) {
    std::vector<Hash32> out;
    for (const auto& x : arr) out.push_back(h32(x));
    return out;
}

std::vector<std::string> strings(const json& arr) {
    std::vector<std::string> out;
    for (const auto& x : arr) out.push_back(x.is_string() ? x.get<std::string>() : x.dump());
    return out;
}

// The leaf hash of a value: standard trees ABI-encode and double-hash, simple trees use it as is.
Hash32 leaf_of(const json& value, const std::vector<std::string>& encoding) {
    if (encoding.empty()) return h32(value);
    auto r = standard_leaf_hash(encoding, strings(value));
    EXPECT_TRUE(r) << r.error().to_string();
    return r ? *r : Hash32{};
}

struct Counts {
    int proofs = 0, multiproofs = 0, trees = 0;
};

void check_tree(const json& t, const std::vector<std::string>& encoding, Counts& c) {
    const Hash32 root = h32(t["root"]);
    const auto& dump = t["dump"];
    std::vector<Hash32> leaf_hashes;
    std::vector<std::size_t> tree_index;
    for (const auto& v : dump["values"]) {
        leaf_hashes.push_back(leaf_of(v["value"], encoding));
        tree_index.push_back(v["treeIndex"].get<std::size_t>());
    }
    auto built = build(leaf_hashes, t["sortLeaves"].get<bool>());
    ASSERT_TRUE(built);
    EXPECT_EQ(built->root(), root);
    EXPECT_EQ(built->nodes, hashes(dump["tree"]));
    EXPECT_EQ(built->tree_index, tree_index);
    auto loaded = from_dump(hashes(dump["tree"]), tree_index, leaf_hashes);
    ASSERT_TRUE(loaded) << loaded.error().to_string();
    ++c.trees;

    for (const auto& p : t["proofs"]) {
        const auto i = p["index"].get<std::size_t>();
        const Hash32 leaf = leaf_of(p["value"], encoding);
        if (p.contains("leafHash")) {
            EXPECT_EQ(leaf, h32(p["leafHash"]));
        }
        const auto proof = hashes(p["proof"]);
        EXPECT_TRUE(verify_proof(root, leaf, proof)) << "n=" << t["n"] << " i=" << i;
        auto ours = get_proof(*built, i);
        ASSERT_TRUE(ours);
        EXPECT_EQ(*ours, proof);
        if (!proof.empty()) {
            auto bad = proof;
            bad[0][5] ^= 0x04;
            EXPECT_FALSE(verify_proof(root, leaf, bad));
        }
        ++c.proofs;
    }
    for (const auto& m : t["multiproofs"]) {
        std::vector<Hash32> leaves;
        for (const auto& v : m["leaves"]) leaves.push_back(leaf_of(v, encoding));
        if (m.contains("leafHashes")) {
            EXPECT_EQ(leaves, hashes(m["leafHashes"]));
        }
        const auto proof = hashes(m["proof"]);
        std::vector<bool> flags;
        for (const auto& f : m["proofFlags"]) flags.push_back(f.get<bool>());
        EXPECT_TRUE(verify_multiproof(root, leaves, proof, flags)) << "n=" << t["n"] << " " << m["indices"];
        const auto idx = m["indices"].get<std::vector<std::size_t>>();
        auto ours = get_multiproof(*built, idx);
        ASSERT_TRUE(ours);
        EXPECT_EQ(ours->leaves, leaves);
        EXPECT_EQ(ours->proof, proof);
        EXPECT_EQ(ours->flags, flags);
        if (!flags.empty()) {
            auto f2 = flags;
            f2[0] = !f2[0];
            EXPECT_FALSE(verify_multiproof(root, leaves, proof, f2));
        }
        if (!proof.empty()) {
            auto bad = proof;
            bad.back()[31] ^= 0x80;
            EXPECT_FALSE(verify_multiproof(root, leaves, bad, flags));
            EXPECT_FALSE(
                verify_multiproof(root, leaves, std::span<const Hash32>(proof).first(proof.size() - 1), flags));
        }
        ++c.multiproofs;
    }
}

TEST(OzMerkle, GeneratedVectorsAllProofsAndMultiproofs) {
    const auto j = luxl2::testing::read_json(luxl2::testing::data_dir() / "merkle/oz_merkle_vectors_generated.json");
    Counts c;
    for (const auto& t : j["standard"]) check_tree(t, strings(t["leafEncoding"]), c);
    for (const auto& t : j["simple"]) check_tree(t, {}, c);
    EXPECT_EQ(c.trees, 30);
    EXPECT_EQ(c.proofs, 561);
    EXPECT_EQ(c.multiproofs, 202);
}

TEST(OzMerkle, UpstreamDumps) {
    const auto dir = luxl2::testing::data_dir() / "merkle/openzeppelin-merkle-tree-dumps";
    const std::pair<const char*, const char*> files[] = {
        {"simple-v1.sorted.1_0_6.json", "0x1b404f199ea828ec5771fb30139c222d8417a82175fefad5cd42bc3a189bd8d5"},
        {"simple-v1.unsorted.1_0_6.json", "0x9012f1e18a87790d2e01faace75aaaca38e53df437cdce2c0552464dda4af49c"},
        {"standard-v1.sorted.1_0_6.json", "0x6deb52b5da8fd108f79fab00341f38d2587896634c646ee52e49f845680a70c8"},
        {"standard-v1.unsorted.1_0_6.json", "0x23be0977360f08bb0bd7f709a7d543d2cd779c79c66d74e0441919871647de2b"},
    };
    for (const auto& [file, root] : files) {
        const auto d = luxl2::testing::read_json(dir / file);
        const bool standard = d["format"] == "standard-v1";
        const auto enc = standard ? strings(d["leafEncoding"]) : std::vector<std::string>{};
        std::vector<Hash32> leaves;
        std::vector<std::size_t> idx;
        for (const auto& v : d["values"]) {
            leaves.push_back(leaf_of(v["value"], enc));
            idx.push_back(v["treeIndex"].get<std::size_t>());
        }
        auto t = from_dump(hashes(d["tree"]), idx, leaves);
        ASSERT_TRUE(t) << file << ": " << t.error().to_string();
        EXPECT_EQ(to_hex(t->root()), root);
        const bool sorted = std::string(file).find(".sorted.") != std::string::npos;
        auto rebuilt = build(leaves, sorted);
        ASSERT_TRUE(rebuilt);
        EXPECT_EQ(rebuilt->nodes, t->nodes) << file;
        // Every proof and every pair multiproof of the loaded tree verifies.
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            EXPECT_TRUE(verify_proof(t->root(), leaves[i], *get_proof(*t, i)));
            for (std::size_t k = i + 1; k < leaves.size(); ++k) {
                const std::size_t pair[] = {i, k};
                auto mp = get_multiproof(*t, pair);
                ASSERT_TRUE(mp);
                EXPECT_TRUE(verify_multiproof(t->root(), mp->leaves, mp->proof, mp->flags));
            }
        }
        // A tampered dump is refused.
        auto nodes = hashes(d["tree"]);
        nodes[1][0] ^= 1;
        EXPECT_FALSE(from_dump(nodes, idx, leaves));
    }
}

TEST(OzMerkle, MultiproofEdgeCases) {
    std::vector<Hash32> leaves;
    for (std::uint8_t i = 0; i < 7; ++i) leaves.push_back(Hash32::from_view(Bytes(32, i)));
    auto t = build(leaves);
    ASSERT_TRUE(t);
    auto none = get_multiproof(*t, std::span<const std::size_t>());
    ASSERT_TRUE(none);
    EXPECT_EQ(none->proof.size(), 1u);
    EXPECT_TRUE(verify_multiproof(t->root(), none->leaves, none->proof, none->flags));
    const std::size_t dup[] = {2, 2}, out[] = {7};
    EXPECT_EQ(get_multiproof(*t, dup).error().code, errc::duplicate_index);
    EXPECT_EQ(get_multiproof(*t, out).error().code, errc::index_out_of_range);
    // Counts that do not add up are refused, not crashed on.
    const std::vector<bool> flags = {true, true, true};
    EXPECT_FALSE(process_multiproof(std::span<const Hash32>(leaves).first(2), {}, flags));
    const Hash32 one[] = {leaves[6]};
    auto r = process_multiproof(std::span<const Hash32>(leaves).first(3), one, {true, true, true});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::invalid_multiproof);
    // All leaves with all flags set need no proof hash.
    EXPECT_TRUE(process_multiproof(std::span<const Hash32>(leaves).first(4), {}, {true, true, true}));
    EXPECT_FALSE(build({}));
}

TEST(Abi, EncodesStaticAndDynamicValues) {
    using namespace luxl2::literals;
    const std::vector<std::string> t1 = {"address", "uint256", "bool", "bytes4", "int8"};
    const std::vector<std::string> v1 = {"0x00000000000000000000000000000000000000ff", "0x10", "true", "0xdeadbeef",
                                         "-1"};
    auto e1 = codec::abi::encode(t1, v1);
    ASSERT_TRUE(e1);
    EXPECT_EQ(to_hex(*e1),
              "0x00000000000000000000000000000000000000000000000000000000000000ff"
              "0000000000000000000000000000000000000000000000000000000000000010"
              "0000000000000000000000000000000000000000000000000000000000000001"
              "deadbeef00000000000000000000000000000000000000000000000000000000"
              "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    const std::vector<std::string> t2 = {"string", "uint8", "bytes"};
    const std::vector<std::string> v2 = {"a", "255", "0x"};
    auto e2 = codec::abi::encode(t2, v2);
    ASSERT_TRUE(e2);
    EXPECT_EQ(to_hex(*e2),
              "0x0000000000000000000000000000000000000000000000000000000000000060"
              "00000000000000000000000000000000000000000000000000000000000000ff"
              "00000000000000000000000000000000000000000000000000000000000000a0"
              "0000000000000000000000000000000000000000000000000000000000000001"
              "6100000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000000");
    const std::vector<std::string> bad_types[] = {{"uint7"}, {"bytes33"}, {"uint256[]"}, {"tuple"}};
    for (const auto& t : bad_types)
        EXPECT_EQ(codec::abi::encode(t, std::vector<std::string>{"1"}).error().code,
                  codec::abi::errc::unsupported_type);
    const std::vector<std::string> u8 = {"uint8"}, i8 = {"int8"}, ad = {"address"};
    EXPECT_FALSE(codec::abi::encode(u8, std::vector<std::string>{"256"}));
    EXPECT_TRUE(codec::abi::encode(i8, std::vector<std::string>{"-128"}));
    EXPECT_FALSE(codec::abi::encode(i8, std::vector<std::string>{"-129"}));
    EXPECT_FALSE(codec::abi::encode(i8, std::vector<std::string>{"128"}));
    EXPECT_FALSE(codec::abi::encode(ad, std::vector<std::string>{"0x00"}));
    EXPECT_EQ(codec::abi::encode(ad, std::vector<std::string>{}).error().code, codec::abi::errc::arity);
}

}  // namespace
}  // namespace luxl2::merkle::oz
