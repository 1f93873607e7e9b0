// One test per rule of the embedded L1: each breaks the rule and sees the refusal (and that the
// refusal changed nothing), next to the call that keeps it and succeeds.
#include "l1_testing.hpp"

namespace luxl2::l1 {
namespace {

using namespace testing;

TEST(L1Init, RefusesCallsBeforeInitializeAndASecondInitialize) {
    auto l1 = EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), options()).value();
    Actors a;
    BatchHeader h;
    h.sequencer = a.sequencer;
    expect_refused(l1->submit_batch({a.sequencer, {}}, h, Bytes{1}), errc::not_initialized);
    expect_refused(l1->deposit_to_l2({a.user, ether(1)}, {}, ether(1), {}), errc::not_initialized);
    RollupConfig bad = rollup_config();
    bad.sequencer = {};
    expect_refused(l1->initialize({a.user, {}}, bad), errc::bad_config);
    bad = rollup_config();
    bad.challenge_period = U256(0);
    expect_refused(l1->initialize({a.user, {}}, bad), errc::bad_config);
    bad.rollup_type = RollupType::kZkRollup;  // validity proofs need no challenge window
    ASSERT_TRUE(l1->initialize({a.user, {}}, bad));
    expect_refused(l1->initialize({a.user, {}}, rollup_config()), errc::already_initialized);
    EXPECT_EQ(l1->config().value().value(), bad);
}

TEST_F(L1Test, OnlyTheSequencerSubmitsBatches) {
    expect_refused(l1_->submit_batch({a_.other, {}}, header(0), Bytes{1}), errc::not_sequencer);
    BatchHeader h = header(0);
    h.sequencer = a_.other;
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}), errc::not_sequencer);
    h = header(0);
    h.signature = sign(batch_hash(h), 4);  // signed by someone else
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}), errc::not_sequencer);
    h.signature = sign(batch_hash(h), 1);
    ASSERT_TRUE(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}));
    EXPECT_EQ(l1_->batch(0).value().value().header, h);
    expect_refused(l1_->submit_batch({a_.sequencer, U256(1)}, header(1), Bytes{1}), errc::bad_value);
}

TEST_F(L1Test, BatchNumbersAreConsecutive) {
    BatchHeader first = header(0);
    first.batch_number = U256(1);
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, first, Bytes{1}), errc::bad_batch_number);
    const Hash32 h0 = submit(0);
    BatchHeader again = header(0);  // a duplicate of batch 0
    again.parent_batch_hash = {};
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, again, Bytes{1}), errc::bad_batch_number);
    BatchHeader skip = header(1);
    skip.batch_number = U256(2);
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, skip, Bytes{1}), errc::bad_batch_number);
    submit(1);
    EXPECT_EQ(l1_->batch_count().value(), 2u);
    EXPECT_EQ(l1_->batch(1).value()->header.parent_batch_hash, h0);
}

TEST_F(L1Test, BatchesChainByParentHash) {
    BatchHeader h = header(0);
    h.parent_batch_hash[5] = 1;  // batch 0's parent must be zero
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}), errc::bad_parent);
    submit(0);
    h = header(1);
    h.parent_batch_hash[0] ^= 1;
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}), errc::bad_parent);
    EXPECT_EQ(l1_->batch_count().value(), 1u);
}

TEST_F(L1Test, BatchDataMustBePresentBoundedAndNotFromTheFuture) {
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, header(0), Bytes{}), errc::bad_batch);
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, header(0), Bytes(options().max_batch_bytes + 1)),
                   errc::bad_batch);
    BatchHeader h = header(0);
    h.l1_block_number = U256(5);
    expect_refused(l1_->submit_batch({a_.sequencer, {}}, h, Bytes{1}), errc::bad_batch);
    const Bytes data{9, 8, 7};
    ASSERT_TRUE(l1_->submit_batch({a_.sequencer, {}}, header(0), data));
    EXPECT_EQ(l1_->batch_data(0).value().value(), data);
    EXPECT_EQ(l1_->submitted_bytes().value(), 3u);
}

