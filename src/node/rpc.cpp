#include "luxl2/node/rpc.hpp"

#include <algorithm>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/exec/bls_accounts.hpp"
#include "luxl2/exec/compressed.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/quantum.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/quantum_tx.hpp"
#include "luxl2/format/transaction_json.hpp"
#include "luxl2/node/user_tx.hpp"

namespace luxl2::node {
namespace {

using json = nlohmann::json;

std::string qty(std::uint64_t v) {
    return U256(v).to_hex();
}

[[noreturn]] void throw_params(const std::string& msg) {
    throw RpcError{rpc_code::invalid_params, msg};
}

const json& param(const json& params, std::size_t i) {
    static const json null;
    return params.is_array() && i < params.size() ? params[i] : null;
}

Address parse_address(const json& j) {
    if (!j.is_string()) throw_params("address must be a hex string");
    auto a = from_hex_fixed<20>(j.get<std::string>());
    if (!a) throw_params("invalid address: " + a.error().message);
    return *a;
}

Hash32 parse_hash(const json& j) {
    if (!j.is_string()) throw_params("hash must be a hex string");
    auto h = from_hex_fixed<32>(j.get<std::string>());
    if (!h) throw_params("invalid hash: " + h.error().message);
    return *h;
}

U256 parse_quantity(const json& j, const char* what) {
    if (j.is_number_unsigned()) return U256(j.get<std::uint64_t>());
    if (!j.is_string()) throw_params(std::string(what) + " must be a hex quantity");
    const auto s = j.get<std::string>();
    if (!s.starts_with("0x") && !s.starts_with("0X")) throw_params(std::string(what) + " must be 0x-prefixed hex");
    auto v = U256::from_hex(s);
    if (!v) throw_params(std::string(what) + ": " + v.error().message);
    return *v;
}

std::uint64_t parse_u64(const json& j, const char* what) {
    const U256 v = parse_quantity(j, what);
    if (!v.fits_u64()) throw_params(std::string(what) + " exceeds 64 bits");
    return v.low64();
}

Bytes parse_data(const json& j, const char* what) {
    if (j.is_null()) return {};
    if (!j.is_string()) throw_params(std::string(what) + " must be hex data");
    auto b = from_hex(j.get<std::string>());
    if (!b) throw_params(std::string(what) + ": " + b.error().message);
    return *b;
}

[[noreturn]] void throw_error(const Error& e) {
    throw RpcError{rpc_code::server_error, e.message};
}

template <class T>
T value_or_throw(Result<T> r) {
    if (!r) throw_error(r.error());
    return std::move(*r);
}

std::string hex_bloom(const std::array<std::uint8_t, 256>& b) {
    return to_hex(ByteView(b));
}

// A number or tag other than a hash → a block number ≤ head.
std::uint64_t block_number_inner(const json& tag, std::uint64_t head) {
    if (tag.is_string()) {
        const auto& s = tag.get_ref<const std::string&>();
        if (s == "latest" || s == "pending" || s == "safe" || s == "finalized") return head;
        if (s == "earliest") return 0;
    }
    const std::uint64_t num = parse_u64(tag, "block number");
    if (num > head) throw RpcError{rpc_code::server_error, "header not found"};
    return num;
}

Hash32 stored_tx_hash(const format::TransactionData& td) {
    if (td.tx_type == format::lp505_type::kDeposit || !format::is_ethereum_tx_type(td.tx_type)) {
        auto h = format::tx_hash(td);
        if (!h) throw RpcError{rpc_code::internal_error, "stored transaction does not hash"};
        return *h;
    }
    return crypto::keccak256(td.payload);
}

// A 0x54 (format::quantum_tx_to_json: type "0x54", the EIP-1559 fields, scheme, schemeName,
// publicKey, hash, from; its signature as quantumSignature), plus gasPrice (the effective price, as for 0x02) when the
// base fee is known; without it (pending) gasPrice is maxFeePerGas, as geth shows pending 0x02s.
std::pair<json, Address> quantum_tx_json(const format::TransactionData& td, const std::optional<U256>& base_fee) {
    auto j = format::quantum_tx_to_json(td);
    auto q = format::decode_tx_payload<format::QuantumTransaction>(td);
    if (!j || !q) throw RpcError{rpc_code::internal_error, "stored 0x54 transaction does not decode"};
    const format::Transaction eq = exec::eip1559_equivalent(*q);
    (*j)["gasPrice"] = base_fee ? exec::effective_gas_price(eq, *base_fee).to_hex() : q->max_fee_per_gas.to_hex();
    // Wallet libraries read `signature`, or v/r/s, as an ECDSA signature (ethers' Signature.from
    // throws on kilobytes): the post-quantum one is `quantumSignature`, and v/r/s are zero as for
    // deposits.
    (*j)["quantumSignature"] = std::move((*j)["signature"]);
    j->erase("signature");
    for (const char* k : {"v", "r", "s", "yParity"}) (*j)[k] = "0x0";
    const Address sender = format::quantum_address(q->scheme, q->public_key);
    return {std::move(*j), sender};
}

// A 0x53: its outer fields (count, bodyFormat, aggregateSignature; v/r/s zero) and, when known,
// its inner transactions as executed (innerTransactions, compress::to_json's form). Wallet
// libraries read one sender: from, to and nonce are the first inner transaction's, value the sum
// of the inner values, gas the sum of their gas limits, the fee caps the smallest inner ones.
std::pair<json, Address> compressed_tx_json(const format::TransactionData& td, const compress::CompressedBatch* inner,
                                            const std::optional<U256>& base_fee) {
    auto c = format::decode_tx_payload<format::CompressedTransaction>(td);
    auto h = format::tx_hash(td);
    if (!c || !h) throw RpcError{rpc_code::internal_error, "stored 0x53 transaction does not decode"};
    json t{{"type", "0x53"},
           {"hash", to_hex(*h)},
           {"chainId", c->chain_id.to_hex()},
           {"count", qty(c->count)},
           {"bodyFormat", qty(c->body_format)},
           {"aggregateSignature", to_hex(td.signature)},
           {"input", "0x"},
           {"accessList", json::array()},
           {"v", "0x0"},
           {"r", "0x0"},
           {"s", "0x0"},
           {"yParity", "0x0"}};
    Address sender;
    if (inner != nullptr && !inner->txs.empty()) {
        const auto fees = exec::compressed_fee_view(*inner);
        U256 value;
        for (const auto& x : inner->txs)
            if (add_overflow(value, x.value, value)) value = U256::max();
        const auto& first = inner->txs.front();
        sender = first.from;
        t["from"] = to_hex(first.from);
        t["to"] = first.to ? json(to_hex(*first.to)) : json(nullptr);
        t["nonce"] = qty(first.nonce);
        t["value"] = value.to_hex();
        t["gas"] = qty(fees.gas_limit);
        t["maxFeePerGas"] = fees.max_fee_per_gas.to_hex();
        t["maxPriorityFeePerGas"] = fees.max_priority_fee_per_gas.to_hex();
        t["gasPrice"] = base_fee ? exec::effective_gas_price(fees, *base_fee).to_hex() : fees.max_fee_per_gas.to_hex();
        t["innerTransactions"] = compress::to_json(*inner)["transactions"];
    } else {
        t["from"] = to_hex(sender);
        t["to"] = nullptr;
        t["nonce"] = "0x0";
        t["value"] = "0x0";
        t["gas"] = "0x0";
        t["gasPrice"] = "0x0";
    }
    return {std::move(t), sender};
}

// The intrinsic gas of a 0x54 call object: `tx`'s fields plus the scheme's public key and signature as
// calldata (exec::quantum_intrinsic_gas). `scheme` (a quantity or a registry name) is required;
// without `publicKey`, and always for the signature (not known before signing), every byte is
// counted as non-zero, so the estimate is an upper bound that a signed transaction fits in.
std::uint64_t quantum_call_gas(const json& call, const format::Transaction& tx, const format::Rules& rules) {
    if (!call.contains("scheme")) throw_params("a 0x54 call needs its scheme");
    const json& js = call["scheme"];
    std::optional<std::uint8_t> id;
    if (js.is_string() && js.get<std::string>().starts_with("0x")) {
        const std::uint64_t v = parse_u64(js, "scheme");
        if (v <= 0xff) id = static_cast<std::uint8_t>(v);
    } else if (js.is_string()) {
        id = format::pq_scheme::id_of(js.get<std::string>());
    }
    if (!id) throw_params("unknown 0x54 scheme");
    auto scheme = format::pq_scheme::registry_scheme(*id);
    if (!scheme) throw_params(scheme.error().message);
    format::QuantumTransaction q;
    q.to = tx.to;
    q.data = tx.data;
    q.value = tx.value;
    q.access_list = tx.access_list;
    q.scheme = *id;
    if (call.contains("publicKey")) {
        q.public_key = parse_data(call["publicKey"], "publicKey");
        if (q.public_key.size() != (*scheme)->public_key_size)
            throw_params("publicKey has the wrong size for its scheme");
    } else {
        q.public_key.assign((*scheme)->public_key_size, 0xff);
    }
    return exec::quantum_intrinsic_gas(q, Bytes((*scheme)->signature_size, 0xff), rules);
}

// The JSON of a stored transaction (without its block fields), and its sender.
std::pair<json, Address> stored_tx(const format::TransactionData& td, const U256& base_fee, const ChainStore& chain) {
    if (td.tx_type == format::lp505_type::kCompressed) {
        auto h = format::tx_hash(td);
        if (!h) throw RpcError{rpc_code::internal_error, "stored 0x53 transaction does not hash"};
        auto inner = value_or_throw(chain.compressed_inner(*h));
        return compressed_tx_json(td, inner ? &*inner : nullptr, base_fee);
    }
    if (td.tx_type == format::lp505_type::kDeposit) {
        auto d = format::decode_tx_payload<format::DepositTransaction>(td);
        if (!d) throw RpcError{rpc_code::internal_error, "stored deposit does not decode"};
        json t{{"type", "0x7e"},
               {"hash", to_hex(exec::deposit_hash(*d))},
               {"sourceHash", to_hex(d->source_hash)},
               {"from", to_hex(d->from)},
               {"to", d->to ? json(to_hex(*d->to)) : json(nullptr)},
               {"mint", d->mint.to_hex()},
               {"value", d->value.to_hex()},
               {"gas", qty(d->gas)},
               {"isSystemTx", d->is_system_tx},
               {"input", to_hex(d->data)},
               {"nonce", "0x0"},
               {"gasPrice", "0x0"},
               {"v", "0x0"},
               {"r", "0x0"},
               {"s", "0x0"}};
        return {std::move(t), d->from};
    }
    if (td.tx_type == format::lp505_type::kQuantum) return quantum_tx_json(td, base_fee);
    auto tx = format::decode_transaction(td.payload);
    if (!tx) throw RpcError{rpc_code::internal_error, "stored transaction does not decode"};
    auto sender = format::recover_sender(*tx);
    if (!sender) throw RpcError{rpc_code::internal_error, "stored transaction has no sender"};
    json t = format::to_json(*tx, *sender);
    if (tx->type == format::TxType::kDynamicFee) t["gasPrice"] = exec::effective_gas_price(*tx, base_fee).to_hex();
    return {std::move(t), *sender};
}

json stored_tx_json(const format::TransactionData& td, const U256& base_fee, const ChainStore& chain) {
    return stored_tx(td, base_fee, chain).first;
}

}  // namespace

std::string Rpc::handle(std::string_view body) {
    auto error_response = [](int code, const std::string& msg) {
        return json{{"jsonrpc", "2.0"}, {"id", nullptr}, {"error", {{"code", code}, {"message", msg}}}}.dump();
    };
    if (body.size() > limits_.max_body_bytes)
        return error_response(rpc_code::invalid_request, "request body too large");
    json req = json::parse(body, nullptr, false);
    if (req.is_discarded()) return error_response(rpc_code::parse_error, "parse error");
    if (req.is_array()) {
        if (req.empty()) return error_response(rpc_code::invalid_request, "empty batch");
        if (req.size() > limits_.max_batch)
            return error_response(rpc_code::invalid_request,
                                  "batch too large: at most " + std::to_string(limits_.max_batch));
        json out = json::array();
        for (const auto& r : req)
            if (auto resp = handle_one(r)) out.push_back(std::move(*resp));
        return out.empty() ? std::string() : out.dump();
    }
    auto resp = handle_one(req);
    return resp ? resp->dump() : std::string();
}

std::optional<json> Rpc::handle_one(const json& req) {
    json id = nullptr;
    auto err = [&](int code, const std::string& msg) {
        return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", msg}}}};
    };
    if (!req.is_object()) return err(rpc_code::invalid_request, "invalid request");
    const bool notification = !req.contains("id");
    if (!notification) {
        id = req["id"];
        if (!id.is_null() && !id.is_string() && !id.is_number()) {
            id = nullptr;
            return err(rpc_code::invalid_request, "invalid request id");
        }
    }
    const auto version = req.find("jsonrpc");
    if (version == req.end() || !version->is_string() || version->get<std::string>() != "2.0" ||
        !req.contains("method") || !req["method"].is_string())
        return err(rpc_code::invalid_request, "invalid request");
    const json params = req.contains("params") ? req["params"] : json::array();
    if (!params.is_array() && !params.is_object()) return err(rpc_code::invalid_request, "params must be an array");
    json result;
    try {
        result = dispatch(req["method"].get<std::string>(), params);
    } catch (const RpcError& e) {
        return notification ? std::nullopt : std::optional<json>(err(e.code, e.message));
    } catch (const json::exception& e) {
        return notification ? std::nullopt : std::optional<json>(err(rpc_code::invalid_params, e.what()));
    }
    if (notification) return std::nullopt;
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json Rpc::dispatch(const std::string& method, const json& params) {
    Node& n = node_;
    const auto& chain = n.chain();

    // A block tag, number or hash (also EIP-1898's {blockHash}/{blockNumber}) → a block number that
    // exists; throws for unknown blocks.
    auto block_number = [&](const json& tag) -> std::uint64_t {
        const std::uint64_t head = n.head_number();
        if (tag.is_null()) return head;
        if (tag.is_object()) {
            if (tag.contains("blockHash")) {
                auto num = value_or_throw(chain.number_of(parse_hash(tag["blockHash"])));
                if (!num) throw RpcError{rpc_code::server_error, "header for hash not found"};
                return *num;
            }
            if (tag.contains("blockNumber")) {
                const json& inner = tag["blockNumber"];
                if (inner.is_object()) throw_params("invalid block number");
                return block_number_inner(inner, head);
            }
            throw_params("block object needs blockHash or blockNumber");
        }
        if (tag.is_string() && tag.get_ref<const std::string&>().size() == 66) {
            auto num = value_or_throw(chain.number_of(parse_hash(tag)));
            if (!num) throw RpcError{rpc_code::server_error, "header for hash not found"};
            return *num;
        }
        return block_number_inner(tag, head);
    };
    // The state after the block a tag names: the latest state for the head, else the history.
    std::optional<state::HistoricalStateReader> history;
    auto state_at = [&](const json& tag) -> const state::StateReader& {
        const std::uint64_t head = n.head_number();
        const std::uint64_t num = block_number(tag);
        if (num >= head) return n.state();
        auto h = n.state_at(num);
        if (!h) throw RpcError{rpc_code::server_error, h.error().message};
        history.emplace(*h);
        return *history;
    };
    auto block_json = [&](const BlockRecord& b, bool full) -> json {
        const Hash32& hash = b.hash;
        json txs = json::array();
        for (std::size_t i = 0; i < b.block.transactions.size(); ++i) {
            const auto& td = b.block.transactions[i];
            if (!full) {
                txs.push_back(to_hex(stored_tx_hash(td)));
                continue;
            }
            json t = stored_tx_json(td, b.base_fee, chain);
            t["blockHash"] = to_hex(hash);
            t["blockNumber"] = qty(b.number);
            t["transactionIndex"] = qty(i);
            txs.push_back(std::move(t));
        }
        auto receipts = value_or_throw(chain.receipts(b.number));
        std::vector<exec::Log> logs;
        for (const auto& r : receipts) logs.insert(logs.end(), r.logs.begin(), r.logs.end());
        const std::string zero32 = to_hex(Hash32{});
        const auto& h = b.block.header;
        return json{{"number", qty(b.number)},
                    {"hash", to_hex(hash)},
                    {"parentHash", to_hex(h.parent_hash)},
                    {"nonce", "0x0000000000000000"},
                    {"sha3Uncles", "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"},
                    {"logsBloom", hex_bloom(exec::logs_bloom(logs))},
                    {"transactionsRoot", to_hex(h.transactions_root)},
                    {"stateRoot", to_hex(h.state_root)},
                    {"receiptsRoot", to_hex(h.receipts_root)},
                    {"miner", to_hex(n.config().fee_recipient)},
                    {"sequencer", to_hex(h.sequencer)},
                    {"sequencerSignature", to_hex(h.signature)},
                    {"l1BlockNumber", h.l1_block_number.to_hex()},
                    {"difficulty", "0x0"},
                    {"totalDifficulty", "0x0"},
                    {"extraData", to_hex(h.extra_data)},
                    {"size", qty(encode_block_record(b).size())},
                    {"gasLimit", qty(b.gas_limit)},
                    {"gasUsed", qty(b.gas_used)},
                    {"timestamp", qty(b.timestamp)},
                    {"baseFeePerGas", b.base_fee.to_hex()},
                    {"mixHash", zero32},
                    {"transactions", std::move(txs)},
                    {"uncles", json::array()}};
    };
    auto load_block = [&](std::uint64_t num) -> BlockPtr { return value_or_throw(chain.block(num)); };
    auto suggested_tip = [&]() { return U256(exec::kInitialBaseFee); };  // 1 gwei, as geth's default

    if (method == "eth_chainId") return n.config().chain_id.to_hex();
    if (method == "net_version") return n.config().chain_id.to_string();
    if (method == "web3_clientVersion") return client_version_;
    if (method == "net_listening") return true;
    if (method == "eth_syncing") return false;
    if (method == "eth_accounts") return json::array();
    if (method == "eth_blockNumber") return qty(n.head_number());
    if (method == "eth_getBalance") {
        const Address a = parse_address(param(params, 0));
        const auto& st = state_at(param(params, 1));
        return value_or_throw(st.account(a)).balance.to_hex();
    }
    if (method == "eth_getTransactionCount") {
        const Address a = parse_address(param(params, 0));
        const json& tag = param(params, 1);
        if (tag.is_string() && tag.get<std::string>() == "pending") {
            const auto acc = value_or_throw(n.state().account(a));
            return qty(n.mempool().pending_nonce(a, acc.nonce));
        }
        const auto& st = state_at(tag);
        return qty(value_or_throw(st.account(a)).nonce);
    }
    if (method == "lux_getBlsAccount") {
        // An address (0x + 40 hex digits) or an index in the account index (a quantity).
        const json& who = param(params, 0);
        const auto& st = state_at(param(params, 1));
        Address a;
        if (who.is_string() && who.get_ref<const std::string&>().size() == 42) {
            a = parse_address(who);
        } else {
            const std::uint64_t i = parse_u64(who, "account index");
            if (i >= value_or_throw(exec::bls_account_count(st))) return nullptr;
            a = value_or_throw(exec::bls_account_at(st, i)).first;
        }
        const auto info = value_or_throw(exec::bls_account(st, a));
        if (!info) return nullptr;
        const auto acc = value_or_throw(st.account(a));
        return json{{"address", to_hex(a)},
                    {"publicKey", to_hex(info->public_key)},
                    {"index", qty(info->index)},
                    {"nonce", qty(acc.nonce)},
                    {"balance", acc.balance.to_hex()}};
    }
    if (method == "lux_getBlsAccountCount") {
        const auto& st = state_at(param(params, 0));
        return qty(value_or_throw(exec::bls_account_count(st)));
    }
    if (method == "eth_getCode") {
        const Address a = parse_address(param(params, 0));
        const auto& st = state_at(param(params, 1));
        const auto acc = value_or_throw(st.account(a));
        return to_hex(value_or_throw(st.code(acc.code_hash)));
    }
    if (method == "eth_getStorageAt") {
        const Address a = parse_address(param(params, 0));
        const U256 slot = parse_quantity(param(params, 1), "slot");
        const auto& st = state_at(param(params, 2));
        Hash32 key;
        slot.to_be32(key.data());
        Hash32 out;
        value_or_throw(st.storage(a, key)).to_be32(out.data());
        return to_hex(out);
    }
    if (method == "lux_getBlockEncoded") {
        const std::uint64_t num = block_number(param(params, 0));
        const json& fmt = param(params, 1);
        const std::string name = fmt.is_null()     ? std::string("canonical")
                                 : fmt.is_string() ? fmt.get<std::string>()
                                                   : "";
        auto enc = format::parse_encoding(name);
        if (!enc) throw_params("format must be one of json, rlp, ssz, protobuf, binary, canonical");
        auto b = load_block(num);
        if (!b) throw RpcError{rpc_code::server_error, "header not found"};
        if (*enc == format::Encoding::kJson) return format::to_json(b->block);
        auto bytes = format::encode_block(b->block, *enc);
        if (!bytes) throw_error(bytes.error());
        return to_hex(*bytes);
    }
    if (method == "eth_gasPrice") return (n.next_base_fee() + suggested_tip()).to_hex();
    if (method == "eth_maxPriorityFeePerGas") return suggested_tip().to_hex();
    if (method == "eth_feeHistory") {
        std::uint64_t count = parse_u64(param(params, 0), "blockCount");
        count = std::min(count, limits_.max_fee_history);
        const std::uint64_t newest = block_number(param(params, 1));
        std::vector<double> percentiles;
        if (param(params, 2).is_array())
            for (const auto& p : param(params, 2)) {
                if (!p.is_number()) throw_params("reward percentiles must be numbers");
                const double v = p.get<double>();
                if (v < 0 || v > 100 || (!percentiles.empty() && v < percentiles.back()))
                    throw_params("reward percentiles must be ascending within [0, 100]");
                percentiles.push_back(v);
            }
        count = std::min(count, newest + 1);
        const std::uint64_t oldest = newest + 1 - count;
        json base = json::array(), ratio = json::array(), reward = json::array();
        for (std::uint64_t i = oldest; i <= newest && count > 0; ++i) {
            auto b = load_block(i);
            if (!b) throw RpcError{rpc_code::server_error, "header not found"};
            base.push_back(b->base_fee.to_hex());
            ratio.push_back(b->gas_limit == 0 ? 0.0
                                              : static_cast<double>(b->gas_used) / static_cast<double>(b->gas_limit));
            if (!percentiles.empty()) {
                // Tips weighted by gas used, as geth: the tip at which the cumulative gas reaches p%.
                auto receipts = value_or_throw(chain.receipts(i));
                std::vector<std::pair<U256, std::uint64_t>> tips;
                for (std::size_t t = 0; t < b->block.transactions.size() && t < receipts.size(); ++t) {
                    const auto& td = b->block.transactions[t];
                    if (td.tx_type == format::lp505_type::kQuantum) {
                        if (auto q = format::decode_tx_payload<format::QuantumTransaction>(td))
                            tips.emplace_back(exec::effective_tip(exec::eip1559_equivalent(*q), b->base_fee),
                                              receipts[t].gas_used);
                        continue;
                    }
                    if (td.tx_type == format::lp505_type::kCompressed) {
                        // The receipt's price is the inner transactions' gas-weighted average.
                        const U256& p = receipts[t].effective_gas_price;
                        tips.emplace_back(p > b->base_fee ? p - b->base_fee : U256(0), receipts[t].gas_used);
                        continue;
                    }
                    if (!format::is_ethereum_tx_type(td.tx_type)) continue;  // deposits pay no tip
                    auto tx = format::decode_transaction(td.payload);
                    if (tx) tips.emplace_back(exec::effective_tip(*tx, b->base_fee), receipts[t].gas_used);
                }
                std::sort(tips.begin(), tips.end());
                json row = json::array();
                std::size_t k = 0;
                std::uint64_t cum = tips.empty() ? 0 : tips[0].second;
                for (double p : percentiles) {
                    if (tips.empty()) {
                        row.push_back("0x0");
                        continue;
                    }
                    const double threshold = static_cast<double>(b->gas_used) * p / 100.0;
                    while (static_cast<double>(cum) < threshold && k + 1 < tips.size()) cum += tips[++k].second;
                    row.push_back(tips[k].first.to_hex());
                }
                reward.push_back(std::move(row));
            }
            if (i == newest) {
                base.push_back(exec::next_base_fee(b->gas_used, b->gas_limit, b->base_fee).to_hex());
            }
        }
        json out{{"oldestBlock", qty(oldest)}, {"baseFeePerGas", base}, {"gasUsedRatio", ratio}};
        if (!percentiles.empty()) out["reward"] = reward;
        return out;
    }
    if (method == "eth_estimateGas" || method == "eth_call") {
        const json& call = param(params, 0);
        if (!call.is_object()) throw_params("call object expected");
        const auto& st = state_at(param(params, 1));
        format::Transaction tx;
        tx.type = call.contains("maxFeePerGas") ? format::TxType::kDynamicFee
                  : call.contains("accessList") ? format::TxType::kAccessList
                                                : format::TxType::kLegacy;
        if (call.contains("to") && !call["to"].is_null()) tx.to = parse_address(call["to"]);
        tx.data = parse_data(call.contains("input") ? call["input"] : call.value("data", json()), "input");
        if (call.contains("value")) tx.value = parse_quantity(call["value"], "value");
        if (call.contains("accessList") && call["accessList"].is_array())
            for (const auto& e : call["accessList"]) {
                format::AccessListEntry entry{parse_address(e.at("address")), {}};
                for (const auto& k : e.value("storageKeys", json::array())) entry.storage_keys.push_back(parse_hash(k));
                tx.access_list.push_back(std::move(entry));
            }
        if (!tx.to)
            throw RpcError{rpc_code::server_error,
                           "contract creation is not supported: this node executes no EVM code yet"};
        const auto to = value_or_throw(st.account(*tx.to));
        if (to.has_code())
            throw RpcError{rpc_code::server_error,
                           "calls into contract code are not supported: this node executes no EVM code yet"};
        if (call.contains("from") && !call["from"].is_null()) {
            const auto from = value_or_throw(st.account(parse_address(call["from"])));
            if (from.balance < tx.value) throw RpcError{rpc_code::server_error, "insufficient funds for transfer"};
        }
        const bool quantum_call = call.contains("type") && call["type"] == "0x54";
        if (!quantum_call && *tx.to == exec::kBlsRegistryAddress)
            value_or_throw(exec::check_bls_registration(st, tx.value, tx.data));
        std::uint64_t gas = exec::execution_gas(tx, n.rules());
        if (quantum_call) gas = quantum_call_gas(call, tx, n.rules());
        if (call.contains("gas") && parse_u64(call["gas"], "gas") < gas)
            throw RpcError{rpc_code::server_error, "intrinsic gas too low: gas " +
                                                       std::to_string(parse_u64(call["gas"], "gas")) +
                                                       ", minimum needed " + std::to_string(gas)};
        if (method == "eth_call") return "0x";
        return qty(gas);
    }
    if (method == "eth_sendRawTransaction") {
        const Bytes raw = parse_data(param(params, 0), "transaction");
        return to_hex(value_or_throw(n.send_raw_transaction(raw)));
    }
    if (method == "eth_getTransactionByHash") {
        const Hash32 h = parse_hash(param(params, 0));
        auto loc = value_or_throw(chain.transaction(h));
        if (!loc) {
            auto pending = n.mempool().get(h);
            if (!pending) return nullptr;
            json t = pending->stx.compressed
                         ? compressed_tx_json(*pending->stx.lp505, pending->stx.compressed.get(), std::nullopt).first
                     : pending->stx.lp505 ? quantum_tx_json(*pending->stx.lp505, std::nullopt).first
                                          : format::to_json(pending->stx.tx, pending->stx.sender);
            t["blockHash"] = nullptr;
            t["blockNumber"] = nullptr;
            t["transactionIndex"] = nullptr;
            return t;
        }
        auto b = load_block(loc->block_number);
        if (!b || loc->index >= b->block.transactions.size())
            throw RpcError{rpc_code::internal_error, "transaction index is stale"};
        json t = stored_tx_json(b->block.transactions[loc->index], b->base_fee, chain);
        t["blockHash"] = to_hex(b->hash);
        t["blockNumber"] = qty(b->number);
        t["transactionIndex"] = qty(loc->index);
        return t;
    }
    if (method == "eth_getTransactionReceipt") {
        const Hash32 h = parse_hash(param(params, 0));
        auto loc = value_or_throw(chain.transaction(h));
        if (!loc) return nullptr;
        auto b = load_block(loc->block_number);
        auto receipts = value_or_throw(chain.receipts(loc->block_number));
        if (!b || loc->index >= receipts.size() || loc->index >= b->block.transactions.size())
            throw RpcError{rpc_code::internal_error, "receipt index is stale"};
        const auto [tj, sender] = stored_tx(b->block.transactions[loc->index], b->base_fee, chain);
        const auto& r = receipts[loc->index];
        const Hash32& bh = b->hash;
        std::uint64_t log_index = 0;
        for (std::size_t i = 0; i < loc->index; ++i) log_index += receipts[i].logs.size();
        json logs = json::array();
        for (const auto& l : r.logs) {
            json topics = json::array();
            for (const auto& t : l.topics) topics.push_back(to_hex(t));
            logs.push_back({{"address", to_hex(l.address)},
                            {"topics", topics},
                            {"data", to_hex(l.data)},
                            {"blockNumber", qty(b->number)},
                            {"blockHash", to_hex(bh)},
                            {"transactionHash", to_hex(h)},
                            {"transactionIndex", qty(loc->index)},
                            {"logIndex", qty(log_index++)},
                            {"removed", false}});
        }
        return json{{"transactionHash", to_hex(h)},
                    {"transactionIndex", qty(loc->index)},
                    {"blockHash", to_hex(bh)},
                    {"blockNumber", qty(b->number)},
                    {"from", to_hex(sender)},
                    {"to", tj["to"]},
                    {"cumulativeGasUsed", qty(r.cumulative_gas_used)},
                    {"gasUsed", qty(r.gas_used)},
                    {"effectiveGasPrice", r.effective_gas_price.to_hex()},
                    {"contractAddress", nullptr},
                    {"logs", logs},
                    {"logsBloom", hex_bloom(exec::logs_bloom(r.logs))},
                    {"type", qty(static_cast<std::uint64_t>(r.type))},
                    {"status", r.status ? "0x1" : "0x0"},
                    {"root", to_hex(r.state_root)}};
    }
    if (method == "eth_getBlockByNumber") {
        const json& tag = param(params, 0);
        const std::uint64_t head = n.head_number();
        std::uint64_t num;
        if (tag.is_string() && (tag == "latest" || tag == "pending" || tag == "safe" || tag == "finalized"))
            num = head;
        else if (tag.is_string() && tag == "earliest")
            num = 0;
        else
            num = parse_u64(tag, "block number");
        auto b = num > head ? nullptr : load_block(num);
        if (!b) return nullptr;
        return block_json(*b, param(params, 1).is_boolean() && param(params, 1).get<bool>());
    }
    if (method == "eth_getBlockByHash") {
        const Hash32 h = parse_hash(param(params, 0));
        auto num = value_or_throw(chain.number_of(h));
        if (!num) return nullptr;
        auto b = load_block(*num);
        if (!b) return nullptr;
        return block_json(*b, param(params, 1).is_boolean() && param(params, 1).get<bool>());
    }
    if (method == "eth_getLogs") {
        const json& f = param(params, 0);
        if (!f.is_object()) throw_params("filter object expected");
        std::uint64_t from, to;
        if (f.contains("blockHash")) {
            if (f.contains("fromBlock") || f.contains("toBlock"))
                throw_params("blockHash excludes fromBlock and toBlock");
            auto num = value_or_throw(chain.number_of(parse_hash(f["blockHash"])));
            if (!num) throw RpcError{rpc_code::server_error, "unknown block"};
            from = to = *num;
        } else {
            from = block_number(f.value("fromBlock", json("latest")));
            to = block_number(f.value("toBlock", json("latest")));
        }
        if (from > to) throw_params("fromBlock is after toBlock");
        if (to - from >= limits_.max_log_range)
            throw RpcError{rpc_code::server_error,
                           "query exceeds max block range " + std::to_string(limits_.max_log_range)};
        std::vector<Address> addresses;
        if (f.contains("address")) {
            if (f["address"].is_array())
                for (const auto& a : f["address"]) addresses.push_back(parse_address(a));
            else if (!f["address"].is_null())
                addresses.push_back(parse_address(f["address"]));
        }
        std::vector<std::vector<Hash32>> topics;  // per position; empty = wildcard
        if (f.contains("topics") && f["topics"].is_array()) {
            if (f["topics"].size() > 4) throw_params("more than 4 topic positions");
            for (const auto& t : f["topics"]) {
                std::vector<Hash32> alts;
                if (t.is_array())
                    for (const auto& x : t) alts.push_back(parse_hash(x));
                else if (!t.is_null())
                    alts.push_back(parse_hash(t));
                topics.push_back(std::move(alts));
            }
        }
        json out = json::array();
        for (std::uint64_t i = from; i <= to; ++i) {
            auto receipts = value_or_throw(chain.receipts(i));
            bool any = false;
            for (const auto& r : receipts) any = any || !r.logs.empty();
            if (!any) continue;
            auto b = load_block(i);
            if (!b) continue;
            const Hash32& bh = b->hash;
            std::uint64_t log_index = 0;
            for (std::size_t t = 0; t < receipts.size(); ++t)
                for (const auto& l : receipts[t].logs) {
                    const std::uint64_t li = log_index++;
                    if (!addresses.empty() &&
                        std::find(addresses.begin(), addresses.end(), l.address) == addresses.end())
                        continue;
                    bool match = true;
                    for (std::size_t p = 0; p < topics.size() && match; ++p)
                        if (!topics[p].empty())
                            match = p < l.topics.size() &&
                                    std::find(topics[p].begin(), topics[p].end(), l.topics[p]) != topics[p].end();
                    if (!match) continue;
                    json tj = json::array();
                    for (const auto& x : l.topics) tj.push_back(to_hex(x));
                    const std::string txh =
                        t < b->block.transactions.size() ? to_hex(stored_tx_hash(b->block.transactions[t])) : "";
                    out.push_back({{"address", to_hex(l.address)},
                                   {"topics", tj},
                                   {"data", to_hex(l.data)},
                                   {"blockNumber", qty(i)},
                                   {"blockHash", to_hex(bh)},
                                   {"transactionHash", txh},
                                   {"transactionIndex", qty(t)},
                                   {"logIndex", qty(li)},
                                   {"removed", false}});
                }
        }
        return out;
    }
    for (const auto& ext : extensions_)
        if (auto r = ext(method, params)) return std::move(*r);
    throw RpcError{rpc_code::method_not_found, "the method " + method + " does not exist/is not available"};
}

}  // namespace luxl2::node
