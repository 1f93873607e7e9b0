// The BLS account registry in the state (registration by a transaction to 0x…0553) and the execution
// of 0x53 Compressed transactions: columnar and indexed bodies, the aggregate, unknown senders,
// nonce gaps, balances, all-or-nothing, gas, the block executor's receipts, the cache's
// independence from what it cached.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls_registry.hpp"
#include "luxl2/exec/block_executor.hpp"
#include "luxl2/exec/compressed.hpp"
#include "luxl2/exec/witness.hpp"
#include "luxl2/state/smt_commitment.hpp"

namespace luxl2::exec {
namespace {

using namespace luxl2::literals;
namespace bls = crypto::bls;

const U256 kEther = U256::from_string("1000000000000000000").value();
const U256 kGwei = U256(1'000'000'000);

struct BlsKey {
    bls::SecretKey sk;
    bls::PublicKey pk;
    bls::Signature pop;
    Address address;
};

BlsKey bls_key(std::uint8_t fill) {
    BlsKey k;
    k.sk = bls::keygen(Bytes(32, fill)).value();
    k.pk = bls::sk_to_pk(k.sk).value();
    k.pop = bls::pop_prove(k.sk).value();
    k.address = bls::account_address(k.pk);
    return k;
}

struct BlsExec : ::testing::Test {
    state::MemoryKvStore kv;
    std::unique_ptr<state::StateDb> db;
    crypto::SecretKey alice_key = crypto::SecretKey::from_bytes(Bytes(32, 0x11)).value();
    Address alice = crypto::to_address(crypto::public_key(alice_key));
    Address bob = Address::from_view("0x000000000000000000000000000000000000b0b0"_hex);
    Address carol = Address::from_view("0x000000000000000000000000000000000000ca01"_hex);
    Address sequencer = Address::from_view("0x00000000000000000000000000000000000005ee"_hex);
    BlsKey k1 = bls_key(0x01), k2 = bls_key(0x02), k3 = bls_key(0x03);
    BlockEnv env;
    BlsAccountCache cache;
    std::uint64_t alice_nonce = 0;

    void SetUp() override {
        db = std::make_unique<state::StateDb>(kv, state::open_state_commitment(kv).value());
        state::Account a;
        a.balance = kEther * U256(100);
        db->set_account(alice, a);
        db->set_account(k1.address, a);
        db->set_account(k2.address, a);
        db->set_account(k3.address, a);
        commit();
        env.number = 1;
        env.base_fee = kGwei;
        env.fee_recipient = sequencer;
        env.rules.chain_id = U256(1337);
    }
    void commit() {
        state::WriteBatch wb;
        (void)db->stage(wb).value();
        ASSERT_TRUE(kv.write(wb, true));
        db->publish();
    }
    format::Transaction registration(const BlsKey& k, U256 value = U256(0)) {
        format::Transaction tx;
        tx.type = format::TxType::kDynamicFee;
        tx.chain_id = U256(1337);
        tx.nonce = alice_nonce;
        tx.max_fee_per_gas = kGwei * U256(2);
        tx.max_priority_fee_per_gas = kGwei;
        tx.to = kBlsRegistryAddress;
        tx.value = value;
        tx.data = bls_registration_data(k.pk, k.pop);
        tx.gas_limit = execution_gas(tx, env.rules);
        return tx;
    }
    Result<TxResult> register_key(const BlsKey& k) {
        auto r = apply_transaction(*db, env, registration(k), alice, env.gas_limit);
        if (r) ++alice_nonce;
        return r;
    }
    static compress::InnerTx inner(const BlsKey& from, std::uint64_t nonce, const Address& to, U256 value) {
        compress::InnerTx t;
        t.from = from.address;
        t.nonce = nonce;
        t.max_fee_per_gas = kGwei * U256(3);
        t.max_priority_fee_per_gas = kGwei;
        t.gas_limit = 200'000;
        t.to = to;
        t.value = value;
        return t;
    }
    // Signs each inner transaction with the key of its sender among `keys`.
    static format::TransactionData signed_batch(const compress::CompressedBatch& b, std::vector<const BlsKey*> keys,
                                                compress::BodyFormat fmt = compress::BodyFormat::kColumnar,
                                                const compress::AccountIndex* index = nullptr) {
        std::vector<bls::Signature> sigs;
        for (const auto& t : b.txs)
            for (const BlsKey* k : keys)
                if (k->address == t.from) sigs.push_back(compress::sign_inner(k->sk, b.chain_id, t).value());
        return compress::make_compressed_tx(b, fmt, sigs, index).value();
    }
    compress::CompressedBatch batch(std::vector<compress::InnerTx> txs) const {
        return compress::CompressedBatch{U256(1337), std::move(txs)};
    }
    state::Account account(const Address& a) const { return db->account(a).value(); }
    void register_both() {
        ASSERT_TRUE(register_key(k1));
        ASSERT_TRUE(register_key(k2));
    }
};

TEST_F(BlsExec, RegistrationWritesKeyAndIndexInOrder) {
    auto r = register_key(k2);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->gas_used, format::intrinsic_gas(registration(k2), env.rules) + kBlsRegistrationGas);
    ASSERT_TRUE(register_key(k1));
    EXPECT_EQ(bls_account_count(*db).value(), 2u);
    EXPECT_EQ(bls_account(*db, k2.address).value(), (BlsAccount{k2.pk, 0}));
    EXPECT_EQ(bls_account(*db, k1.address).value(), (BlsAccount{k1.pk, 1}));
    EXPECT_FALSE(bls_account(*db, k3.address).value());
    EXPECT_EQ(bls_account_at(*db, 0).value().first, k2.address);
    EXPECT_EQ(bls_account_at(*db, 1).value().first, k1.address);
    // The registry is storage of 0x…0553, so it is in the committed state root; no account is made.
    const Hash32 before = db->committed_root();
    commit();
    EXPECT_NE(db->committed_root(), before);
    EXPECT_TRUE(account(kBlsRegistryAddress).is_empty());
    EXPECT_EQ(account(alice).nonce, 2u);
}

TEST_F(BlsExec, RegistrationRefusals) {
    ASSERT_TRUE(register_key(k1));
    auto again = register_key(k1);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, errc::bls_already_registered);

