// SSZ unit tests for what ssz_generic does not cover: unions, illegal types, error codes and
// locations, the struct encoder, views, proofs and the merkleization primitives.
#include <gtest/gtest.h>

#include <iterator>
#include <random>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/codec/ssz_value.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/sha256.hpp"

using namespace luxl2;
using namespace luxl2::literals;

namespace {

Hash32 chunk(ByteView b) {
    Hash32 c;
    std::copy(b.begin(), b.end(), c.bytes.begin());
    return c;
}

ssz::Value num(std::uint64_t v) {
    ssz::Value x;
    x.number = U256(v);
    return x;
}

}  // namespace

TEST(Ssz, ZeroHashesAndSha256_64) {
    EXPECT_EQ(to_hex(ssz::zero_hash(1)), "0xf5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b");
    const Bytes in =
        "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"_hex;
    Hash32 fast;
    crypto::sha256_64(in.data(), fast.data());
    EXPECT_EQ(fast, crypto::sha256(in));
    // The multi-lane path (1, 2 and 4 lanes) and in-place reduction agree with OpenSSL's SHA-256.
    for (std::size_t n : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 13u}) {
        Bytes blocks(64 * n);
        for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = static_cast<std::uint8_t>(i * 7 + n);
        Bytes out(32 * n);
        crypto::sha256_64_many(blocks.data(), n, out.data());
        Bytes in_place = blocks;
        crypto::sha256_64_many(in_place.data(), n, in_place.data());
        for (std::size_t i = 0; i < n; ++i) {
            const Hash32 want = crypto::sha256(ByteView(blocks).subspan(64 * i, 64));
            EXPECT_TRUE(equal(ByteView(out).subspan(32 * i, 32), want.view())) << n << " " << i;
            EXPECT_TRUE(equal(ByteView(in_place).subspan(32 * i, 32), want.view())) << n << " " << i;
        }
    }
    // Gathered and scattered blocks: scattered across a buffer in reverse order, and in place as a
    // Merkle layer is reduced (digest i over block i / 2's bytes).
    for (std::size_t n : {1u, 2u, 3u, 5u, 9u}) {
        Bytes blocks(64 * n);
        for (std::size_t i = 0; i < blocks.size(); ++i) blocks[i] = static_cast<std::uint8_t>(i * 13 + n);
        std::vector<const std::uint8_t*> ins(n);
        std::vector<std::uint8_t*> outs(n);
        Bytes digests(32 * n);
        for (std::size_t i = 0; i < n; ++i) {
            ins[i] = blocks.data() + 64 * (n - 1 - i);
            outs[i] = digests.data() + 32 * i;
        }
        crypto::sha256_64_ptrs(ins.data(), outs.data(), n);
        Bytes layer = blocks;
        for (std::size_t i = 0; i < n; ++i) {
            ins[i] = layer.data() + 64 * i;
            outs[i] = layer.data() + 32 * i;
        }
        crypto::sha256_64_ptrs(ins.data(), outs.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
            const Hash32 rev = crypto::sha256(ByteView(blocks).subspan(64 * (n - 1 - i), 64));
            EXPECT_TRUE(equal(ByteView(digests).subspan(32 * i, 32), rev.view())) << n << " " << i;
            const Hash32 fwd = crypto::sha256(ByteView(blocks).subspan(64 * i, 64));
            EXPECT_TRUE(equal(ByteView(layer).subspan(32 * i, 32), fwd.view())) << n << " " << i;
        }
    }
    EXPECT_EQ(ssz::depth_for(0), 0u);
    EXPECT_EQ(ssz::depth_for(1), 0u);
    EXPECT_EQ(ssz::depth_for(2), 1u);
    EXPECT_EQ(ssz::depth_for(3), 2u);
    EXPECT_EQ(ssz::depth_for(1ull << 40), 40u);
}

