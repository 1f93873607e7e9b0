// RLP against ethereum/tests RLPTests (valid: encode `in` to `out` and decode back; invalid: rejected),
// and a table of malformed inputs, one per strictness rule, each with its own error code.
#include "luxl2/codec/rlp.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace luxl2::rlp {
namespace {

using namespace luxl2::literals;
using nlohmann::json;

// Minimal big-endian bytes of a non-negative decimal of any size (the "#bigint" values go past 2^256).
Bytes decimal_to_be(std::string digits) {
    Bytes le;
    while (!(digits.empty() || (digits.size() == 1 && digits[0] == '0'))) {
        // digits /= 256, collecting the remainder.
        std::string q;
        unsigned rem = 0;
        for (char c : digits) {
            rem = rem * 10 + static_cast<unsigned>(c - '0');
            if (!q.empty() || rem >= 256) q.push_back(static_cast<char>('0' + rem / 256));
            rem %= 256;
        }
        le.push_back(static_cast<std::uint8_t>(rem));
        digits = q;
    }
    return Bytes(le.rbegin(), le.rend());
}

// The Item a test's `in` value denotes: strings are their bytes, integers are minimal big-endian
// strings, "#<decimal>" is a big integer, arrays are lists.
Item to_item(const json& in) {
    Item it;
    if (in.is_array()) {
        it.is_list = true;
        for (const auto& x : in) it.items.push_back(to_item(x));
    } else if (in.is_number_unsigned() || in.is_number_integer()) {
        it.bytes = U256(in.get<std::uint64_t>()).to_be_trimmed();
    } else {
        const std::string s = in.get<std::string>();
        if (!s.empty() && s[0] == '#')
            it.bytes = decimal_to_be(s.substr(1));
        else
            it.bytes.assign(s.begin(), s.end());
    }
    return it;
}

TEST(RlpTests, Valid) {
    const auto j =
        luxl2::testing::read_json(luxl2::testing::data_dir() / "ethereum-tests" / "RLPTests" / "rlptest.json");
    int n = 0;
    for (const auto& [name, t] : j.items()) {
        const auto out = from_hex(t.at("out").get<std::string>());
        ASSERT_TRUE(out.has_value()) << name;
        const Item item = to_item(t.at("in"));
        Bytes enc;
        encode(enc, item);
        EXPECT_EQ(to_hex(enc), to_hex(*out)) << name;
        const auto dec = decode_item(*out);
        ASSERT_TRUE(dec.has_value()) << name << ": " << dec.error().to_string();
        EXPECT_EQ(*dec, item) << name;
        // Integers also go through the integer codecs.
        if (t.at("in").is_number()) {
            const std::uint64_t v = t.at("in").get<std::uint64_t>();
            Bytes e;
            encode(e, v);
            EXPECT_EQ(e, *out) << name;
            EXPECT_EQ(length(v), out->size()) << name;
            ByteView in = *out;
            EXPECT_EQ(*decode_uint64(in), v) << name;
            Bytes e256;
            encode(e256, U256(v));
            EXPECT_EQ(e256, *out) << name;
        } else if (t.at("in").is_string() && t.at("in").get<std::string>().rfind('#', 0) == 0 &&
                   item.bytes.size() <= 32) {
            const U256 v = *U256::from_string(t.at("in").get<std::string>().substr(1));
            Bytes e;
            encode(e, v);
            EXPECT_EQ(e, *out) << name;
            EXPECT_EQ(length(v), out->size()) << name;
            ByteView in = *out;
            EXPECT_EQ(*decode_u256(in), v) << name;
        }
        ++n;
    }
    EXPECT_EQ(n, 28);
    std::printf("rlptest.json: %d valid cases\n", n);
}

TEST(RlpTests, Invalid) {
    const auto j =
        luxl2::testing::read_json(luxl2::testing::data_dir() / "ethereum-tests" / "RLPTests" / "invalidRLPTest.json");
    int n = 0;
    for (const auto& [name, t] : j.items()) {
        EXPECT_EQ(t.at("in"), "INVALID") << name;
        const auto out = from_hex(t.at("out").get<std::string>());
        ASSERT_TRUE(out.has_value()) << name;
        const auto dec = decode_item(*out);
        EXPECT_FALSE(dec.has_value()) << name;
        if (!dec) {
            EXPECT_FALSE(dec.error().message.empty());
        }
        ++n;
    }
    EXPECT_EQ(n, 26);
    std::printf("invalidRLPTest.json: %d invalid cases rejected\n", n);
}

TEST(RlpTests, RandomValid) {
    const auto j = luxl2::testing::read_json(luxl2::testing::data_dir() / "ethereum-tests" / "RLPTests" /
                                             "RandomRLPTests" / "example.json");
    ASSERT_FALSE(j.empty());
    for (const auto& [name, t] : j.items()) {
        EXPECT_EQ(t.at("in"), "VALID");
        const auto out = from_hex(t.at("out").get<std::string>());
        ASSERT_TRUE(out.has_value());
        const auto dec = decode_item(*out);
        ASSERT_TRUE(dec.has_value()) << name;
        Bytes enc;
        encode(enc, *dec);
        EXPECT_EQ(enc, *out) << name;
    }
}

// One strictness rule per row, each with its own error code.
struct Malformed {
    const char* what;
    const char* hex;
    std::string_view code;
};

TEST(RlpStrict, DecodeItemErrorCodes) {
    const std::string long64(128, '1');  // 64 payload bytes
    const std::string s_b90040 = "b90040" + long64;
    const std::string s_f90040 = "f90040" + long64;
    const Malformed cases[] = {
        {"empty input", "", errc::input_too_short},
        {"leading zero in a string length", s_b90040.c_str(), errc::leading_zero},
        {"leading zero in a list length", s_f90040.c_str(), errc::leading_zero},
        {"leading zero, length of length 1", "b800", errc::leading_zero},
        {"long form for a 1-byte string", "b801ff", errc::non_canonical_size},
        {"long form for a 55-byte string", "b837", errc::non_canonical_size},
        {"long form for a short list", "f803112233", errc::non_canonical_size},
        {"single byte 0x00 wrapped", "8100", errc::non_canonical_single_byte},
        {"single byte 0x7f wrapped", "817f", errc::non_canonical_single_byte},
        {"wrapped single byte inside a list", "c28101", errc::non_canonical_single_byte},
        {"trailing byte after a string", "8180ff", errc::trailing_bytes},
        {"trailing item after a list", "c0c0", errc::trailing_bytes},
        {"trailing byte after a single byte", "0102", errc::trailing_bytes},
        {"string past the input", "83646f", errc::input_too_short},
        {"list past the input", "c5010203", errc::input_too_short},
        {"length prefix past the input", "b9", errc::input_too_short},
        {"long length past the input", "ba010000aabbccddeeff", errc::input_too_short},
        {"8-byte string length of 2^64-1", "bfffffffffffffffff00", errc::overflow},
        {"8-byte list length of 2^63", "ff800000000000000000", errc::overflow},
        {"8-byte length of 2^63-1 past the input", "bf7fffffffffffffff00", errc::input_too_short},
        {"8-byte list length past the input", "ff0f000000000000021111", errc::input_too_short},
        {"item overruns its list", "c2830102", errc::list_length_mismatch},
        {"nested item overruns its list", "c4c28301020304", errc::list_length_mismatch},
    };
    for (const auto& c : cases) {
        const auto in = from_hex(c.hex);
        ASSERT_TRUE(in.has_value()) << c.what;
        const auto r = decode_item(*in);
        ASSERT_FALSE(r.has_value()) << c.what;
        EXPECT_EQ(luxl2::testing::error_code(r), c.code) << c.what << ": " << r.error().to_string();
    }
}

TEST(RlpStrict, IntegerRules) {
    struct IntCase {
        const char* what;
        Bytes in;
        std::string_view code;
    };
    const IntCase cases[] = {
        {"leading zero in a 2-byte integer", "820001"_hex, errc::leading_zero},
        {"zero encoded as 0x00", "00"_hex, errc::leading_zero},
        {"9-byte integer", "89010000000000000000"_hex, errc::overflow},
        {"list as an integer", "c0"_hex, errc::unexpected_list},
        {"wrapped single byte", "8105"_hex, errc::non_canonical_single_byte},
    };
    for (const auto& c : cases) {
        ByteView in = c.in;
        const auto r = decode_uint64(in);
        ASSERT_FALSE(r.has_value()) << c.what;
        EXPECT_EQ(luxl2::testing::error_code(r), c.code) << c.what;
    }
    Bytes b33 = {0xa1, 0x01};
    b33.resize(34, 0);
    ByteView in = b33;
    EXPECT_EQ(luxl2::testing::error_code(decode_u256(in)), errc::overflow);
    Bytes b32z = {0xa0, 0x00};
    b32z.resize(33, 1);
    in = b32z;
    EXPECT_EQ(luxl2::testing::error_code(decode_u256(in)), errc::leading_zero);
    Bytes max = {0xa0};
    max.resize(33, 0xff);
    in = max;
    EXPECT_EQ(*decode_u256(in), U256::max());
    EXPECT_TRUE(in.empty());
    const Bytes u64max = "88ffffffffffffffff"_hex;
    in = u64max;
    EXPECT_EQ(*decode_uint64(in), ~std::uint64_t{0});

    const Bytes str = "83646f67"_hex;
    in = str;
    EXPECT_EQ(luxl2::testing::error_code(decode_list(in)), errc::unexpected_string);
    const Bytes lst = "c0"_hex;
    in = lst;
    EXPECT_EQ(luxl2::testing::error_code(decode_string(in)), errc::unexpected_list);
    in = str;
    EXPECT_EQ(luxl2::testing::error_code(decode_fixed<4>(in)), errc::unexpected_length);
    in = str;
    EXPECT_EQ(to_hex(*decode_fixed<3>(in)), "0x646f67");
}

TEST(RlpStrict, Limits) {
    // Depth: 4 nested lists pass with max_depth 4, 5 do not.
    Limits lim;
    lim.max_depth = 4;
    EXPECT_TRUE(decode_item("c3c2c1c0"_hex, lim).has_value());
    EXPECT_EQ(luxl2::testing::error_code(decode_item("c4c3c2c1c0"_hex, lim)), errc::too_deep);
    // Deep nesting under the default limit fails cleanly instead of exhausting the stack.
    Bytes deep(100000, 0xc0);  // 100000 empty lists in a row...
    Bytes nested;
    {
        // ...and 10000 lists nested inside each other, built from the inside out.
        Item it;
        it.is_list = true;
        for (int i = 0; i < 10000; ++i) {
            Item outer;
            outer.is_list = true;
            outer.items.push_back(std::move(it));
            it = std::move(outer);
        }
        encode(nested, it);
    }
    EXPECT_EQ(luxl2::testing::error_code(decode_item(nested)), errc::too_deep);
    EXPECT_EQ(luxl2::testing::error_code(decode_item(deep)), errc::trailing_bytes);

    // Items per list.
    lim = Limits{};
    lim.max_items = 3;
    EXPECT_TRUE(decode_item("c3010203"_hex, lim).has_value());
    EXPECT_EQ(luxl2::testing::error_code(decode_item("c401020304"_hex, lim)), errc::too_large);
    // Whole input.
    lim = Limits{};
    lim.max_bytes = 4;
    EXPECT_TRUE(decode_item("83646f67"_hex, lim).has_value());
    EXPECT_EQ(luxl2::testing::error_code(decode_item("c401020304"_hex, lim)), errc::too_large);
}

TEST(Rlp, HeaderAndLengths) {
    for (std::size_t n : {0u, 1u, 55u, 56u, 255u, 256u, 65535u, 65536u, 1u << 24}) {
        Bytes h;
        encode_header(h, {true, n});
        EXPECT_EQ(h.size(), header_length(n)) << n;
        Bytes payload(n, 0x11);
        Bytes enc;
        encode(enc, ByteView(payload));
        EXPECT_EQ(enc.size(), length(ByteView(payload))) << n;
        ByteView in = enc;
        const auto s = decode_string(in);
        ASSERT_TRUE(s.has_value()) << n;
        EXPECT_EQ(s->size(), n);
        EXPECT_TRUE(in.empty());
    }
    Bytes one;
    encode(one, "05"_hex);
    EXPECT_EQ(one, "05"_hex);
    Bytes big;
    encode(big, "80"_hex);
    EXPECT_EQ(big, "8180"_hex);
    EXPECT_EQ(length(U256::max()), 33u);
    EXPECT_EQ(length(U256(0)), 1u);
    EXPECT_EQ(length(std::uint64_t{0x80}), 2u);
}

}  // namespace
}  // namespace luxl2::rlp
