// The Compressed transaction type (0x53) through the node: BLS key registration by a transaction to
// 0x…0553, pool admission (verified once, refusals), block inclusion, receipts, balances and nonces,
// the JSON-RPC views, replay and a restart from RocksDB giving the same state root.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls_registry.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/exec/compressed.hpp"
#include "luxl2/node/replay.hpp"
#include "luxl2/node/rpc.hpp"
#include "luxl2/node/withdrawals.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;
using json = nlohmann::json;
namespace bls = crypto::bls;

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

Bytes registration(std::size_t dev_index, std::uint64_t nonce, const BlsKey& k, const bls::Signature* pop = nullptr) {
    format::Transaction tx;
    tx.type = format::TxType::kDynamicFee;
    tx.chain_id = U256(1337);
    tx.nonce = nonce;
    tx.max_fee_per_gas = gwei(10);
    tx.max_priority_fee_per_gas = gwei(1);
    tx.to = exec::kBlsRegistryAddress;
    tx.data = exec::bls_registration_data(k.pk, pop ? *pop : k.pop);
    tx.gas_limit = 300'000;
    format::sign_transaction(tx, dev_key(dev_index));
    return format::encode_transaction(tx);
}

compress::InnerTx inner(const BlsKey& from, std::uint64_t nonce, const Address& to, U256 value) {
    compress::InnerTx t;
    t.from = from.address;
    t.nonce = nonce;
    t.max_fee_per_gas = gwei(10);
    t.max_priority_fee_per_gas = gwei(1);
    t.gas_limit = 200'000;
    t.to = to;
    t.value = value;
    return t;
}

Bytes compressed_raw(std::vector<compress::InnerTx> txs, std::vector<const BlsKey*> keys,
                     compress::BodyFormat fmt = compress::BodyFormat::kColumnar,
                     const compress::AccountIndex* index = nullptr) {
    compress::CompressedBatch b{U256(1337), std::move(txs)};
    std::vector<bls::Signature> sigs;
    for (const auto& t : b.txs)
        for (const BlsKey* k : keys)
            if (k->address == t.from) sigs.push_back(compress::sign_inner(k->sk, b.chain_id, t).value());
    return format::to_envelope(compress::make_compressed_tx(b, fmt, sigs, index).value()).value();
}

struct NodeBls53 : ::testing::Test {
    BlsKey k1 = bls_key(0x21), k2 = bls_key(0x22), k3 = bls_key(0x23);
    std::uint64_t t = 1'700'000'001;

    static std::unique_ptr<Node> open() {
        return Node::open(std::make_unique<state::MemoryKvStore>(), dev_config()).value();
    }
    BlockPtr block(Node& n) { return n.produce_block(t++).value(); }
    // Registers k1 and k2 (dev account 0) and funds them with 10 ether each (dev account 1).
    void setup_accounts(Node& n) {
        ASSERT_TRUE(n.send_raw_transaction(registration(0, 0, k1)));
        ASSERT_TRUE(n.send_raw_transaction(registration(0, 1, k2)));
        ASSERT_TRUE(n.send_raw_transaction(format::encode_transaction(transfer(1, 0, k1.address, ether(10)))));
        ASSERT_TRUE(n.send_raw_transaction(format::encode_transaction(transfer(1, 1, k2.address, ether(10)))));
        const auto b = block(n);
        ASSERT_EQ(b->tx_count(), 4u);
    }
    static state::Account account(Node& n, const Address& a) { return n.state().account(a).value(); }
};

TEST_F(NodeBls53, RegistrationAdmissionAndRefusals) {
    auto n = open();
    auto bad_pop = n->send_raw_transaction(registration(0, 0, k1, &k2.pop));
    ASSERT_FALSE(bad_pop);
    EXPECT_EQ(bad_pop.error().code, exec::errc::bls_bad_pop);
    EXPECT_NE(bad_pop.error().message.find("proof of possession"), std::string::npos);
    format::Transaction low = format::decode_transaction(registration(0, 0, k1)).value();
    low.gas_limit = 30'000;
    format::sign_transaction(low, dev_key(0));
    auto gas = n->send_raw_transaction(format::encode_transaction(low));
    ASSERT_FALSE(gas);
    EXPECT_TRUE(gas.error().message.starts_with("intrinsic gas too low")) << gas.error().message;

    ASSERT_TRUE(n->send_raw_transaction(registration(0, 0, k1)));
    const auto b = block(*n);
    ASSERT_EQ(b->tx_count(), 1u);
    const auto info = exec::bls_account(n->state(), k1.address).value();
    ASSERT_TRUE(info);
    EXPECT_EQ(info->public_key, k1.pk);
    EXPECT_EQ(info->index, 0u);
    auto dup = n->send_raw_transaction(registration(2, 0, k1));
    ASSERT_FALSE(dup);
    EXPECT_EQ(dup.error().code, exec::errc::bls_already_registered);
}

