#include <gtest/gtest.h>

#include <filesystem>

#include "luxl2/core/hex.hpp"
#include "luxl2/merkle/tree.hpp"
#include "luxl2/node/replay.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;

std::unique_ptr<Node> open_memory(NodeConfig cfg = dev_config()) {
    auto n = Node::open(std::make_unique<state::MemoryKvStore>(), std::move(cfg));
    EXPECT_TRUE(n) << n.error().to_string();
    return std::move(*n);
}

TEST(BlockRecord, RoundTripsAndHashesTheHeader) {
    BlockRecord b;
    b.number = 7;
    b.timestamp = 99;
    b.gas_limit = 30'000'000;
    b.base_fee = gwei(1);
    b.transactions = {Bytes{1, 2, 3}, Bytes(100, 0xaa)};
    const Bytes enc = encode_block_record(b);
    EXPECT_EQ(decode_block_record(enc).value(), b);
    const Hash32 h = block_hash(b);
    BlockRecord c = b;
    c.transactions.pop_back();  // bodies are committed through transactions_root, not the hash
    EXPECT_EQ(block_hash(c), h);
    c.transactions_root[0] ^= 1;
    EXPECT_NE(block_hash(c), h);
    Bytes bad = enc;
    bad.push_back(0);
    EXPECT_FALSE(decode_block_record(bad));
}

TEST(Node, GenesisFundsTheDevAccounts) {
    auto n = open_memory();
    EXPECT_EQ(n->head_number(), 0u);
    EXPECT_EQ(n->state().account(dev()[0].address).value().balance, ether(10'000));
    EXPECT_EQ(n->next_base_fee(), U256(875'000'000));  // genesis: 1 gwei, empty
}

TEST(Node, ProducesBlocksWithReceiptsAndLinkedHashes) {
    auto n = open_memory();
    const auto tx0 = transfer(0, 0, addr(1), ether(1));
    const auto tx1 = transfer(0, 1, addr(1), ether(2));
    const auto h0 = n->send_raw_transaction(format::encode_transaction(tx0));
    ASSERT_TRUE(h0) << h0.error().to_string();
    ASSERT_TRUE(n->send_raw_transaction(format::encode_transaction(tx1)));
    EXPECT_EQ(n->send_raw_transaction(format::encode_transaction(tx0)).error().message, "already known");

    const auto genesis = n->block(0).value().value();
    auto b1 = n->produce_block(1'700'000'001);
    ASSERT_TRUE(b1) << b1.error().to_string();
    EXPECT_EQ(b1->number, 1u);
    EXPECT_EQ(b1->parent_hash, block_hash(genesis));
    EXPECT_EQ(b1->transactions.size(), 2u);
    EXPECT_EQ(b1->gas_used, 42'000u);
    EXPECT_EQ(n->head_number(), 1u);
    EXPECT_EQ(n->state().account(addr(1)).value().balance, ether(3));
    EXPECT_EQ(n->state().account(dev()[0].address).value().nonce, 2u);
    EXPECT_EQ(n->mempool().size(), 0u);

    const auto receipts = n->chain().receipts(1).value();
    ASSERT_EQ(receipts.size(), 2u);
    EXPECT_EQ(receipts[1].cumulative_gas_used, 42'000u);
    EXPECT_EQ(receipts[1].state_root, b1->state_root);
    EXPECT_NE(receipts[0].state_root, receipts[1].state_root);
    const auto loc = n->chain().transaction(*h0).value().value();
    EXPECT_EQ(loc.block_number, 1u);
    EXPECT_EQ(loc.index, 0u);
    EXPECT_EQ(n->chain().number_of(block_hash(*b1)).value().value(), 1u);

    // The fee recipient got the tips: 42000 gas * min(1 gwei tip, 10 gwei - base fee).
    EXPECT_EQ(n->state().account(n->config().fee_recipient).value().balance, U256(42'000) * gwei(1));

    auto b2 = n->produce_block(1'700'000'001);  // same wall-clock second: timestamps still increase
    ASSERT_TRUE(b2);
    EXPECT_EQ(b2->timestamp, b1->timestamp + 1);
    EXPECT_EQ(b2->transactions.size(), 0u);
    EXPECT_EQ(b2->transactions_root, merkle::empty_root());

    auto replayed = replay_chain(n->chain(), n->config());
    ASSERT_TRUE(replayed) << replayed.error().to_string();
    EXPECT_EQ(replayed->blocks, 2u);
    EXPECT_EQ(replayed->transactions, 2u);
    EXPECT_EQ(replayed->state_root, b2->state_root);
}

TEST(Node, RefusesForeignChainAndUnprotectedTransactions) {
    auto n = open_memory();
    auto wrong_chain = transfer(0, 0, addr(1), 1, gwei(10), gwei(1), 1);
    auto r = n->send_raw_transaction(format::encode_transaction(wrong_chain));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().message.starts_with("invalid chain id for signer")) << r.error().message;
    format::Transaction legacy;
    legacy.gas_price = gwei(10);
    legacy.gas_limit = 21'000;
    legacy.to = addr(1);
    format::sign_transaction(legacy, dev_key(0));  // no chain id: pre-EIP-155
    r = n->send_raw_transaction(format::encode_transaction(legacy));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message, "only replay-protected (EIP-155) transactions allowed over RPC");
    EXPECT_FALSE(n->send_raw_transaction(Bytes{0x02, 0xc0}));
}

TEST(Node, ResumesFromRocksDbAndRefusesAnotherChainId) {
    const auto dir = (std::filesystem::temp_directory_path() / ("luxl2-node-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    Hash32 root;
    {
        auto kv = state::open_rocksdb(dir);
        ASSERT_TRUE(kv);
        auto n = Node::open(std::move(*kv), dev_config());
        ASSERT_TRUE(n);
        ASSERT_TRUE((*n)->send_raw_transaction(format::encode_transaction(transfer(3, 0, addr(9), ether(5)))));
        auto b = (*n)->produce_block(1'700'000'100);
        ASSERT_TRUE(b);
        root = b->state_root;
    }
    {
        auto kv = state::open_rocksdb(dir);
        ASSERT_TRUE(kv);
        auto n = Node::open(std::move(*kv), dev_config());
        ASSERT_TRUE(n) << n.error().to_string();
        EXPECT_EQ((*n)->head_number(), 1u);
        EXPECT_EQ((*n)->state_root(), root);
        EXPECT_EQ((*n)->state().account(addr(9)).value().balance, ether(5));
    }
    {
        auto kv = state::open_rocksdb(dir);
        ASSERT_TRUE(kv);
        auto cfg = dev_config();
        cfg.chain_id = U256(5);
        auto n = Node::open(std::move(*kv), cfg);
        ASSERT_FALSE(n);
        EXPECT_EQ(n.error().code, nodeerrc::chain_mismatch);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace luxl2::node
