// The L2Block SSZ form: round trips over random blocks, strictness, limits, and the root agreeing
// with an independent computation through ssz::Value.
#include <gtest/gtest.h>

#include "luxl2/codec/ssz_value.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/detail/random_fill.hpp"
#include "luxl2/format/ssz_block.hpp"

using namespace luxl2;
using namespace luxl2::format;

TEST(SszBlock, RoundTripsRandomBlocks) {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        detail::RandomFill rng(seed);
        const L2Block b = rng.block(seed % 7);
        const auto bytes = ssz_encode_block(b);
        ASSERT_TRUE(bytes.has_value()) << bytes.error().to_string();
        const auto back = ssz_decode_block(*bytes);
        ASSERT_TRUE(back.has_value()) << "seed " << seed << ": " << back.error().to_string();
        EXPECT_TRUE(*back == b) << "seed " << seed;
        // The generic Value path agrees byte for byte, and the root from the struct equals the root of
        // the bytes.
        const auto v = ssz::decode(ssz_block_type(), *bytes);
        ASSERT_TRUE(v.has_value());
        EXPECT_EQ(*ssz::encode(ssz_block_type(), *v), *bytes);
        EXPECT_EQ(*ssz_block_root(b), *ssz_block_root(*bytes));
        // Through the encoding registry (the CLI's path).
        const auto via = encode_block(b, Encoding::kSsz);
        ASSERT_TRUE(via.has_value());
        EXPECT_EQ(*via, *bytes);
        EXPECT_TRUE(*decode_block(*via, Encoding::kSsz) == b);
    }
}

TEST(SszBlock, SchemaShape) {
    const ssz::Type& t = ssz_block_type();
    ASSERT_EQ(t.kind, ssz::Kind::container);
    ASSERT_EQ(t.fields.size(), 6u);
    EXPECT_EQ(t.fields[0].name, "header");
    EXPECT_EQ(t.fields[1].name, "transactions");
    EXPECT_EQ(t.fields[1].type->to_string(),
              "List[Container(txType: uint8, payload: List[uint8, 131072], signature: List[uint8, 65536], "
              "metadata: List[uint8, 65536]), 1048576]");
    EXPECT_EQ(t.fields[5].type->to_string(), "List[uint8, 16777216]");  // other byte strings: MAX_BYTES
    const ssz::Type& header = *t.fields[0].type;
    EXPECT_EQ(header.fields.back().name, "signature");
    EXPECT_EQ(header.fields[1].type->to_string(), "uint256");
}

TEST(SszBlock, RejectsNonCanonicalAndOversized) {
    detail::RandomFill rng(99);
    const L2Block b = rng.block(3);
    const Bytes bytes = *ssz_encode_block(b);
    // The block ends with a variable field (witness), so extra bytes would just be a longer witness;
    // a fixed-size struct shows the trailing-byte rule. Truncating into the fixed part fails.
    Bytes usage = *ssz_encode(ResourceUsage{});
    EXPECT_EQ(usage.size(), 160u);
    usage.push_back(0);
    EXPECT_EQ(ssz_decode<ResourceUsage>(usage).error().code, ssz::errc::size);
    EXPECT_EQ(ssz_decode_block(ByteView(bytes).first(10)).error().code, ssz::errc::size);
    Bytes bumped = bytes;
    bumped[0] = static_cast<std::uint8_t>(bumped[0] + 1);  // header offset (the first field is variable)
    EXPECT_EQ(ssz_decode_block(bumped).error().code, ssz::errc::offset);
    // Run-time limits apply before the values are built.
    Limits lim;
    lim.max_transactions = 2;
    EXPECT_EQ(ssz_decode_block(bytes, lim).error().code, errc::too_large);
    lim = {};
    lim.max_bytes = bytes.size() - 1;
    EXPECT_EQ(ssz_decode_block(bytes, lim).error().code, errc::too_large);
    // A byte string over the schema's limit cannot be encoded.
    L2Block big = b;
    big.witness.assign(kSszMaxBytes + 1, 0);
    EXPECT_EQ(ssz_encode_block(big).error().code, ssz::errc::limit);
}

TEST(SszBlock, BalanceDeltaMinusZeroIsRejected) {
    AccountDelta d;
    d.balance_delta.negative = false;
    d.balance_delta.magnitude = U256(5);
    Bytes bytes = *ssz_encode(d);
    // AccountDelta: account (20) then balanceDelta (uint256, zigzag: 10).
    EXPECT_EQ(bytes[20], 10);
    bytes[20] = 1;  // zigzag 1 = -0
    EXPECT_FALSE(ssz_decode<AccountDelta>(bytes).has_value());
    bytes[20] = 11;
    const auto neg = ssz_decode<AccountDelta>(bytes);
    ASSERT_TRUE(neg.has_value());
    EXPECT_TRUE(neg->balance_delta.negative);
    EXPECT_EQ(neg->balance_delta.magnitude, U256(5));
}