TEST(Ssz, MerkleizePadsToTheLimit) {
    const Bytes three(96, 0xab);
    const Hash32 c = chunk(ByteView(three).first(32));
    const Hash32 want = ssz::hash_pair(ssz::hash_pair(c, c), ssz::hash_pair(c, ssz::zero_hash(0)));
    EXPECT_EQ(ssz::merkleize(three, 4), want);
    EXPECT_EQ(ssz::merkleize(three, 3), want);
    EXPECT_EQ(ssz::merkleize(three, 8), ssz::hash_pair(want, ssz::zero_hash(2)));
    EXPECT_EQ(ssz::merkleize({}, 8), ssz::zero_hash(3));
    // A partial last chunk is right-padded with zeros.
    const Bytes odd(33, 0x01);
    Bytes padded(64, 0);
    std::fill(padded.begin(), padded.begin() + 33, 0x01);
    EXPECT_EQ(ssz::merkleize(odd, 2), crypto::sha256(padded));
}

TEST(Ssz, IllegalTypes) {
    EXPECT_EQ(ssz::try_vector(ssz::uint8(), 0).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_bitvector(0).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_container({}).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_uintn(7).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_union({}).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_union({nullptr}).error().code, ssz::errc::illegal_type);
    EXPECT_EQ(ssz::try_union({ssz::uint8(), nullptr}).error().code, ssz::errc::illegal_type);
    EXPECT_TRUE(ssz::try_union({nullptr, ssz::uint8()}).has_value());
    EXPECT_TRUE(ssz::try_list(ssz::uint8(), 0).has_value());  // List[T, 0] is legal (always empty)
}

TEST(Ssz, UnionEncodeDecodeRoot) {
    const auto t = ssz::union_of({nullptr, ssz::uint16(), ssz::list(ssz::uint8(), 4)});
    EXPECT_FALSE(t->fixed);
    // None: one zero byte, root mix_in_selector(Bytes32(), 0).
    ssz::Value none;
    EXPECT_EQ(to_hex(*ssz::encode(*t, none)), "0x00");
    EXPECT_EQ(*ssz::hash_tree_root(*t, "0x00"_hex), ssz::hash_pair(Hash32{}, Hash32{}));
    // uint16 0x0201 under selector 1.
    ssz::Value u;
    u.selector = 1;
    u.items.push_back(num(0x0201));
    const Bytes ub = *ssz::encode(*t, u);
    EXPECT_EQ(to_hex(ub), "0x010102");
    Hash32 sel1;
    sel1[0] = 1;
    EXPECT_EQ(*ssz::hash_tree_root(*t, ub), ssz::hash_pair(chunk("0x0102"_hex), sel1));
    EXPECT_EQ(*ssz::decode(*t, ub), u);
    // The list option.
    const Bytes lb = "0x02aabbcc"_hex;
    const auto lv = ssz::decode(*t, lb);
    ASSERT_TRUE(lv.has_value());
    EXPECT_EQ(lv->items[0].items.size(), 3u);
    Hash32 sel2;
    sel2[0] = 2;
    EXPECT_EQ(*ssz::hash_tree_root(*t, lb), ssz::hash_pair(ssz::mix_in_length(chunk("0xaabbcc"_hex), 3), sel2));
    // Rejections.
    EXPECT_EQ(ssz::validate(*t, {}).error().code, ssz::errc::size);
    EXPECT_EQ(ssz::validate(*t, "0x03"_hex).error().code, ssz::errc::selector);
    EXPECT_EQ(ssz::validate(*t, "0x0000"_hex).error().code, ssz::errc::size);  // None with a body
    EXPECT_EQ(ssz::validate(*t, "0x0101"_hex).error().code, ssz::errc::size);  // short uint16
    EXPECT_EQ(ssz::validate(*t, "0x0201020304ff"_hex).error().code, ssz::errc::limit);
    ssz::Value bad;
    bad.selector = 0;
    bad.items.push_back(num(1));
    EXPECT_EQ(ssz::encode(*t, bad).error().code, ssz::errc::mismatch);
}

