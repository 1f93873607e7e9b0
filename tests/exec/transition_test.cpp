#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/block_executor.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/witness.hpp"

namespace luxl2::exec {
namespace {

using namespace luxl2::literals;
using format::Transaction;
using format::TxType;

const U256 kEther = U256::from_string("1000000000000000000").value();
const U256 kGwei = U256(1'000'000'000);

struct Fixture : ::testing::Test {
    state::MemoryKvStore kv;
    std::unique_ptr<state::StateDb> db;
    crypto::SecretKey alice_key = crypto::SecretKey::from_bytes(Bytes(32, 0x11)).value();
    Address alice = crypto::to_address(crypto::public_key(alice_key));
    Address bob = Address::from_view("0x000000000000000000000000000000000000b0b0"_hex);
    Address sequencer = Address::from_view("0x00000000000000000000000000000000000005ee"_hex);
    BlockEnv env;

    void SetUp() override {
        db = std::make_unique<state::StateDb>(kv, std::make_unique<state::SortedLeafCommitment>());
        state::Account a;
        a.balance = kEther * U256(10);
        db->set_account(alice, a);
        state::WriteBatch wb;
        (void)db->stage(wb).value();
        ASSERT_TRUE(kv.write(wb, true));
        db->publish();
        env.number = 1;
        env.base_fee = kGwei;
        env.fee_recipient = sequencer;
        env.rules.chain_id = U256(1337);
    }

    Transaction transfer(TxType type, std::uint64_t nonce, U256 value, Bytes data = {}) {
        Transaction tx;
        tx.type = type;
        tx.chain_id = U256(1337);
        tx.nonce = nonce;
        tx.gas_limit = 50'000;
        tx.to = bob;
        tx.value = value;
        tx.data = std::move(data);
        if (type == TxType::kDynamicFee) {
            tx.max_fee_per_gas = kGwei * U256(3);
            tx.max_priority_fee_per_gas = kGwei * U256(2);
        } else {
            tx.gas_price = kGwei * U256(2);
        }
        format::sign_transaction(tx, alice_key);
        return tx;
    }
};

TEST(Fees, LondonBaseFee) {
    const U256 base = kGwei;
    EXPECT_EQ(next_base_fee(15'000'000, 30'000'000, base), base);                 // at target
    EXPECT_EQ(next_base_fee(30'000'000, 30'000'000, base), U256(1'125'000'000));  // full: +12.5%
    EXPECT_EQ(next_base_fee(0, 30'000'000, base), U256(875'000'000));             // empty: -12.5%
    EXPECT_EQ(next_base_fee(20'000'000, 30'000'000, base), U256(1'041'666'666));  // 1e9 * 5e6 / 15e6 / 8 = 41666666
    EXPECT_EQ(next_base_fee(15'000'001, 30'000'000, U256(7)), U256(8));           // at least +1 above target
    EXPECT_EQ(next_base_fee(0, 30'000'000, U256(7)), U256(7));                    // 7/8 rounds to 0
}

TEST_F(Fixture, TransfersOfEveryTypeMoveValueAndPayFees) {
    std::uint64_t nonce = 0;
    for (TxType type : {TxType::kLegacy, TxType::kAccessList, TxType::kDynamicFee}) {
        const auto before = db->account(alice).value().balance;
        const auto bob_before = db->account(bob).value().balance;
        const auto seq_before = db->account(sequencer).value().balance;
        const Transaction tx = transfer(type, nonce, kEther, "0x00ff00"_hex);
        ASSERT_EQ(format::recover_sender(tx).value(), alice);
        auto r = apply_transaction(*db, env, tx, alice, env.gas_limit);
        ASSERT_TRUE(r) << r.error().to_string();
        // 21000 + 2 zero bytes * 4 + 1 non-zero * 16 (EIP-2028).
        EXPECT_EQ(r->gas_used, 21'000u + 8 + 16);
        // Legacy/2930 at 2 gwei: tip = 1 gwei; 1559 at min(3, 1 + 2) = 3 gwei: tip = 2 gwei.
        const U256 price = type == TxType::kDynamicFee ? kGwei * U256(3) : kGwei * U256(2);
        EXPECT_EQ(r->effective_gas_price, price);
        EXPECT_EQ(db->account(alice).value().balance, before - kEther - U256(r->gas_used) * price);
        EXPECT_EQ(db->account(alice).value().nonce, nonce + 1);
        EXPECT_EQ(db->account(bob).value().balance, bob_before + kEther);
        EXPECT_EQ(db->account(sequencer).value().balance, seq_before + U256(r->gas_used) * (price - kGwei));
        ++nonce;
    }
}

TEST_F(Fixture, TransferToOneselfPaysOnlyTheFee) {
    Transaction tx = transfer(TxType::kDynamicFee, 0, kEther);
    tx.to = alice;
    format::sign_transaction(tx, alice_key);
    const auto before = db->account(alice).value().balance;
    auto r = apply_transaction(*db, env, tx, alice, env.gas_limit);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(db->account(alice).value().balance, before - U256(r->gas_used) * r->effective_gas_price);
    EXPECT_EQ(db->account(alice).value().nonce, 1u);
}

TEST_F(Fixture, RefusalsUseGethWordingAndChangeNothing) {
    const Hash32 root = db->root().value();
    auto expect = [&](const Transaction& tx, std::string_view code, std::string_view prefix) {
        auto r = apply_transaction(*db, env, tx, alice, env.gas_limit);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, code);
        EXPECT_TRUE(r.error().message.starts_with(prefix)) << r.error().message;
        EXPECT_EQ(db->root().value(), root);
    };
    expect(transfer(TxType::kDynamicFee, 1, 1), errc::nonce_too_high, "nonce too high");
    expect(transfer(TxType::kDynamicFee, 0, kEther * U256(10)), errc::insufficient_funds,
           "insufficient funds for gas * price + value");
    Transaction low = transfer(TxType::kLegacy, 0, 1);
    low.gas_limit = 20'000;
    format::sign_transaction(low, alice_key);
    expect(low, errc::intrinsic_gas, "intrinsic gas too low");
    Transaction cheap = transfer(TxType::kDynamicFee, 0, 1);
    cheap.max_fee_per_gas = kGwei - U256(1);
    cheap.max_priority_fee_per_gas = 0;
    format::sign_transaction(cheap, alice_key);
    expect(cheap, errc::fee_cap_too_low, "max fee per gas less than block base fee");
    Transaction create = transfer(TxType::kDynamicFee, 0, 0, "0x6000"_hex);
    create.to.reset();
    format::sign_transaction(create, alice_key);
    expect(create, errc::contract_creation_unsupported, "contract creation is not supported");

    // Give bob code: calls into it are refused.
    state::Account code;
    code.code_hash = Hash32::from_view("0x1111111111111111111111111111111111111111111111111111111111111111"_hex);
    db->set_account(bob, code);
    const Hash32 root2 = db->root().value();
    auto r = apply_transaction(*db, env, transfer(TxType::kDynamicFee, 0, 1), alice, env.gas_limit);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::call_into_code_unsupported);
    EXPECT_EQ(db->root().value(), root2);

    ASSERT_TRUE(apply_transaction(*db, env, transfer(TxType::kLegacy, 0, 1), alice, 21'000 - 1).error().code ==
                errc::block_gas_limit);
}

TEST_F(Fixture, NonceTooLowAfterInclusion) {
    ASSERT_TRUE(apply_transaction(*db, env, transfer(TxType::kLegacy, 0, 1), alice, env.gas_limit));
    auto r = apply_transaction(*db, env, transfer(TxType::kLegacy, 0, 2), alice, env.gas_limit);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().message.starts_with("nonce too low")) << r.error().message;
}

TEST_F(Fixture, BlockReceiptsCarryEachStateRoot) {
    std::vector<SignedTx> txs;
    for (std::uint64_t n : {0u, 1u, 5u, 2u}) {
        auto tx = transfer(TxType::kDynamicFee, n, U256(n + 1));
        txs.push_back({tx, alice, format::transaction_hash(tx)});
    }
    const Hash32 pre = db->root().value();
    const auto out = execute_block(*db, env, txs).value();
    ASSERT_EQ(out.included, (std::vector<std::size_t>{0, 1, 3}));
    ASSERT_EQ(out.rejected.size(), 1u);
    EXPECT_EQ(out.rejected[0].second.code, errc::nonce_too_high);
    ASSERT_EQ(out.receipts.size(), 3u);
    EXPECT_EQ(out.receipts[0].cumulative_gas_used, 21'000u);
    EXPECT_EQ(out.receipts[2].cumulative_gas_used, 63'000u);
    EXPECT_EQ(out.gas_used, 63'000u);
    EXPECT_NE(out.receipts[0].state_root, pre);
    EXPECT_NE(out.receipts[0].state_root, out.receipts[1].state_root);
    EXPECT_EQ(out.receipts[2].state_root, db->root().value());
    for (const auto& r : out.receipts) {
        EXPECT_TRUE(r.status);
        EXPECT_TRUE(r.logs.empty());
        EXPECT_EQ(decode_receipt(encode_receipt(r)).value(), r);
    }
}

TEST_F(Fixture, WitnessReexecutionGivesTheSamePostState) {
    // Block prefix: one transfer already applied, so the witness is taken mid-block.
    ASSERT_TRUE(apply_transaction(*db, env, transfer(TxType::kLegacy, 0, 1), alice, env.gas_limit));
    const Hash32 pre_root = db->root().value();
    const Transaction tx = transfer(TxType::kDynamicFee, 1, kEther, "0xabcdef"_hex);
    auto run = generate_witness(*db, pre_root, env, tx, alice, env.gas_limit);
    ASSERT_TRUE(run) << run.error().to_string();
    EXPECT_EQ(run->witness.accounts.size(), 3u);  // sender, recipient, fee recipient
    EXPECT_EQ(run->witness.keys().size(), 3u);

    auto again = reexecute(run->witness, env, tx, alice, env.gas_limit);
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->post, run->post);
    EXPECT_EQ(again->result.gas_used, run->result.gas_used);

    // The post-state applied to the full state gives the root of executing it there.
    ASSERT_TRUE(apply_transaction(*db, env, tx, alice, env.gas_limit));
    const auto& c = db->commitment();
    auto changes = db->pending().changes();
    EXPECT_EQ(c.root_with(changes), db->root().value());
    for (const auto& ch : again->post) {
        const auto it = std::find_if(changes.begin(), changes.end(), [&](const auto& x) { return x.key == ch.key; });
        ASSERT_NE(it, changes.end());
        EXPECT_EQ(it->value, ch.value);
    }

    // Through the StateDb overload: same entries; the interim commitment has no proofs, so a
    // verifier refuses the witness.
    state::MemoryKvStore kv2;
    state::StateDb db2(kv2, std::make_unique<state::SortedLeafCommitment>());
    for (const auto& [a, acc] : run->witness.accounts) db2.set_account(a, acc);
    auto run2 = generate_witness(db2, env, tx, alice, env.gas_limit);
    ASSERT_TRUE(run2);
    EXPECT_EQ(run2->witness.accounts, run->witness.accounts);
    EXPECT_EQ(run2->post, run->post);
    EXPECT_FALSE(run2->witness.proof.has_value());
    state::SortedLeafCommitment verifier;
    EXPECT_EQ(reexecute(run2->witness, env, tx, alice, env.gas_limit, &verifier).error().code, witness_proof);

    // A witness missing the fee recipient cannot re-execute.
    Witness partial = run->witness;
    partial.accounts.erase(sequencer);
    auto bad = reexecute(partial, env, tx, alice, env.gas_limit);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, witness_incomplete);
}

TEST(Receipt, DecodeRejectsNonCanonical) {
    Receipt r;
    r.type = TxType::kDynamicFee;
    r.cumulative_gas_used = 42'000;
    r.gas_used = 21'000;
    r.logs.push_back(Log{Address{}, {Hash32{}}, "0x01"_hex});
    Bytes enc = encode_receipt(r);
    EXPECT_EQ(decode_receipt(enc).value(), r);
    enc.push_back(0);
    EXPECT_FALSE(decode_receipt(enc));
    EXPECT_FALSE(decode_receipt("0x05c0"_hex));
    EXPECT_FALSE(decode_receipt({}));
}

TEST(Receipt, BloomOfNoLogsIsZero) {
    const auto bloom = logs_bloom({});
    EXPECT_TRUE(std::all_of(bloom.begin(), bloom.end(), [](std::uint8_t b) { return b == 0; }));
    const auto one = logs_bloom({Log{Address{}, {}, {}}});
    int bits = 0;
    for (auto b : one) bits += __builtin_popcount(b);
    EXPECT_GE(bits, 1);
    EXPECT_LE(bits, 3);
}

}  // namespace
}  // namespace luxl2::exec