TEST_F(NodeBls53, CompressedTransfersExecuteWithReceiptsAndRpcViews) {
    auto n = open();
    setup_accounts(*n);
    const Bytes raw = compressed_raw(
        {inner(k1, 0, addr(1), ether(1)), inner(k2, 0, addr(2), ether(2)), inner(k1, 1, addr(3), U256(5))}, {&k1, &k2});
    Rpc rpc{*n, "luxl2/test"};
    auto call = [&](const std::string& method, json params) {
        return json::parse(
            rpc.handle(json{{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}}.dump()));
    };
    const json sent = call("eth_sendRawTransaction", json::array({to_hex(raw)}));
    ASSERT_TRUE(sent.contains("result")) << sent.dump();
    const std::string h = sent["result"];
    EXPECT_EQ(h, to_hex(crypto::keccak256(raw)));
    EXPECT_EQ(call("eth_getTransactionCount", json::array({to_hex(k1.address), "pending"}))["result"], "0x2");
    EXPECT_EQ(call("eth_getTransactionCount", json::array({to_hex(k2.address), "pending"}))["result"], "0x1");
    const json pending = call("eth_getTransactionByHash", json::array({h}))["result"];
    EXPECT_EQ(pending["type"], "0x53");
    EXPECT_TRUE(pending["blockNumber"].is_null());
    EXPECT_EQ(call("eth_sendRawTransaction", json::array({to_hex(raw)}))["error"]["message"], "already known");

    const auto fees_before = account(*n, n->config().fee_recipient).balance;
    const auto b = block(*n);
    ASSERT_EQ(b->tx_count(), 1u);
    EXPECT_EQ(n->mempool().size(), 0u);
    EXPECT_EQ(account(*n, addr(1)).balance, ether(1));
    EXPECT_EQ(account(*n, addr(2)).balance, ether(2));
    EXPECT_EQ(account(*n, addr(3)).balance, U256(5));
    EXPECT_EQ(account(*n, k1.address).nonce, 2u);
    EXPECT_EQ(account(*n, k2.address).nonce, 1u);
    const std::uint64_t gas = 3 * (21'000 + exec::kCompressedMessageGas) + exec::kCompressedBaseGas;
    EXPECT_EQ(b->gas_used, gas);
    EXPECT_EQ(account(*n, n->config().fee_recipient).balance - fees_before, U256(gas) * gwei(1));

    const json tx = call("eth_getTransactionByHash", json::array({h}))["result"];
    EXPECT_EQ(tx["type"], "0x53");
    EXPECT_EQ(tx["hash"], h);
    EXPECT_EQ(tx["from"], to_hex(k1.address));
    EXPECT_EQ(tx["to"], to_hex(addr(1)));
    EXPECT_EQ(tx["count"], "0x3");
    EXPECT_EQ(tx["blockNumber"], "0x2");
    ASSERT_EQ(tx["innerTransactions"].size(), 3u);
    EXPECT_EQ(tx["innerTransactions"][1]["from"], to_hex(k2.address));
    const json rc = call("eth_getTransactionReceipt", json::array({h}))["result"];
    EXPECT_EQ(rc["type"], "0x53");
    EXPECT_EQ(rc["status"], "0x1");
    EXPECT_EQ(rc["gasUsed"], U256(gas).to_hex());
    EXPECT_EQ(rc["from"], to_hex(k1.address));
    EXPECT_EQ(call("eth_getBalance", json::array({to_hex(addr(2)), "latest"}))["result"], ether(2).to_hex());
    EXPECT_EQ(call("eth_getTransactionCount", json::array({to_hex(k1.address), "latest"}))["result"], "0x2");
    const json acct = call("lux_getBlsAccount", json::array({to_hex(k2.address), "latest"}))["result"];
    EXPECT_EQ(acct["publicKey"], to_hex(k2.pk));
    EXPECT_EQ(acct["index"], "0x1");
    EXPECT_EQ(acct["nonce"], "0x1");
    EXPECT_EQ(call("lux_getBlsAccount", json::array({"0x0", "latest"}))["result"]["address"], to_hex(k1.address));
    EXPECT_TRUE(call("lux_getBlsAccount", json::array({to_hex(k3.address), "latest"}))["result"].is_null());
    EXPECT_EQ(call("lux_getBlsAccountCount", json::array({"latest"}))["result"], "0x2");
    // The state after block 1 (history): k1 registered and funded, nothing sent yet.
    EXPECT_EQ(call("lux_getBlsAccount", json::array({"0x0", "0x1"}))["result"]["nonce"], "0x0");
    const json full = call("eth_getBlockByNumber", json::array({"0x2", true}))["result"];
    EXPECT_EQ(full["transactions"][0]["type"], "0x53");
    // A registration's gas estimate includes the registry's price.
    const json est =
        call("eth_estimateGas", json::array({json{{"from", to_hex(dev()[0].address)},
                                                  {"to", to_hex(exec::kBlsRegistryAddress)},
                                                  {"data", to_hex(exec::bls_registration_data(k3.pk, k3.pop))}}}));
    format::Transaction reg;
    reg.to = exec::kBlsRegistryAddress;
    reg.data = exec::bls_registration_data(k3.pk, k3.pop);
    EXPECT_EQ(est["result"], U256(format::intrinsic_gas(reg, n->rules()) + exec::kBlsRegistrationGas).to_hex())
        << est.dump();
}

TEST_F(NodeBls53, AdmissionRefusals) {
    auto n = open();
    setup_accounts(*n);
    // An aggregate that does not verify (the signature of another batch).
    Bytes raw = compressed_raw({inner(k1, 0, addr(1), ether(1))}, {&k1});
    const Bytes other = compressed_raw({inner(k1, 0, addr(1), ether(2))}, {&k1});
    std::copy(other.end() - 96, other.end(), raw.end() - 96);
    auto bad = n->send_raw_transaction(raw);
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.starts_with("invalid sender")) << bad.error().message;
    // An unregistered sender.
    auto unknown = n->send_raw_transaction(compressed_raw({inner(k3, 0, addr(1), U256(1))}, {&k3}));
    ASSERT_FALSE(unknown);
    EXPECT_TRUE(unknown.error().message.starts_with("invalid sender")) << unknown.error().message;
    EXPECT_NE(unknown.error().message.find("no registered BLS key"), std::string::npos);
    // A nonce gap inside: nothing queued for later.
    auto gap = n->send_raw_transaction(compressed_raw({inner(k1, 1, addr(1), U256(1))}, {&k1}));
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().code, exec::errc::nonce_too_high);
    auto poor = n->send_raw_transaction(compressed_raw({inner(k2, 0, addr(1), ether(100))}, {&k2}));
    ASSERT_FALSE(poor);
    EXPECT_EQ(poor.error().code, exec::errc::insufficient_funds);
    // Another chain's.
    compress::CompressedBatch wrong{U256(5), {inner(k1, 0, addr(1), U256(1))}};
    const auto sig = compress::sign_inner(k1.sk, wrong.chain_id, wrong.txs[0]).value();
    auto td = compress::make_compressed_tx(wrong, compress::BodyFormat::kColumnar, std::vector{sig}).value();
    EXPECT_FALSE(n->send_raw_transaction(format::to_envelope(td).value()));
    // An inner transfer to the L2→L1 message passer would burn its value without a message.
    auto passer = n->send_raw_transaction(compressed_raw({inner(k1, 0, l2_to_l1_message_passer(), U256(1))}, {&k1}));
    ASSERT_FALSE(passer);
    EXPECT_NE(passer.error().message.find("send no L2→L1 message"), std::string::npos) << passer.error().message;
    // Two 0x53s claiming the same (sender, nonce): the second replaces the first only with 10% more.
    ASSERT_TRUE(n->send_raw_transaction(compressed_raw({inner(k1, 0, addr(2), U256(1))}, {&k1})));
    auto again = n->send_raw_transaction(
        compressed_raw({inner(k1, 0, addr(1), U256(2)), inner(k2, 0, addr(1), U256(3))}, {&k1, &k2}));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, poolerrc::replacement_underpriced);
    EXPECT_TRUE(again.error().message.starts_with("replacement transaction underpriced")) << again.error().message;
    auto richer = inner(k1, 0, addr(1), U256(1));
    richer.max_fee_per_gas = gwei(11);
    richer.max_priority_fee_per_gas = gwei(2);
    ASSERT_TRUE(n->send_raw_transaction(compressed_raw({richer}, {&k1})));
    EXPECT_EQ(n->mempool().size(), 1u);
    EXPECT_EQ(block(*n)->tx_count(), 1u);
    EXPECT_EQ(account(*n, addr(1)).balance, U256(1));
    // After the block the stale claim is gone and the next nonce is free.
    EXPECT_TRUE(n->send_raw_transaction(compressed_raw({inner(k1, 1, addr(2), U256(1))}, {&k1})));
}

