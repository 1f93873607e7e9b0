// Witness proofs under the sparse-Merkle-tree commitment (compiled once the merkle module has it).
#include <gtest/gtest.h>

#include "luxl2/exec/witness.hpp"
#include "luxl2/state/smt_commitment.hpp"

#if LUXL2_HAVE_SMT

namespace luxl2::exec {
namespace {

TEST(WitnessSmt, ProofBindsThePreStateMidBlock) {
    state::MemoryKvStore kv;
    auto c = state::open_state_commitment(kv);
    ASSERT_TRUE(c);
    state::StateDb db(kv, std::move(*c));
    auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x22)).value();
    const Address alice = crypto::to_address(crypto::public_key(key));
    Address bob, fee;
    bob[19] = 0xb0;
    fee[19] = 0xfe;
    state::Account a;
    a.balance = U256(1'000'000'000'000'000'000ULL);
    db.set_account(alice, a);
    for (std::uint8_t i = 1; i < 50; ++i) {  // other accounts, so proofs have depth
        Address x;
        x[0] = i;
        state::Account o;
        o.balance = i;
        db.set_account(x, o);
    }
    BlockEnv env;
    env.base_fee = 7;
    env.fee_recipient = fee;
    env.rules.chain_id = U256(1);
    auto transfer = [&](std::uint64_t nonce) {
        format::Transaction tx;
        tx.type = format::TxType::kDynamicFee;
        tx.chain_id = U256(1);
        tx.nonce = nonce;
        tx.max_fee_per_gas = 100;
        tx.max_priority_fee_per_gas = 2;
        tx.gas_limit = 21'000;
        tx.to = bob;
        tx.value = 5;
        format::sign_transaction(tx, key);
        return tx;
    };
    ASSERT_TRUE(apply_transaction(db, env, transfer(0), alice, env.gas_limit));  // pending, mid-block
    const auto tx = transfer(1);
    auto run = generate_witness(db, env, tx, alice, env.gas_limit);
    ASSERT_TRUE(run) << run.error().to_string();
    ASSERT_TRUE(run->witness.proof.has_value());
    EXPECT_EQ(run->witness.pre_root, db.root().value());
    auto verifier = state::SmtCommitment::verifier();
    auto again = reexecute(run->witness, env, tx, alice, env.gas_limit, verifier.get());
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->post, run->post);

    // The post-state leaves applied to the full state give the root of executing there.
    ASSERT_TRUE(apply_transaction(db, env, tx, alice, env.gas_limit));
    EXPECT_EQ(db.root().value(), db.commitment().root_with(db.pending().changes()));

    // A witness that lies about a balance fails the proof.
    Witness forged = run->witness;
    forged.accounts[alice].balance += U256(1);
    EXPECT_EQ(reexecute(forged, env, tx, alice, env.gas_limit, verifier.get()).error().code, witness_proof);
    Witness forged_root = run->witness;
    forged_root.pre_root[0] ^= 1;
    EXPECT_EQ(reexecute(forged_root, env, tx, alice, env.gas_limit, verifier.get()).error().code, witness_proof);
}

}  // namespace
}  // namespace luxl2::exec

#endif