TEST(Ssz, ContainerOffsetsAreStrict) {
    const auto t = ssz::container({{"a", ssz::uint8()}, {"b", ssz::byte_list(4)}, {"c", ssz::byte_list(4)}});
    EXPECT_EQ(t->fixed_part, 9u);
    // a = 7, b = [1, 2], c = [3]
    const Bytes ok =
        "0x07"
        "09000000"
        "0b000000"
        "0102"
        "03"_hex;
    ASSERT_TRUE(ssz::validate(*t, ok).has_value());
    const ssz::View v(*t, ok);
    EXPECT_EQ(v.field(0).u64(), 7u);
    EXPECT_EQ(to_hex(v.field(1).bytes()), "0x0102");
    EXPECT_EQ(to_hex(v.field(2).bytes()), "0x03");
    EXPECT_EQ(v.field(2).count(), 1u);

    auto code = [&](const Bytes& b) { return std::string(ssz::validate(*t, b).error().code); };
    EXPECT_EQ(code("0x07"
                   "0a000000"
                   "0b000000"
                   "0102"
                   "03"_hex),
              ssz::errc::offset);  // first offset ≠ fixed size
    EXPECT_EQ(code("0x07"
                   "09000000"
                   "08000000"
                   "0102"
                   "03"_hex),
              ssz::errc::offset);  // out of order
    EXPECT_EQ(code("0x07"
                   "09000000"
                   "0f000000"
                   "0102"
                   "03"_hex),
              ssz::errc::offset);  // out of range
    EXPECT_EQ(code("0x07"
                   "09000000"
                   "0b000000"
                   "0102"
                   "0304050607"_hex),
              ssz::errc::limit);
    EXPECT_EQ(code("0x07"
                   "09000000"_hex),
              ssz::errc::size);  // truncated fixed part
    const auto err = ssz::validate(*t,
                                   "0x07"
                                   "09000000"
                                   "09000000"
                                   "0102030405"_hex)
                         .error();
    EXPECT_EQ(err.code, ssz::errc::limit);
    EXPECT_NE(err.message.find("c: "), std::string::npos) << err.message;  // says which field

    // The struct encoder produces the same bytes as the generic one.
    Bytes out;
    ssz::OffsetScope scope(out);
    ssz::put_u8(out, 7);
    scope.offset();
    scope.offset();
    ASSERT_TRUE(scope.next());
    ssz::put_bytes(out, "0x0102"_hex);
    ASSERT_TRUE(scope.next());
    ssz::put_bytes(out, "0x03"_hex);
    scope.finish();
    EXPECT_EQ(out, ok);
    EXPECT_EQ(*ssz::encode(*t, *ssz::decode(*t, ok)), ok);
}

TEST(Ssz, ListOfVariableElements) {
    const auto t = ssz::list(ssz::byte_list(8), 3);
    // [[], [0xaa], [0xbb, 0xcc]]
    const Bytes ok =
        "0x0c000000"
        "0c000000"
        "0d000000"
        "aa"
        "bbcc"_hex;
    ASSERT_TRUE(ssz::validate(*t, ok).has_value());
    const ssz::View v(*t, ok);
    ASSERT_EQ(v.count(), 3u);
    EXPECT_EQ(v.at(0).bytes().size(), 0u);
    EXPECT_EQ(to_hex(v.at(2).bytes()), "0xbbcc");
    EXPECT_TRUE(ssz::validate(*t, {}).has_value());                                  // the empty list
    EXPECT_EQ(ssz::validate(*t, "0x0d000000"_hex).error().code, ssz::errc::offset);  // not a multiple of 4
    EXPECT_EQ(ssz::validate(*t,
                            "0x10000000"
                            "10000000"
                            "10000000"
                            "10000000"_hex)
                  .error()
                  .code,
              ssz::errc::limit);
    EXPECT_EQ(ssz::validate(*t, "0x00000000"_hex).error().code, ssz::errc::offset);
    EXPECT_EQ(ssz::validate(*t, "0x0c00"_hex).error().code, ssz::errc::size);
    // Vector of variable elements: the offset table must hold exactly N offsets.
    const auto vt = ssz::vector(ssz::byte_list(8), 2);
    EXPECT_EQ(ssz::validate(*vt, "0x04000000"_hex).error().code, ssz::errc::offset);
    EXPECT_TRUE(ssz::validate(*vt,
                              "0x08000000"
                              "08000000"_hex)
                    .has_value());
}

