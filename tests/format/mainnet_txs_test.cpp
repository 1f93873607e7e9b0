// The 3,542 real mainnet transactions of ../shared/data/eth-mainnet/derived/mainnet_txs.csv: each
// decodes, re-encodes to the same bytes, hashes to the CSV's tx_hash, recovers a sender and passes
// validate_transaction under the fork of its block; types 0-2 survive a JSON round trip.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/transaction_json.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

struct Row {
    std::uint64_t block = 0;
    unsigned type = 0;
    std::string hash;
    Bytes raw;
};

std::vector<Row> load_rows() {
    // The raw_tx_hex field reaches 257 KB, so read whole lines (no quoting in this file: hex and digits only).
    std::istringstream in(
        luxl2::testing::read_text(luxl2::testing::data_dir() / "eth-mainnet" / "derived" / "mainnet_txs.csv"));
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "block_number,tx_index,tx_type,tx_hash,raw_tx_hex");
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        std::vector<std::string> f;
        std::size_t start = 0;
        for (std::size_t pos; (pos = line.find(',', start)) != std::string::npos; start = pos + 1)
            f.push_back(line.substr(start, pos - start));
        f.push_back(line.substr(start));
        EXPECT_EQ(f.size(), 5u) << "line " << rows.size() + 2;
        if (f.size() != 5) continue;
        auto raw = from_hex(f[4]);
        EXPECT_TRUE(raw.has_value()) << "line " << rows.size() + 2;
        rows.push_back({std::stoull(f[0]), static_cast<unsigned>(std::stoul(f[2])), f[3], raw ? *raw : Bytes{}});
    }
    return rows;
}

// Mainnet activation blocks of the forks that change transaction rules.
Fork mainnet_fork(std::uint64_t block) {
    static const std::pair<std::uint64_t, Fork> kForks[] = {
        {22431084, Fork::kPrague},   {19426587, Fork::kCancun},
        {17034870, Fork::kShanghai}, {15537394, Fork::kParis},
        {12965000, Fork::kLondon},   {12244000, Fork::kBerlin},
        {9069000, Fork::kIstanbul},  {7280000, Fork::kConstantinopleFix},
        {4370000, Fork::kByzantium}, {2675000, Fork::kEIP158},
        {2463000, Fork::kEIP150},    {1150000, Fork::kHomestead},
    };
    for (const auto& [first, fork] : kForks)
        if (block >= first) return fork;
    return Fork::kFrontier;
}

TEST(MainnetTxs, DecodeEncodeHashRecoverValidate) {
    const auto rows = load_rows();
    ASSERT_EQ(rows.size(), 3542u);
    std::map<unsigned, int> by_type;
    std::size_t bytes = 0;
    int pre155 = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& row = rows[i];
        const auto tx = decode_transaction(row.raw);
        ASSERT_TRUE(tx.has_value()) << "row " << i << " block " << row.block << ": " << tx.error().to_string();
        EXPECT_EQ(static_cast<unsigned>(tx->type), row.type) << "row " << i;
        EXPECT_TRUE(encode_transaction(*tx) == row.raw) << "row " << i << ": re-encoding differs";
        EXPECT_EQ(to_hex(transaction_hash(*tx)), row.hash) << "row " << i;
        const auto sender = recover_sender(*tx);
        ASSERT_TRUE(sender.has_value()) << "row " << i << ": " << sender.error().to_string();
        const auto valid = validate_transaction(*tx, Rules{mainnet_fork(row.block), U256(1)});
        ASSERT_TRUE(valid.has_value()) << "row " << i << " block " << row.block << ": " << valid.error().to_string();
        EXPECT_EQ(*valid, *sender);
        if (tx->type == TxType::kLegacy && !tx->chain_id) ++pre155;
        ++by_type[row.type];
        bytes += row.raw.size();
    }
    EXPECT_EQ(bytes, 3252751u);
    EXPECT_EQ(by_type[0], 520);
    EXPECT_EQ(by_type[1], 20);
    EXPECT_EQ(by_type[2], 2989);
    EXPECT_EQ(by_type[3], 11);
    EXPECT_EQ(by_type[4], 2);
    EXPECT_EQ(pre155, 47);
    std::printf(
        "mainnet_txs.csv: %zu transactions (%zu bytes) decoded, re-encoded, hashed, recovered and validated; "
        "types 0/1/2/3/4 = %d/%d/%d/%d/%d, %d pre-EIP-155\n",
        rows.size(), bytes, by_type[0], by_type[1], by_type[2], by_type[3], by_type[4], pre155);
}

TEST(MainnetTxs, JsonRoundTripLegacyAccessListDynamicFee) {
    const auto rows = load_rows();
    int n = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].type > 2) continue;
        const auto tx = decode_transaction(rows[i].raw);
        ASSERT_TRUE(tx.has_value());
        const auto sender = recover_sender(*tx);
        ASSERT_TRUE(sender.has_value());
        const nlohmann::json j = to_json(*tx, *sender);
        EXPECT_EQ(j.at("hash"), rows[i].hash);
        EXPECT_EQ(j.at("from"), to_hex(*sender));
        // Through text, as a client would see it.
        const auto back = transaction_from_json(nlohmann::json::parse(j.dump()));
        ASSERT_TRUE(back.has_value()) << "row " << i << ": " << back.error().to_string();
        EXPECT_TRUE(encode_transaction(*back) == rows[i].raw) << "row " << i << ": " << j.dump();
        EXPECT_EQ(*back, *tx) << "row " << i;
        ++n;
    }
    EXPECT_EQ(n, 520 + 20 + 2989);
}

}  // namespace
}  // namespace luxl2::format
