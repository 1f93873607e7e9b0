// Decoders reject malformed and non-canonical input with a typed error naming field and offset.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/testing.hpp"

namespace luxl2::format {
namespace {

bool has(const Error& e, std::string_view s) { return e.message.find(s) != std::string::npos; }

TEST(StrictRlp, RejectsTrailingBytesAndTruncation) {
    const auto b = testing::random_block(5, 6);
    Bytes bytes = rlp_encode(b);
    Bytes longer = bytes;
    longer.push_back(0);
    auto r = rlp_decode<L2Block>(longer);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::trailing_bytes);
    EXPECT_TRUE(has(r.error(), "at byte " + std::to_string(bytes.size()))) << r.error().message;
    for (std::size_t cut : {std::size_t{0}, std::size_t{1}, bytes.size() / 2, bytes.size() - 1})
        EXPECT_FALSE(rlp_decode<L2Block>(ByteView(bytes).first(cut)));
}

TEST(StrictRlp, NamesTheFieldPath) {
    BlockHeader h;
    h.gas_used = U256(5);
    Bytes bytes = rlp_encode(h);
    // The header list is longer than 55 bytes: 0xf8 LEN, then the fields; gasUsed is the only 0x05.
    ASSERT_EQ(bytes[0], 0xf8);
    const auto pos = std::find(bytes.begin() + 2, bytes.end(), std::uint8_t{0x05}) - bytes.begin();
    Bytes bad = bytes;
    // Replace the single byte 0x05 by the non-canonical 0x81 0x05 (and fix the list length).
    bad.insert(bad.begin() + pos, 0x81);
    bad[1] = static_cast<std::uint8_t>(bad[1] + 1);
    auto r = rlp_decode<BlockHeader>(bad);
    ASSERT_FALSE(r);
    EXPECT_TRUE(has(r.error(), "gasUsed at byte " + std::to_string(pos))) << r.error().message;
}

TEST(StrictRlp, ChecksLimitsBeforeAllocating) {
    const auto b = testing::random_block(6, 20);
    const Bytes bytes = rlp_encode(b);
    Limits lim;
    lim.max_transactions = 19;
    auto r = rlp_decode<L2Block>(bytes, lim);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::too_large);
    EXPECT_TRUE(has(r.error(), "transactions at byte")) << r.error().message;
    lim = Limits{};
    lim.max_bytes = bytes.size() - 1;
    EXPECT_EQ(rlp_decode<L2Block>(bytes, lim).error().code, errc::too_large);
}

TEST(StrictBinary, RejectsDefaultValuesMarkedPresent) {
    ResourceUsage u;
    u.cpu_cycles = U256(7);
    Bytes bytes = binary_encode(u);
    ASSERT_EQ(bytes, (Bytes{0x01, 0x07}));
    // Mark gpuUtilization present with value 0.
    Bytes bad{0x03, 0x07, 0x00};
    auto r = binary_decode<ResourceUsage>(bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::non_canonical);
    EXPECT_TRUE(has(r.error(), "gpuUtilization at byte 2")) << r.error().message;
    // A bit for a field ResourceUsage does not have.
    EXPECT_EQ(binary_decode<ResourceUsage>(Bytes{0x21, 0x07}).error().code, errc::malformed);
    // Integers: 7 is one byte; the long forms of small values and leading zeros are rejected.
    EXPECT_EQ(binary_decode<ResourceUsage>(Bytes{0x01, 0xE0, 0x07}).error().code, errc::non_canonical);
    EXPECT_EQ(binary_decode<ResourceUsage>(Bytes{0x01, 0xE1, 0x00, 0xff}).error().code, errc::non_canonical);
    EXPECT_EQ(*binary_decode<ResourceUsage>(Bytes{0x01, 0xE0, 0xE0}), (ResourceUsage{U256(0xE0), {}, {}, {}, {}}));
    EXPECT_EQ(binary_decode<ResourceUsage>(Bytes{0x01, 0xE1, 0x01}).error().code, errc::truncated);
}

TEST(StrictBinary, RejectsCountsBeyondTheInput) {
    StorageDelta d;
    d.keys.resize(1);
    Bytes bytes = binary_encode(d);  // bitmap 0x02, count 1, 32 bytes
    ASSERT_EQ(bytes.size(), 1u + 1 + 32);
    bytes[1] = 0x7f;  // claims 127 keys
    auto r = binary_decode<StorageDelta>(bytes);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::truncated);
    EXPECT_TRUE(has(r.error(), "keys at byte 1")) << r.error().message;
}

