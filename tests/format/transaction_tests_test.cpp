// ethereum/tests TransactionTests: every file, every fork in `result`. Valid outcomes must decode,
// validate with the expected sender, hash and intrinsic gas; invalid ones must be rejected by
// decode_transaction or validate_transaction.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

std::optional<Fork> fork_from_name(const std::string& name) {
    static const std::map<std::string, Fork> kForks = {
        {"Frontier", Fork::kFrontier},
        {"Homestead", Fork::kHomestead},
        {"EIP150", Fork::kEIP150},
        {"EIP158", Fork::kEIP158},
        {"Byzantium", Fork::kByzantium},
        {"Constantinople", Fork::kConstantinople},
        {"ConstantinopleFix", Fork::kConstantinopleFix},
        {"Istanbul", Fork::kIstanbul},
        {"Berlin", Fork::kBerlin},
        {"London", Fork::kLondon},
        {"Paris", Fork::kParis},
        {"Shanghai", Fork::kShanghai},
        {"Cancun", Fork::kCancun},
        {"Prague", Fork::kPrague},
    };
    const auto it = kForks.find(name);
    if (it == kForks.end()) return std::nullopt;
    return it->second;
}

// "<file stem>/<fork>" → why it is skipped. Keep this tiny; prefer fixing the library.
const std::map<std::string, std::string> kSkip = {};

TEST(TransactionTests, AllFilesAllForks) {
    const auto root = luxl2::testing::data_dir() / "ethereum-tests" / "TransactionTests";
    ASSERT_TRUE(std::filesystem::is_directory(root)) << root;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(root))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 210u);

    int valid = 0, invalid = 0, invalid_gas_checked = 0, by_decode = 0, by_validate = 0, skipped = 0;
    std::set<std::string> used_skips;
    for (const auto& path : files) {
        const auto j = luxl2::testing::read_json(path);
        for (const auto& [name, t] : j.items()) {
            const std::string where = path.parent_path().filename().string() + "/" + path.stem().string();
            const auto raw = from_hex(t.at("txbytes").get<std::string>());
            ASSERT_TRUE(raw.has_value()) << where;
            const auto tx = decode_transaction(*raw);
            for (const auto& [fork_name, r] : t.at("result").items()) {
                const std::string id = path.stem().string() + "/" + fork_name;
                if (kSkip.contains(id)) {
                    ++skipped;
                    used_skips.insert(id);
                    continue;
                }
                const auto fork = fork_from_name(fork_name);
                ASSERT_TRUE(fork.has_value()) << where << ": unknown fork " << fork_name;
                const Rules rules{*fork, U256(1)};
                if (r.contains("exception")) {
                    ++invalid;
                    if (!tx) {
                        ++by_decode;
                        continue;
                    }
                    const auto sender = validate_transaction(*tx, rules);
                    // Where the filler computed an intrinsic gas (the transaction parsed and its type
                    // is enabled), ours agrees.
                    const U256 want_gas = *U256::from_string(r.at("intrinsicGas").get<std::string>());
                    if (!want_gas.is_zero()) {
                        ++invalid_gas_checked;
                        EXPECT_EQ(U256(intrinsic_gas(*tx, rules)), want_gas) << where << " " << fork_name;
                    }
                    EXPECT_FALSE(sender.has_value())
                        << where << " " << fork_name << ": accepted, expected " << r.at("exception").get<std::string>();
                    if (!sender) ++by_validate;
                    continue;
                }
                ++valid;
                ASSERT_TRUE(tx.has_value()) << where << " " << fork_name << ": " << tx.error().to_string();
                const auto sender = validate_transaction(*tx, rules);
                EXPECT_TRUE(sender.has_value())
                    << where << " " << fork_name << ": " << (sender ? "" : sender.error().to_string());
                if (sender) {
                    EXPECT_EQ(to_hex(*sender), r.at("sender").get<std::string>()) << where << " " << fork_name;
                }
                EXPECT_EQ(to_hex(transaction_hash(*tx)), r.at("hash").get<std::string>()) << where << " " << fork_name;
                EXPECT_EQ(U256(intrinsic_gas(*tx, rules)), *U256::from_string(r.at("intrinsicGas").get<std::string>()))
                    << where << " " << fork_name;
                // Re-encoding gives the canonical input back.
                EXPECT_EQ(encode_transaction(*tx), *raw) << where;
            }
        }
    }
    EXPECT_EQ(used_skips.size(), kSkip.size()) << "a skip-list entry no longer matches any case";
    std::printf(
        "TransactionTests: %zu files, %d valid outcomes passed, %d invalid rejected (%d by decode, %d by "
        "validate; intrinsic gas matched on %d of them), %d skipped\n",
        files.size(), valid, invalid, by_decode, by_validate, invalid_gas_checked, skipped);
    EXPECT_EQ(valid + invalid + skipped, 606 + 2059);
}

}  // namespace
}  // namespace luxl2::format
