// Mutations of real transactions: decode_transaction either rejects them or accepts a canonical
// encoding (re-encoding gives the input back), and never crashes.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

TEST(TransactionMutation, RejectedOrCanonical) {
    std::istringstream in(
        luxl2::testing::read_text(luxl2::testing::data_dir() / "eth-mainnet" / "derived" / "mainnet_txs.csv"));
    std::string line;
    std::getline(in, line);
    std::vector<Bytes> txs;
    while (std::getline(in, line)) {
        const auto comma = line.rfind(',');
        ASSERT_NE(comma, std::string::npos);
        auto raw = from_hex(line.substr(comma + 1));
        ASSERT_TRUE(raw.has_value());
        if (raw->size() <= 2000) txs.push_back(std::move(*raw));  // keep the test fast
    }
    ASSERT_GT(txs.size(), 3000u);
    std::mt19937_64 g(31);
    int accepted = 0, rejected = 0;
    for (const Bytes& tx : txs)
        for (int m = 0; m < 6; ++m) {
            Bytes mut = tx;
            switch (g() % 4) {
                case 0: mut[g() % mut.size()] ^= static_cast<std::uint8_t>(1u << (g() % 8)); break;
                case 1: mut[g() % mut.size()] = static_cast<std::uint8_t>(g()); break;
                case 2: mut.resize(g() % mut.size()); break;
                default:
                    mut.insert(mut.begin() + static_cast<std::ptrdiff_t>(g() % (mut.size() + 1)),
                               static_cast<std::uint8_t>(g()));
                    break;
            }
            const auto dec = decode_transaction(mut);
            if (!dec) {
                ++rejected;
                continue;
            }
            ++accepted;
            ASSERT_EQ(to_hex(encode_transaction(*dec)), to_hex(mut)) << "accepted a non-canonical encoding";
            (void)recover_sender(*dec);  // must not crash whatever the signature fields hold
        }
    std::printf("mutations of mainnet transactions: %d rejected, %d accepted (all canonical)\n", rejected, accepted);
    EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace luxl2::format
