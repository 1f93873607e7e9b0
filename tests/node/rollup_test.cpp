// The rollup roles over a real node and an embedded L1: the batcher submits, retries without a gap
// or duplicate, the proposer posts and finalizes outputs, a withdrawal is proven and paid once, and a
// verifier derives the same chain from the L1 data alone (and reports a false output).
#include <gtest/gtest.h>

#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/node/batch_data.hpp"
#include "luxl2/node/batcher.hpp"
#include "luxl2/node/deposit_relay.hpp"
#include "luxl2/node/derivation.hpp"
#include "luxl2/node/proposer.hpp"
#include "luxl2/node/withdrawals.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;

constexpr std::uint64_t kPeriod = 60;

struct Rollup {
    std::unique_ptr<Node> node;
    std::unique_ptr<l1::EmbeddedL1> l1;
    std::unique_ptr<ChainBlockSource> source;
    Address sequencer = addr(1);
    Address proposer = addr(2);
    Address l1_user = addr(3);
    std::uint64_t time = 1'700'000'000;

    explicit Rollup(std::uint64_t inclusion_window = 0) {
        node = Node::open(std::make_unique<state::MemoryKvStore>(), dev_config()).value();
        l1::EmbeddedL1Options o;
        o.alloc = {{sequencer, ether(100)}, {proposer, ether(100)}, {l1_user, ether(100)}};
        o.genesis_timestamp = 1'000;
        o.sync_writes = false;
        o.inclusion_window = inclusion_window;
        l1 = l1::EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), o).value();
        l1::RollupConfig c;
        c.sequencer = sequencer;
        c.proposer = proposer;
        c.challenge_period = U256(kPeriod);
        c.min_stake = ether(1);
        c.genesis_state_root = node->state_root();
        EXPECT_TRUE(l1->initialize({l1_user, {}}, c));
        source = std::make_unique<ChainBlockSource>(node->chain());
    }
    Hash32 send(const format::Transaction& tx) {
        auto h = node->send_raw_transaction(format::encode_transaction(tx));
        EXPECT_TRUE(h) << h.error().to_string();
        return h ? *h : Hash32{};
    }
    void block() { ASSERT_TRUE(node->produce_block(time += 2)); }
    ProposerConfig proposer_config() const { return {proposer, ether(1), node->rules()}; }
};

TEST(BlockBatch, RoundTripsAndRefusesDamage) {
    Rollup r;
    r.send(transfer(0, 0, addr(9), ether(1)));
    r.send(transfer(1, 0, addr(9), ether(2)));
    r.block();
    r.block();
    std::vector<SealedBlock> blocks{r.source->block(1).value().value(), r.source->block(2).value().value()};
    BatchDataStats stats;
    const Bytes data = encode_block_batch(blocks, &stats).value();
    const auto back = decode_block_batch(data).value();
    EXPECT_EQ(back.first, 1u);
    EXPECT_EQ(back.last, 2u);
    ASSERT_EQ(back.headers.size(), 2u);
    EXPECT_EQ(back.headers[0], blocks[0].header);
    EXPECT_EQ(back.transactions[0], blocks[0].transactions);
    EXPECT_TRUE(back.transactions[1].empty());
    const auto rebuilt = rebuild_block(back.headers[0], back.transactions[0]).value();
    EXPECT_EQ(rebuilt.hash, r.node->block(1).value()->hash);
    EXPECT_EQ(rebuilt.block.transactions, r.node->block(1).value()->block.transactions);
    EXPECT_TRUE(rebuilt.block.state_transition.account_deltas.empty()) << "deltas are not posted";
    Bytes cut = data;
    cut.resize(cut.size() - 3);
    EXPECT_FALSE(decode_block_batch(cut));
    Bytes range = data;
    range[16] = 3;  // last block 3: one more block than the contents
    EXPECT_FALSE(decode_block_batch(range));
    // Frames: small frames split and join back.
    const Bytes payload = to_l1_payload(data, 64).value();
    EXPECT_GT(frame_count(payload).value(), 1u);
    EXPECT_EQ(from_l1_payload(payload).value(), data);
    Bytes broken = payload;
    broken.pop_back();
    EXPECT_FALSE(from_l1_payload(broken));
}

