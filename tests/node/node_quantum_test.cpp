// The Quantum transaction type (0x54) through the node: admission (verified once), mempool rules and
// byte accounting, block inclusion, replay, JSON-RPC views, and the account-migration flow.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/exec/quantum.hpp"
#include "luxl2/format/quantum_tx.hpp"
#include "luxl2/node/replay.hpp"
#include "luxl2/node/rpc.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;
using json = nlohmann::json;

struct PqKey {
    Bytes secret;
    Bytes pub;
    std::uint8_t scheme = 0;
    Address address;
};

PqKey make_key(std::string_view scheme_name, std::uint8_t scheme, Bytes seed) {
    const auto* s = crypto::find_scheme(scheme_name);
    EXPECT_NE(s, nullptr);
    auto kp = s->keygen(seed).value();
    return {kp.secret_key, kp.public_key, scheme, format::quantum_address(scheme, kp.public_key)};
}

const PqKey& mldsa_key() {
    static const PqKey k = make_key("ml-dsa-65", format::pq_scheme::kMlDsa65, Bytes(32, 0x5a));
    return k;
}

// The hybrid key of dev account i: its secp256k1 secret ‖ an ML-DSA-65 seed.
PqKey hybrid_key(std::size_t i) {
    Bytes seed(dev()[i].secret.bytes.begin(), dev()[i].secret.bytes.end());
    seed.resize(64, static_cast<std::uint8_t>(0x30 + i));
    return make_key("hybrid-secp256k1-ml-dsa-65", format::pq_scheme::kHybridSecp256k1MlDsa65, seed);
}

struct QtxOpts {
    U256 max_fee = gwei(10);
    U256 tip = gwei(1);
    std::uint64_t gas = 200'000;
    Bytes data = {};
    std::uint64_t chain_id = 1337;
};

Bytes quantum_raw(const PqKey& k, std::uint64_t nonce, const Address& to, const U256& value, QtxOpts o = {}) {
    format::QuantumTransaction q;
    q.chain_id = U256(o.chain_id);
    q.nonce = nonce;
    q.max_fee_per_gas = o.max_fee;
    q.max_priority_fee_per_gas = o.tip;
    q.gas_limit = o.gas;
    q.to = to;
    q.value = value;
    q.data = o.data;
    q.scheme = k.scheme;
    q.public_key = k.pub;
    return format::to_envelope(format::sign_quantum_tx(q, k.secret, true).value()).value();
}

struct NodeQuantumTest : ::testing::Test {
    std::unique_ptr<Node> node = open();
    std::uint64_t t = 1'700'000'001;

    static std::unique_ptr<Node> open(NodeConfig cfg = dev_config()) {
        return Node::open(std::make_unique<state::MemoryKvStore>(), std::move(cfg)).value();
    }
    BlockPtr block() { return node->produce_block(t++).value(); }
    state::Account account(const Address& a) { return node->state().account(a).value(); }
    std::string refusal(ByteView raw) {
        auto r = node->send_raw_transaction(raw);
        return r ? std::string("accepted") : r.error().message;
    }
    // Funds the ML-DSA-65 address with 1 ether from dev account 0.
    void fund_pq() {
        ASSERT_TRUE(
            node->send_raw_transaction(format::encode_transaction(transfer(0, 0, mldsa_key().address, ether(1)))));
        block();
        ASSERT_EQ(account(mldsa_key().address).balance, ether(1));
    }
};

