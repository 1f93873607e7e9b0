#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/node/rpc.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;
using json = nlohmann::json;

struct RpcTest : ::testing::Test {
    std::unique_ptr<Node> node = Node::open(std::make_unique<state::MemoryKvStore>(), dev_config()).value();
    Rpc rpc{*node, "luxl2/test", RpcLimits{1024, 3, 100, 16}};

    json call(const std::string& method, json params = json::array()) {
        const std::string out =
            rpc.handle(json{{"jsonrpc", "2.0"}, {"id", 7}, {"method", method}, {"params", params}}.dump());
        return json::parse(out);
    }
    json result(const std::string& method, json params = json::array()) {
        json r = call(method, std::move(params));
        EXPECT_TRUE(r.contains("result")) << r.dump();
        return r["result"];
    }
    int error_code(const json& r) { return r.contains("error") ? r["error"]["code"].get<int>() : 0; }
};

TEST_F(RpcTest, ProtocolErrors) {
    EXPECT_EQ(error_code(json::parse(rpc.handle("{"))), rpc_code::parse_error);
    EXPECT_EQ(error_code(json::parse(rpc.handle("[]"))), rpc_code::invalid_request);
    EXPECT_EQ(error_code(json::parse(rpc.handle(R"({"jsonrpc":"1.0","id":1,"method":"eth_chainId"})"))),
              rpc_code::invalid_request);
    EXPECT_EQ(error_code(json::parse(rpc.handle(R"({"jsonrpc":"2.0","id":1,"method":5})"))), rpc_code::invalid_request);
    EXPECT_EQ(error_code(json::parse(rpc.handle(R"({"jsonrpc":2,"id":1,"method":"eth_chainId"})"))),
              rpc_code::invalid_request);
    EXPECT_EQ(error_code(json::parse(rpc.handle(R"({"jsonrpc":"2.0","id":[1],"method":"eth_chainId"})"))),
              rpc_code::invalid_request);
    EXPECT_EQ(
        error_code(json::parse(rpc.handle(R"({"jsonrpc":"2.0","id":1,"method":"eth_getBalance","params":{"a":1}})"))),
        rpc_code::invalid_params);
    const json nested = json::parse(rpc.handle(std::string(100, '[') + std::string(100, ']')));  // a batch of one array
    ASSERT_EQ(nested.size(), 1u);
    EXPECT_EQ(error_code(nested[0]), rpc_code::invalid_request);
    EXPECT_EQ(error_code(call("eth_nothing")), rpc_code::method_not_found);
    EXPECT_EQ(error_code(call("eth_getBalance", json::array({"0x12"}))), rpc_code::invalid_params);
    EXPECT_EQ(error_code(call("eth_getBalance", json::array({dev()[0].address.bytes.size()}))),
              rpc_code::invalid_params);
    EXPECT_EQ(error_code(json::parse(rpc.handle(std::string(2000, ' ')))), rpc_code::invalid_request);  // body limit
    const std::string batch4 =
        R"([{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},{"jsonrpc":"2.0","id":2,"method":"eth_chainId"},)"
        R"({"jsonrpc":"2.0","id":3,"method":"eth_chainId"},{"jsonrpc":"2.0","id":4,"method":"eth_chainId"}])";
    EXPECT_EQ(error_code(json::parse(rpc.handle(batch4))), rpc_code::invalid_request);  // batch limit
    // Notifications get no response; a batch answers the rest, in order, with their ids.
    EXPECT_EQ(rpc.handle(R"({"jsonrpc":"2.0","method":"eth_chainId"})"), "");
    const json b = json::parse(rpc.handle(
        R"([{"jsonrpc":"2.0","id":"a","method":"eth_chainId"},{"jsonrpc":"2.0","method":"eth_chainId"},5])"));
    ASSERT_EQ(b.size(), 2u);
    EXPECT_EQ(b[0]["id"], "a");
    EXPECT_EQ(b[0]["result"], "0x539");
    EXPECT_EQ(error_code(b[1]), rpc_code::invalid_request);
}