TEST(Ssz, BitfieldsAndViews) {
    const auto bl = ssz::bitlist(10);
    const Bytes bits = "0x0503"_hex;  // bits 1,0,1,0,0,0,0,0,1 + delimiter
    ASSERT_TRUE(ssz::validate(*bl, bits).has_value());
    const ssz::View v(*bl, bits);
    EXPECT_EQ(v.count(), 9u);
    EXPECT_TRUE(v.bit(0));
    EXPECT_FALSE(v.bit(1));
    EXPECT_TRUE(v.bit(8));
    EXPECT_EQ(ssz::validate(*bl, "0x0508"_hex).error().code, ssz::errc::limit);  // 11 bits
    EXPECT_EQ(ssz::validate(*bl, "0x0500"_hex).error().code, ssz::errc::delimiter);
    Bytes enc;
    ssz::put_bitlist(enc, {true, false, true, false, false, false, false, false, true});
    EXPECT_EQ(to_hex(enc), "0x0503");
    const auto bv = ssz::bitvector(10);
    EXPECT_EQ(ssz::validate(*bv, "0xff04"_hex).error().code, ssz::errc::padding);
    EXPECT_TRUE(ssz::validate(*bv, "0xff03"_hex).has_value());

    const auto u = ssz::uint256();
    Bytes le(32, 0);
    le[0] = 0x01;
    le[31] = 0x80;
    const ssz::View uv(*u, le);
    EXPECT_EQ(uv.u256(), (U256(1) << 255) + U256(1));
    EXPECT_EQ(ssz::validate(*ssz::boolean(), "0x02"_hex).error().code, ssz::errc::boolean);
}

TEST(Ssz, ValueEncodingChecksTheType) {
    EXPECT_EQ(ssz::encode(*ssz::uint8(), num(256)).error().code, ssz::errc::mismatch);
    EXPECT_EQ(ssz::encode(*ssz::boolean(), num(2)).error().code, ssz::errc::mismatch);
    ssz::Value l;
    l.items.assign(5, num(1));
    EXPECT_EQ(ssz::encode(*ssz::list(ssz::uint8(), 4), l).error().code, ssz::errc::limit);
    EXPECT_EQ(ssz::encode(*ssz::vector(ssz::uint8(), 4), l).error().code, ssz::errc::mismatch);
    const auto t = ssz::container({{"x", ssz::uint64()}, {"y", ssz::list(ssz::uint16(), 2)}});
    const auto d = ssz::default_value(*t);
    EXPECT_EQ(to_hex(*ssz::encode(*t, d)), "0x00000000000000000c000000");
}

