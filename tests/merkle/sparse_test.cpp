// The state tree against a naive reference that walks the 256 levels one bit at a time, over random
// operation sequences, keys crafted to share long prefixes, proofs of every kind, and persistence.
#include <gtest/gtest.h>

#include <map>
#include <random>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/sparse.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::merkle::smt {
namespace {

using Map = std::map<Hash32, Hash32>;

// The definition of docs/format/state-tree.md, level by level without any compression.
Hash32 naive_root(const std::vector<std::pair<Hash32, Hash32>>& kv, unsigned depth) {
    if (kv.empty()) {
        // D_0 = zeros, D_{h+1} = node(D_h, D_h), computed here from scratch (not the library's table).
        static const std::vector<Hash32> defaults = [] {
            std::vector<Hash32> d(257);
            for (std::size_t h = 1; h <= 256; ++h) d[h] = node_hash(d[h - 1], d[h - 1]);
            return d;
        }();
        return defaults[256 - depth];
    }
    if (kv.size() == 1) {
        Bytes pre = {0x00};
        append(pre, kv[0].first.view());
        append(pre, kv[0].second.view());
        return crypto::keccak256(pre);
    }
    std::vector<std::pair<Hash32, Hash32>> l, r;
    for (const auto& e : kv) (key_bit(e.first, depth) ? r : l).push_back(e);
    return node_hash(naive_root(l, depth + 1), naive_root(r, depth + 1));
}

Hash32 naive_root(const Map& m) {
    return naive_root(std::vector<std::pair<Hash32, Hash32>>(m.begin(), m.end()), 0);
}

struct Gen {
    std::mt19937_64 rng;
    std::vector<Hash32> prefixes;
    explicit Gen(std::uint64_t seed) : rng(seed) {
        for (int i = 0; i < 4; ++i) prefixes.push_back(rand_hash());
    }
    Hash32 rand_hash() {
        Hash32 h;
        for (auto& b : h.bytes) b = static_cast<std::uint8_t>(rng());
        return h;
    }
    // Keys that often share a long prefix with one another (down to one differing last bit).
    Hash32 key() {
        Hash32 k = rand_hash();
        if (rng() % 2 == 0) {
            const Hash32& p = prefixes[rng() % prefixes.size()];
            const unsigned shared = static_cast<unsigned>(rng() % 257);
            for (unsigned i = 0; i < shared; ++i) {
                const std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (i % 8));
                k.bytes[i / 8] = static_cast<std::uint8_t>((k.bytes[i / 8] & ~mask) | (p.bytes[i / 8] & mask));
            }
        }
        return k;
    }
    Hash32 value() {
        Hash32 v = rand_hash();
        if (v.is_zero()) v[0] = 1;
        return v;
    }
};

TEST(SparseMerkle, EmptyTreeAndDefaults) {
    SparseMerkleTree t;
    EXPECT_EQ(t.root(), default_hash(256));
    EXPECT_EQ(t.root(), naive_root(Map{}));
    EXPECT_TRUE(default_hash(0).is_zero());
    EXPECT_EQ(default_hash(1), node_hash(Hash32{}, Hash32{}));
    Hash32 k;
    k[0] = 0x80;
    EXPECT_FALSE(t.get(k));
    t.erase(k);  // deleting what is not there is a no-op
    EXPECT_EQ(t.size(), 0u);
}

TEST(SparseMerkle, RandomOperationsMatchNaiveReference) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Gen g(seed);
        SparseMerkleTree t;
        Map ref;
        std::vector<Hash32> known;
        for (int step = 0; step < 60; ++step) {
            std::vector<Update> batch;
            const int n = 1 + static_cast<int>(g.rng() % 6);
            for (int i = 0; i < n; ++i) {
                const auto op = g.rng() % 10;
                Hash32 key = (op < 4 || known.empty()) ? g.key() : known[g.rng() % known.size()];
                Hash32 value = op >= 8 ? Hash32{} : g.value();
                known.push_back(key);
                batch.push_back({key, value});
                if (value.is_zero())
                    ref.erase(key);
                else
                    ref[key] = value;
            }
            if (seed % 2) {
                t.update(batch);
            } else {
                for (const auto& u : batch) t.set(u.key, u.value);
            }
            ASSERT_EQ(t.size(), ref.size());
            ASSERT_EQ(t.root(), naive_root(ref)) << "seed " << seed << " step " << step;
        }
        for (const auto& k : known) {
            auto it = ref.find(k);
            auto v = t.get(k);
            ASSERT_EQ(v.has_value(), it != ref.end());
            if (v) {
                ASSERT_EQ(*v, it->second);
            }
        }
        // Deleting everything returns to the empty root.
        for (const auto& [k, v] : Map(ref)) t.erase(k);
        EXPECT_EQ(t.root(), default_hash(256));
        EXPECT_EQ(t.size(), 0u);
    }
}