TEST_F(RpcTest, ChainAndState) {
    EXPECT_EQ(result("eth_chainId"), "0x539");
    EXPECT_EQ(result("net_version"), "1337");
    EXPECT_EQ(result("web3_clientVersion"), "luxl2/test");
    EXPECT_EQ(result("eth_syncing"), false);
    EXPECT_EQ(result("eth_blockNumber"), "0x0");
    const std::string a0 = to_hex(dev()[0].address);
    EXPECT_EQ(result("eth_getBalance", {a0, "latest"}), ether(10'000).to_hex());
    EXPECT_EQ(result("eth_getTransactionCount", {a0, "latest"}), "0x0");
    EXPECT_EQ(result("eth_getCode", {a0, "latest"}), "0x");
    EXPECT_EQ(result("eth_gasPrice"), (U256(875'000'000) + gwei(1)).to_hex());
    EXPECT_EQ(result("eth_maxPriorityFeePerGas"), gwei(1).to_hex());
    EXPECT_EQ(result("eth_estimateGas", {{{"from", a0}, {"to", to_hex(addr(1))}, {"value", "0x1"}}}), "0x5208");
    EXPECT_EQ(result("eth_estimateGas", {{{"to", to_hex(addr(1))}, {"data", "0x0001"}}}), "0x521c");  // 21000 + 4 + 16
    EXPECT_EQ(result("eth_call", {{{"to", to_hex(addr(1))}}, "latest"}), "0x");
    EXPECT_EQ(error_code(call("eth_estimateGas", {{{"data", "0x60"}}})), rpc_code::server_error);  // creation
    EXPECT_EQ(error_code(call("eth_getBalance", {a0, "0x5"})), rpc_code::server_error);            // future block
}

TEST_F(RpcTest, EstimateGasOfAQuantumCall) {
    // A 0x54 call is charged its public key and signature as calldata: the key as given (or all
    // non-zero without one), the signature at the scheme's size, all non-zero (not known yet).
    const auto* mldsa = crypto::find_scheme("ml-dsa-65");
    ASSERT_NE(mldsa, nullptr);
    auto kp = mldsa->keygen(Bytes(32, 7));
    ASSERT_TRUE(kp);
    std::uint64_t key_gas = 0;
    for (auto x : kp->public_key) key_gas += x == 0 ? 4 : 16;
    const std::string to = to_hex(addr(1));
    Rpc wide{*node, "luxl2/test", RpcLimits{}};  // a public key is kilobytes: the default body limit
    const auto gas = [&](const json& c) {
        const json r = json::parse(
            wide.handle(json{{"jsonrpc", "2.0"}, {"id", 7}, {"method", "eth_estimateGas"}, {"params", {c}}}.dump()));
        EXPECT_TRUE(r.contains("result")) << r.dump();
        return std::stoull(r.value("result", std::string("0x0")), nullptr, 16);
    };
    EXPECT_EQ(gas({{"type", "0x54"}, {"scheme", "ml-dsa-65"}, {"to", to}, {"publicKey", to_hex(kp->public_key)}}),
              21'000 + key_gas + 16 * mldsa->signature_size);
    EXPECT_EQ(gas({{"type", "0x54"}, {"scheme", "0x2"}, {"to", to}}), 21'000 + 16 * (1952 + 3309));
    EXPECT_EQ(gas({{"type", "0x54"}, {"scheme", "slh-dsa-shake-128f"}, {"to", to}, {"data", "0x00"}}),
              21'000 + 4 + 16 * (32 + 17'088));
    EXPECT_EQ(error_code(call("eth_estimateGas", {{{"type", "0x54"}, {"to", to}}})), rpc_code::invalid_params);
    EXPECT_EQ(error_code(call("eth_estimateGas", {{{"type", "0x54"}, {"scheme", "rainbow"}, {"to", to}}})),
              rpc_code::invalid_params);
    EXPECT_EQ(error_code(call("eth_estimateGas",
                              {{{"type", "0x54"}, {"scheme", "ml-dsa-65"}, {"to", to}, {"publicKey", "0x01"}}})),
              rpc_code::invalid_params);
}

TEST_F(RpcTest, TransactionLifecycle) {
    const auto tx = transfer(0, 0, addr(1), ether(1));
    const std::string raw = to_hex(format::encode_transaction(tx));
    const std::string hash = to_hex(format::transaction_hash(tx));
    EXPECT_EQ(result("eth_sendRawTransaction", {raw}), hash);
    const json again = call("eth_sendRawTransaction", {raw});
    EXPECT_EQ(again["error"]["code"], -32000);
    EXPECT_EQ(again["error"]["message"], "already known");
    EXPECT_EQ(result("eth_getTransactionCount", {to_hex(dev()[0].address), "pending"}), "0x1");
    json pending = result("eth_getTransactionByHash", {hash});
    EXPECT_TRUE(pending["blockNumber"].is_null());
    EXPECT_TRUE(result("eth_getTransactionReceipt", {hash}).is_null());

    ASSERT_TRUE(node->produce_block(1'700'000'001));
    const json r = result("eth_getTransactionReceipt", {hash});
    EXPECT_EQ(r["status"], "0x1");
    EXPECT_EQ(r["gasUsed"], "0x5208");
    EXPECT_EQ(r["blockNumber"], "0x1");
    EXPECT_EQ(r["from"], to_hex(dev()[0].address));
    EXPECT_EQ(r["type"], "0x2");
    EXPECT_EQ(r["effectiveGasPrice"], (U256(875'000'000) + gwei(1)).to_hex());
    const json t = result("eth_getTransactionByHash", {hash});
    EXPECT_EQ(t["blockHash"], r["blockHash"]);
    EXPECT_EQ(t["transactionIndex"], "0x0");
    const json blk = result("eth_getBlockByNumber", {"latest", true});
    EXPECT_EQ(blk["hash"], r["blockHash"]);
    EXPECT_EQ(blk["transactions"][0]["hash"], hash);
    const json by_hash = result("eth_getBlockByHash", {r["blockHash"], false});
    EXPECT_EQ(by_hash["transactions"][0], hash);
    EXPECT_TRUE(result("eth_getBlockByNumber", {"0x99", false}).is_null());
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(1)), "latest"}), ether(1).to_hex());
    EXPECT_EQ(result("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "latest"}}}), json::array());
    // Historical state: by number, by hash, by EIP-1898 object.
    const std::string a0 = to_hex(dev()[0].address);
    const json genesis = result("eth_getBlockByNumber", {"0x0", false});
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(1)), "0x0"}), "0x0");
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(1)), "earliest"}), "0x0");
    EXPECT_EQ(result("eth_getBalance", {a0, genesis["hash"]}), ether(10'000).to_hex());
    EXPECT_EQ(result("eth_getBalance", {a0, {{"blockHash", genesis["hash"]}}}), ether(10'000).to_hex());
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(1)), {{"blockNumber", "0x1"}}}), ether(1).to_hex());
    EXPECT_EQ(result("eth_getTransactionCount", {a0, "0x0"}), "0x0");
    EXPECT_EQ(result("eth_getTransactionCount", {a0, "0x1"}), "0x1");
    EXPECT_EQ(result("eth_getCode", {a0, "0x0"}), "0x");
    const json unknown = call("eth_getBalance", {a0, to_hex(Hash32{})});
    EXPECT_EQ(error_code(unknown), rpc_code::server_error);
    EXPECT_EQ(unknown["error"]["message"], "header for hash not found");
    EXPECT_EQ(call("eth_getBalance", {a0, "0x7"})["error"]["message"], "header not found");

    const json fh = result("eth_feeHistory", {"0x2", "latest", {50}});
    EXPECT_EQ(fh["oldestBlock"], "0x0");
    EXPECT_EQ(fh["baseFeePerGas"].size(), 3u);
    EXPECT_EQ(fh["reward"][1][0], gwei(1).to_hex());
    EXPECT_EQ(fh["reward"][0][0], "0x0");
}