TEST(Ssz, ProofsThroughListsAndContainers) {
    const auto item = ssz::container({{"k", ssz::uint64()}, {"v", ssz::byte_list(40)}});
    const auto t = ssz::container({{"n", ssz::uint64()}, {"items", ssz::list(item, 5)}});
    ssz::Value val = ssz::default_value(*t);
    val.items[0] = num(9);
    for (std::uint64_t i = 0; i < 3; ++i) {
        ssz::Value it = ssz::default_value(*item);
        it.items[0] = num(100 + i);
        it.items[1].items.assign(33, num(i + 1));
        val.items[1].items.push_back(it);
    }
    const Bytes b = *ssz::encode(*t, val);
    ASSERT_TRUE(ssz::validate(*t, b).has_value());
    const ssz::View v(*t, b);
    const Hash32 root = ssz::hash_tree_root(v);
    // Root of a container of two fields: gindex 2 and 3 are the field roots.
    EXPECT_EQ(*ssz::node_at(v, 3), ssz::hash_tree_root(v.field(1)));
    EXPECT_EQ(*ssz::node_at(v, 1), root);
    // items (gindex 3) → its length (3*2+1 = 7).
    Hash32 three;
    three[0] = 3;
    EXPECT_EQ(*ssz::node_at(v, 7), three);
    // items → data (6) → depth 3 (limit 5 → 8 leaves) → element 2 (6*8+2 = 50) → field k (50*2 = 100).
    Hash32 k2;
    k2[0] = 102;
    EXPECT_EQ(*ssz::node_at(v, 100), k2);
    const auto br = ssz::merkle_branch(v, 100);
    ASSERT_TRUE(br.has_value());
    EXPECT_EQ(br->size(), 6u);
    EXPECT_TRUE(ssz::verify_merkle_branch(k2, *br, 100, root));
    // A padding leaf (element 6 of 8) is a zero node with a valid proof; nothing lies below it.
    EXPECT_EQ(*ssz::node_at(v, 6 * 8 + 6), ssz::zero_hash(0));
    EXPECT_TRUE(ssz::verify_merkle_branch(ssz::zero_hash(0), *ssz::merkle_branch(v, 54), 54, root));
    EXPECT_EQ(ssz::node_at(v, 54 * 2).error().code, ssz::errc::proof);
    EXPECT_EQ(ssz::node_at(v, 2 * 2).error().code, ssz::errc::proof);  // below a uint64
    EXPECT_EQ(ssz::node_at(v, 0).error().code, ssz::errc::proof);
}

namespace {

ssz::Value byte_list_value(std::size_t n, std::mt19937& rng) {
    ssz::Value v;
    for (std::size_t i = 0; i < n; ++i) v.items.push_back(ssz::Value{U256{rng() & 0xff}, {}, {}, 0});
    return v;
}

}  // namespace

// hash_tree_root of a list of containers runs the batched path (every element's fields merkleized
// level by level together, hashing in place); each element alone runs the single path. They agree for
// byte lists of every length around the chunk and pair boundaries, empty lists and bitlists.
TEST(Ssz, BatchedRootsMatchOneAtATime) {
    using namespace luxl2::ssz;
    const auto elem = container(
        {{"a", byte_list(300)}, {"b", list(uint16(), 40)}, {"c", uint64()}, {"d", byte_list(5)}, {"e", bitlist(20)}});
    const auto lt = list(elem, 1000);
    std::mt19937 rng(5);
    const std::size_t fixed_lengths[] = {0, 1, 31, 32, 33, 63, 64, 65, 96, 127, 128, 129, 255, 256, 300};
    for (std::size_t n : {0u, 1u, 2u, 3u, 7u, 15u, 64u, 129u}) {
        Value v;
        for (std::size_t i = 0; i < n; ++i) {
            Value e;
            const std::size_t a = i < std::size(fixed_lengths) ? fixed_lengths[i] : rng() % 301;
            e.items.push_back(byte_list_value(a, rng));
            Value b;
            for (std::size_t k = rng() % 41; k > 0; --k) b.items.push_back(Value{U256{rng() & 0xffff}, {}, {}, 0});
            e.items.push_back(b);
            e.items.push_back(Value{U256{rng()}, {}, {}, 0});
            e.items.push_back(byte_list_value(rng() % 6, rng));
            Value bits;
            for (std::size_t k = rng() % 21; k > 0; --k) bits.bits.push_back((rng() & 1) != 0);
            e.items.push_back(bits);
            v.items.push_back(e);
        }
        auto bytes = encode(*lt, v);
        ASSERT_TRUE(bytes) << bytes.error().to_string();
        auto root = hash_tree_root(*lt, *bytes);
        ASSERT_TRUE(root);
        const View view(*lt, *bytes);
        Bytes chunks;
        for (std::size_t i = 0; i < n; ++i) append(chunks, hash_tree_root(view.at(i)).view());
        EXPECT_EQ(*root, mix_in_length(merkleize(chunks, 1000), n)) << n;
    }
}