TEST(SparseMerkle, RootIndependentOfInsertionOrder) {
    Gen g(99);
    std::vector<Update> ups;
    for (int i = 0; i < 300; ++i) ups.push_back({g.key(), g.value()});
    SparseMerkleTree a, b;
    a.update(ups);
    std::shuffle(ups.begin(), ups.end(), g.rng);
    for (const auto& u : ups) b.set(u.key, u.value);
    EXPECT_EQ(a.root(), b.root());
    Map ref;
    for (const auto& u : ups) ref[u.key] = u.value;
    EXPECT_EQ(a.root(), naive_root(ref));
}

TEST(SparseMerkle, LargeBatchesWithRepeatsAndDeletes) {
    // Batches over 64 updates take the sorted paths (bulk build on an empty tree, sorted apply
    // otherwise); a later write to a key must still win and zero values must still delete.
    Gen g(123);
    SparseMerkleTree t;
    Map ref;
    std::vector<Hash32> keys;
    for (int round = 0; round < 6; ++round) {
        std::vector<Update> ups;
        for (int i = 0; i < 200; ++i) {
            Hash32 k = (!keys.empty() && g.rng() % 3 == 0) ? keys[g.rng() % keys.size()] : g.key();
            keys.push_back(k);
            Hash32 v = g.rng() % 5 == 0 ? Hash32{} : g.value();
            ups.push_back({k, v});
            if (v.is_zero())
                ref.erase(k);
            else
                ref[k] = v;
        }
        t.update(ups);
        ASSERT_EQ(t.size(), ref.size());
        ASSERT_EQ(t.root(), naive_root(ref)) << "round " << round;
        for (const auto& [k, v] : ref) ASSERT_EQ(t.get(k), v);
    }
}

TEST(SparseMerkle, AdjacentKeysDifferingInTheLastBit) {
    Hash32 a, b;
    a[31] = 0x00;
    b[31] = 0x01;
    SparseMerkleTree t;
    t.set(a, Hash32::from_view(Bytes(32, 1)));
    t.set(b, Hash32::from_view(Bytes(32, 2)));
    Map ref = {{a, Hash32::from_view(Bytes(32, 1))}, {b, Hash32::from_view(Bytes(32, 2))}};
    EXPECT_EQ(t.root(), naive_root(ref));
    auto p = t.prove(a);
    EXPECT_EQ(p.entries[0].depth, 256);
    EXPECT_EQ(p.siblings.size(), 1u);
    const Claim c[] = {{a, ref[a]}};
    EXPECT_TRUE(verify(t.root(), p, c));
}

std::vector<Claim> claims_for(const SparseMerkleTree& t, const std::vector<Hash32>& keys) {
    std::vector<Claim> out;
    for (const auto& k : keys) out.push_back({k, t.get(k).value_or(Hash32{})});
    std::sort(out.begin(), out.end(), [](const Claim& x, const Claim& y) { return x.key < y.key; });
    return out;
}

TEST(SparseMerkle, InclusionExclusionAndMultiKeyProofs) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        Gen g(seed * 7);
        SparseMerkleTree t;
        std::vector<Hash32> present;
        const int n = static_cast<int>(g.rng() % 40);
        for (int i = 0; i < n; ++i) {
            present.push_back(g.key());
            t.set(present.back(), g.value());
        }
        const Hash32 root = t.root();
        for (int round = 0; round < 15; ++round) {
            std::vector<Hash32> keys;
            const int m = 1 + static_cast<int>(g.rng() % 8);
            for (int i = 0; i < m; ++i)
                keys.push_back((!present.empty() && g.rng() % 2) ? present[g.rng() % present.size()] : g.key());
            std::sort(keys.begin(), keys.end());
            keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
            auto p = t.prove(keys);
            ASSERT_TRUE(p);
            const auto claims = claims_for(t, keys);
            auto r = proof_root(*p, claims);
            ASSERT_TRUE(r) << r.error().to_string();
            ASSERT_EQ(*r, root);
            // Round trip through bytes.
            const Bytes enc = encode(*p);
            auto d = decode_proof(enc);
            ASSERT_TRUE(d) << d.error().to_string();
            ASSERT_EQ(*d, *p);
            // Any flipped bit of the encoding fails (to decode or to verify).
            for (int flip = 0; flip < 12; ++flip) {
                const std::size_t bit = g.rng() % (enc.size() * 8);
                Bytes bad = enc;
                bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
                auto bd = decode_proof(bad);
                ASSERT_FALSE(bd && verify(root, *bd, claims)) << "bit " << bit;
            }
            // A wrong claim fails: a changed value, or a present key claimed absent and vice versa.
            auto wrong = claims;
            const std::size_t i = g.rng() % wrong.size();
            if (wrong[i].value.is_zero())
                wrong[i].value[3] = 7;
            else if (g.rng() % 2)
                wrong[i].value = Hash32{};
            else
                wrong[i].value[0] ^= 0x01;
            EXPECT_FALSE(verify(root, *p, wrong));
            // A proof against another root fails.
            Hash32 other = root;
            other[9] ^= 0x20;
            EXPECT_FALSE(verify(other, *p, claims));
        }
    }
}