TEST(Batcher, FollowsTheStrategyAndTheL1Cursor) {
    Rollup r;
    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    cfg.max_blocks = 3;
    cfg.max_delay = 10;
    Batcher b(*r.l1, *r.source, cfg);
    const std::uint64_t t0 = r.time;
    EXPECT_FALSE(b.step(t0).value()) << "only genesis, just seen";
    r.send(transfer(0, 0, addr(9), ether(1)));
    r.block();
    EXPECT_FALSE(b.step(r.time).value()) << "one young block waits for more";
    EXPECT_FALSE(b.step(t0 + 9).value()) << "waited 9 of 10 s";
    auto first = b.step(t0 + 10).value();  // maxDelay reached
    ASSERT_TRUE(first);
    EXPECT_EQ(first->batch_number, 0u);
    EXPECT_EQ(first->first_block, 0u) << "batch 0 starts with the genesis block";
    EXPECT_EQ(first->last_block, 1u);
    EXPECT_EQ(first->transactions, 1u);
    EXPECT_GT(first->l1_bytes, first->data_bytes);
    for (int i = 0; i < 4; ++i) r.block();
    auto second = b.step(r.time).value();  // maxBlocks waiting
    ASSERT_TRUE(second);
    EXPECT_EQ(second->first_block, 2u);
    EXPECT_EQ(second->last_block, 4u);
    // A fresh batcher (a restart) continues after the last block on the L1, not before or beyond it.
    Batcher again(*r.l1, *r.source, cfg);
    EXPECT_EQ(again.next_block().value(), 5u);
    auto third = again.step(r.time, true).value();
    ASSERT_TRUE(third);
    EXPECT_EQ(third->batch_number, 2u);
    EXPECT_EQ(third->first_block, 5u);
    EXPECT_EQ(r.l1->batch(2).value()->header.parent_batch_hash, second->batch_hash);
    EXPECT_FALSE(again.step(r.time + 100, true).value()) << "nothing left to batch";
}

TEST(Batcher, AFailedSubmissionIsRetriedWithTheSameBlocks) {
    Rollup r(1);
    ASSERT_TRUE(r.l1->deposit_to_l2({r.l1_user, ether(1)}, {}, ether(1), {}));
    for (int i = 0; i < 3; ++i) {
        r.block();
        ASSERT_TRUE(r.l1->mine_block());
    }
    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    Batcher b(*r.l1, *r.source, cfg);
    // The L1 refuses: a deposit is overdue. Nothing was recorded, nothing skipped.
    auto refused = b.step(r.time, true);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, l1::errc::deposit_overdue);
    EXPECT_EQ(r.l1->batch_count().value(), 0u);
    r.block();  // the chain moves on meanwhile
    const auto q = r.l1->queued_messages(0, 1).value().at(0);
    ASSERT_TRUE(r.l1->relay_message_to_l2({r.sequencer, {}}, q.message, {}));
    auto ok = b.step(r.time, true).value();
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->batch_number, 0u);
    EXPECT_EQ(ok->first_block, 0u);
    EXPECT_EQ(ok->last_block, 4u);
}

TEST(Batcher, SignsHeadersAndRespectsMaxSize) {
    Rollup r;
    for (std::uint64_t i = 0; i < 6; ++i) {
        r.send(transfer(static_cast<std::size_t>(i % 5), i / 5, addr(9), ether(1)));
        r.block();
    }
    BatcherConfig cfg;
    cfg.sequencer = dev()[7].address;
    // A rollup whose sequencer is a dev key, so the header signature can be checked by the L1.
    l1::EmbeddedL1Options o;
    o.sync_writes = false;
    auto l1 = l1::EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), o).value();
    l1::RollupConfig rc;
    rc.sequencer = cfg.sequencer;
    rc.challenge_period = U256(1);
    ASSERT_TRUE(l1->initialize({}, rc));
    cfg.max_size = 1;  // every batch shrinks to a single block
    const auto key = dev_key(7);
    Batcher b(*l1, *r.source, cfg, &key);
    for (std::uint64_t n = 0; n <= 6; ++n) {
        auto rep = b.step(r.time, true).value();
        ASSERT_TRUE(rep);
        EXPECT_EQ(rep->first_block, n);
        EXPECT_EQ(rep->last_block, n);
    }
    EXPECT_EQ(l1->batch(0).value()->header.signature.size(), 65u);
}