TEST_F(RpcTest, RefusalMessages) {
    auto expect = [&](const format::Transaction& tx, std::string_view prefix) {
        const json r = call("eth_sendRawTransaction", {to_hex(format::encode_transaction(tx))});
        ASSERT_TRUE(r.contains("error")) << r.dump();
        EXPECT_EQ(r["error"]["code"], -32000);
        EXPECT_TRUE(r["error"]["message"].get<std::string>().starts_with(prefix)) << r.dump();
    };
    auto low = transfer(1, 0, addr(1), 1);
    low.gas_limit = 20'000;
    format::sign_transaction(low, dev_key(1));
    expect(low, "intrinsic gas too low");
    expect(transfer(1, 0, addr(1), ether(20'000)), "insufficient funds for gas * price + value");
    expect(transfer(1, 0, addr(1), 1, U256(1), U256(0)), "max fee per gas less than block base fee");
    ASSERT_TRUE(node->send_raw_transaction(format::encode_transaction(transfer(1, 0, addr(1), 1))));
    ASSERT_TRUE(node->produce_block(1'700'000'001));
    expect(transfer(1, 0, addr(1), 2), "nonce too low");
    ASSERT_TRUE(node->send_raw_transaction(format::encode_transaction(transfer(1, 1, addr(1), 1))));
    expect(transfer(1, 1, addr(1), 2), "replacement transaction underpriced");
}

TEST_F(RpcTest, BlockHashesAreLp505AndBlocksComeInEveryEncoding) {
    ASSERT_TRUE(node->send_raw_transaction(format::encode_transaction(transfer(2, 0, addr(3), ether(2)))));
    const auto b = node->produce_block(1'700'000'001).value();
    const std::string hash = to_hex(format::compute_block_hash(b->block));
    EXPECT_EQ(result("eth_getBlockByNumber", {"0x1", false})["hash"], hash);
    EXPECT_EQ(result("eth_getBlockByHash", {hash, false})["number"], "0x1");
    const json blk = result("eth_getBlockByNumber", {"0x1", false});
    EXPECT_EQ(blk["sequencer"], to_hex(dev_sequencer_address()));
    EXPECT_EQ(blk["transactionsRoot"], to_hex(b->block.header.transactions_root));
    const json r = result("eth_getTransactionReceipt", {blk["transactions"][0]});
    EXPECT_EQ(r["blockHash"], hash);

    for (const std::string name : {"rlp", "canonical", "binary", "protobuf", "ssz"}) {
        const json enc = result("lux_getBlockEncoded", {"0x1", name});
        ASSERT_TRUE(enc.is_string()) << name;
        const auto e = format::parse_encoding(name).value();
        const auto back = format::decode_block(from_hex(enc.get<std::string>()).value(), e);
        ASSERT_TRUE(back) << name << ": " << back.error().to_string();
        EXPECT_EQ(*back, b->block) << name;
        EXPECT_EQ(to_hex(format::block_hash(*back)), hash) << name;
    }
    const json as_json = result("lux_getBlockEncoded", {hash, "json"});
    ASSERT_TRUE(as_json.is_object());
    EXPECT_EQ(format::from_json<format::L2Block>(as_json).value(), b->block);
    EXPECT_EQ(result("lux_getBlockEncoded", {"latest"}), to_hex(format::canonical_encode(b->block)));
    EXPECT_EQ(error_code(call("lux_getBlockEncoded", {"0x1", "xml"})), rpc_code::invalid_params);
    EXPECT_EQ(error_code(call("lux_getBlockEncoded", {"0x9", "rlp"})), rpc_code::server_error);
}

TEST_F(RpcTest, DepositsAreServedAsType0x7E) {
    format::DepositTransaction d;
    d.source_hash[0] = 0x77;
    d.from = addr(0x50);
    d.to = addr(0x51);
    d.mint = ether(3);
    d.value = ether(1);
    d.gas = 100'000;
    ASSERT_TRUE(node->queue_deposits({d}, 42));
    const auto b = node->produce_block(1'700'000'001).value();
    const std::string h = to_hex(exec::deposit_hash(d));
    const json blk = result("eth_getBlockByNumber", {"0x1", true});
    EXPECT_EQ(blk["l1BlockNumber"], "0x2a");
    ASSERT_EQ(blk["transactions"].size(), 1u);
    EXPECT_EQ(blk["transactions"][0]["type"], "0x7e");
    EXPECT_EQ(blk["transactions"][0]["hash"], h);
    const json r = result("eth_getTransactionReceipt", {h});
    EXPECT_EQ(r["status"], "0x1");
    EXPECT_EQ(r["type"], "0x7e");
    EXPECT_EQ(r["from"], to_hex(d.from));
    EXPECT_EQ(r["effectiveGasPrice"], "0x0");
    EXPECT_EQ(result("eth_getTransactionByHash", {h})["mint"], ether(3).to_hex());
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(0x51)), "latest"}), ether(1).to_hex());
    EXPECT_EQ(result("eth_getBalance", {to_hex(addr(0x50)), "latest"}), ether(2).to_hex());
    EXPECT_EQ(result("eth_getTransactionCount", {to_hex(addr(0x50)), "latest"}), "0x1");
}

}  // namespace
}  // namespace luxl2::node
