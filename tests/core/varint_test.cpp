// LEB128 varints: round trips, exact encodings, and strict rejection of truncated, over-long and
// non-minimal forms.
#include <gtest/gtest.h>

#include <random>

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace luxl2 {
namespace {

using namespace luxl2::literals;

TEST(Varint, KnownEncodings) {
    struct Case {
        std::uint64_t v;
        Bytes enc;
    };
    const Case cases[] = {
        {0, "00"_hex},
        {1, "01"_hex},
        {127, "7f"_hex},
        {128, "8001"_hex},
        {300, "ac02"_hex},
        {16383, "ff7f"_hex},
        {16384, "808001"_hex},
        {0xffffffffULL, "ffffffff0f"_hex},
        {~0ULL, "ffffffffffffffffff01"_hex},
        {1ULL << 63, "80808080808080808001"_hex},
    };
    for (const auto& c : cases) {
        Bytes out;
        put_varint(out, c.v);
        EXPECT_EQ(out, c.enc) << c.v;
        ByteView in = c.enc;
        const auto r = get_varint(in);
        ASSERT_TRUE(r.has_value()) << c.v;
        EXPECT_EQ(*r, c.v);
        EXPECT_TRUE(in.empty());
    }
}

TEST(Varint, ConsumesOnlyItsBytes) {
    const Bytes b = "ac02ff"_hex;
    ByteView in = b;
    EXPECT_EQ(*get_varint(in), 300u);
    ASSERT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0], 0xff);
}

TEST(Varint, RoundTripRandom) {
    std::mt19937_64 g(3);
    Bytes stream;
    std::vector<std::uint64_t> values;
    for (int i = 0; i < 10000; ++i) {
        const std::uint64_t v = g() >> (g() % 64);
        values.push_back(v);
        put_varint(stream, v);
    }
    ByteView in = stream;
    for (std::uint64_t v : values) {
        const auto r = get_varint(in);
        ASSERT_TRUE(r.has_value());
        ASSERT_EQ(*r, v);
    }
    EXPECT_TRUE(in.empty());
}

TEST(Varint, RejectsMalformed) {
    const Bytes bad[] = {
        Bytes{},   // empty
        "80"_hex,  // truncated
        "ff"_hex,
        "ffff"_hex,                    // truncated
        "8000"_hex,                    // non-minimal: 0 in two bytes
        "ff00"_hex,                    // non-minimal: final zero continuation
        "808000"_hex,                  //
        "ffffffffffffffffff02"_hex,    // 65 bits
        "ffffffffffffffffff7f"_hex,    // > 64 bits
        "ffffffffffffffffff81"_hex,    // continuation past 10 bytes
        "8080808080808080808001"_hex,  // 11 bytes
    };
    for (const Bytes& b : bad) {
        ByteView in = b;
        const auto r = get_varint(in);
        ASSERT_FALSE(r.has_value()) << to_hex(b);
        EXPECT_EQ(luxl2::testing::error_code(r), "varint.invalid") << to_hex(b);
        EXPECT_EQ(in.size(), b.size()) << "a failed read consumes nothing";
    }
}

}  // namespace
}  // namespace luxl2