    auto tx = registration(k2);
    tx.data = bls_registration_data(k2.pk, k1.pop);  // another key's PoP
    auto bad_pop = apply_transaction(*db, env, tx, alice, env.gas_limit);
    ASSERT_FALSE(bad_pop);
    EXPECT_EQ(bad_pop.error().code, errc::bls_bad_pop);

    tx = registration(k2);
    tx.data.pop_back();
    tx.gas_limit = execution_gas(tx, env.rules);
    auto short_data = apply_transaction(*db, env, tx, alice, env.gas_limit);
    ASSERT_FALSE(short_data);
    EXPECT_EQ(short_data.error().code, errc::bad_bls_registration);

    auto with_value = apply_transaction(*db, env, registration(k2, U256(1)), alice, env.gas_limit);
    ASSERT_FALSE(with_value);
    EXPECT_EQ(with_value.error().code, errc::bad_bls_registration);

    tx = registration(k2);
    tx.gas_limit -= 1;
    auto low_gas = apply_transaction(*db, env, tx, alice, env.gas_limit);
    ASSERT_FALSE(low_gas);
    EXPECT_EQ(low_gas.error().code, errc::intrinsic_gas);

    tx = registration(k2);
    tx.data[0] ^= 0x40;  // the infinity flag on a non-zero encoding: not a valid key
    auto bad_key = apply_transaction(*db, env, tx, alice, env.gas_limit);
    ASSERT_FALSE(bad_key);
    EXPECT_EQ(bad_key.error().code, errc::bad_bls_registration);
    EXPECT_EQ(bls_account_count(*db).value(), 1u);
}

TEST_F(BlsExec, ColumnarBatchExecutesEveryInnerTransfer) {
    register_both();
    const auto b =
        batch({inner(k1, 0, bob, kEther), inner(k2, 0, bob, kEther * U256(2)), inner(k1, 1, carol, U256(7))});
    const auto td = signed_batch(b, {&k1, &k2});
    const auto k1_before = account(k1.address).balance;
    const auto fees_before = account(sequencer).balance;
    auto r = apply_compressed_transaction(*db, env, td, env.gas_limit, cache);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->batch, b);
    const std::uint64_t g0 = 21'000 + kCompressedMessageGas + kCompressedBaseGas, g = 21'000 + kCompressedMessageGas;
    EXPECT_EQ(compressed_inner_gas(b, 0, env.rules), g0);
    EXPECT_EQ(r->result.gas_used, g0 + 2 * g);
    EXPECT_EQ(r->result.effective_gas_price, kGwei * U256(2));  // base fee + tip, for every inner one
    EXPECT_EQ(account(bob).balance, kEther * U256(3));
    EXPECT_EQ(account(carol).balance, U256(7));
    EXPECT_EQ(account(k1.address).nonce, 2u);
    EXPECT_EQ(account(k2.address).nonce, 1u);
    EXPECT_EQ(account(k1.address).balance, k1_before - kEther - U256(7) - U256(g0 + g) * kGwei * U256(2));
    EXPECT_EQ(account(sequencer).balance - fees_before, U256(g0 + 2 * g) * kGwei);
}