TEST_F(L1Test, ProposalsReferToSubmittedBatches) {
    expect_refused(propose(0), errc::unknown_batch);
    submit(0);
    ASSERT_TRUE(propose(0));
    expect_refused(propose(0), errc::already_proposed);
    expect_refused(propose(1), errc::unknown_batch);
    expect_refused(l1_->propose_state_root({a_.proposer, ether(1)}, U256::max(), {}, encode_output_proof({})),
                   errc::unknown_batch);
}

TEST_F(L1Test, ProposalsNeedTheProposerABondAndAnOutputProof) {
    submit(0);
    const U256 before = l1_->balance(a_.proposer).value();
    expect_refused(propose(0, {}, ether(1) - U256(1)), errc::insufficient_bond);
    expect_refused(l1_->propose_state_root({a_.other, ether(1)}, U256(0), {}, encode_output_proof({})),
                   errc::not_proposer);
    expect_refused(l1_->propose_state_root({a_.proposer, ether(1)}, U256(0), {}, Bytes{0xc0}), errc::bad_proof);
    expect_refused(propose(0, {}, ether(5000)), errc::insufficient_funds);
    EXPECT_EQ(l1_->balance(a_.proposer).value(), before) << "a refused proposal moved funds";
    ASSERT_TRUE(propose(0, {}, ether(2)));
    EXPECT_EQ(l1_->balance(a_.proposer).value(), before - ether(2));
    EXPECT_EQ(l1_->balance(settlement_address()).value(), ether(2));
    EXPECT_EQ(l1_->output(0).value()->status, OutputStatus::kProposed);
}

TEST_F(L1Test, FinalizationWaitsForTheChallengePeriodInL1Time) {
    submit(0);
    ASSERT_TRUE(propose(0));
    const std::uint64_t proposed = l1_->head().value().timestamp;
    expect_refused(l1_->finalize_state_root({a_.other, {}}, U256(0)), errc::challenge_period);
    ASSERT_TRUE(l1_->mine_block(proposed + kPeriod - 1));
    expect_refused(l1_->finalize_state_root({a_.other, {}}, U256(0)), errc::challenge_period);
    const U256 before = l1_->balance(a_.proposer).value();
    ASSERT_TRUE(l1_->mine_block(proposed + kPeriod));
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    EXPECT_EQ(l1_->balance(a_.proposer).value(), before + ether(1)) << "the bond returns to the proposer";
    const auto out = l1_->output(0).value().value();
    EXPECT_EQ(out.status, OutputStatus::kFinalized);
    EXPECT_EQ(out.finalized_l1_block, l1_->head().value().number);
}

TEST_F(L1Test, FinalizationIsInOrderAndOnce) {
    submit(0);
    submit(1);
    expect_refused(l1_->finalize_state_root({a_.other, {}}, U256(0)), errc::not_proposed);
    ASSERT_TRUE(propose(1));
    wait_period();
    expect_refused(l1_->finalize_state_root({a_.other, {}}, U256(1)), errc::out_of_order);
    ASSERT_TRUE(propose(0));
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    expect_refused(l1_->finalize_state_root({a_.other, {}}, U256(0)), errc::already_finalized);
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(1)));
    EXPECT_EQ(l1_->finalized_count().value(), 2u);
}

TEST_F(L1Test, ClockOnlyMovesForward) {
    const auto h = l1_->head().value();
    expect_refused(l1_->mine_block(h.timestamp), errc::bad_time);
    const auto next = l1_->mine_block().value();
    EXPECT_EQ(next.number, h.number + 1);
    EXPECT_EQ(next.timestamp, h.timestamp + kBlockTime);
}