TEST_F(NodeBls53, IndexedBodyThroughTheNodeAndReplay) {
    auto n = open();
    setup_accounts(*n);
    ASSERT_TRUE(n->send_raw_transaction(compressed_raw({inner(k2, 0, addr(4), U256(9))}, {&k2})));
    block(*n);
    exec::BlsAccountCache cache;
    const std::vector<Address> senders{k1.address, k2.address};
    const auto index = cache.index(n->state(), senders).value();
    const Bytes raw = compressed_raw({inner(k1, 0, k2.address, ether(1)), inner(k2, 1, k1.address, U256(3))},
                                     {&k1, &k2}, compress::BodyFormat::kIndexed, &index);
    ASSERT_TRUE(n->send_raw_transaction(raw));
    const auto b = block(*n);
    ASSERT_EQ(b->tx_count(), 1u);
    EXPECT_EQ(account(*n, k2.address).nonce, 2u);
    const auto inner_txs = n->compressed_inner(crypto::keccak256(raw)).value();
    ASSERT_TRUE(inner_txs);
    EXPECT_EQ(inner_txs->txs[1].nonce, 1u);
    const auto replayed = replay_chain(n->chain(), n->config());
    ASSERT_TRUE(replayed) << replayed.error().to_string();
    EXPECT_EQ(replayed->state_root, n->state_root());
    EXPECT_EQ(replayed->blocks, n->head_number());
}