TEST_F(BlsExec, IndexedBodyDecodesAgainstTheStateIndexAndNonces) {
    register_both();
    // Advance k1's nonce, so that the indexed body's implied nonces must come from the state.
    ASSERT_TRUE(apply_compressed_transaction(*db, env, signed_batch(batch({inner(k1, 0, bob, U256(1))}), {&k1}),
                                             env.gas_limit, cache));
    const auto b = batch({inner(k1, 1, k2.address, U256(5)), inner(k2, 0, carol, U256(6)), inner(k1, 2, bob, U256(8))});
    const std::vector<Address> senders{k1.address, k2.address};
    const auto index = cache.index(*db, senders).value();
    EXPECT_EQ(index.size(), 2u);
    EXPECT_EQ(index.next_nonce(*index.index_of(k1.address)), 1u);
    const auto td = signed_batch(b, {&k1, &k2}, compress::BodyFormat::kIndexed, &index);
    auto decoded = cache.decode(td, *db);
    ASSERT_TRUE(decoded) << decoded.error().to_string();
    EXPECT_EQ(*decoded, b);
    auto r = apply_compressed_transaction(*db, env, td, env.gas_limit, cache);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(account(k1.address).nonce, 3u);
    EXPECT_EQ(account(carol).balance, U256(6));
    // Once executed the same bytes decode to the next nonces, which the aggregate does not cover.
    auto replayed = apply_compressed_transaction(*db, env, td, env.gas_limit, cache);
    ASSERT_FALSE(replayed);
    EXPECT_EQ(replayed.error().code, errc::bad_aggregate);
}

TEST_F(BlsExec, InvalidAggregateUnknownSenderAndNothingChanged) {
    register_both();
    const auto b = batch({inner(k1, 0, bob, kEther), inner(k2, 0, bob, kEther)});
    auto td = signed_batch(b, {&k1, &k2});
    // The aggregate of another batch (a different amount).
    const auto other =
        signed_batch(batch({inner(k1, 0, bob, kEther * U256(5)), inner(k2, 0, bob, kEther)}), {&k1, &k2});
    td.signature = other.signature;
    const Hash32 root = db->root().value();
    auto bad = apply_compressed_transaction(*db, env, td, env.gas_limit, cache);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, errc::bad_aggregate);
    // A batch the caller says it verified does not excuse another one.
    const auto claimed = batch({inner(k1, 0, bob, kEther * U256(5)), inner(k2, 0, bob, kEther)});
    EXPECT_FALSE(apply_compressed_transaction(*db, env, td, env.gas_limit, cache, &claimed));

    const auto stranger = signed_batch(batch({inner(k3, 0, bob, kEther)}), {&k3});  // k3 never registered
    auto unknown = apply_compressed_transaction(*db, env, stranger, env.gas_limit, cache);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, compress::compressed_errc::kUnknownSender);

    format::TransactionData garbage = signed_batch(b, {&k1, &k2});
    garbage.signature = Bytes(96, 0xff);
    EXPECT_FALSE(apply_compressed_transaction(*db, env, garbage, env.gas_limit, cache));
    EXPECT_EQ(db->root().value(), root);
    EXPECT_EQ(account(bob).balance, U256(0));
}