TEST_F(L1Test, DepositsLockNativeFundsAndQueueAMessage) {
    expect_refused(l1_->deposit_to_l2({a_.user, ether(1)}, a_.other, ether(1), {}), errc::unsupported_token);
    expect_refused(l1_->deposit_to_l2({a_.user, ether(1)}, {}, ether(2), {}), errc::bad_value);
    expect_refused(l1_->deposit_to_l2({a_.user, ether(5000)}, {}, ether(5000), {}), errc::insufficient_funds);
    const U256 before = l1_->balance(a_.user).value();
    const U256 n0 = l1_->deposit_to_l2({a_.user, ether(3)}, {}, ether(3), Bytes{0xab}).value();
    const U256 n1 = l1_->send_message_to_l2({a_.user, ether(1)}, a_.other, Bytes{1, 2}).value();
    EXPECT_EQ(n0, U256(0));
    EXPECT_EQ(n1, U256(1));
    EXPECT_EQ(l1_->balance(a_.user).value(), before - ether(4));
    EXPECT_EQ(l1_->balance(settlement_address()).value(), ether(4));
    const auto q = l1_->queued_messages(0, 10).value();
    ASSERT_EQ(q.size(), 2u);
    EXPECT_EQ(q[0].message.target, a_.user);
    EXPECT_EQ(q[0].message.value, ether(3));
    EXPECT_EQ(q[0].message.data, Bytes{0xab});
    EXPECT_EQ(q[1].message.target, a_.other);
    EXPECT_EQ(l1_->queued_messages(1, 10).value().size(), 1u);
    EXPECT_EQ(l1_->get_message_status(q[0].message_hash).value(), MessageStatus::kSent);
}

TEST(L1Deposits, SequencerMustIncludeQueuedMessagesWithinTheWindow) {
    auto o = options();
    o.inclusion_window = 2;
    auto l1 = EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), o).value();
    Actors a;
    ASSERT_TRUE(l1->initialize({a.user, {}}, rollup_config()));
    ASSERT_TRUE(l1->deposit_to_l2({a.user, ether(1)}, {}, ether(1), {}));
    const auto q = l1->queued_messages(0, 1).value().at(0);
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(l1->mine_block());
    BatchHeader h;
    h.sequencer = a.sequencer;
    expect_refused(l1->submit_batch({a.sequencer, {}}, h, Bytes{1}), errc::deposit_overdue);
    ASSERT_TRUE(l1->relay_message_to_l2({a.sequencer, {}}, q.message, {}));
    ASSERT_TRUE(l1->submit_batch({a.sequencer, {}}, h, Bytes{1}));
}

TEST_F(L1Test, OnlyTheSequencerRelaysToL2AndOnlyForward) {
    ASSERT_TRUE(l1_->deposit_to_l2({a_.user, ether(1)}, {}, ether(1), {}));
    const auto q = l1_->queued_messages(0, 1).value().at(0);
    expect_refused(l1_->relay_message_to_l2({a_.other, {}}, q.message, {}), errc::not_sequencer);
    expect_refused(l1_->relay_message_to_l2({a_.other, {}}, q.message, sign(q.message_hash, 4)), errc::not_sequencer);
    L2Message forged = q.message;
    forged.value = ether(100);
    expect_refused(l1_->relay_message_to_l2({a_.sequencer, {}}, forged, {}), errc::unknown_message);
    // Anyone may relay with the sequencer's signature.
    ASSERT_TRUE(l1_->relay_message_to_l2({a_.other, {}}, q.message, sign(q.message_hash, 1)));
    EXPECT_TRUE(l1_->is_message_executed(q.message_hash).value());
    expect_refused(l1_->relay_message_to_l2({a_.sequencer, {}}, q.message, {}), errc::already_executed);
}

class L1Withdrawals : public L1Test {
protected:
    void SetUp() override {
        L1Test::SetUp();
        ASSERT_TRUE(l1_->deposit_to_l2({a_.user, ether(10)}, {}, ether(10), {}));  // liquidity
        batch_ = submit(0);
        out_.message_root = tree_.root;
        out_.message_count = tree_.messages.size();
        ASSERT_TRUE(propose(0, out_));
    }
    Bytes proof(std::size_t i) { return encode_withdrawal_proof(tree_.messages[i], tree_.proof(i, batch_)); }
    U256 id(std::size_t i) { return U256::from_be32(message_hash(tree_.messages[i]).data()); }

