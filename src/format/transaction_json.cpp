#include "luxl2/format/transaction_json.hpp"

#include "luxl2/core/hex.hpp"

namespace luxl2::format {
namespace {

using nlohmann::json;

std::string quantity(std::uint64_t v) {
    return U256(v).to_hex();
}

json access_list_json(const std::vector<AccessListEntry>& list) {
    json out = json::array();
    for (const auto& e : list) {
        json keys = json::array();
        for (const auto& k : e.storage_keys) keys.push_back(to_hex(k));
        out.push_back({{"address", to_hex(e.address)}, {"storageKeys", keys}});
    }
    return out;
}

Result<U256> get_quantity(const json& j, const char* name) {
    if (j.is_number_unsigned()) return U256(j.get<std::uint64_t>());
    if (j.is_number_integer() && j.get<std::int64_t>() >= 0)
        return U256(static_cast<std::uint64_t>(j.get<std::int64_t>()));
    if (!j.is_string()) return fail("json.invalid", std::string(name) + ": expected a quantity");
    auto v = U256::from_string(j.get<std::string>());
    if (!v) return fail("json.invalid", std::string(name) + ": " + v.error().message);
    return v;
}

Result<std::uint64_t> get_u64(const json& j, const char* name) {
    LUXL2_TRY(v, get_quantity(j, name));
    if (!v.fits_u64()) return fail("json.invalid", std::string(name) + ": exceeds 64 bits");
    return v.low64();
}

Result<Bytes> get_bytes(const json& j, const char* name) {
    if (!j.is_string()) return fail("json.invalid", std::string(name) + ": expected hex bytes");
    auto b = from_hex(j.get<std::string>());
    if (!b) return fail("json.invalid", std::string(name) + ": " + b.error().message);
    return b;
}

template <std::size_t N>
Result<FixedBytes<N>> get_fixed(const json& j, const char* name) {
    LUXL2_TRY(b, get_bytes(j, name));
    if (b.size() != N) return fail("json.invalid", std::string(name) + ": expected " + std::to_string(N) + " bytes");
    return FixedBytes<N>::from_view(b);
}

}  // namespace

json to_json(const Transaction& tx, const std::optional<Address>& sender) {
    json j;
    j["type"] = quantity(static_cast<std::uint64_t>(tx.type));
    if (tx.chain_id) j["chainId"] = tx.chain_id->to_hex();
    j["nonce"] = quantity(tx.nonce);
    if (tx.type == TxType::kLegacy || tx.type == TxType::kAccessList) {
        j["gasPrice"] = tx.gas_price.to_hex();
    } else {
        j["maxPriorityFeePerGas"] = tx.max_priority_fee_per_gas.to_hex();
        j["maxFeePerGas"] = tx.max_fee_per_gas.to_hex();
    }
    j["gas"] = quantity(tx.gas_limit);
    j["to"] = tx.to ? json(to_hex(*tx.to)) : json(nullptr);
    j["value"] = tx.value.to_hex();
    j["input"] = to_hex(tx.data);
    if (tx.type != TxType::kLegacy) j["accessList"] = access_list_json(tx.access_list);
    if (tx.type == TxType::kBlob) {
        j["maxFeePerBlobGas"] = tx.max_fee_per_blob_gas.to_hex();
        json hashes = json::array();
        for (const auto& h : tx.blob_versioned_hashes) hashes.push_back(to_hex(h));
        j["blobVersionedHashes"] = hashes;
    }
    if (tx.type == TxType::kSetCode) {
        json auths = json::array();
        for (const auto& a : tx.authorization_list)
            auths.push_back({{"chainId", a.chain_id.to_hex()},
                             {"address", to_hex(a.address)},
                             {"nonce", quantity(a.nonce)},
                             {"yParity", quantity(a.y_parity)},
                             {"r", a.r.to_hex()},
                             {"s", a.s.to_hex()}});
        j["authorizationList"] = auths;
    }
    j["v"] = tx.v.to_hex();
    j["r"] = tx.r.to_hex();
    j["s"] = tx.s.to_hex();
    if (tx.type != TxType::kLegacy) j["yParity"] = quantity(tx.y_parity ? 1 : 0);
    j["hash"] = to_hex(transaction_hash(tx));
    if (sender) j["from"] = to_hex(*sender);
    return j;
}

Result<Transaction> transaction_from_json(const json& j) {
    if (!j.is_object()) return fail("json.invalid", "a transaction is a JSON object");
    Transaction tx;
    if (j.contains("type") && !j["type"].is_null()) {
        LUXL2_TRY(t, get_u64(j["type"], "type"));
        if (t > 4) return fail("json.invalid", "type: only 0..4 are Ethereum transaction types");
        tx.type = static_cast<TxType>(t);
    } else if (j.contains("maxFeePerGas")) {
        tx.type = TxType::kDynamicFee;
    } else if (j.contains("accessList")) {
        tx.type = TxType::kAccessList;
    }
    if (j.contains("chainId") && !j["chainId"].is_null()) {
        LUXL2_TRY(c, get_quantity(j["chainId"], "chainId"));
        // A legacy signature stores chainId * 2 + 35/36 in v, which must fit in 256 bits.
        if (tx.type == TxType::kLegacy && c > (U256::max() - U256(36)) / U256(2))
            return fail("json.invalid", "chainId: too large for an EIP-155 v");
        tx.chain_id = c;
    } else if (tx.type != TxType::kLegacy) {
        return fail("json.invalid", "chainId: required for typed transactions");
    }
    if (j.contains("nonce")) {
        LUXL2_TRY(n, get_u64(j["nonce"], "nonce"));
        tx.nonce = n;
    }
    if (j.contains("gasPrice")) {
        LUXL2_TRY(p, get_quantity(j["gasPrice"], "gasPrice"));
        tx.gas_price = p;
    }
    if (j.contains("maxFeePerGas")) {
        LUXL2_TRY(p, get_quantity(j["maxFeePerGas"], "maxFeePerGas"));
        tx.max_fee_per_gas = p;
    }
    if (j.contains("maxPriorityFeePerGas")) {
        LUXL2_TRY(p, get_quantity(j["maxPriorityFeePerGas"], "maxPriorityFeePerGas"));
        tx.max_priority_fee_per_gas = p;
    }
    const char* gas_name = j.contains("gas") ? "gas" : "gasLimit";
    if (j.contains(gas_name)) {
        LUXL2_TRY(g, get_u64(j[gas_name], gas_name));
        tx.gas_limit = g;
    }
    if (j.contains("to") && !j["to"].is_null()) {
        LUXL2_TRY(to, get_fixed<20>(j["to"], "to"));
        tx.to = to;
    }
    if (j.contains("value")) {
        LUXL2_TRY(v, get_quantity(j["value"], "value"));
        tx.value = v;
    }
    const char* data_name = j.contains("input") ? "input" : "data";
    if (j.contains(data_name)) {
        LUXL2_TRY(d, get_bytes(j[data_name], data_name));
        tx.data = std::move(d);
    }
    if (j.contains("accessList")) {
        if (!j["accessList"].is_array()) return fail("json.invalid", "accessList: expected an array");
        for (const auto& e : j["accessList"]) {
            if (!e.is_object() || !e.contains("address"))
                return fail("json.invalid", "accessList: entries need an address");
            AccessListEntry entry;
            LUXL2_TRY(a, get_fixed<20>(e["address"], "accessList.address"));
            entry.address = a;
            if (e.contains("storageKeys")) {
                if (!e["storageKeys"].is_array())
                    return fail("json.invalid", "accessList.storageKeys: expected an array");
                for (const auto& k : e["storageKeys"]) {
                    LUXL2_TRY(key, get_fixed<32>(k, "accessList.storageKeys"));
                    entry.storage_keys.push_back(key);
                }
            }
            tx.access_list.push_back(std::move(entry));
        }
    }
    if (tx.type == TxType::kBlob || tx.type == TxType::kSetCode)
        return fail("json.invalid", "type: blob and set-code transactions are decode-only");
    if (j.contains("r") && j.contains("s")) {
        LUXL2_TRY(r, get_quantity(j["r"], "r"));
        LUXL2_TRY(s, get_quantity(j["s"], "s"));
        tx.r = r;
        tx.s = s;
        const bool has_v = j.contains("v") && !j["v"].is_null();
        const bool has_parity = j.contains("yParity") && !j["yParity"].is_null();
        if (has_v) {
            LUXL2_TRY(v, get_quantity(j["v"], "v"));
            tx.v = v;
        }
        if (has_parity && tx.type != TxType::kLegacy) {
            LUXL2_TRY(p, get_quantity(j["yParity"], "yParity"));
            if (has_v && p != tx.v) return fail("json.invalid", "yParity: does not match v");
            tx.v = p;
        }
        if (tx.type == TxType::kLegacy) {
            // The wire form has no chainId field: v carries it (EIP-155), so the chain id is derived from
            // v exactly as decode_transaction does, and a chainId that disagrees is an error rather than
            // a silently different signing hash.
            std::optional<U256> derived;
            if (tx.v >= U256(35)) derived = (tx.v - U256(35)) / U256(2);
            const bool given_zero = !tx.chain_id || tx.chain_id->is_zero();
            if (derived ? (tx.chain_id && *tx.chain_id != *derived) : !given_zero)
                return fail("json.invalid", "chainId: does not match the legacy signature's v");
            tx.chain_id = derived;
            tx.y_parity = tx.v == U256(28) || (derived && ((tx.v - U256(35)) % U256(2)) == U256(1));
        } else {
            tx.y_parity = tx.v == U256(1);
        }
    }
    return tx;
}

}  // namespace luxl2::format