TEST(SparseMerkle, ProofMatchesSingleKeyBitmapShape) {
    Gen g(5);
    SparseMerkleTree t;
    for (int i = 0; i < 1000; ++i) t.set(g.rand_hash(), g.value());
    const Hash32 k = g.rand_hash();
    const auto p = t.prove(k);
    ASSERT_EQ(p.entries.size(), 1u);
    EXPECT_EQ(p.bits.size(), p.entries[0].depth);
    EXPECT_EQ(static_cast<std::size_t>(std::count(p.bits.begin(), p.bits.end(), true)), p.siblings.size());
    const Claim c[] = {{k, Hash32{}}};
    EXPECT_TRUE(verify(t.root(), p, c));
    const Bytes enc = encode(p);
    EXPECT_LT(enc.size(), 1024u);
    // Every single flipped bit fails.
    for (std::size_t bit = 0; bit < enc.size() * 8; ++bit) {
        Bytes bad = enc;
        bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        auto d = decode_proof(bad);
        ASSERT_FALSE(d && verify(t.root(), *d, c)) << "bit " << bit;
    }
    // The same for an inclusion proof.
    const Hash32 present = g.rand_hash();
    t.set(present, g.value());
    const auto pin = t.prove(present);
    const Claim cin[] = {{present, *t.get(present)}};
    const Bytes enc_in = encode(pin);
    ASSERT_TRUE(verify(t.root(), pin, cin));
    for (std::size_t bit = 0; bit < enc_in.size() * 8; ++bit) {
        Bytes bad = enc_in;
        bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        auto d = decode_proof(bad);
        ASSERT_FALSE(d && verify(t.root(), *d, cin)) << "bit " << bit;
    }
}

TEST(SparseMerkle, VerifierRejectsMalformedProofs) {
    Gen g(11);
    SparseMerkleTree t;
    std::vector<Hash32> keys;
    for (int i = 0; i < 50; ++i) {
        keys.push_back(g.rand_hash());
        t.set(keys.back(), g.value());
    }
    std::vector<Hash32> ask = {keys[0], keys[1], g.rand_hash()};
    auto p = t.prove(ask);
    ASSERT_TRUE(p);
    auto claims = claims_for(t, ask);
    ASSERT_TRUE(verify(t.root(), *p, claims));
    auto code = [&](const Proof& q, std::vector<Claim> c) {
        auto r = proof_root(q, c);
        return r ? std::string_view("ok") : r.error().code;
    };
    Proof q = *p;
    q.siblings.push_back(g.rand_hash());
    q.bits.push_back(true);
    EXPECT_NE(code(q, claims), "ok");
    q = *p;
    q.siblings.pop_back();
    EXPECT_EQ(code(q, claims), errc::missing_siblings);
    q = *p;
    q.entries.pop_back();
    EXPECT_EQ(code(q, claims), errc::malformed);
    auto dup = claims;
    dup[1] = dup[0];
    EXPECT_EQ(code(*p, dup), errc::duplicate_key);
    auto unsorted = claims;
    std::swap(unsorted[0], unsorted[1]);
    EXPECT_EQ(code(*p, unsorted), errc::malformed);
    // An explicit sibling equal to the empty default is non-canonical.
    SparseMerkleTree one;
    Hash32 a;  // key 0x00..: its only sibling at depth 0 is the empty right half
    Hash32 b;
    b[0] = 0x01;  // shares 7 bits with a
    one.set(a, g.value());
    one.set(b, g.value());
    auto pa = one.prove(a);
    ASSERT_GE(pa.bits.size(), 1u);
    ASSERT_FALSE(pa.bits[0]);
    Proof forged = pa;
    forged.bits[0] = true;
    forged.siblings.insert(forged.siblings.begin(), default_hash(255));
    const Claim ca[] = {{a, *one.get(a)}};
    EXPECT_EQ(code(forged, {ca[0]}), errc::non_canonical);
    EXPECT_TRUE(verify(one.root(), pa, ca));
}