TEST_F(NodeQuantumTest, MlDsaTransferIsAdmittedIncludedAndReplayed) {
    fund_pq();
    const PqKey& k = mldsa_key();
    const Bytes raw = quantum_raw(k, 0, addr(7), gwei(1'000));
    auto hash = node->send_raw_transaction(raw);
    ASSERT_TRUE(hash) << hash.error().to_string();
    EXPECT_EQ(*hash, crypto::keccak256(raw));
    EXPECT_EQ(node->mempool().bytes(), raw.size());
    EXPECT_EQ(refusal(raw), "already known");
    EXPECT_EQ(node->mempool().pending_nonce(k.address, 0), 1u);

    const auto b = block();
    ASSERT_EQ(b->block.transactions.size(), 1u);
    const auto& td = b->block.transactions[0];
    EXPECT_EQ(td.tx_type, 0x54);
    EXPECT_EQ(format::to_envelope(td).value(), raw);  // the block carries payload and signature
    EXPECT_EQ(node->mempool().size(), 0u);
    EXPECT_EQ(node->mempool().bytes(), 0u);
    EXPECT_EQ(account(addr(7)).balance, gwei(1'000));
    EXPECT_EQ(account(k.address).nonce, 1u);
    const auto receipts = node->chain().receipts(b->number).value();
    ASSERT_EQ(receipts.size(), 1u);
    EXPECT_EQ(static_cast<int>(receipts[0].type), 0x54);
    format::QuantumTransaction q = format::decode_tx_payload<format::QuantumTransaction>(td).value();
    const std::uint64_t gas = exec::quantum_intrinsic_gas(q, td.signature, node->rules());
    EXPECT_EQ(receipts[0].gas_used, gas);
    EXPECT_EQ(account(k.address).balance, ether(1) - gwei(1'000) - U256(gas) * receipts[0].effective_gas_price);
    EXPECT_EQ(refusal(raw).rfind("nonce too low", 0), 0u) << refusal(raw);

    // A replay from genesis verifies the signature itself and reaches the same state root.
    const auto replayed = replay_chain(node->chain(), node->config());
    ASSERT_TRUE(replayed) << replayed.error().to_string();
    EXPECT_EQ(replayed->state_root, node->state_root());
}

TEST_F(NodeQuantumTest, RefusalsUseGethMessages) {
    const PqKey& k = mldsa_key();
    // Nothing funded yet.
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1))).rfind("insufficient funds for gas * price + value", 0), 0u);
    fund_pq();
    Bytes bad = quantum_raw(k, 0, addr(1), U256(1));
    bad[bad.size() - 40] ^= 0x01;  // inside the signature
    EXPECT_EQ(refusal(bad).rfind("invalid sender", 0), 0u) << refusal(bad);
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1), {.chain_id = 1})).rfind("invalid chain id", 0), 0u);
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1), {.gas = 21'000})).rfind("intrinsic gas too low", 0), 0u);
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1), {.max_fee = U256(1), .tip = U256(1)}))
                  .rfind("max fee per gas less than block base fee", 0),
              0u);
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1), {.max_fee = gwei(1), .tip = gwei(2)})),
              "max priority fee per gas higher than max fee per gas");
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), ether(2))).rfind("insufficient funds for gas * price + value", 0), 0u);
    Bytes truncated = quantum_raw(k, 0, addr(1), U256(1));
    truncated.pop_back();
    EXPECT_EQ(refusal(truncated).rfind("invalid transaction", 0), 0u);

    // Replacement: same nonce needs both fees 10% higher.
    ASSERT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(1))), "accepted");
    EXPECT_EQ(refusal(quantum_raw(k, 0, addr(1), U256(2), {.max_fee = gwei(10), .tip = gwei(1)})),
              "replacement transaction underpriced");
    const Bytes better = quantum_raw(k, 0, addr(1), U256(3), {.max_fee = gwei(11), .tip = gwei(2)});
    ASSERT_EQ(refusal(better), "accepted");
    EXPECT_EQ(node->mempool().size(), 1u);
    EXPECT_EQ(node->mempool().bytes(), better.size());
    block();
    EXPECT_EQ(account(addr(1)).balance, U256(3));
}