    MessageTree tree_{5, address_of(5), ether(1)};
    Hash32 batch_;
    OutputProof out_;
};

TEST_F(L1Withdrawals, OnlyAgainstFinalizedOutputs) {
    expect_refused(l1_->finalize_withdrawal({a_.other, {}}, id(1), proof(1)), errc::not_finalized);
    // Proving against the proposed output is allowed (initiateWithdrawal) and moves status forward.
    EXPECT_EQ(l1_->initiate_withdrawal({a_.other, {}}, {}, tree_.messages[1].value, proof(1)).value(), id(1));
    EXPECT_EQ(l1_->get_message_status(message_hash(tree_.messages[1])).value(), MessageStatus::kProven);
    expect_refused(l1_->initiate_withdrawal({a_.other, {}}, {}, tree_.messages[1].value, proof(1)),
                   errc::status_backwards);
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    ASSERT_TRUE(l1_->finalize_withdrawal({a_.other, {}}, id(1), proof(1)));
    EXPECT_EQ(l1_->balance(address_of(5)).value(), tree_.messages[1].value);
}

TEST_F(L1Withdrawals, EachPaysExactlyOnce) {
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    ASSERT_TRUE(l1_->finalize_withdrawal({a_.other, {}}, id(3), proof(3)));
    const U256 paid = l1_->balance(address_of(5)).value();
    expect_refused(l1_->finalize_withdrawal({a_.other, {}}, id(3), proof(3)), errc::already_executed);
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, tree_.messages[3], tree_.proof(3, batch_)),
                   errc::already_executed);
    EXPECT_EQ(l1_->balance(address_of(5)).value(), paid);
    EXPECT_TRUE(l1_->is_message_executed(message_hash(tree_.messages[3])).value());
}

TEST_F(L1Withdrawals, ProofsMustMatchTheOutput) {
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    // A changed value: the message hash no longer matches its leaf.
    L2Message more = tree_.messages[2];
    more.value = ether(9);
    MessageProof p = tree_.proof(2, batch_);
    p.message_hash = message_hash(more);
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, more, p), errc::bad_proof);
    // The proof of another index.
    MessageProof wrong = tree_.proof(1, batch_);
    wrong.message_hash = message_hash(tree_.messages[2]);
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, tree_.messages[2], wrong), errc::bad_proof);
    wrong.message_index = U256(2);
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, tree_.messages[2], wrong), errc::bad_proof);
    // A proof over a different leaf count than the output commits to.
    MessageTree bigger(6, address_of(5), ether(1));
    MessageProof p6 = bigger.proof(2, batch_);
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, bigger.messages[2], p6), errc::bad_proof);
    // An unknown batch, an id that is not the message's, garbage bytes.
    MessageProof unknown = tree_.proof(2, batch_);
    unknown.batch_hash[0] ^= 1;
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, tree_.messages[2], unknown), errc::unknown_batch);
    expect_refused(l1_->finalize_withdrawal({a_.other, {}}, id(1), proof(2)), errc::bad_proof);
    expect_refused(l1_->finalize_withdrawal({a_.other, {}}, id(2), Bytes{0x01, 0x02}), errc::bad_proof);
    expect_refused(l1_->initiate_withdrawal({a_.other, {}}, {}, ether(7), proof(2)), errc::bad_value);
    expect_refused(l1_->initiate_withdrawal({a_.other, {}}, a_.user, tree_.messages[2].value, proof(2)),
                   errc::unsupported_token);
    EXPECT_EQ(l1_->balance(address_of(5)).value(), U256(0));
    ASSERT_TRUE(l1_->relay_message_from_l2({a_.other, {}}, tree_.messages[2], tree_.proof(2, batch_)));
}