TEST(Rollup, ProposesFinalizesPaysAWithdrawalOnceAndDerives) {
    Rollup r;
    // Liquidity on the L1 side: a deposit locks 5 ether.
    ASSERT_TRUE(r.l1->deposit_to_l2({r.l1_user, ether(5)}, {}, ether(5), {}));
    r.send(transfer(1, 0, addr(9), ether(1)));
    const Hash32 wtx = r.send(transfer(0, 0, l2_to_l1_message_passer(), ether(2)));
    r.block();
    r.send(transfer(2, 0, addr(9), ether(1)));
    r.block();
    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    Batcher batcher(*r.l1, *r.source, cfg);
    ASSERT_TRUE(batcher.step(r.time, true).value());
    Proposer proposer(*r.l1, *r.source, r.proposer_config());
    auto acts = proposer.step().value();
    ASSERT_EQ(acts.size(), 1u);
    EXPECT_EQ(acts[0].kind, ProposerAction::Kind::kProposed);
    EXPECT_EQ(acts[0].state_root, r.node->state_root());
    EXPECT_EQ(acts[0].messages, 1u);
    EXPECT_TRUE(proposer.step().value().empty()) << "proposes once, finalizes only after the period";

    auto w = withdrawal_proof(*r.l1, r.node->chain(), *r.source, r.node->rules(), wtx).value();
    EXPECT_EQ(w.message.sender, dev()[0].address);
    EXPECT_EQ(w.message.target, dev()[0].address);
    EXPECT_EQ(w.message.value, ether(2));
    EXPECT_EQ(w.output_status, l1::OutputStatus::kProposed);
    const U256 id = U256::from_be32(w.proof.message_hash.data());
    auto early = r.l1->finalize_withdrawal({r.l1_user, {}}, id, w.encoded);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, l1::errc::not_finalized);

    ASSERT_TRUE(r.l1->mine_block(r.l1->head().value().timestamp + kPeriod));
    acts = proposer.step().value();
    ASSERT_EQ(acts.size(), 1u);
    EXPECT_EQ(acts[0].kind, ProposerAction::Kind::kFinalized);
    ASSERT_TRUE(r.l1->finalize_withdrawal({r.l1_user, {}}, id, w.encoded));
    EXPECT_EQ(r.l1->balance(dev()[0].address).value(), ether(2));
    auto twice = r.l1->finalize_withdrawal({r.l1_user, {}}, id, w.encoded);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, l1::errc::already_executed);
    EXPECT_EQ(r.l1->balance(dev()[0].address).value(), ether(2));

    // A verifier from the L1 data alone reaches the same chain, and agrees with the output.
    const auto d = derive_chain(*r.l1, dev_config()).value();
    EXPECT_EQ(d.blocks, 2u);
    EXPECT_EQ(d.transactions, 3u);
    EXPECT_EQ(d.state_root, r.node->state_root());
    EXPECT_EQ(d.outputs_checked, 1u);
    EXPECT_TRUE(d.mismatches.empty());
    EXPECT_TRUE(compare_with_chain(d, *r.source));
}

TEST(Derivation, ReportsAFalseOutputAndRefusesABadBatch) {
    Rollup r;
    r.send(transfer(0, 0, addr(9), ether(1)));
    r.block();
    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    Batcher batcher(*r.l1, *r.source, cfg);
    ASSERT_TRUE(batcher.step(r.time, true).value());
    Hash32 wrong;
    wrong[0] = 0xee;
    ASSERT_TRUE(r.l1->propose_state_root({r.proposer, ether(1)}, U256(0), wrong, l1::encode_output_proof({})));
    const auto d = derive_chain(*r.l1, dev_config()).value();
    EXPECT_EQ(d.state_root, r.node->state_root());
    ASSERT_GE(d.mismatches.size(), 1u);
    EXPECT_EQ(d.mismatches[0].batch_number, 0u);

    // A batch whose block was altered after sealing: derivation fails on it.
    r.send(transfer(0, 1, addr(9), ether(1)));
    r.block();
    auto b = *r.node->block(2).value();
    b.block.header.state_root[0] ^= 1;
    SealedBlock s = seal(b).value();
    const Bytes data = encode_block_batch(std::span<const SealedBlock>(&s, 1)).value();
    l1::BatchHeader h;
    h.batch_number = U256(1);
    h.parent_batch_hash = r.l1->batch(0).value()->batch_hash;
    h.sequencer = r.sequencer;
    ASSERT_TRUE(r.l1->submit_batch({r.sequencer, {}}, h, to_l1_payload(data, 1000).value()));
    auto bad = derive_chain(*r.l1, dev_config());
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, derivation_failed);
}

