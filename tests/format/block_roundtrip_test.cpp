// Property tests: every encoding of random blocks decodes to an equal value and re-encodes to the
// same bytes; the encodings agree with each other; the binary form is the smallest.
#include <gtest/gtest.h>

#include "luxl2/format/codec.hpp"
#include "luxl2/format/testing.hpp"
#include "luxl2/format/validate.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

const testing::EthSample& mainnet_sample() {
    static const testing::EthSample sample = [] {
        const auto text = luxl2::testing::read_text(luxl2::testing::data_dir() / "eth-mainnet/derived/mainnet_txs.csv");
        auto s = testing::parse_eth_sample_csv(text);
        if (!s) throw std::runtime_error(s.error().to_string());
        return *s;
    }();
    return sample;
}

constexpr Encoding kBinaryEncodings[] = {Encoding::kRlp, Encoding::kProtobuf, Encoding::kBinary, Encoding::kCanonical};

void check_round_trips(const L2Block& b) {
    for (auto e : kBinaryEncodings) {
        SCOPED_TRACE(std::string(encoding_name(e)));
        auto bytes = encode_block(b, e);
        ASSERT_TRUE(bytes) << bytes.error().to_string();
        auto back = decode_block(*bytes, e);
        ASSERT_TRUE(back) << back.error().to_string();
        EXPECT_EQ(*back, b);
        auto again = encode_block(*back, e);
        ASSERT_TRUE(again);
        EXPECT_EQ(*again, *bytes);
    }
    const std::string text = to_json(b).dump();
    auto from = from_json_text<L2Block>(text);
    ASSERT_TRUE(from) << from.error().to_string();
    EXPECT_EQ(*from, b);
    EXPECT_EQ(to_json(*from).dump(), text);
}

TEST(BlockRoundTrip, SynthesisedBlocksOverManySeeds) {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        SCOPED_TRACE(seed);
        const auto b = testing::random_block(seed, seed % 23);
        ASSERT_TRUE(validate(b)) << validate(b).error().to_string();
        check_round_trips(b);
    }
}

TEST(BlockRoundTrip, MainnetSampleBlocks) {
    const auto& sample = mainnet_sample();
    ASSERT_GT(sample.txs.size(), 3000u);
    for (std::uint64_t seed = 100; seed < 110; ++seed) {
        SCOPED_TRACE(seed);
        const auto b = testing::random_block(seed, 200, &sample);
        ASSERT_EQ(b.transactions.size(), 200u);
        ASSERT_TRUE(validate(b)) << validate(b).error().to_string();
        check_round_trips(b);
    }
}

TEST(BlockRoundTrip, EmptyAndDefaultBlocks) {
    check_round_trips(L2Block{});
    check_round_trips(testing::random_block(7, 0));
}

TEST(BlockRoundTrip, GeneratorIsDeterministic) {
    EXPECT_EQ(testing::random_block(42, 30), testing::random_block(42, 30));
    EXPECT_NE(testing::random_block(42, 30), testing::random_block(43, 30));
}

TEST(BlockRoundTrip, EncodingsAgreeAcrossConversions) {
    const auto b = testing::random_block(9, 40, &mainnet_sample());
    const Bytes rlp = rlp_encode(b);
    const Bytes bin = binary_encode(b);
    const Bytes pb = protobuf_encode(b);
    // rlp -> value -> binary -> value -> protobuf gives the same bytes as direct encoding.
    auto v1 = rlp_decode<L2Block>(rlp);
    ASSERT_TRUE(v1);
    EXPECT_EQ(binary_encode(*v1), bin);
    auto v2 = binary_decode<L2Block>(bin);
    ASSERT_TRUE(v2);
    EXPECT_EQ(protobuf_encode(*v2), pb);
    auto v3 = protobuf_decode<L2Block>(pb);
    ASSERT_TRUE(v3);
    EXPECT_EQ(rlp_encode(*v3), rlp);
    EXPECT_EQ(canonical_encode(b), rlp);
}

TEST(BlockSizes, BinaryIsTheSmallestOnEveryCorpus) {
    struct Corpus {
        const char* name;
        L2Block block;
    };
    std::vector<Corpus> corpora;
    corpora.push_back({"empty", L2Block{}});
    corpora.push_back({"synthetic-10", testing::random_block(1, 10)});
    corpora.push_back({"synthetic-200", testing::random_block(2, 200)});
    corpora.push_back({"mainnet-100", testing::random_block(3, 100, &mainnet_sample())});
    corpora.push_back({"mainnet-1000", testing::random_block(4, 1000, &mainnet_sample())});
    for (const auto& c : corpora) {
        SCOPED_TRACE(c.name);
        const auto bin = binary_encode(c.block).size();
        EXPECT_LT(bin, rlp_encode(c.block).size());
        EXPECT_LT(bin, protobuf_encode(c.block).size());
        if (ssz_hooks().encode != nullptr) {
            const auto ssz = ssz_hooks().encode(c.block);
            ASSERT_TRUE(ssz.has_value());
            EXPECT_LT(bin, ssz->size());
        }
    }
}

}  // namespace
}  // namespace luxl2::format
