// Hex text <-> bytes: prefixes, case, odd length and bad digits.
#include "luxl2/core/hex.hpp"

#include <gtest/gtest.h>

#include <random>

#include "testing.hpp"

namespace luxl2 {
namespace {

using namespace luxl2::literals;

TEST(Hex, Encode) {
    EXPECT_EQ(to_hex(Bytes{}), "0x");
    EXPECT_EQ(to_hex(Bytes{}, false), "");
    EXPECT_EQ(to_hex(Bytes{0x00, 0x0f, 0xa0, 0xff}), "0x000fa0ff");
    EXPECT_EQ(to_hex(Bytes{0xde, 0xad}, false), "dead");
    Address a;
    a[19] = 1;
    EXPECT_EQ(to_hex(a), "0x0000000000000000000000000000000000000001");
}

TEST(Hex, DecodeWithAndWithoutPrefix) {
    EXPECT_EQ(*from_hex("0xdeadBEEF"), (Bytes{0xde, 0xad, 0xbe, 0xef}));
    EXPECT_EQ(*from_hex("0XDEADbeef"), (Bytes{0xde, 0xad, 0xbe, 0xef}));
    EXPECT_EQ(*from_hex("deadbeef"), (Bytes{0xde, 0xad, 0xbe, 0xef}));
    EXPECT_EQ(*from_hex(""), Bytes{});
    EXPECT_EQ(*from_hex("0x"), Bytes{});
    EXPECT_EQ(*from_hex("00"), Bytes{0});
    EXPECT_EQ("0x0102"_hex, (Bytes{1, 2}));
}

TEST(Hex, RoundTripRandom) {
    std::mt19937_64 g(1);
    for (int i = 0; i < 2000; ++i) {
        Bytes b(g() % 100);
        for (auto& x : b) x = static_cast<std::uint8_t>(g());
        ASSERT_EQ(*from_hex(to_hex(b)), b);
        ASSERT_EQ(*from_hex(to_hex(b, false)), b);
    }
}

TEST(Hex, RejectsMalformed) {
    const char* bad[] = {"0",   "0x0",    "abc", "0xabc", "0xgg", "zz",   "0x 1", " 01",
                         "01 ", "0x0x01", "x01", "1x01",  "+1",   "0y12", "0xé",  "-1"};
    for (const char* s : bad) {
        const auto r = from_hex(s);
        ASSERT_FALSE(r.has_value()) << '"' << s << '"';
        EXPECT_EQ(luxl2::testing::error_code(r), "hex.invalid") << '"' << s << '"';
        EXPECT_FALSE(r.error().message.empty());
    }
    // A NUL byte inside the view is a bad digit, not a terminator.
    EXPECT_FALSE(from_hex(std::string_view("0a\0b", 4)).has_value());
}

TEST(Hex, Fixed) {
    const auto h = from_hex_fixed<4>("0x01020304");
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ((*h)[3], 4);
    EXPECT_EQ(luxl2::testing::error_code(from_hex_fixed<4>("0x010203")), "hex.invalid_length");
    EXPECT_EQ(luxl2::testing::error_code(from_hex_fixed<4>("0x0102030405")), "hex.invalid_length");
    EXPECT_EQ(luxl2::testing::error_code(from_hex_fixed<4>("0x010203g4")), "hex.invalid");
    EXPECT_EQ(to_hex(*from_hex_fixed<20>("0x" + std::string(40, 'A'))), "0x" + std::string(40, 'a'));
}

}  // namespace
}  // namespace luxl2
