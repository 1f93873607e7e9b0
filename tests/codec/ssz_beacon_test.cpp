// Real mainnet BeaconBlocks (../shared/data/ssz/mainnet_beacon_blocks, see SOURCE.md): the whole
// Bellatrix, Capella and Deneb BeaconBlock schemas written with ssz:: descriptors. Each block must
// validate strictly, re-encode through ssz::Value to the same bytes, hash to the recorded
// beacon_block_root, and yield the recorded Merkle branch of its execution block_hash.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <regex>
#include <string>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/codec/ssz_value.hpp"
#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace fs = std::filesystem;
using namespace luxl2;

namespace {

enum class Fork { bellatrix, capella, deneb };

// Type definitions from ethereum/consensus-specs specs/{phase0,altair,bellatrix,capella,deneb}/beacon-chain.md
// with mainnet presets (MAX_VALIDATORS_PER_COMMITTEE 2048, MAX_PROPOSER_SLASHINGS 16,
// MAX_ATTESTER_SLASHINGS 2, MAX_ATTESTATIONS 128, MAX_DEPOSITS 16, MAX_VOLUNTARY_EXITS 16,
// SYNC_COMMITTEE_SIZE 512, MAX_BYTES_PER_TRANSACTION 2^30, MAX_TRANSACTIONS_PER_PAYLOAD 2^20,
// BYTES_PER_LOGS_BLOOM 256, MAX_EXTRA_DATA_BYTES 32, MAX_WITHDRAWALS_PER_PAYLOAD 16,
// MAX_BLS_TO_EXECUTION_CHANGES 16, MAX_BLOB_COMMITMENTS_PER_BLOCK 4096, DEPOSIT_CONTRACT_TREE_DEPTH 32).
ssz::TypeRef beacon_block(Fork fork) {
    using namespace ssz;
    const auto u64 = uint64();
    const auto b32 = byte_vector(32), b48 = byte_vector(48), b96 = byte_vector(96), b20 = byte_vector(20);
    const auto checkpoint = container({{"epoch", u64}, {"root", b32}});
    const auto att_data = container(
        {{"slot", u64}, {"index", u64}, {"beacon_block_root", b32}, {"source", checkpoint}, {"target", checkpoint}});
    const auto indexed = container({{"attesting_indices", list(u64, 2048)}, {"data", att_data}, {"signature", b96}});
    const auto header = container(
        {{"slot", u64}, {"proposer_index", u64}, {"parent_root", b32}, {"state_root", b32}, {"body_root", b32}});
    const auto signed_header = container({{"message", header}, {"signature", b96}});
    const auto proposer_slashing = container({{"signed_header_1", signed_header}, {"signed_header_2", signed_header}});
    const auto attester_slashing = container({{"attestation_1", indexed}, {"attestation_2", indexed}});
    const auto attestation = container({{"aggregation_bits", bitlist(2048)}, {"data", att_data}, {"signature", b96}});
    const auto deposit_data =
        container({{"pubkey", b48}, {"withdrawal_credentials", b32}, {"amount", u64}, {"signature", b96}});
    const auto deposit = container({{"proof", vector(b32, 33)}, {"data", deposit_data}});
    const auto exit =
        container({{"message", container({{"epoch", u64}, {"validator_index", u64}})}, {"signature", b96}});
    const auto eth1 = container({{"deposit_root", b32}, {"deposit_count", u64}, {"block_hash", b32}});
    const auto sync = container({{"sync_committee_bits", bitvector(512)}, {"sync_committee_signature", b96}});

    std::vector<Field> payload = {{"parent_hash", b32},
                                  {"fee_recipient", b20},
                                  {"state_root", b32},
                                  {"receipts_root", b32},
                                  {"logs_bloom", byte_vector(256)},
                                  {"prev_randao", b32},
                                  {"block_number", u64},
                                  {"gas_limit", u64},
                                  {"gas_used", u64},
                                  {"timestamp", u64},
                                  {"extra_data", byte_list(32)},
                                  {"base_fee_per_gas", uint256()},
                                  {"block_hash", b32},
                                  {"transactions", list(byte_list(1ull << 30), 1ull << 20)}};
    if (fork != Fork::bellatrix) {
        const auto withdrawal =
            container({{"index", u64}, {"validator_index", u64}, {"address", b20}, {"amount", u64}});
        payload.push_back({"withdrawals", list(withdrawal, 16)});
    }
    if (fork == Fork::deneb) {
        payload.push_back({"blob_gas_used", u64});
        payload.push_back({"excess_blob_gas", u64});
    }
    std::vector<Field> body = {{"randao_reveal", b96},
                               {"eth1_data", eth1},
                               {"graffiti", b32},
                               {"proposer_slashings", list(proposer_slashing, 16)},
                               {"attester_slashings", list(attester_slashing, 2)},
                               {"attestations", list(attestation, 128)},
                               {"deposits", list(deposit, 16)},
                               {"voluntary_exits", list(exit, 16)},
                               {"sync_aggregate", sync},
                               {"execution_payload", container(std::move(payload))}};
    if (fork != Fork::bellatrix) {
        const auto change =
            container({{"validator_index", u64}, {"from_bls_pubkey", b48}, {"to_execution_address", b20}});
        body.push_back({"bls_to_execution_changes", list(container({{"message", change}, {"signature", b96}}), 16)});
    }
    if (fork == Fork::deneb) body.push_back({"blob_kzg_commitments", list(b48, 4096)});
    return container({{"slot", u64},
                      {"proposer_index", u64},
                      {"parent_root", b32},
                      {"state_root", b32},
                      {"body", container(std::move(body))}});
}

fs::path blocks_dir() {
    return luxl2::testing::data_dir() / "ssz" / "mainnet_beacon_blocks";
}

struct Expected {
    std::string block_hash, root;
    std::vector<std::string> branch;
    std::uint64_t slot = 0;
};

Expected read_proof(const fs::path& p) {
    const std::string s = luxl2::testing::read_text(p);
    Expected e;
    std::smatch m;
    EXPECT_TRUE(std::regex_search(s, m, std::regex("execution_block_header:\\s*\"(0x[0-9a-f]{64})\"")));
    e.block_hash = m[1];
    EXPECT_TRUE(std::regex_search(s, m, std::regex("beacon_block_root:\\s*\"(0x[0-9a-f]{64})\"")));
    e.root = m[1];
    EXPECT_TRUE(std::regex_search(s, m, std::regex("slot: (\\d+)")));
    e.slot = std::stoull(m[1]);
    const auto start = s.find("execution_block_proof:"), end = s.find("beacon_block_root:");
    const std::string proof = s.substr(start, end - start);
    const std::regex item("\"(0x[0-9a-f]{64})\"");
    for (auto it = std::sregex_iterator(proof.begin(), proof.end(), item); it != std::sregex_iterator(); ++it)
        e.branch.push_back((*it)[1]);
    return e;
}

}  // namespace

