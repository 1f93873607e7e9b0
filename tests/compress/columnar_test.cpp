#include <gtest/gtest.h>

#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "testing.hpp"

namespace luxl2::compress {
namespace {

std::vector<Bytes> mainnet_txs(bool transfers_only = false) {
    const auto text = testing::read_text(testing::data_dir() / "eth-mainnet/derived/mainnet_txs.csv");
    auto corpus = parse_tx_corpus(text);
    EXPECT_TRUE(corpus) << corpus.error().to_string();
    std::vector<Bytes> out;
    for (auto& t : *corpus)
        if (!transfers_only || is_plain_transfer(t.raw)) out.push_back(std::move(t.raw));
    return out;
}

TEST(Columnar, RealMainnetRoundTripsByteForByte) {
    const auto txs = mainnet_txs();
    ASSERT_EQ(txs.size(), 3542u);
    ColumnarStats stats;
    auto enc = encode_columnar(txs, {}, {}, &stats);
    ASSERT_TRUE(enc) << enc.error().to_string();
    std::size_t raw = 0;
    for (const auto& t : txs) raw += t.size();
    std::printf("raw %zu -> %zu (fallback %zu)\n", raw, enc->size(), stats.fallback_txs);
    for (const auto& c : stats.columns) std::printf("  %-14s %9zu -> %9zu codec %u\n", std::string(c.name).c_str(), c.raw_bytes, c.stored_bytes, unsigned(c.codec));
    auto dec = decode_columnar(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    ASSERT_EQ(dec->raw.size(), txs.size());
    for (std::size_t i = 0; i < txs.size(); ++i) ASSERT_EQ(dec->raw[i], txs[i]) << i;
}

}  // namespace
}  // namespace luxl2::compress