TEST_F(BlsExec, InnerNonceGapsBalanceAndFeesMakeTheWholeBatchInvalid) {
    register_both();
    const Hash32 root = db->root().value();
    auto gap = apply_compressed_transaction(
        *db, env, signed_batch(batch({inner(k1, 0, bob, U256(1)), inner(k2, 1, bob, U256(1))}), {&k1, &k2}),
        env.gas_limit, cache);
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().code, errc::nonce_too_high);
    EXPECT_TRUE(gap.error().message.starts_with("inner transaction 1: nonce too high")) << gap.error().message;
    EXPECT_EQ(db->root().value(), root);  // the first inner transfer was undone
    EXPECT_EQ(account(k1.address).nonce, 0u);

    auto rich = apply_compressed_transaction(
        *db, env, signed_batch(batch({inner(k1, 0, bob, kEther * U256(1000))}), {&k1}), env.gas_limit, cache);
    ASSERT_FALSE(rich);
    EXPECT_EQ(rich.error().code, errc::insufficient_funds);

    auto cheap = inner(k1, 0, bob, U256(1));
    cheap.max_fee_per_gas = U256(1);
    cheap.max_priority_fee_per_gas = U256(1);
    auto low = apply_compressed_transaction(*db, env, signed_batch(batch({cheap}), {&k1}), env.gas_limit, cache);
    ASSERT_FALSE(low);
    EXPECT_EQ(low.error().code, errc::fee_cap_too_low);

    auto tight = inner(k1, 0, bob, U256(1));
    tight.gas_limit = 21'000 + kCompressedMessageGas;  // the first one also owes kCompressedBaseGas
    auto gas = apply_compressed_transaction(*db, env, signed_batch(batch({tight}), {&k1}), env.gas_limit, cache);
    ASSERT_FALSE(gas);
    EXPECT_EQ(gas.error().code, errc::intrinsic_gas);

    auto other_chain = batch({inner(k1, 0, bob, U256(1))});
    other_chain.chain_id = U256(5);
    auto chain = apply_compressed_transaction(*db, env, signed_batch(other_chain, {&k1}), env.gas_limit, cache);
    ASSERT_FALSE(chain);
    EXPECT_EQ(chain.error().code, errc::invalid_chain_id);
    EXPECT_EQ(db->root().value(), root);
}

TEST_F(BlsExec, InnerTransactionCanRegisterAKey) {
    register_both();
    auto reg = inner(k1, 0, kBlsRegistryAddress, U256(0));
    reg.data = bls_registration_data(k3.pk, k3.pop);
    reg.gas_limit = 500'000;
    auto r = apply_compressed_transaction(*db, env, signed_batch(batch({reg}), {&k1}), env.gas_limit, cache);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(bls_account(*db, k3.address).value()->index, 2u);
    EXPECT_EQ(r->result.gas_used, compressed_inner_gas(r->batch, 0, env.rules));
}