TEST(SszMainnetBeaconBlocks, RootsAndExecutionBranches) {
    ASSERT_TRUE(fs::is_directory(blocks_dir())) << "missing vectors: " << blocks_dir();
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(blocks_dir())) {
        const std::string name = entry.path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, std::regex("(bellatrix|capella|deneb)_block_(\\d+)\\.ssz"))) continue;
        const Fork fork = m[1] == "bellatrix" ? Fork::bellatrix : m[1] == "capella" ? Fork::capella : Fork::deneb;
        const auto type = beacon_block(fork);
        const std::string text = luxl2::testing::read_text(entry.path());
        const Bytes bytes(text.begin(), text.end());
        const Expected want =
            read_proof(blocks_dir() / (std::string(m[1]) + "_beacon_block_proof-" + std::string(m[2]) + ".yaml"));

        ASSERT_TRUE(ssz::validate(*type, bytes).has_value())
            << name << ": " << ssz::validate(*type, bytes).error().to_string();
        const ssz::View block(*type, bytes);
        EXPECT_EQ(block.field(0).u64(), want.slot) << name;
        const ssz::View payload = block.field(4).field(9);
        EXPECT_EQ(to_hex(payload.field(12).bytes()), want.block_hash) << name;

        EXPECT_EQ(to_hex(ssz::hash_tree_root(block)), want.root) << name;

        const auto value = ssz::decode(*type, bytes);
        ASSERT_TRUE(value.has_value());
        const auto again = ssz::encode(*type, *value);
        ASSERT_TRUE(again.has_value());
        EXPECT_TRUE(*again == bytes) << name << " does not round trip through ssz::Value";

        // body (field 4 of 5, depth 3) → execution_payload (field 9, depth 4) → block_hash (field 12,
        // depth 4 before Deneb, 5 with its 17 payload fields).
        const std::uint64_t gindex = fork == Fork::deneb ? 6444 : 3228;
        const auto branch = ssz::merkle_branch(block, gindex);
        ASSERT_TRUE(branch.has_value());
        ASSERT_EQ(branch->size(), want.branch.size()) << name;
        for (std::size_t i = 0; i < branch->size(); ++i)
            EXPECT_EQ(to_hex((*branch)[i]), want.branch[i]) << name << " #" << i;
        const auto leaf = ssz::node_at(block, gindex);
        ASSERT_TRUE(leaf.has_value());
        EXPECT_EQ(to_hex(*leaf), want.block_hash);
        EXPECT_TRUE(ssz::verify_merkle_branch(*leaf, *branch, gindex, ssz::hash_tree_root(block)));
        EXPECT_FALSE(ssz::verify_merkle_branch(*leaf, *branch, gindex + 1, ssz::hash_tree_root(block)));

        // A block of one fork is not a block of another: the schemas differ in field count.
        const Fork other = fork == Fork::bellatrix ? Fork::capella : Fork::bellatrix;
        EXPECT_FALSE(ssz::validate(*beacon_block(other), bytes).has_value()) << name;
        ++checked;
    }
    std::printf("mainnet BeaconBlocks: %d checked (root, round trip, execution block_hash branch)\n", checked);
    EXPECT_EQ(checked, 11);
}