TEST(Deposits, QueuedOnL1IncludedOnL2RelayedAndCheckedByDerivation) {
    Rollup r(3);
    const Address someone = addr(42);
    ASSERT_TRUE(r.l1->transfer(r.l1_user, someone, ether(10)));
    ASSERT_TRUE(r.l1->deposit_to_l2({someone, ether(4)}, {}, ether(4), {}));
    ASSERT_TRUE(r.l1->send_message_to_l2({r.l1_user, ether(1)}, addr(43), {}));
    DepositRelay relay(*r.l1, *r.node, r.sequencer);
    EXPECT_EQ(relay.step().value(), 2u);
    EXPECT_EQ(r.node->queued_deposits(), 2u);
    r.block();
    EXPECT_EQ(r.node->head_block()->tx_count(), 2u);
    EXPECT_EQ(r.node->state().account(someone).value().balance, ether(4));
    EXPECT_EQ(r.node->state().account(addr(43)).value().balance, ether(1));
    const Hash32 wtx = r.send(transfer(1, 0, l2_to_l1_message_passer(), ether(1)));
    r.block();
    EXPECT_EQ(relay.step().value(), 0u);
    const auto w = withdrawal_proof(*r.l1, r.node->chain(), *r.source, r.node->rules(), wtx);
    EXPECT_FALSE(w) << "not batched yet";
    const auto m =
        block_messages(r.source->block(2).value().value(), r.node->chain().receipts(2).value(), r.node->rules())
            .value();
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(r.l1->get_message_status(l1::message_hash(m[0])).value(), l1::MessageStatus::kSent)
        << "the sequencer reported the L2→L1 message";
    const auto q = r.l1->queued_messages(0, 2).value();
    EXPECT_TRUE(r.l1->is_message_executed(q[0].message_hash).value());
    EXPECT_TRUE(r.l1->is_message_executed(q[1].message_hash).value());
    // A restarted relay neither queues nor relays them again.
    DepositRelay again(*r.l1, *r.node, r.sequencer);
    EXPECT_EQ(again.step().value(), 0u);
    EXPECT_EQ(r.node->queued_deposits(), 0u);

    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    Batcher batcher(*r.l1, *r.source, cfg);
    auto sub = batcher.step(r.time, true);
    ASSERT_TRUE(sub) << sub.error().to_string();
    DerivationOptions opt;
    opt.inclusion_window = 3;
    const auto dr = derive_chain(*r.l1, dev_config(), opt);
    ASSERT_TRUE(dr) << dr.error().to_string();
    const auto& d = *dr;
    EXPECT_EQ(d.deposits, 2u);
    EXPECT_EQ(d.state_root, r.node->state_root());
}

TEST(Deposits, DerivationRefusesAChainThatLeavesADepositOut) {
    Rollup r;  // no window on the L1 side, so the batch goes through; the verifier checks
    ASSERT_TRUE(r.l1->deposit_to_l2({r.l1_user, ether(1)}, {}, ether(1), {}));
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(r.l1->mine_block());
    r.block();  // the sequencer ignores the deposit
    BatcherConfig cfg;
    cfg.sequencer = r.sequencer;
    Batcher batcher(*r.l1, *r.source, cfg);
    ASSERT_TRUE(batcher.step(r.time, true).value());
    EXPECT_TRUE(derive_chain(*r.l1, dev_config()));
    DerivationOptions opt;
    opt.inclusion_window = 3;
    auto bad = derive_chain(*r.l1, dev_config(), opt);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, derivation_failed);
}

}  // namespace
}  // namespace luxl2::node
