// 0x54 execution over the state and the migration rules wired into exec: a post-quantum transfer,
// a hybrid migration of an ECDSA account, the refusal of its ECDSA transactions once opted in.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/exec/block_executor.hpp"
#include "luxl2/exec/quantum.hpp"
#include "luxl2/format/quantum_tx.hpp"

namespace luxl2::exec {
namespace {

using namespace luxl2::literals;
using format::pq_scheme::kHybridSecp256k1MlDsa65;
using format::pq_scheme::kMlDsa65;

const U256 kEther = U256::from_string("1000000000000000000").value();
const U256 kGwei = U256(1'000'000'000);

struct QuantumExec : ::testing::Test {
    state::MemoryKvStore kv;
    std::unique_ptr<state::StateDb> db;
    Bytes alice_secret = Bytes(32, 0x11);
    crypto::SecretKey alice_key = crypto::SecretKey::from_bytes(alice_secret).value();
    Address alice = crypto::to_address(crypto::public_key(alice_key));
    Address bob = Address::from_view("0x000000000000000000000000000000000000b0b0"_hex);
    Address sequencer = Address::from_view("0x00000000000000000000000000000000000005ee"_hex);
    crypto::KeyPair pq = *crypto::find_scheme("ml-dsa-65")->keygen(Bytes(32, 0x51));
    Address pq_addr = format::quantum_address(kMlDsa65, pq.public_key);
    BlockEnv env;

    void SetUp() override {
        db = std::make_unique<state::StateDb>(kv, std::make_unique<state::SortedLeafCommitment>());
        state::Account a;
        a.balance = kEther * U256(10);
        db->set_account(alice, a);
        db->set_account(pq_addr, a);
        state::WriteBatch wb;
        (void)db->stage(wb).value();
        ASSERT_TRUE(kv.write(wb, true));
        db->publish();
        env.number = 1;
        env.base_fee = kGwei;
        env.fee_recipient = sequencer;
        env.rules.chain_id = U256(1337);
    }

    // alice's hybrid key: her secp256k1 secret ‖ an ML-DSA-65 seed.
    crypto::KeyPair hybrid_key(std::uint8_t mldsa_seed_fill) const {
        Bytes seed = alice_secret;
        append(seed, Bytes(32, mldsa_seed_fill));
        return *crypto::find_scheme("hybrid-secp256k1-ml-dsa-65")->keygen(seed);
    }

    format::QuantumTransaction fields(std::uint8_t scheme, ByteView pub, std::uint64_t nonce, Address to, U256 value,
                                      Bytes data = {}) const {
        format::QuantumTransaction q;
        q.chain_id = U256(1337);
        q.nonce = nonce;
        q.max_priority_fee_per_gas = kGwei * U256(2);
        q.max_fee_per_gas = kGwei * U256(3);
        q.gas_limit = 300'000;
        q.to = to;
        q.value = value;
        q.data = std::move(data);
        q.scheme = scheme;
        q.public_key.assign(pub.begin(), pub.end());
        return q;
    }

    SignedTx signed_quantum(const format::QuantumTransaction& q, ByteView secret) const {
        auto tx = format::sign_quantum_tx(q, secret, true);
        EXPECT_TRUE(tx) << tx.error().to_string();
        SignedTx s;
        s.sender = *format::tx_sender(*tx);
        s.hash = *format::tx_hash(*tx);
        s.lp505 = std::move(*tx);
        return s;
    }

    SignedTx ecdsa_transfer(std::uint64_t nonce) const {
        format::Transaction tx;
        tx.type = format::TxType::kDynamicFee;
        tx.chain_id = U256(1337);
        tx.nonce = nonce;
        tx.gas_limit = 21'000;
        tx.to = bob;
        tx.value = U256(1);
        tx.max_fee_per_gas = kGwei * U256(3);
        tx.max_priority_fee_per_gas = kGwei * U256(2);
        format::sign_transaction(tx, alice_key);
        return SignedTx{tx, alice, Hash32{}, std::nullopt};
    }

    BlockResult run(std::vector<SignedTx> txs) { return *execute_block(*db, env, txs); }
    state::Account account(const Address& a) const { return *db->account(a); }
};

TEST_F(QuantumExec, PostQuantumTransferExecutes) {
    const auto q = fields(kMlDsa65, pq.public_key, 0, bob, kEther);
    const auto stx = signed_quantum(q, pq.secret_key);
    EXPECT_EQ(stx.sender, pq_addr);
    const U256 before = account(pq_addr).balance;
    auto r = run({stx});
    ASSERT_EQ(r.included.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].second.to_string());
    const std::uint64_t gas = quantum_intrinsic_gas(q, stx.lp505->signature, env.rules);
    EXPECT_GT(gas, 21'000u + 16u * 3309u / 2);  // the signature and key are paid for as calldata
    EXPECT_EQ(r.gas_used, gas);
    EXPECT_EQ(r.receipts[0].type, static_cast<format::TxType>(0x54));
    EXPECT_EQ(decode_receipt(encode_receipt(r.receipts[0])).value(), r.receipts[0]);
    EXPECT_EQ(account(bob).balance, kEther);
    EXPECT_EQ(account(pq_addr).balance, before - kEther - U256(gas) * kGwei * U256(3));
    EXPECT_EQ(account(pq_addr).nonce, 1u);
    EXPECT_EQ(account(sequencer).balance, U256(gas) * kGwei * U256(2));
}

TEST_F(QuantumExec, BadTransactionsChangeNothing) {
    const Hash32 root = *db->root();
    auto tampered = signed_quantum(fields(kMlDsa65, pq.public_key, 0, bob, kEther), pq.secret_key);
    tampered.lp505->signature[5] ^= 1;
    auto wrong_chain = fields(kMlDsa65, pq.public_key, 0, bob, kEther);
    wrong_chain.chain_id = U256(1);
    auto wrong_nonce = fields(kMlDsa65, pq.public_key, 1, bob, kEther);
    auto too_much = fields(kMlDsa65, pq.public_key, 0, bob, kEther * U256(11));
    auto low_gas = fields(kMlDsa65, pq.public_key, 0, bob, kEther);
    low_gas.gas_limit = 21'000;
    auto r = run({tampered, signed_quantum(wrong_chain, pq.secret_key), signed_quantum(wrong_nonce, pq.secret_key),
                  signed_quantum(too_much, pq.secret_key), signed_quantum(low_gas, pq.secret_key)});
    EXPECT_TRUE(r.included.empty());
    ASSERT_EQ(r.rejected.size(), 5u);
    EXPECT_EQ(r.rejected[0].second.code, format::quantum_tx_errc::bad_signature);
    EXPECT_EQ(r.rejected[1].second.code, errc::invalid_chain_id);
    EXPECT_EQ(r.rejected[2].second.code, errc::nonce_too_high);
    EXPECT_EQ(r.rejected[3].second.code, errc::insufficient_funds);
    EXPECT_EQ(r.rejected[4].second.code, errc::intrinsic_gas);
    EXPECT_EQ(*db->root(), root);
}

TEST_F(QuantumExec, MigratedOptedInAccountRefusesEcdsa) {
    const auto hk = hybrid_key(0x61);
    // Before migration alice's ECDSA transactions run.
    auto r = run({ecdsa_transfer(0)});
    ASSERT_EQ(r.included.size(), 1u);
    EXPECT_FALSE(account(alice).pq_key);

    // A hybrid 0x54 to the migration address, data 0x01: bind the ML-DSA-65 half and opt in.
    auto mig = fields(kHybridSecp256k1MlDsa65, hk.public_key, 1, kQuantumMigrationAddress, U256(0), Bytes{0x01});
    const auto stx = signed_quantum(mig, hk.secret_key);
    EXPECT_EQ(stx.sender, alice);  // the hybrid acts for the ECDSA account
    r = run({stx});
    ASSERT_EQ(r.included.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].second.to_string());
    const auto a = account(alice);
    ASSERT_TRUE(a.pq_key);
    EXPECT_EQ(a.pq_key->scheme, kMlDsa65);
    EXPECT_EQ(a.pq_key->public_key, Bytes(hk.public_key.begin() + 64, hk.public_key.end()));
    EXPECT_TRUE(a.pq_key->ecdsa_disabled);
    EXPECT_EQ(a.nonce, 2u);
    EXPECT_TRUE(account(kQuantumMigrationAddress).is_empty());
    EXPECT_TRUE(*is_quantum_ready(StateQuantumAccounts(*db), alice));

    // Now ECDSA-only is refused with a clear error, in the executor and in check_transaction.
    r = run({ecdsa_transfer(2)});
    EXPECT_TRUE(r.included.empty());
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].second.code, errc::ecdsa_disabled);
    EXPECT_NE(r.rejected[0].second.message.find("ECDSA-only transaction refused"), std::string::npos);
    EXPECT_EQ(check_transaction(*db, env, ecdsa_transfer(2).tx, alice, env.gas_limit).error().code,
              errc::ecdsa_disabled);