TEST_F(NodeQuantumTest, OversizedEnvelopeIsRefusedBeforeDecoding) {
    Bytes raw(200'000, 0);
    raw[0] = 0x54;
    EXPECT_EQ(refusal(raw).rfind("oversized data", 0), 0u);
}

TEST(NodeQuantumPool, CountsBytesAndEvictsByThem) {
    NodeConfig cfg = dev_config();
    const std::size_t one = quantum_raw(mldsa_key(), 0, addr(1), U256(1)).size();
    cfg.pool.max_total_bytes = 2 * one + 200;  // two 0x54 fit (a hybrid is ~130 bytes larger), not three
    auto node = Node::open(std::make_unique<state::MemoryKvStore>(), std::move(cfg)).value();
    ASSERT_TRUE(node->send_raw_transaction(format::encode_transaction(transfer(0, 0, mldsa_key().address, ether(1)))));
    ASSERT_TRUE(node->produce_block(1'700'000'001));
    const PqKey& k = mldsa_key();
    ASSERT_TRUE(node->send_raw_transaction(quantum_raw(k, 0, addr(1), U256(1))));
    const Bytes tail = quantum_raw(k, 1, addr(1), U256(1));
    ASSERT_TRUE(node->send_raw_transaction(tail));
    EXPECT_EQ(node->mempool().bytes(), 2 * one);
    // Same fee cap: nothing cheaper to evict.
    auto full = node->send_raw_transaction(quantum_raw(k, 2, addr(1), U256(1)));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().message, "txpool is full");
    // A better-paying one from another sender evicts the cheapest tail (nonce 1).
    const PqKey h = hybrid_key(2);
    auto better =
        node->send_raw_transaction(quantum_raw(h, 0, addr(1), U256(1), {.max_fee = gwei(20), .tip = gwei(2)}));
    ASSERT_TRUE(better) << better.error().to_string();
    EXPECT_EQ(node->mempool().size(), 2u);
    EXPECT_EQ(node->mempool().get(crypto::keccak256(tail)), nullptr);
    EXPECT_EQ(node->mempool().bytes(), one + quantum_raw(h, 0, addr(1), U256(1)).size());
}

TEST_F(NodeQuantumTest, MigrationBindsTheKeyThenEcdsaOnlyIsRefused) {
    const PqKey h = hybrid_key(1);
    ASSERT_EQ(h.address, dev()[1].address);  // the hybrid's sender is the ECDSA account
    // Before migrating, ECDSA and hybrid transactions both pass.
    ASSERT_TRUE(node->send_raw_transaction(format::encode_transaction(transfer(1, 0, addr(3), U256(5)))));
    ASSERT_EQ(refusal(quantum_raw(h, 1, addr(3), U256(6))), "accepted");
    block();
    EXPECT_EQ(account(addr(3)).balance, U256(11));
    // A migration call must be hybrid, carry no value, and data empty or 0x01.
    const std::string with_value = refusal(quantum_raw(h, 2, exec::kQuantumMigrationAddress, U256(1), {.data = {1}}));
    EXPECT_NE(with_value.find("no value"), std::string::npos) << with_value;
    EXPECT_NE(refusal(quantum_raw(h, 2, exec::kQuantumMigrationAddress, U256(0), {.data = {2}})), "accepted");
    ASSERT_EQ(refusal(quantum_raw(h, 2, exec::kQuantumMigrationAddress, U256(0), {.data = {1}})), "accepted");
    block();
    const auto acc = account(dev()[1].address);
    ASSERT_TRUE(acc.pq_key);
    EXPECT_TRUE(acc.pq_key->ecdsa_disabled);
    EXPECT_EQ(acc.pq_key->scheme, format::pq_scheme::kMlDsa65);
    EXPECT_EQ(acc.nonce, 3u);
    // ECDSA-only is refused at admission with exec's message; the hybrid with the bound key passes.
    const std::string why = refusal(format::encode_transaction(transfer(1, 3, addr(3), U256(1))));
    EXPECT_EQ(why.rfind("ECDSA-only transaction refused", 0), 0u) << why;
    ASSERT_EQ(refusal(quantum_raw(h, 3, addr(3), U256(1))), "accepted");
    block();
    EXPECT_EQ(account(addr(3)).balance, U256(12));
    // A hybrid with another ML-DSA key is refused (rule 4).
    Bytes seed(dev()[1].secret.bytes.begin(), dev()[1].secret.bytes.end());
    seed.resize(64, 0x77);
    const PqKey other = make_key("hybrid-secp256k1-ml-dsa-65", format::pq_scheme::kHybridSecp256k1MlDsa65, seed);
    EXPECT_NE(refusal(quantum_raw(other, 4, addr(3), U256(1))), "accepted");
    EXPECT_TRUE(replay_chain(node->chain(), node->config()));
}

TEST_F(NodeQuantumTest, RpcShowsQuantumTransactions) {
    fund_pq();
    Rpc rpc{*node, "luxl2/test"};
    auto call = [&](const std::string& method, json params) {
        return json::parse(
            rpc.handle(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}}.dump()));
    };
    const PqKey& k = mldsa_key();
    const Bytes raw = quantum_raw(k, 0, addr(9), U256(77));
    const json sent = call("eth_sendRawTransaction", json::array({to_hex(raw)}));
    ASSERT_TRUE(sent.contains("result")) << sent.dump();
    const std::string h = sent["result"];
    json pending = call("eth_getTransactionByHash", json::array({h}))["result"];
    EXPECT_EQ(pending["type"], "0x54");
    EXPECT_EQ(pending["from"], to_hex(k.address));
    EXPECT_TRUE(pending["blockNumber"].is_null());
    EXPECT_EQ(call("eth_getTransactionCount", json::array({to_hex(k.address), "pending"}))["result"], "0x1");
    const json refused = call("eth_sendRawTransaction", json::array({to_hex(raw)}));
    EXPECT_EQ(refused["error"]["message"], "already known");

    const auto b = block();
    const json tx = call("eth_getTransactionByHash", json::array({h}))["result"];
    EXPECT_EQ(tx["type"], "0x54");
    EXPECT_EQ(tx["hash"], h);
    EXPECT_EQ(tx["from"], to_hex(k.address));
    EXPECT_EQ(tx["to"], to_hex(addr(9)));
    EXPECT_EQ(tx["value"], "0x4d");
    EXPECT_EQ(tx["nonce"], "0x0");
    EXPECT_EQ(tx["scheme"], "0x2");
    EXPECT_EQ(tx["schemeName"], "ml-dsa-65");
    EXPECT_EQ(tx["publicKey"], to_hex(k.pub));
    EXPECT_EQ(tx["quantumSignature"], to_hex(b->block.transactions[0].signature));
    EXPECT_FALSE(tx.contains("signature"));
    EXPECT_EQ(tx["r"], "0x0");
    EXPECT_EQ(tx["blockNumber"], U256(b->number).to_hex());
    EXPECT_EQ(tx["transactionIndex"], "0x0");
    EXPECT_EQ(tx["gasPrice"], (b->base_fee + gwei(1)).to_hex());
    const json rc = call("eth_getTransactionReceipt", json::array({h}))["result"];
    EXPECT_EQ(rc["type"], "0x54");
    EXPECT_EQ(rc["status"], "0x1");
    EXPECT_EQ(rc["from"], to_hex(k.address));
    EXPECT_EQ(rc["to"], to_hex(addr(9)));
    const json blk = call("eth_getBlockByNumber", json::array({U256(b->number).to_hex(), true}))["result"];
    ASSERT_EQ(blk["transactions"].size(), 1u);
    EXPECT_EQ(blk["transactions"][0]["hash"], h);
    EXPECT_EQ(blk["transactions"][0]["type"], "0x54");
    const json hashes = call("eth_getBlockByNumber", json::array({U256(b->number).to_hex(), false}))["result"];
    EXPECT_EQ(hashes["transactions"][0], h);
    EXPECT_EQ(call("eth_getBalance", json::array({to_hex(addr(9)), "latest"}))["result"], "0x4d");
}

// A verifier that knows only the L1 data re-derives blocks holding 0x54s: it verifies their
// signatures itself (nothing was verified for it) and reaches the sequencer's state root.
TEST_F(NodeQuantumTest, DerivationFromL1DataVerifiesThem) {
    fund_pq();
    ASSERT_EQ(refusal(quantum_raw(mldsa_key(), 0, addr(5), U256(9))), "accepted");
    ASSERT_EQ(refusal(quantum_raw(hybrid_key(3), 0, exec::kQuantumMigrationAddress, U256(0))), "accepted");
    block();
    const auto d = derive_through_embedded_l1(*node, t);
    ASSERT_TRUE(d) << d.error().to_string();
    EXPECT_EQ(d->blocks, 2u);  // after genesis
    EXPECT_EQ(d->transactions, 3u);
    EXPECT_EQ(d->state_root, node->state_root());
    ASSERT_TRUE(account(dev()[3].address).pq_key);
}

}  // namespace
}  // namespace luxl2::node
