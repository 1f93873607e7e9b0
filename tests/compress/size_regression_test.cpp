// Size-regression table: our pipeline's output on the real corpora (and the fixed generated ones) may
// not grow. Only sizes are checked, never time. When a change makes a row smaller, lower its bound in
// size_table.csv in the same commit.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "luxl2/compress/account_context.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/eth_block.hpp"
#include "luxl2/compress/records.hpp"
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/format/transaction.hpp"
#include "testing.hpp"

namespace luxl2::compress {
namespace {

std::map<std::string, std::size_t> measure() {
    std::map<std::string, std::size_t> out;
    auto corpus = parse_tx_corpus(testing::read_text(testing::data_dir() / "eth-mainnet/derived/mainnet_txs.csv"));
    EXPECT_TRUE(corpus);
    std::vector<Bytes> all, transfers;
    std::vector<Address> transfer_senders;
    for (const auto& t : *corpus) {
        all.push_back(t.raw);
        if (is_plain_transfer(t.raw)) {
            transfers.push_back(t.raw);
            transfer_senders.push_back(*format::recover_sender(*format::decode_transaction(t.raw)));
        }
    }
    out["mainnet-txs/ours"] = encode_columnar(all)->size();
    out["mainnet-transfers/ours"] = encode_columnar(transfers)->size();
    ColumnarOptions sigfree;
    sigfree.signature_free = true;
    out["mainnet-transfers/ours-sigfree"] = encode_columnar(transfers, sigfree, transfer_senders)->size();
    // With an account context: a simulated 2^24-account state that holds every sender and recipient.
    std::vector<Address> accounts = transfer_senders;
    for (const auto& raw : transfers) accounts.push_back(*format::decode_transaction(raw)->to);
    const auto ctx = simulated_state(accounts, 24);
    ColumnarOptions with_ctx;
    with_ctx.context = &ctx;
    out["mainnet-transfers/ours+ctx"] = encode_columnar(transfers, with_ctx)->size();
    std::vector<Bytes> blocks;
    for (const auto& e : std::filesystem::directory_iterator(testing::data_dir() / "eth-mainnet/derived/full_blocks"))
        if (e.path().extension() == ".rlp") {
            const auto s = testing::read_text(e.path());
            blocks.emplace_back(s.begin(), s.end());
        }
    std::sort(blocks.begin(), blocks.end());
    out["mainnet-blocks/ours"] = compress_eth_blocks(blocks)->size();
    std::vector<Bytes> calls, l2t;
    std::vector<Address> l2t_senders;
    for (auto& t : synthetic_contract_calls(1000, 1)) calls.push_back(std::move(t.raw));
    for (auto& t : synthetic_transfers(1000, 2)) l2t.push_back(std::move(t.raw)), l2t_senders.push_back(t.sender);
    out["l2-contract-calls/ours"] = encode_columnar(calls)->size();
    out["l2-transfers/ours"] = encode_columnar(l2t)->size();
    out["l2-transfers/ours-sigfree"] = encode_columnar(l2t, sigfree, l2t_senders)->size();
    const auto st = synthetic_state_deltas(1000, 3);
    out["l2-state-deltas/ours"] = compress_state_deltas(st.accounts, st.storage)->size();
    out["l2-ai-metadata/ours"] = encode_records<format::ComputeMetadata>(synthetic_compute_metadata(1000, 4))->size();
    return out;
}

TEST(SizeRegression, NoRowGrows) {
    const auto table = testing::read_text(testing::source_dir() / "tests/compress/size_table.csv");
    std::map<std::string, std::size_t> bound;
    std::istringstream lines(table);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#' || line.rfind("row,", 0) == 0) continue;
        const auto comma = line.find(',');
        bound[line.substr(0, comma)] = std::stoull(line.substr(comma + 1));
    }
    const auto got = measure();
    ASSERT_EQ(bound.size(), got.size()) << "size_table.csv and the measured rows differ";
    for (const auto& [row, bytes] : got) {
        ASSERT_TRUE(bound.contains(row)) << row;
        EXPECT_LE(bytes, bound[row]) << row << " grew: " << bytes << " bytes, table says " << bound[row];
        if (bytes < bound[row])
            std::printf("note: %s is now %zu bytes (table %zu): lower the bound\n", row.c_str(), bytes, bound[row]);
    }
}

}  // namespace
}  // namespace luxl2::compress