TEST_F(BlsExec, BlockExecutorReceiptsAndRejections) {
    register_both();
    commit();
    SignedTx good;
    good.lp505 = signed_batch(batch({inner(k1, 0, bob, kEther), inner(k2, 0, carol, kEther)}), {&k1, &k2});
    SignedTx bad;
    bad.lp505 = good.lp505;  // the same nonces again: invalid once the first ran
    auto res = execute_block(*db, env, std::vector<SignedTx>{good, bad});
    ASSERT_TRUE(res) << res.error().to_string();
    ASSERT_EQ(res->included, std::vector<std::size_t>{0});
    ASSERT_EQ(res->rejected.size(), 1u);
    ASSERT_EQ(res->receipts.size(), 1u);
    const Receipt& rc = res->receipts[0];
    EXPECT_EQ(static_cast<std::uint8_t>(rc.type), 0x53);
    EXPECT_TRUE(rc.status);
    EXPECT_EQ(rc.gas_used, 2 * (21'000 + kCompressedMessageGas) + kCompressedBaseGas);
    EXPECT_EQ(rc.state_root, db->root().value());
    EXPECT_EQ(decode_receipt(encode_receipt(rc)).value(), rc);
    ASSERT_EQ(res->compressed.size(), 1u);
    ASSERT_TRUE(res->compressed[0]);
    EXPECT_EQ(res->compressed[0]->txs.size(), 2u);
}

TEST_F(BlsExec, WitnessOfACompressedTransactionReexecutesAlone) {
    register_both();
    ASSERT_TRUE(register_key(k3));
    commit();
    // Mid-block: an earlier transfer is pending when the witness is taken.
    ASSERT_TRUE(apply_compressed_transaction(*db, env, signed_batch(batch({inner(k3, 0, carol, U256(1))}), {&k3}),
                                             env.gas_limit, cache));
    const std::vector<Address> senders{k1.address, k2.address};
    const auto index = cache.index(*db, senders).value();
    const auto td = signed_batch(batch({inner(k1, 0, k2.address, U256(4)), inner(k2, 0, bob, U256(5))}), {&k1, &k2},
                                 compress::BodyFormat::kIndexed, &index);
    auto run = generate_compressed_witness(*db, env, td, env.gas_limit);
    ASSERT_TRUE(run) << run.error().to_string();
    EXPECT_EQ(run->witness.pre_root, db->root().value());
    auto again = reexecute_compressed(run->witness, env, td, env.gas_limit, &db->commitment());
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(again->post, run->post);
    EXPECT_EQ(again->result.gas_used, run->result.gas_used);
    // The same post-state as executing it on the full state.
    auto direct = apply_compressed_transaction(*db, env, td, env.gas_limit, cache);
    ASSERT_TRUE(direct);
    EXPECT_EQ(direct->result.gas_used, run->result.gas_used);
    // A witness that lies about the pre-state (k2's nonce) fails its proof (the tree has proofs).
    EXPECT_EQ(run->witness.proof.has_value(), LUXL2_HAVE_SMT == 1);
    if (run->witness.proof) {
        auto lie = run->witness;
        lie.accounts[k2.address].nonce = 7;
        auto bad = reexecute_compressed(lie, env, td, env.gas_limit, &db->commitment());
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().code, witness_proof);
    }
    // One missing registry slot and the body cannot be decoded from the witness.
    auto partial = run->witness;
    partial.slots.erase(partial.slots.begin());
    auto incomplete = reexecute_compressed(partial, env, td, env.gas_limit);
    ASSERT_FALSE(incomplete);
    EXPECT_EQ(incomplete.error().code, witness_incomplete);
}

TEST_F(BlsExec, CacheFollowsTheStateItIsGiven) {
    // Two chains that register the same keys in another order: one cache serves both, and an
    // indexed body names each chain's own accounts.
    state::MemoryKvStore kv2;
    state::StateDb db2(kv2, std::make_unique<state::SortedLeafCommitment>());
    state::Account rich;
    rich.balance = kEther * U256(100);
    db2.set_account(alice, rich);
    db2.set_account(k1.address, rich);
    db2.set_account(k2.address, rich);
    register_both();  // db: k1 = 0, k2 = 1
    auto r2 = registration(k2);
    r2.nonce = 0;
    ASSERT_TRUE(apply_transaction(db2, env, r2, alice, env.gas_limit));
    auto r1 = registration(k1);
    r1.nonce = 1;
    ASSERT_TRUE(apply_transaction(db2, env, r1, alice, env.gas_limit));  // db2: k2 = 0, k1 = 1

    const auto b = batch({inner(k1, 0, k2.address, U256(3))});
    const std::vector<Address> senders{k1.address};
    const auto ix1 = cache.index(*db, senders).value();
    const auto ix2 = cache.index(db2, senders).value();
    EXPECT_EQ(*ix1.index_of(k1.address), 0u);
    EXPECT_EQ(*ix2.index_of(k1.address), 1u);
    const auto td1 = signed_batch(b, {&k1}, compress::BodyFormat::kIndexed, &ix1);
    const auto td2 = signed_batch(b, {&k1}, compress::BodyFormat::kIndexed, &ix2);
    EXPECT_NE(td1.payload, td2.payload);
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(cache.decode(td1, *db).value(), b);
        EXPECT_EQ(cache.decode(td2, db2).value(), b);
        // Bodies against the other chain's index name other accounts: no valid aggregate there.
        auto crossed = cache.decode(td1, db2);
        EXPECT_TRUE(!crossed || *crossed != b);
    }
    EXPECT_TRUE(apply_compressed_transaction(db2, env, td2, env.gas_limit, cache));
    EXPECT_FALSE(apply_compressed_transaction(db2, env, td1, env.gas_limit, cache));
}

}  // namespace
}  // namespace luxl2::exec