TEST_F(NodeBls53, DerivationFromL1ReexecutesRegistrationsAndCompressedTransactions) {
    auto n = open();
    setup_accounts(*n);
    exec::BlsAccountCache cache;
    const std::vector<Address> senders{k1.address, k2.address};
    const auto index = cache.index(n->state(), senders).value();
    ASSERT_TRUE(
        n->send_raw_transaction(compressed_raw({inner(k1, 0, addr(5), U256(11)), inner(k2, 0, addr(6), U256(12))},
                                               {&k1, &k2}, compress::BodyFormat::kIndexed, &index)));
    ASSERT_TRUE(n->send_raw_transaction(registration(0, 2, k3)));
    ASSERT_EQ(block(*n)->tx_count(), 2u);
    const auto d = derive_through_embedded_l1(*n, t);
    ASSERT_TRUE(d) << d.error().to_string();
    EXPECT_EQ(d->blocks, 2u);
    EXPECT_EQ(d->transactions, 6u);
    EXPECT_EQ(d->state_root, n->state_root());
}

TEST_F(NodeBls53, RestartFromRocksDbKeepsTheRegistryAndReplaysToTheSameRoot) {
    const auto dir = (std::filesystem::temp_directory_path() / ("luxl2-bls53-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    Hash32 root;
    {
        auto n = Node::open(state::open_rocksdb(dir).value(), dev_config()).value();
        setup_accounts(*n);
        ASSERT_TRUE(n->send_raw_transaction(compressed_raw({inner(k1, 0, addr(7), ether(1))}, {&k1})));
        block(*n);
        root = n->state_root();
    }
    {
        auto n = Node::open(state::open_rocksdb(dir).value(), dev_config()).value();
        EXPECT_EQ(n->state_root(), root);
        EXPECT_EQ(exec::bls_account_count(n->state()).value(), 2u);
        EXPECT_EQ(account(*n, addr(7)).balance, ether(1));
        // The reopened node's cache starts empty and decodes against the stored registry.
        const std::vector<Address> senders{k1.address, k2.address};
        exec::BlsAccountCache cache;
        const auto index = cache.index(n->state(), senders).value();
        ASSERT_TRUE(
            n->send_raw_transaction(compressed_raw({inner(k1, 1, addr(8), U256(2)), inner(k2, 0, addr(8), U256(3))},
                                                   {&k1, &k2}, compress::BodyFormat::kIndexed, &index)));
        t = 1'800'000'000;
        block(*n);
        EXPECT_EQ(account(*n, addr(8)).balance, U256(5));
        const auto replayed = replay_chain(n->chain(), n->config());
        ASSERT_TRUE(replayed) << replayed.error().to_string();
        EXPECT_EQ(replayed->state_root, n->state_root());
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace luxl2::node
