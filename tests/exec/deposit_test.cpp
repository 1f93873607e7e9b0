#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/block_executor.hpp"
#include "luxl2/exec/deposit.hpp"
#include "luxl2/format/tx_data.hpp"
#include "luxl2/state/smt_commitment.hpp"

namespace luxl2::exec {
namespace {

using namespace luxl2::literals;

const U256 kEther = U256::from_string("1000000000000000000").value();

struct DepositFixture : ::testing::Test {
    state::MemoryKvStore kv;
    std::unique_ptr<state::StateDb> db;
    Address alice = Address::from_view("0x000000000000000000000000000000000000a11c"_hex);
    Address bob = Address::from_view("0x000000000000000000000000000000000000b0b0"_hex);
    Address fee = Address::from_view("0x00000000000000000000000000000000000005ee"_hex);
    BlockEnv env;

    void SetUp() override {
        db = std::make_unique<state::StateDb>(kv, state::new_state_commitment(kv).value());
        env.number = 1;
        env.base_fee = U256(1'000'000'000);
        env.fee_recipient = fee;
        env.rules.chain_id = U256(1337);
    }

    format::DepositTransaction deposit(U256 mint, U256 value, std::uint64_t gas = 100'000) {
        format::DepositTransaction d;
        d.source_hash[31] = 1;
        d.from = alice;
        d.to = bob;
        d.mint = mint;
        d.value = value;
        d.gas = gas;
        return d;
    }
};

TEST_F(DepositFixture, MintsMovesValueBumpsNonceAndChargesNoFee) {
    const auto r = apply_deposit(*db, env, deposit(kEther * U256(2), kEther)).value();
    EXPECT_TRUE(r.status);
    EXPECT_EQ(r.gas_used, 21'000u);
    EXPECT_EQ(r.effective_gas_price, U256(0));
    EXPECT_EQ(db->account(alice).value().balance, kEther);
    EXPECT_EQ(db->account(alice).value().nonce, 1u);
    EXPECT_EQ(db->account(bob).value().balance, kEther);
    EXPECT_TRUE(db->account(fee).value().is_empty());  // no tip, nothing else paid
    // A second deposit of the same sender needs no nonce of its own.
    EXPECT_TRUE(apply_deposit(*db, env, deposit(U256(0), U256(5))).value().status);
    EXPECT_EQ(db->account(alice).value().nonce, 2u);
}

TEST_F(DepositFixture, FailureKeepsTheMintAndTheNonceBump) {
    // Value above balance after the mint.
    auto r = apply_deposit(*db, env, deposit(U256(10), U256(11))).value();
    EXPECT_FALSE(r.status);
    EXPECT_EQ(db->account(alice).value().balance, U256(10));
    EXPECT_EQ(db->account(alice).value().nonce, 1u);
    EXPECT_TRUE(db->account(bob).value().is_empty());
    // Gas below the intrinsic gas: fails and uses all of it.
    r = apply_deposit(*db, env, deposit(U256(1), U256(1), 20'000)).value();
    EXPECT_FALSE(r.status);
    EXPECT_EQ(r.gas_used, 20'000u);
    EXPECT_EQ(db->account(alice).value().balance, U256(11));
    // Contract creation is not supported yet: fails, mint kept.
    auto create = deposit(U256(1), U256(0));
    create.to.reset();
    EXPECT_FALSE(apply_deposit(*db, env, create).value().status);
    EXPECT_EQ(db->account(alice).value().balance, U256(12));
    EXPECT_EQ(db->account(alice).value().nonce, 3u);
}

TEST_F(DepositFixture, GasCountsCalldataAndTheHashIsTheEnvelopes) {
    auto d = deposit(U256(0), U256(0));
    d.data = Bytes{0, 1, 2};  // 4 + 16 + 16
    EXPECT_EQ(deposit_gas(d, env.rules), 21'036u);
    const auto td = format::make_tx_data(d);
    EXPECT_EQ(td.tx_type, 0x7E);
    EXPECT_EQ(format::tx_hash(td).value(), deposit_hash(d));
    EXPECT_EQ(format::tx_sender(td).value(), alice);
}

TEST_F(DepositFixture, BlockRunsDepositsFirstWithReceiptsAndIntermediateRoots) {
    const std::vector<format::DepositTransaction> deps{deposit(kEther, U256(1)), deposit(U256(0), kEther * U256(5))};
    const auto out = execute_block(*db, env, deps, {}).value();
    ASSERT_EQ(out.receipts.size(), 2u);
    EXPECT_EQ(static_cast<std::uint8_t>(out.receipts[0].type), 0x7E);
    EXPECT_TRUE(out.receipts[0].status);
    EXPECT_FALSE(out.receipts[1].status);  // 5 ether > balance: fails, still included
    EXPECT_EQ(out.gas_used, 42'000u);
    EXPECT_EQ(out.receipts[1].cumulative_gas_used, 42'000u);
    EXPECT_NE(out.receipts[0].state_root, out.receipts[1].state_root);  // the nonce bump changes state
    EXPECT_EQ(out.receipts[1].state_root, db->root().value());
    const Bytes enc = encode_receipt(out.receipts[0]);
    EXPECT_EQ(decode_receipt(enc).value(), out.receipts[0]);
}

}  // namespace
}  // namespace luxl2::exec
