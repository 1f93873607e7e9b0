#include "luxl2/format/transaction.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::format {
namespace {

using rlp::decode_list;
using rlp::decode_string;
using rlp::decode_u256;
using rlp::decode_uint64;

// ---- field encoding shared by payload and signing forms -----------------------------------------

std::size_t access_list_payload_length(const std::vector<AccessListEntry>& list) {
    std::size_t n = 0;
    for (const auto& e : list) {
        const std::size_t keys = e.storage_keys.size() * 33;
        const std::size_t entry = 21 + rlp::header_length(keys) + keys;
        n += rlp::header_length(entry) + entry;
    }
    return n;
}

void encode_access_list(Bytes& out, const std::vector<AccessListEntry>& list) {
    rlp::encode_header(out, {true, access_list_payload_length(list)});
    for (const auto& e : list) {
        const std::size_t keys = e.storage_keys.size() * 33;
        rlp::encode_header(out, {true, 21 + rlp::header_length(keys) + keys});
        rlp::encode(out, e.address);
        rlp::encode_header(out, {true, keys});
        for (const auto& k : e.storage_keys) rlp::encode(out, k);
    }
}

void encode_to(Bytes& out, const std::optional<Address>& to) {
    if (to)
        rlp::encode(out, *to);
    else
        rlp::encode(out, ByteView{});
}

void encode_authorizations(Bytes& out, const std::vector<Authorization>& list) {
    Bytes payload;
    for (const auto& a : list) {
        Bytes item;
        rlp::encode(item, a.chain_id);
        rlp::encode(item, a.address);
        rlp::encode(item, a.nonce);
        rlp::encode(item, static_cast<std::uint64_t>(a.y_parity));
        rlp::encode(item, a.r);
        rlp::encode(item, a.s);
        rlp::encode_header(payload, {true, item.size()});
        append(payload, item);
    }
    rlp::encode_header(out, {true, payload.size()});
    append(out, payload);
}

// The fields of `tx` without its signature, in wire order, into `out` (no list header).
void encode_unsigned_fields(Bytes& out, const Transaction& tx) {
    const U256 chain_id = tx.chain_id.value_or(U256{});
    if (tx.type == TxType::kLegacy) {
        rlp::encode(out, tx.nonce);
        rlp::encode(out, tx.gas_price);
        rlp::encode(out, tx.gas_limit);
        encode_to(out, tx.to);
        rlp::encode(out, tx.value);
        rlp::encode(out, ByteView(tx.data));
        return;
    }
    rlp::encode(out, chain_id);
    rlp::encode(out, tx.nonce);
    if (tx.type == TxType::kAccessList) {
        rlp::encode(out, tx.gas_price);
    } else {
        rlp::encode(out, tx.max_priority_fee_per_gas);
        rlp::encode(out, tx.max_fee_per_gas);
    }
    rlp::encode(out, tx.gas_limit);
    encode_to(out, tx.to);
    rlp::encode(out, tx.value);
    rlp::encode(out, ByteView(tx.data));
    encode_access_list(out, tx.access_list);
    if (tx.type == TxType::kBlob) {
        rlp::encode(out, tx.max_fee_per_blob_gas);
        rlp::encode_header(out, {true, tx.blob_versioned_hashes.size() * 33});
        for (const auto& h : tx.blob_versioned_hashes) rlp::encode(out, h);
    } else if (tx.type == TxType::kSetCode) {
        encode_authorizations(out, tx.authorization_list);
    }
}

// ---- decoding -----------------------------------------------------------------------------------

Error field_error(Error e, std::string_view field) {
    e.at(field);
    return e;
}

#define LUXL2_FIELD(var, expr, name)                                                       \
    auto var##_r_ = (expr);                                                                \
    if (!var##_r_) return std::unexpected(field_error(std::move(var##_r_.error()), name)); \
    auto var = std::move(*var##_r_)

Result<std::optional<Address>> decode_to(ByteView& in) {
    LUXL2_TRY(s, decode_string(in));
    if (s.empty()) return std::optional<Address>{};
    if (s.size() != 20)
        return fail(txerrc::invalid_field, "address of " + std::to_string(s.size()) + " bytes, expected 20");
    return std::optional<Address>{Address::from_view(s)};
}

Result<std::vector<AccessListEntry>> decode_access_list(ByteView& in, const TxLimits& limits) {
    LUXL2_TRY(payload, decode_list(in));
    std::vector<AccessListEntry> list;
    while (!payload.empty()) {
        if (list.size() >= limits.max_access_list) return fail(rlp::errc::too_large, "access list too long");
        LUXL2_TRY(entry, decode_list(payload));
        AccessListEntry e;
        LUXL2_TRY(addr, decode_string(entry));
        if (addr.size() != 20)
            return fail(txerrc::invalid_field, "access list address of " + std::to_string(addr.size()) + " bytes");
        e.address = Address::from_view(addr);
        LUXL2_TRY(keys, decode_list(entry));
        while (!keys.empty()) {
            if (e.storage_keys.size() >= limits.max_access_list)
                return fail(rlp::errc::too_large, "too many storage keys");
            LUXL2_TRY(key, decode_string(keys));
            if (key.size() != 32)
                return fail(txerrc::invalid_field,
                            "access list storage key of " + std::to_string(key.size()) + " bytes");
            e.storage_keys.push_back(Hash32::from_view(key));
        }
        if (!entry.empty()) return fail(txerrc::field_count, "access list entry has more than 2 items");
        list.push_back(std::move(e));
    }
    return list;
}

Result<std::vector<Authorization>> decode_authorizations(ByteView& in, const TxLimits& limits) {
    LUXL2_TRY(payload, decode_list(in));
    std::vector<Authorization> list;
    while (!payload.empty()) {
        if (list.size() >= limits.max_authorizations) return fail(rlp::errc::too_large, "authorization list too long");
        LUXL2_TRY(item, decode_list(payload));
        Authorization a;
        LUXL2_TRY(chain_id, decode_u256(item));
        LUXL2_TRY(addr, rlp::decode_fixed<20>(item));
        LUXL2_TRY(nonce, decode_uint64(item));
        LUXL2_TRY(y, decode_uint64(item));
        LUXL2_TRY(r, decode_u256(item));
        LUXL2_TRY(s, decode_u256(item));
        if (!item.empty()) return fail(txerrc::field_count, "authorization has more than 6 items");
        if (y > 255) return fail(txerrc::invalid_field, "authorization y_parity out of range");
        a.chain_id = chain_id;
        a.address = addr;
        a.nonce = nonce;
        a.y_parity = static_cast<std::uint8_t>(y);
        a.r = r;
        a.s = s;
        list.push_back(a);
    }
    return list;
}

Result<void> decode_signature(ByteView& in, Transaction& tx) {
    LUXL2_FIELD(v, decode_u256(in), "v");
    LUXL2_FIELD(r, decode_u256(in), "r");
    LUXL2_FIELD(s, decode_u256(in), "s");
    tx.v = v;
    tx.r = r;
    tx.s = s;
    if (tx.type == TxType::kLegacy) {
        if (v >= U256(35)) {
            tx.chain_id = (v - U256(35)) / U256(2);
            tx.y_parity = ((v - U256(35)) % U256(2)) == U256(1);
        } else {
            tx.chain_id.reset();
            tx.y_parity = v == U256(28);
        }
    } else {
        tx.y_parity = v == U256(1);
    }
    return {};
}

Result<Transaction> decode_legacy(ByteView& payload) {
    Transaction tx;
    tx.type = TxType::kLegacy;
    LUXL2_FIELD(nonce, decode_uint64(payload), "nonce");
    LUXL2_FIELD(gas_price, decode_u256(payload), "gasPrice");
    LUXL2_FIELD(gas, decode_uint64(payload), "gas");
    LUXL2_FIELD(to, decode_to(payload), "to");
    LUXL2_FIELD(value, decode_u256(payload), "value");
    LUXL2_FIELD(data, decode_string(payload), "input");
    tx.nonce = nonce;
    tx.gas_price = gas_price;
    tx.gas_limit = gas;
    tx.to = to;
    tx.value = value;
    tx.data.assign(data.begin(), data.end());
    LUXL2_CHECK(decode_signature(payload, tx));
    return tx;
}

Result<Transaction> decode_typed(TxType type, ByteView& payload, const TxLimits& limits) {
    Transaction tx;
    tx.type = type;
    LUXL2_FIELD(chain_id, decode_u256(payload), "chainId");
    LUXL2_FIELD(nonce, decode_uint64(payload), "nonce");
    tx.chain_id = chain_id;
    tx.nonce = nonce;
    if (type == TxType::kAccessList) {
        LUXL2_FIELD(gas_price, decode_u256(payload), "gasPrice");
        tx.gas_price = gas_price;
    } else {
        LUXL2_FIELD(tip, decode_u256(payload), "maxPriorityFeePerGas");
        LUXL2_FIELD(fee, decode_u256(payload), "maxFeePerGas");
        tx.max_priority_fee_per_gas = tip;
        tx.max_fee_per_gas = fee;
    }
    LUXL2_FIELD(gas, decode_uint64(payload), "gas");
    LUXL2_FIELD(to, decode_to(payload), "to");
    LUXL2_FIELD(value, decode_u256(payload), "value");
    LUXL2_FIELD(data, decode_string(payload), "input");
    LUXL2_FIELD(access_list, decode_access_list(payload, limits), "accessList");
    tx.gas_limit = gas;
    tx.to = to;
    tx.value = value;
    tx.data.assign(data.begin(), data.end());
    tx.access_list = std::move(access_list);
    if (type == TxType::kBlob) {
        LUXL2_FIELD(blob_fee, decode_u256(payload), "maxFeePerBlobGas");
        LUXL2_FIELD(hashes, decode_list(payload), "blobVersionedHashes");
        tx.max_fee_per_blob_gas = blob_fee;
        while (!hashes.empty()) {
            if (tx.blob_versioned_hashes.size() >= limits.max_blob_hashes)
                return fail(rlp::errc::too_large, "blobVersionedHashes: too many blob hashes");
            LUXL2_FIELD(h, rlp::decode_fixed<32>(hashes), "blobVersionedHashes");
            tx.blob_versioned_hashes.push_back(h);
        }
        if (!tx.to) return fail(txerrc::invalid_field, "to: a blob transaction cannot create a contract");
    } else if (type == TxType::kSetCode) {
        LUXL2_FIELD(auths, decode_authorizations(payload, limits), "authorizationList");
        tx.authorization_list = std::move(auths);
        if (!tx.to) return fail(txerrc::invalid_field, "to: a set-code transaction cannot create a contract");
    }
    LUXL2_CHECK(decode_signature(payload, tx));
    return tx;
}

#undef LUXL2_FIELD

}  // namespace

Result<Transaction> decode_transaction(ByteView raw, const TxLimits& limits) {
    if (raw.size() > limits.max_bytes)
        return fail(rlp::errc::too_large, "transaction of " + std::to_string(raw.size()) + " bytes exceeds the limit");
    if (raw.empty()) return fail(rlp::errc::input_too_short, "empty transaction");
    ByteView in = raw;
    std::optional<TxType> type;
    if (raw[0] < 0xc0) {
        if (raw[0] > 0x7f)
            return fail(txerrc::type_not_supported, "a transaction is a list or starts with a type byte");
        if (raw[0] > static_cast<std::uint8_t>(TxType::kSetCode) || raw[0] == 0)
            return fail(txerrc::type_not_supported,
                        "transaction type 0x" + to_hex(raw.subspan(0, 1), false) + " is not supported");
        type = static_cast<TxType>(raw[0]);
        in = in.subspan(1);
    }
    auto payload = decode_list(in);
    if (!payload) return std::unexpected(std::move(payload.error()));
    if (!in.empty()) return fail(rlp::errc::trailing_bytes, std::to_string(in.size()) + " bytes after the transaction");
    auto tx = type ? decode_typed(*type, *payload, limits) : decode_legacy(*payload);
    if (!tx) {
        if (tx.error().code == rlp::errc::input_too_short && payload->empty())
            return fail(txerrc::field_count, "too few fields in the transaction");
        return tx;
    }
    if (!payload->empty()) return fail(txerrc::field_count, "too many fields in the transaction");
    return tx;
}

void encode_transaction(Bytes& out, const Transaction& tx) {
    Bytes fields;
    fields.reserve(128 + tx.data.size());
    encode_unsigned_fields(fields, tx);
    rlp::encode(fields, tx.v);
    rlp::encode(fields, tx.r);
    rlp::encode(fields, tx.s);
    if (tx.type != TxType::kLegacy) out.push_back(static_cast<std::uint8_t>(tx.type));
    rlp::encode_header(out, {true, fields.size()});
    append(out, fields);
}

Bytes encode_transaction(const Transaction& tx) {
    Bytes out;
    encode_transaction(out, tx);
    return out;
}

Hash32 transaction_hash(const Transaction& tx) {
    return crypto::keccak256(encode_transaction(tx));
}

Hash32 signing_hash(const Transaction& tx) {
    Bytes fields;
    fields.reserve(160 + tx.data.size());
    encode_unsigned_fields(fields, tx);
    if (tx.type == TxType::kLegacy && tx.chain_id) {
        rlp::encode(fields, *tx.chain_id);
        rlp::encode(fields, std::uint64_t{0});
        rlp::encode(fields, std::uint64_t{0});
    }
    // type ‖ list header, then the fields, absorbed in two parts: no second buffer, no copy.
    Bytes prefix;
    prefix.reserve(10);
    if (tx.type != TxType::kLegacy) prefix.push_back(static_cast<std::uint8_t>(tx.type));
    rlp::encode_header(prefix, {true, fields.size()});
    auto hasher = crypto::keccak256_hasher();
    hasher.absorb(prefix);
    hasher.absorb(fields);
    Hash32 out;
    hasher.squeeze(out.bytes);
    return out;
}

namespace {

// The recovery id the signature's v stands for, or an error when v is not one of the type's values.
Result<std::uint8_t> recovery_id(const Transaction& tx) {
    if (tx.type != TxType::kLegacy) {
        if (tx.v > U256(1)) return fail(txerrc::invalid_signature, "y_parity must be 0 or 1");
        return static_cast<std::uint8_t>(tx.v.low64());
    }
    if (tx.v == U256(27) || tx.v == U256(28)) return static_cast<std::uint8_t>(tx.v.low64() - 27);
    if (tx.v >= U256(35)) return static_cast<std::uint8_t>(((tx.v - U256(35)) % U256(2)).low64());
    return fail(txerrc::invalid_signature, "legacy v must be 27, 28 or chainId*2+35/36, got " + tx.v.to_string());
}

// `allow_high_s` only for Frontier rules: EIP-2 (Homestead) introduced the low-s requirement.
Result<Address> recover_sender_under(const Transaction& tx, bool allow_high_s) {
    LUXL2_TRY(recid, recovery_id(tx));
    if (tx.r.is_zero() || tx.r >= crypto::kSecp256k1N || tx.s.is_zero() || tx.s >= crypto::kSecp256k1N)
        return fail(txerrc::invalid_signature, "signature r and s must be in [1, n-1]");
    if (!allow_high_s && !crypto::is_low_s(tx.s))
        return fail(txerrc::invalid_signature, "signature s is above n/2 (EIP-2)");
    auto pub = crypto::recover(signing_hash(tx), {tx.r, tx.s, recid});
    if (!pub) return fail(txerrc::invalid_signature, pub.error().message);
    return crypto::to_address(*pub);
}

}  // namespace

Result<Address> recover_sender(const Transaction& tx) {
    return recover_sender_under(tx, false);
}

void sign_transaction(Transaction& tx, const crypto::SecretKey& key) {
    const auto sig = crypto::sign_recoverable(signing_hash(tx), key);
    tx.r = sig.r;
    tx.s = sig.s;
    tx.y_parity = sig.recid == 1;
    if (tx.type != TxType::kLegacy)
        tx.v = U256(sig.recid);
    else if (tx.chain_id)
        tx.v = *tx.chain_id * U256(2) + U256(35 + sig.recid);
    else
        tx.v = U256(27 + sig.recid);
}

std::uint64_t intrinsic_gas(const Transaction& tx, const Rules& rules) noexcept {
    const bool creation = !tx.to.has_value();
    std::uint64_t gas = 21000;
    if (creation && rules.fork >= Fork::kHomestead) gas += 32000;
    const std::uint64_t nonzero_cost = rules.fork >= Fork::kIstanbul ? 16 : 68;
    for (std::uint8_t b : tx.data) gas += b == 0 ? 4 : nonzero_cost;
    for (const auto& e : tx.access_list) gas += 2400 + 1900 * static_cast<std::uint64_t>(e.storage_keys.size());
    if (creation && rules.fork >= Fork::kShanghai) gas += 2 * ((tx.data.size() + 31) / 32);
    gas += 25000 * static_cast<std::uint64_t>(tx.authorization_list.size());
    return gas;
}

Result<Address> validate_transaction(const Transaction& tx, const Rules& rules) {
    const Fork f = rules.fork;
    if ((tx.type == TxType::kAccessList && f < Fork::kBerlin) ||
        (tx.type == TxType::kDynamicFee && f < Fork::kLondon) || (tx.type == TxType::kBlob && f < Fork::kCancun) ||
        (tx.type == TxType::kSetCode && f < Fork::kPrague))
        return fail(txerrc::type_not_supported, "transaction type not enabled at this fork");

    if (tx.type == TxType::kLegacy) {
        if (tx.v != U256(27) && tx.v != U256(28)) {
            if (tx.v < U256(35)) return fail(txerrc::invalid_signature, "legacy v must be 27, 28 or chainId*2+35/36");
            if (f < Fork::kEIP158)
                return fail(txerrc::invalid_chain_id, "EIP-155 signatures are not valid before Spurious Dragon");
            if (rules.chain_id && tx.chain_id != rules.chain_id)
                return fail(txerrc::invalid_chain_id, "chain id " + tx.chain_id->to_string() + " does not match");
        }
    } else if (rules.chain_id && tx.chain_id != rules.chain_id) {
        return fail(txerrc::invalid_chain_id, "chain id " + tx.chain_id->to_string() + " does not match");
    }
    if (tx.r.is_zero() || tx.r >= crypto::kSecp256k1N || tx.s.is_zero() || tx.s >= crypto::kSecp256k1N)
        return fail(txerrc::invalid_signature, "signature r and s must be in [1, n-1]");
    if (f >= Fork::kHomestead && !crypto::is_low_s(tx.s))
        return fail(txerrc::invalid_signature, "signature s is above n/2 (EIP-2)");

    if (tx.type == TxType::kBlob) {
        // EIP-4844: at least one blob, each named by a KZG versioned hash (version byte 0x01).
        if (tx.blob_versioned_hashes.empty())
            return fail(txerrc::invalid_field, "blobVersionedHashes: a blob transaction carries at least one blob");
        for (const auto& h : tx.blob_versioned_hashes)
            if (h[0] != 0x01) return fail(txerrc::invalid_field, "blobVersionedHashes: version byte must be 0x01");
    }
    if (tx.type == TxType::kSetCode && tx.authorization_list.empty())
        return fail(txerrc::invalid_field, "authorizationList: must not be empty (EIP-7702)");
    if (tx.nonce == ~std::uint64_t{0}) return fail(txerrc::nonce_overflow, "nonce 2^64-1 is not allowed (EIP-2681)");
    if (tx.type >= TxType::kDynamicFee && tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
        return fail(txerrc::priority_above_max_fee, "maxPriorityFeePerGas is above maxFeePerGas");
    const U256& price = tx.type >= TxType::kDynamicFee ? tx.max_fee_per_gas : tx.gas_price;
    // Only gas * price must fit (GASLIMIT_PRICE_PRODUCT_OVERFLOW); adding the value is the balance
    // check, which needs state (TransactionTests' TransactionWithHighValue is valid).
    U256 cost;
    if (mul_overflow(price, U256(tx.gas_limit), cost))
        return fail(txerrc::fee_overflow, "gas * price exceeds 256 bits");
    if (!tx.to && f >= Fork::kShanghai && tx.data.size() > 49152)
        return fail(txerrc::initcode_too_large,
                    "initcode of " + std::to_string(tx.data.size()) + " bytes exceeds 49152 (EIP-3860)");
    const std::uint64_t g0 = intrinsic_gas(tx, rules);
    if (tx.gas_limit < g0)
        return fail(txerrc::intrinsic_gas_too_low,
                    "intrinsic gas too low: have " + std::to_string(tx.gas_limit) + ", want " + std::to_string(g0));
    if (f >= Fork::kPrague) {
        // EIP-7623: the gas limit must cover the calldata floor.
        std::uint64_t tokens = 0;
        for (std::uint8_t b : tx.data) tokens += b == 0 ? 1 : 4;
        const std::uint64_t floor = 21000 + 10 * tokens;
        if (tx.gas_limit < floor)
            return fail(txerrc::intrinsic_gas_too_low,
                        "gas limit below the calldata floor (EIP-7623): want " + std::to_string(floor));
    }
    return recover_sender_under(tx, f < Fork::kHomestead);
}

}  // namespace luxl2::format