TEST(SparseMerkle, DecoderLimits) {
    EXPECT_FALSE(decode_proof({}));
    const Bytes v2 = {0x02, 0x01, 0x01, 0x00, 0x00, 0x00};
    EXPECT_EQ(decode_proof(v2).error().code, errc::bad_version);
    const Bytes many = {0x01, 0xff, 0xff, 0x03};
    EXPECT_EQ(decode_proof(many).error().code, errc::too_large);
    const Bytes deep = {0x01, 0x01, 0x01, 0x81, 0x02, 0x00, 0x00};  // depth 257
    EXPECT_EQ(decode_proof(deep).error().code, errc::malformed);
    const Bytes pad = {0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x00};  // one bit, padding bit set
    EXPECT_EQ(decode_proof(pad).error().code, errc::non_canonical);
    const Bytes ok = {0x01, 0x01, 0x01, 0x00, 0x00, 0x00};  // empty tree, key absent
    auto d = decode_proof(ok);
    ASSERT_TRUE(d);
    const Claim c[] = {{Hash32{}, Hash32{}}};
    EXPECT_TRUE(verify(default_hash(256), *d, c));
    Bytes trailing = ok;
    trailing.push_back(0);
    EXPECT_EQ(decode_proof(trailing).error().code, errc::trailing_bytes);
}

TEST(SparseMerkle, PersistsThroughNodeStore) {
    Gen g(3);
    SparseMerkleTree t;
    MemoryNodeStore store;
    Map ref;
    std::vector<Hash32> roots;
    for (int round = 0; round < 8; ++round) {
        std::vector<Update> ups;
        for (int i = 0; i < 40; ++i) ups.push_back({g.key(), g.value()});
        if (!ref.empty()) ups.push_back({ref.begin()->first, Hash32{}});
        for (const auto& u : ups) {
            if (u.value.is_zero())
                ref.erase(u.key);
            else
                ref[u.key] = u.value;
        }
        t.update(ups);
        auto r = t.commit(store);
        ASSERT_TRUE(r);
        EXPECT_EQ(*r, naive_root(ref));
        roots.push_back(*r);
        auto loaded = SparseMerkleTree::load(store, *r);
        ASSERT_TRUE(loaded) << loaded.error().to_string();
        EXPECT_EQ(loaded->root(), *r);
        EXPECT_EQ(loaded->size(), ref.size());
        for (const auto& [k, v] : ref) ASSERT_EQ(loaded->get(k), v);
    }
    // Every committed root stays loadable (records are content-addressed, never overwritten).
    for (const auto& r : roots) EXPECT_TRUE(SparseMerkleTree::load(store, r));
    // A loaded tree keeps working and commits incrementally.
    auto again = SparseMerkleTree::load(store, roots.back());
    ASSERT_TRUE(again);
    const Hash32 k = g.key(), v = g.value();
    again->set(k, v);
    t.set(k, v);
    EXPECT_EQ(again->root(), t.root());
    MemoryNodeStore fresh;
    ASSERT_TRUE(t.commit(fresh));  // only the changed path
    EXPECT_FALSE(SparseMerkleTree::load(fresh, t.root()));
    EXPECT_EQ(SparseMerkleTree::load(MemoryNodeStore{}, g.rand_hash()).error().code, errc::missing_node);
    EXPECT_TRUE(SparseMerkleTree::load(MemoryNodeStore{}, default_hash(256)));
}

// A store whose records lie about their contents is refused.
class TamperingStore final : public NodeStore {
public:
    explicit TamperingStore(const MemoryNodeStore& inner) : inner_(inner) {}
    Result<std::optional<Bytes>> get(const Hash32& id) const override {
        auto r = inner_.get(id);
        if (r && *r && (*r)->size() == 66 && ++calls_ == 3) (**r)[1] ^= 1;  // the depth byte
        return r;
    }
    Result<void> write(const NodeBatch&) override { return {}; }

private:
    const MemoryNodeStore& inner_;
    mutable int calls_ = 0;
};

TEST(SparseMerkle, LoadRejectsCorruptRecords) {
    Gen g(8);
    SparseMerkleTree t;
    for (int i = 0; i < 100; ++i) t.set(g.rand_hash(), g.value());
    MemoryNodeStore store;
    auto r = t.commit(store);
    ASSERT_TRUE(r);
    TamperingStore bad(store);
    auto l = SparseMerkleTree::load(bad, *r);
    ASSERT_FALSE(l);
    EXPECT_EQ(l.error().code, errc::corrupt_node);
}

}  // namespace
}  // namespace luxl2::merkle::smt