TEST(StrictProtobuf, RejectsUnknownAndDuplicateFields) {
    const auto b = testing::random_block(8, 4);
    Bytes bytes = protobuf_encode(b);
    ASSERT_TRUE(protobuf_decode<L2Block>(bytes));
    Bytes unknown = bytes;
    unknown.insert(unknown.end(), {0xf8, 0x01, 0x01});  // field 31, varint 1
    EXPECT_EQ(protobuf_decode<L2Block>(unknown).error().code, errc::non_canonical);
    Bytes dup = bytes;
    dup.insert(dup.end(), {0x32, 0x01, 0xaa});  // witness (6) again
    EXPECT_EQ(protobuf_decode<L2Block>(dup).error().code, errc::non_canonical);
    Bytes garbage{0xff, 0xff, 0xff};
    EXPECT_EQ(protobuf_decode<L2Block>(garbage).error().code, errc::malformed);
}

TEST(StrictProtobuf, NamesTheField) {
    // parent_hash (field 3) of 2 bytes instead of 32.
    Bytes bad = {0x08, 0x01, 0x1a, 0x02, 0xaa, 0xbb};
    auto r = protobuf_decode<BlockHeader>(bad);
    ASSERT_FALSE(r);
    EXPECT_TRUE(has(r.error(), "parentHash")) << r.error().message;
}

TEST(StrictJson, RejectsUnknownKeysAndLeadingZeros) {
    auto r = from_json_text<ResourceUsage>(R"({"cpuCycles":"0x01"})");
    ASSERT_FALSE(r);
    EXPECT_TRUE(has(r.error(), "cpuCycles")) << r.error().message;
    EXPECT_FALSE(from_json_text<ResourceUsage>(R"({"cpuCycle":"0x1"})"));
    EXPECT_FALSE(from_json_text<ResourceUsage>(R"({"cpuCycles":"0xA"})"));
    EXPECT_TRUE(from_json_text<ResourceUsage>(R"({"cpuCycles":"0xa"})"));
    auto syntax = from_json_text<ResourceUsage>(R"({"cpuCycles": )");
    ASSERT_FALSE(syntax);
    EXPECT_TRUE(has(syntax.error(), "at byte")) << syntax.error().message;
    // Missing keys take defaults (older writers).
    auto partial = from_json_text<ResourceUsage>(R"({"memoryPeak":"0x10"})");
    ASSERT_TRUE(partial);
    EXPECT_EQ(partial->memory_peak, U256(16));
}

TEST(BalanceDeltaForm, ZigzagAndCanonicalForms) {
    EXPECT_EQ(BalanceDelta::make(false, U256(5))->zigzag(), U256(10));
    EXPECT_EQ(BalanceDelta::make(true, U256(5))->zigzag(), U256(11));
    EXPECT_FALSE(BalanceDelta::make(true, U256(0)));
    EXPECT_FALSE(BalanceDelta::from_zigzag(U256(1)));
    EXPECT_FALSE(BalanceDelta::make(false, BalanceDelta::kMaxMagnitude + U256(1)));
    const auto max_neg = *BalanceDelta::make(true, BalanceDelta::kMaxMagnitude);
    EXPECT_EQ(max_neg.zigzag(), U256::max());
    EXPECT_EQ(*BalanceDelta::from_zigzag(U256::max()), max_neg);
    EXPECT_EQ(BalanceDelta::make(true, U256(31))->to_hex(), "-0x1f");
    EXPECT_EQ(*BalanceDelta::from_hex("-0x1f"), *BalanceDelta::make(true, U256(31)));
    EXPECT_FALSE(BalanceDelta::from_hex("-0x0"));
    EXPECT_FALSE(BalanceDelta::from_hex("0x01"));
    // RLP carries the zigzag integer: -1 is 3 = 0x03.
    AccountDelta d;
    d.balance_delta = *BalanceDelta::make(true, U256(1));
    const Bytes rlp = rlp_encode(d);
    ASSERT_EQ(rlp[0], 0xf8);  // a 56-byte payload: long-form list header
    EXPECT_EQ(rlp[2 + 21], 0x03);
}

}  // namespace
}  // namespace luxl2::format