    // A hybrid transfer with the bound key runs; one with another ML-DSA key does not.
    r = run({signed_quantum(fields(kHybridSecp256k1MlDsa65, hk.public_key, 2, bob, U256(5)), hk.secret_key)});
    ASSERT_EQ(r.included.size(), 1u) << (r.rejected.empty() ? "" : r.rejected[0].second.to_string());
    const auto other = hybrid_key(0x62);
    r = run({signed_quantum(fields(kHybridSecp256k1MlDsa65, other.public_key, 3, bob, U256(5)), other.secret_key)});
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].second.code, errc::pq_key_mismatch);
    // Opting out (data empty) is refused and changes nothing.
    const Hash32 root = *db->root();
    r = run({signed_quantum(fields(kHybridSecp256k1MlDsa65, hk.public_key, 3, kQuantumMigrationAddress, U256(0)),
                            hk.secret_key)});
    ASSERT_EQ(r.rejected.size(), 1u);
    EXPECT_EQ(r.rejected[0].second.code, errc::pq_opt_out_refused);
    EXPECT_EQ(*db->root(), root);
}

TEST_F(QuantumExec, BindingWithoutOptInKeepsEcdsa) {
    const auto hk = hybrid_key(0x63);
    auto r = run({signed_quantum(fields(kHybridSecp256k1MlDsa65, hk.public_key, 0, kQuantumMigrationAddress, U256(0)),
                                 hk.secret_key),
                  ecdsa_transfer(1)});
    ASSERT_EQ(r.included.size(), 2u) << (r.rejected.empty() ? "" : r.rejected[0].second.to_string());
    ASSERT_TRUE(account(alice).pq_key);
    EXPECT_FALSE(account(alice).pq_key->ecdsa_disabled);
}

TEST_F(QuantumExec, MalformedMigrationsAreRefused) {
    const auto hk = hybrid_key(0x64);
    auto with_value = fields(kHybridSecp256k1MlDsa65, hk.public_key, 0, kQuantumMigrationAddress, U256(1));
    auto bad_data = fields(kHybridSecp256k1MlDsa65, hk.public_key, 0, kQuantumMigrationAddress, U256(0), Bytes{2});
    auto pq_only = fields(kMlDsa65, pq.public_key, 0, kQuantumMigrationAddress, U256(0));
    auto r = run({signed_quantum(with_value, hk.secret_key), signed_quantum(bad_data, hk.secret_key),
                  signed_quantum(pq_only, pq.secret_key)});
    EXPECT_TRUE(r.included.empty());
    ASSERT_EQ(r.rejected.size(), 3u);
    for (const auto& [i, e] : r.rejected) EXPECT_EQ(e.code, errc::bad_migration) << i;
    EXPECT_FALSE(account(alice).pq_key);
}

}  // namespace
}  // namespace luxl2::exec
