// JSON form of 0x53 Compressed transactions: the inner transactions with Ethereum JSON-RPC names
// (format/transaction_json.hpp), each with its sender and signing message.
#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction_json.hpp"

namespace luxl2::compress {

nlohmann::json to_json(const CompressedBatch& batch) {
    nlohmann::json j;
    j["type"] = "0x53";
    j["chainId"] = batch.chain_id.to_hex();
    auto& list = j["transactions"] = nlohmann::json::array();
    for (const auto& t : batch.txs) {
        auto e = format::to_json(to_eip1559(batch.chain_id, t), t.from);
        // An inner transaction has no ECDSA signature and no hash of its own.
        for (const char* k : {"v", "r", "s", "yParity", "hash", "type", "chainId", "accessList"}) e.erase(k);
        e["message"] = to_hex(inner_signing_message(batch.chain_id, t));
        list.push_back(std::move(e));
    }
    return j;
}

Result<CompressedBatch> compressed_batch_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("transactions") || !j["transactions"].is_array() || !j.contains("chainId"))
        return fail("json.invalid", "a compressed batch is an object with chainId and transactions");
    if (j.contains("type") && j["type"] != "0x53") return fail("json.invalid", "type: expected 0x53");
    CompressedBatch b;
    for (const auto& e : j["transactions"]) {
        if (!e.is_object() || !e.contains("from")) return fail("json.invalid", "an inner transaction needs from");
        for (const char* k : {"v", "r", "s", "yParity", "accessList", "gasPrice"})
            if (e.contains(k)) return fail("json.invalid", std::string(k) + ": not a field of an inner transaction");
        auto copy = e;
        copy.erase("from");
        copy.erase("message");
        copy["type"] = "0x2";
        copy["chainId"] = j["chainId"];
        LUXL2_TRY(t, format::transaction_from_json(copy));
        if (b.txs.empty()) b.chain_id = *t.chain_id;
        if (!e["from"].is_string()) return fail("json.invalid", "from: expected an address");
        auto from = from_hex(e["from"].get<std::string>());
        if (!from || from->size() != 20) return fail("json.invalid", "from: expected a 20-byte address");
        b.txs.push_back({Address::from_view(*from), t.nonce, t.max_priority_fee_per_gas, t.max_fee_per_gas, t.gas_limit,
                         t.to, t.value, t.data});
    }
    if (b.txs.empty()) {
        const auto& c = j["chainId"];
        auto v = c.is_string() ? U256::from_string(c.get<std::string>()) : Result<U256>(fail("json.invalid", ""));
        if (!v) return fail("json.invalid", "chainId: expected a quantity string");
        b.chain_id = *v;
    }
    return b;
}

}  // namespace luxl2::compress
