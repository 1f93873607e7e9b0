#include <gtest/gtest.h>

#include <filesystem>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/validate.hpp"
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

TEST(BlockRecord, IsASignedL2BlockStoredCanonically) {
    auto n = open_memory();
    ASSERT_TRUE(n->send_raw_transaction(format::encode_transaction(transfer(0, 0, addr(1), ether(1)))));
    const auto b = n->produce_block(1'700'000'001).value();
    const auto& h = b->block.header;
    // The hash is LP-505's computeBlockHash, and the sequencer's signature over it recovers.
    EXPECT_EQ(b->hash, format::compute_block_hash(b->block));
    EXPECT_EQ(format::verify_header(h).value(), dev_sequencer_address());
    EXPECT_EQ(h.sequencer, n->sequencer());
    EXPECT_EQ(h.transactions_root, format::transactions_root(b->block.transactions));
    EXPECT_EQ(b->block.transactions[0].tx_type, 0x02);
    EXPECT_EQ(base_fee_of(h), b->base_fee);
    EXPECT_TRUE(format::validate(b->block)) << format::validate(b->block).error().to_string();
    // The state transition: sender, recipient and fee recipient changed.
    const auto& st = b->block.state_transition;
    EXPECT_EQ(st.new_state_root, h.state_root);
    EXPECT_EQ(st.previous_state_root, n->block(0).value()->state_root());
    EXPECT_EQ(st.account_deltas.size(), 3u);
    // Stored bytes are the canonical encoding; decoding verifies the signature.
    const Bytes enc = encode_block_record(*b);
    EXPECT_EQ(enc, format::canonical_encode(b->block));
    EXPECT_EQ(decode_block_record(enc).value(), *b);
    format::L2Block forged = b->block;
    forged.header.gas_used = U256(1);  // changes the hash: the signature no longer recovers the sequencer
    EXPECT_FALSE(decode_block_record(format::canonical_encode(forged)));
    format::L2Block unsigned_block = b->block;
    unsigned_block.header.signature.clear();
    EXPECT_EQ(decode_block_record(format::canonical_encode(unsigned_block)).error().code, "format.bad_signature");
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_FALSE(decode_block_record(trailing));
}

TEST(Node, DevSequencerKeyIsTheDocumentedOne) {
    EXPECT_EQ(to_hex(dev_sequencer_key()), "0x22f92ca6dee0173c106d6d238b2c525409e12110dcf4b8dccdfaef73559b3f0d");
    EXPECT_EQ(to_hex(dev_sequencer_address()), "0x10e36059791203321b046fa9a7224c5c6677cad7");
}

TEST(Node, RefusesAnInvalidSequencerKey) {
    auto cfg = dev_config();
    cfg.sequencer_key = Hash32{};  // zero is not a secp256k1 secret
    auto bad = Node::open(std::make_unique<state::MemoryKvStore>(), cfg);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, nodeerrc::bad_sequencer_key);
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

    const auto genesis = n->block(0).value();
    auto b1 = n->produce_block(1'700'000'001);
    ASSERT_TRUE(b1) << b1.error().to_string();
    EXPECT_EQ((*b1)->number, 1u);
    EXPECT_EQ((*b1)->parent_hash(), genesis->hash);
    EXPECT_EQ((*b1)->tx_count(), 2u);
    EXPECT_EQ((*b1)->gas_used, 42'000u);
    EXPECT_EQ(n->head_number(), 1u);
    EXPECT_EQ(n->state().account(addr(1)).value().balance, ether(3));
    EXPECT_EQ(n->state().account(dev()[0].address).value().nonce, 2u);
    EXPECT_EQ(n->mempool().size(), 0u);

    const auto receipts = n->chain().receipts(1).value();
    ASSERT_EQ(receipts.size(), 2u);
    EXPECT_EQ(receipts[1].cumulative_gas_used, 42'000u);
    EXPECT_EQ(receipts[1].state_root, (*b1)->state_root());
    EXPECT_NE(receipts[0].state_root, receipts[1].state_root);
    const auto loc = n->chain().transaction(*h0).value().value();
    EXPECT_EQ(loc.block_number, 1u);
    EXPECT_EQ(loc.index, 0u);
    EXPECT_EQ(n->chain().number_of((*b1)->hash).value().value(), 1u);

    // The fee recipient got the tips: 42000 gas * min(1 gwei tip, 10 gwei - base fee).
    EXPECT_EQ(n->state().account(n->config().fee_recipient).value().balance, U256(42'000) * gwei(1));

    auto b2 = n->produce_block(1'700'000'001);  // same wall-clock second: timestamps still increase
    ASSERT_TRUE(b2);
    EXPECT_EQ((*b2)->timestamp, (*b1)->timestamp + 1);
    EXPECT_EQ((*b2)->tx_count(), 0u);
    EXPECT_EQ((*b2)->block.header.transactions_root, merkle::empty_root());

    auto replayed = replay_chain(n->chain(), n->config());
    ASSERT_TRUE(replayed) << replayed.error().to_string();
    EXPECT_EQ(replayed->blocks, 2u);
    EXPECT_EQ(replayed->transactions, 2u);
    EXPECT_EQ(replayed->state_root, (*b2)->state_root());
}

TEST(Node, QueuedDepositsLeadTheNextBlocksWithinTheGasLimitAndReplay) {
    auto cfg = dev_config();
    cfg.gas_limit = 100'000;  // room for four 25,000-gas deposits per block
    auto n = open_memory(cfg);
    auto dep = [](std::uint8_t i) {
        format::DepositTransaction d;
        d.source_hash[0] = i;
        d.from = addr(0x60);
        d.to = addr(static_cast<std::uint8_t>(0x70 + i));
        d.mint = ether(1);
        d.value = U256(i);
        d.gas = 25'000;
        return d;
    };
    std::vector<format::DepositTransaction> l1_block_7;
    for (std::uint8_t i = 0; i < 6; ++i) l1_block_7.push_back(dep(i));
    ASSERT_TRUE(n->queue_deposits(l1_block_7, 7));
    ASSERT_TRUE(n->queue_deposits({}, 8));  // an L1 block without deposits
    EXPECT_EQ(n->queued_deposits(), 6u);
    auto big = dep(9);
    big.gas = 100'001;
    EXPECT_EQ(n->queue_deposits({big}, 9).error().code, nodeerrc::deposits_too_large);

    // A user transaction waits behind the deposits that fill the first block.
    ASSERT_TRUE(n->send_raw_transaction(format::encode_transaction(transfer(0, 0, addr(1), ether(1)))));
    const auto b1 = n->produce_block(1'700'000'001).value();
    EXPECT_EQ(b1->tx_count(), 4u);
    EXPECT_EQ(b1->block.header.l1_block_number, U256(0));  // L1 block 7 is not fully included yet
    for (const auto& t : b1->block.transactions) EXPECT_EQ(t.tx_type, 0x7E);
    const auto b2 = n->produce_block(1'700'000'002).value();
    ASSERT_EQ(b2->tx_count(), 3u);  // the last two deposits, then the transfer
    EXPECT_EQ(b2->block.transactions[0].tx_type, 0x7E);
    EXPECT_EQ(b2->block.transactions[2].tx_type, 0x02);
    EXPECT_EQ(b2->block.header.l1_block_number, U256(8));
    EXPECT_EQ(n->queued_deposits(), 0u);
    const auto b3 = n->produce_block(1'700'000'003).value();
    EXPECT_EQ(b3->block.header.l1_block_number, U256(8));  // inherited
    EXPECT_EQ(n->state().account(addr(0x60)).value().nonce, 6u);
    EXPECT_EQ(n->state().account(addr(0x75)).value().balance, U256(5));
    const auto tx = n->chain().transaction(exec::deposit_hash(dep(5))).value().value();
    EXPECT_EQ(tx.block_number, 2u);
    EXPECT_EQ(tx.index, 1u);

    auto replayed = replay_chain(n->chain(), n->config());
    ASSERT_TRUE(replayed) << replayed.error().to_string();
    EXPECT_EQ(replayed->transactions, 7u);
    EXPECT_EQ(replayed->state_root, b3->state_root());
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
        root = (*b)->state_root();
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
    {
        auto kv = state::open_rocksdb(dir);
        ASSERT_TRUE(kv);
        auto cfg = dev_config();
        cfg.sequencer_key = dev()[5].secret;  // blocks signed by another key than the stored ones
        auto n = Node::open(std::move(*kv), cfg);
        ASSERT_FALSE(n);
        EXPECT_EQ(n.error().code, nodeerrc::chain_mismatch);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace luxl2::node
