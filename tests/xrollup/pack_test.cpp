// The packed message form: sizes, round trips, and strict decoding.
#include <gtest/gtest.h>

#include "luxl2/format/hashing.hpp"
#include "luxl2/xrollup/pack.hpp"
#include "sample.hpp"

namespace luxl2::xrollup {
namespace {

TEST(Pack, SmallMessageUnder200Bytes) {
    const auto m = test::sample_message(7, 32);
    const Bytes packed = pack_message(m);
    // 1 + 3 + 3 + 20 + 20 + 1 + 1 + 32 + 1 (chain ids 120001/120002 take 3 varint bytes each).
    EXPECT_EQ(packed.size(), 82u);
    EXPECT_EQ(packed.size(), packed_size(m));
    EXPECT_LT(pack_message(test::sample_message(7, 100)).size(), 200u);  // the LP-505 test
}

TEST(Pack, RoundTripRecomputesHash) {
    for (std::size_t n : {0u, 1u, 127u, 128u, 5000u}) {
        auto m = test::sample_message(n, n);
        m.proof = Bytes(n % 70, 0xAB);
        m.message_hash = format::message_hash(m);
        const Bytes packed = pack_message(m);
        auto back = unpack_message_exact(packed);
        ASSERT_TRUE(back) << back.error().to_string();
        EXPECT_EQ(*back, m);
        EXPECT_EQ(pack_message(*back), packed);
    }
}

TEST(Pack, StoredHashIsNotTrusted) {
    auto m = test::sample_message();
    m.message_hash = Hash32{};
    m.message_hash[0] = 1;
    auto back = unpack_message_exact(pack_message(m));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->message_hash, format::message_hash(m));
    EXPECT_FALSE(check_message_hash(m));
    m.message_hash = Hash32{};
    EXPECT_TRUE(check_message_hash(m));
}

TEST(Pack, Uvar256Boundaries) {
    const U256 values[] = {U256{0},     U256{127},       U256{128}, U256{~0ULL}, U256{~0ULL} + U256{1},
                           U256::max(), U256::max() >> 1};
    for (const auto& v : values) {
        Bytes out;
        put_uvar256(out, v);
        EXPECT_EQ(out.size(), v.is_zero() ? 1u : (v.bit_length() + 6) / 7);
        ByteView in = out;
        auto back = get_uvar256(in);
        ASSERT_TRUE(back) << back.error().to_string();
        EXPECT_EQ(*back, v);
        EXPECT_TRUE(in.empty());
    }
    auto m = test::sample_message();
    m.source_chain_id = U256::max();
    m.nonce = U256::max() - U256{5};
    m.message_hash = format::message_hash(m);
    auto back = unpack_message_exact(pack_message(m));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, m);
}

TEST(Pack, Uvar256Rejects) {
    auto code = [](Bytes b) {
        ByteView in = b;
        auto r = get_uvar256(in);
        return r ? std::string_view{"ok"} : r.error().code;
    };
    EXPECT_EQ(code({0x80, 0x00}), errc::bad_varint);  // non-minimal
    EXPECT_EQ(code({0x80}), errc::truncated);
    EXPECT_EQ(code({}), errc::truncated);
    Bytes over(36, 0xFF);
    over.push_back(0x10);  // bit 256
    EXPECT_EQ(code(over), errc::bad_varint);
    Bytes longest(36, 0xFF);
    longest.push_back(0x0F);
    EXPECT_EQ(code(longest), "ok");
    Bytes too_long(37, 0x80);
    too_long.push_back(0x01);
    EXPECT_EQ(code(too_long), errc::bad_varint);
}

TEST(Pack, RejectsMalformed) {
    const Bytes good = pack_message(test::sample_message());
    auto code = [](ByteView b, const PackLimits& lim = {}) {
        auto r = unpack_message_exact(b, lim);
        return r ? std::string_view{"ok"} : r.error().code;
    };
    EXPECT_EQ(code(good), "ok");
    EXPECT_EQ(code({}), errc::truncated);
    Bytes v2 = good;
    v2[0] = 2;
    EXPECT_EQ(code(v2), errc::bad_version);
    for (std::size_t n = 1; n < good.size(); ++n)
        EXPECT_EQ(code(ByteView{good}.first(n)), errc::truncated) << "prefix " << n;
    Bytes trailing = good;
    trailing.push_back(0);
    EXPECT_EQ(code(trailing), errc::trailing_bytes);
    PackLimits small;
    small.max_payload = 31;
    EXPECT_EQ(code(good, small), errc::too_large);
    // A huge declared payload length is refused before any allocation.
    Bytes huge(good.begin(), good.begin() + 1 + 3 + 3 + 40 + 1);
    put_uvar256(huge, U256::max());
    EXPECT_EQ(code(huge), errc::too_large);
}

TEST(Pack, ConsumesOneMessageFromAStream) {
    Bytes stream;
    pack_message(stream, test::sample_message(1));
    pack_message(stream, test::sample_message(2, 3));
    ByteView in = stream;
    auto a = unpack_message(in);
    auto b = unpack_message(in);
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(in.empty());
    EXPECT_EQ(*a, test::sample_message(1));
    EXPECT_EQ(*b, test::sample_message(2, 3));
}

}  // namespace
}  // namespace luxl2::xrollup