TEST_F(L1Withdrawals, NeverPaysMoreThanIsLocked) {
    MessageTree rich(1, address_of(6), ether(500));
    submit(1);
    OutputProof o;
    o.message_root = rich.root;
    o.message_count = 1;
    ASSERT_TRUE(propose(1, o));
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(1)));
    const Hash32 b1 = l1_->batch(1).value()->batch_hash;
    expect_refused(l1_->relay_message_from_l2({a_.other, {}}, rich.messages[0], rich.proof(0, b1)),
                   errc::insufficient_liquidity);
    EXPECT_EQ(l1_->get_message_status(message_hash(rich.messages[0])).value(), MessageStatus::kUnknown);
}

TEST_F(L1Test, L2ToL1MessagesReportedBySequencerOnly) {
    L2Message m;
    m.sender = a_.user;
    m.target = a_.other;
    m.nonce = U256(7);
    expect_refused(l1_->send_message_to_l1({a_.user, {}}, m), errc::not_sequencer);
    const Hash32 h = l1_->send_message_to_l1({a_.sequencer, {}}, m).value();
    EXPECT_EQ(h, message_hash(m));
    EXPECT_EQ(l1_->get_message_status(h).value(), MessageStatus::kSent);
    expect_refused(l1_->send_message_to_l1({a_.sequencer, {}}, m), errc::status_backwards);
    EXPECT_FALSE(l1_->is_message_executed(h).value());
}

TEST_F(L1Test, EventsFormAQueryableLog) {
    const Hash32 h0 = submit(0);
    ASSERT_TRUE(propose(0));
    ASSERT_TRUE(l1_->mine_block());
    ASSERT_TRUE(l1_->deposit_to_l2({a_.user, ether(1)}, {}, ether(1), {}));
    wait_period();
    ASSERT_TRUE(l1_->finalize_state_root({a_.other, {}}, U256(0)));
    const auto all = l1_->events({}).value();
    ASSERT_EQ(all.size(), 5u);  // block 0: submitted, proposed; 1: queued, status Sent; 2: finalized
    EXPECT_EQ(std::get<BatchSubmitted>(all[0].data), (BatchSubmitted{U256(0), h0}));
    EXPECT_EQ(all[0].l1_block, 0u);
    EXPECT_EQ(all[1].log_index, 1u);
    EXPECT_EQ(event_name(all[1].data), "StateRootProposed");
    EXPECT_EQ(all[2].l1_block, 1u);
    EXPECT_EQ(all[2].log_index, 0u);
    EXPECT_EQ(std::get<MessageQueued>(all[2].data).message.value, ether(1));
    EXPECT_EQ(std::get<MessageStatusChanged>(all[3].data).status, MessageStatus::kSent);
    EXPECT_EQ(event_name(all.back().data), "StateRootFinalized");
    EXPECT_EQ(l1_->events({1, 1}).value().size(), 2u);
    for (const auto& e : all) EXPECT_EQ(decode_event(encode_event(e)).value(), e);
}

TEST(L1Codec, EncodingsRoundTripAndRejectNonCanonical) {
    OutputProof o{Hash32{}, 3, Hash32{}, 9};
    o.message_root[1] = 5;
    EXPECT_EQ(decode_output_proof(encode_output_proof(o)).value(), o);
    Bytes trailing = encode_output_proof(o);
    trailing.push_back(0);
    expect_refused(decode_output_proof(trailing), errc::bad_proof);
    MessageTree t(2, address_of(9), ether(1));
    Hash32 b;
    b[3] = 4;
    const auto w = decode_withdrawal_proof(encode_withdrawal_proof(t.messages[1], t.proof(1, b))).value();
    EXPECT_EQ(w.message, t.messages[1]);
    EXPECT_EQ(w.proof, t.proof(1, b));
    Bytes cut = encode_withdrawal_proof(t.messages[1], t.proof(1, b));
    cut.pop_back();
    expect_refused(decode_withdrawal_proof(cut), errc::bad_proof);
}

}  // namespace
}  // namespace luxl2::l1
