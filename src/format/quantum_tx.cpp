#include "luxl2/format/quantum_tx.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/hybrid.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::format {

namespace pq_scheme {
namespace {

struct Entry {
    std::uint8_t id;
    std::string_view name;
    Sizes sizes;
};

// FIPS 204 (ML-DSA), FIPS 205 (SLH-DSA) and the Falcon specification's sizes; Falcon signatures are
// variable-length up to the stated maximum. The hybrid is the registry's hybrid-secp256k1-ml-dsa-65.
constexpr std::array<Entry, 18> kTable = {{
    {kMlDsa44, "ml-dsa-44", {1312, 2420, 2420}},
    {kMlDsa65, "ml-dsa-65", {1952, 3309, 3309}},
    {kMlDsa87, "ml-dsa-87", {2592, 4627, 4627}},
    {kSlhDsaShake128s, "slh-dsa-shake-128s", {32, 7856, 7856}},
    {kSlhDsaShake128f, "slh-dsa-shake-128f", {32, 17088, 17088}},
    {kSlhDsaShake256s, "slh-dsa-shake-256s", {64, 29792, 29792}},
    {kSlhDsaShake192s, "slh-dsa-shake-192s", {48, 16224, 16224}},
    {kSlhDsaShake192f, "slh-dsa-shake-192f", {48, 35664, 35664}},
    {kSlhDsaShake256f, "slh-dsa-shake-256f", {64, 49856, 49856}},
    {kSlhDsaSha2_128s, "slh-dsa-sha2-128s", {32, 7856, 7856}},
    {kSlhDsaSha2_128f, "slh-dsa-sha2-128f", {32, 17088, 17088}},
    {kSlhDsaSha2_192s, "slh-dsa-sha2-192s", {48, 16224, 16224}},
    {kSlhDsaSha2_192f, "slh-dsa-sha2-192f", {48, 35664, 35664}},
    {kSlhDsaSha2_256s, "slh-dsa-sha2-256s", {64, 29792, 29792}},
    {kSlhDsaSha2_256f, "slh-dsa-sha2-256f", {64, 49856, 49856}},
    {kFalcon512, "falcon-512", {897, 42, 752}},
    {kFalcon1024, "falcon-1024", {1793, 42, 1462}},
    {kHybridSecp256k1MlDsa65, "hybrid-secp256k1-ml-dsa-65", {64 + 1952, 65 + 3309, 65 + 3309}},
}};

const Entry* entry(std::uint8_t id) noexcept {
    for (const auto& e : kTable)
        if (e.id == id) return &e;
    return nullptr;
}

}  // namespace

std::optional<Sizes> sizes(std::uint8_t scheme) noexcept {
    const auto* e = entry(scheme);
    if (!e) return std::nullopt;
    return e->sizes;
}

std::string_view registry_name(std::uint8_t scheme) noexcept {
    const auto* e = entry(scheme);
    return e ? e->name : std::string_view{};
}

std::optional<std::uint8_t> id_of(std::string_view name) noexcept {
    for (const auto& e : kTable)
        if (e.name == name) return e.id;
    return std::nullopt;
}

Result<const crypto::SignatureScheme*> registry_scheme(std::uint8_t scheme) {
    const auto* e = entry(scheme);
    if (!e) return fail(quantum_tx_errc::unsupported_scheme, "unknown post-quantum scheme " + std::to_string(scheme));
    const auto* s = crypto::find_scheme(e->name);
    if (!s)
        return fail(quantum_tx_errc::unsupported_scheme,
                    std::string(e->name) + " (scheme " + std::to_string(scheme) +
                        ") is not implemented yet (Falcon has its own issue); use ML-DSA, SLH-DSA or the hybrid");
    return s;
}
}  // namespace pq_scheme

Address quantum_address(std::uint8_t scheme, ByteView public_key) {
    if (scheme == pq_scheme::kHybridSecp256k1MlDsa65 && public_key.size() >= 64)
        return Address::from_view(crypto::keccak256(public_key.first(64)).view().subspan(12));
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(&scheme, 1));
    h.absorb(public_key);
    Hash32 d;
    h.squeeze(std::span<std::uint8_t>(d.data(), 32));
    return Address::from_view(d.view().subspan(12));
}

Hash32 quantum_signing_hash(const QuantumTransaction& tx) {
    const std::uint8_t type = lp505_type::kQuantum;
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(&type, 1));
    h.absorb(rlp_encode(tx));
    Hash32 out;
    h.squeeze(std::span<std::uint8_t>(out.data(), 32));
    return out;
}

namespace {

// ML-DSA's skEncode holds tr = H(pk, 64) at bytes 64..128 (FIPS 204 Algorithm 24).
bool mldsa_key_matches(ByteView sk, ByteView pk) {
    if (sk.size() < 128) return false;
    std::array<std::uint8_t, 64> tr{};
    crypto::shake256(pk, tr);
    return equal(sk.subspan(64, 64), tr);
}

Result<void> check_key_pair(std::uint8_t scheme, const crypto::SignatureScheme& s, ByteView sk, ByteView pk) {
    bool ok = false;
    if (scheme >= pq_scheme::kMlDsa44 && scheme <= pq_scheme::kMlDsa87) {
        ok = mldsa_key_matches(sk, pk);
    } else if (scheme >= pq_scheme::kSlhDsaShake128s && scheme <= pq_scheme::kSlhDsaSha2_256f) {
        // SK = SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root and PK = PK.seed ‖ PK.root (FIPS 205 §9.1).
        ok = sk.size() == 2 * pk.size() && equal(sk.subspan(pk.size()), pk);
    } else if (scheme == pq_scheme::kHybridSecp256k1MlDsa65) {
        if (sk.size() == crypto::hybrid::kSecretKeyBytes) {
            auto secp = crypto::SecretKey::from_bytes(sk.first(32));
            ok = secp && equal(crypto::public_key(*secp).view(), pk.first(64)) &&
                 mldsa_key_matches(sk.subspan(32), pk.subspan(64));
        }
    }
    if (!ok)
        return fail(quantum_tx_errc::key_mismatch,
                    "the secret key is not the " + std::string(s.name) + " key of the transaction's publicKey");
    return {};
}

}  // namespace

Result<TransactionData> sign_quantum_tx(const QuantumTransaction& tx, ByteView secret_key, bool deterministic) {
    LUXL2_TRY(scheme, pq_scheme::registry_scheme(tx.scheme));
    if (tx.public_key.size() != scheme->public_key_size)
        return fail(txdata_errc::bad_signature, "publicKey of " + std::to_string(tx.public_key.size()) + " bytes, " +
                                                    std::string(scheme->name) + " keys are " +
                                                    std::to_string(scheme->public_key_size));
    LUXL2_CHECK(check_key_pair(tx.scheme, *scheme, secret_key, tx.public_key));
    const Hash32 h = quantum_signing_hash(tx);
    LUXL2_TRY(sig, scheme->sign(secret_key, h.view(), {}, deterministic));
    return make_tx_data(tx, std::move(sig));
}

Result<Address> verify_quantum_tx(const TransactionData& tx, const TxLimits& limits) {
    LUXL2_CHECK(check_payload(tx, limits));
    LUXL2_TRY(q, decode_tx_payload<QuantumTransaction>(tx, limits));
    LUXL2_TRY(scheme, pq_scheme::registry_scheme(q.scheme));
    LUXL2_TRY(h, tx_signing_hash(tx));
    auto ok = scheme->verify(q.public_key, h.view(), tx.signature, {});
    // check_payload fixed the sizes, so an error here is a key the scheme cannot parse (a
    // secp256k1 half off the curve): as invalid as a failing signature.
    if (!ok) return fail(quantum_tx_errc::bad_signature, "0x54 signature: " + ok.error().message);
    if (!*ok)
        return fail(quantum_tx_errc::bad_signature,
                    "0x54 signature does not verify (" + std::string(scheme->name) + ")");
    return quantum_address(q.scheme, q.public_key);
}

namespace {

using nlohmann::json;

std::unexpected<Error> bad(const std::string& what) {
    return fail(quantum_tx_errc::bad_json, what);
}

Result<U256> get_quantity(const json& j, const char* name) {
    if (j.is_number_unsigned()) return U256(j.get<std::uint64_t>());
    if (!j.is_string()) return bad(std::string(name) + ": expected a quantity");
    auto v = U256::from_string(j.get<std::string>());
    if (!v) return bad(std::string(name) + ": " + v.error().message);
    return v;
}

Result<std::uint64_t> get_u64(const json& j, const char* name) {
    LUXL2_TRY(v, get_quantity(j, name));
    if (!v.fits_u64()) return bad(std::string(name) + ": exceeds 64 bits");
    return v.low64();
}

Result<Bytes> get_bytes(const json& j, const char* name) {
    if (!j.is_string()) return bad(std::string(name) + ": expected hex bytes");
    auto b = from_hex(j.get<std::string>());
    if (!b) return bad(std::string(name) + ": " + b.error().message);
    return b;
}

template <std::size_t N>
Result<FixedBytes<N>> get_fixed(const json& j, const char* name) {
    LUXL2_TRY(b, get_bytes(j, name));
    if (b.size() != N) return bad(std::string(name) + ": expected " + std::to_string(N) + " bytes");
    return FixedBytes<N>::from_view(b);
}

const json* field(const json& j, const char* name, const char* alias = nullptr) {
    if (auto it = j.find(name); it != j.end()) return &*it;
    if (alias)
        if (auto it = j.find(alias); it != j.end()) return &*it;
    return nullptr;
}

}  // namespace

Result<json> quantum_tx_to_json(const TransactionData& tx) {
    LUXL2_CHECK(check_payload(tx));
    LUXL2_TRY(q, decode_tx_payload<QuantumTransaction>(tx));
    LUXL2_TRY(hash, tx_hash(tx));
    json access = json::array();
    for (const auto& e : q.access_list) {
        json keys = json::array();
        for (const auto& k : e.storage_keys) keys.push_back(to_hex(k));
        access.push_back({{"address", to_hex(e.address)}, {"storageKeys", keys}});
    }
    return json{
        {"type", "0x54"},
        {"chainId", q.chain_id.to_hex()},
        {"nonce", U256(q.nonce).to_hex()},
        {"maxPriorityFeePerGas", q.max_priority_fee_per_gas.to_hex()},
        {"maxFeePerGas", q.max_fee_per_gas.to_hex()},
        {"gas", U256(q.gas_limit).to_hex()},
        {"to", q.to ? json(to_hex(*q.to)) : json(nullptr)},
        {"value", q.value.to_hex()},
        {"input", to_hex(q.data)},
        {"accessList", access},
        {"scheme", U256(q.scheme).to_hex()},
        {"schemeName", std::string(pq_scheme::registry_name(q.scheme))},
        {"publicKey", to_hex(q.public_key)},
        {"signature", to_hex(tx.signature)},
        {"hash", to_hex(hash)},
        {"from", to_hex(quantum_address(q.scheme, q.public_key))},
    };
}

Result<QuantumTransaction> quantum_tx_fields_from_json(const json& j) {
    if (!j.is_object()) return bad("a transaction is a JSON object");
    if (const auto* t = field(j, "type")) {
        LUXL2_TRY(type, get_quantity(*t, "type"));
        if (type != U256(lp505_type::kQuantum)) return bad("type: a quantum transaction is 0x54");
    }
    QuantumTransaction q;
    const auto* chain = field(j, "chainId");
    if (!chain) return bad("chainId: required");
    LUXL2_TRY(chain_id, get_quantity(*chain, "chainId"));
    q.chain_id = chain_id;
    if (const auto* v = field(j, "nonce")) {
        LUXL2_TRY(nonce, get_u64(*v, "nonce"));
        q.nonce = nonce;
    }
    if (const auto* v = field(j, "maxPriorityFeePerGas")) {
        LUXL2_TRY(tip, get_quantity(*v, "maxPriorityFeePerGas"));
        q.max_priority_fee_per_gas = tip;
    }
    if (const auto* v = field(j, "maxFeePerGas")) {
        LUXL2_TRY(cap, get_quantity(*v, "maxFeePerGas"));
        q.max_fee_per_gas = cap;
    }
    if (const auto* v = field(j, "gas", "gasLimit")) {
        LUXL2_TRY(gas, get_u64(*v, "gas"));
        q.gas_limit = gas;
    }
    if (const auto* v = field(j, "to"); v && !v->is_null()) {
        LUXL2_TRY(to, get_fixed<20>(*v, "to"));
        q.to = to;
    }
    if (const auto* v = field(j, "value")) {
        LUXL2_TRY(value, get_quantity(*v, "value"));
        q.value = value;
    }
    if (const auto* v = field(j, "input", "data")) {
        LUXL2_TRY(data, get_bytes(*v, "input"));
        q.data = std::move(data);
    }
    if (const auto* v = field(j, "accessList")) {
        if (!v->is_array()) return bad("accessList: expected an array");
        for (const auto& e : *v) {
            if (!e.is_object() || !e.contains("address")) return bad("accessList: entries need an address");
            AccessListEntry entry;
            LUXL2_TRY(a, get_fixed<20>(e["address"], "accessList.address"));
            entry.address = a;
            if (auto keys = e.find("storageKeys"); keys != e.end()) {
                if (!keys->is_array()) return bad("accessList.storageKeys: expected an array");
                for (const auto& k : *keys) {
                    LUXL2_TRY(key, get_fixed<32>(k, "accessList.storageKeys"));
                    entry.storage_keys.push_back(key);
                }
            }
            q.access_list.push_back(std::move(entry));
        }
    }
    const auto* scheme = field(j, "scheme");
    if (!scheme) return bad("scheme: required");
    if (scheme->is_string() && pq_scheme::id_of(scheme->get<std::string>())) {
        q.scheme = *pq_scheme::id_of(scheme->get<std::string>());
    } else {
        LUXL2_TRY(id, get_quantity(*scheme, "scheme"));
        if (id > U256(255) || !pq_scheme::sizes(static_cast<std::uint8_t>(id.low64())))
            return bad("scheme: unknown post-quantum scheme " + id.to_string());
        q.scheme = static_cast<std::uint8_t>(id.low64());
    }
    const auto* pk = field(j, "publicKey");
    if (!pk) return bad("publicKey: required");
    LUXL2_TRY(key, get_bytes(*pk, "publicKey"));
    if (key.size() != pq_scheme::sizes(q.scheme)->public_key)
        return bad("publicKey: " + std::to_string(key.size()) + " bytes, " +
                   std::string(pq_scheme::registry_name(q.scheme)) + " keys are " +
                   std::to_string(pq_scheme::sizes(q.scheme)->public_key));
    q.public_key = std::move(key);
    return q;
}

Result<TransactionData> quantum_tx_from_json(const json& j) {
    LUXL2_TRY(q, quantum_tx_fields_from_json(j));
    const auto* sig = field(j, "signature");
    if (!sig) return bad("signature: required for a signed transaction");
    LUXL2_TRY(signature, get_bytes(*sig, "signature"));
    auto tx = make_tx_data(q, std::move(signature));
    LUXL2_CHECK(check_payload(tx));
    if (const auto* h = field(j, "hash")) {
        LUXL2_TRY(hash, get_fixed<32>(*h, "hash"));
        if (hash != *tx_hash(tx)) return bad("hash: does not match the transaction");
    }
    if (const auto* f = field(j, "from")) {
        LUXL2_TRY(from, get_fixed<20>(*f, "from"));
        if (from != quantum_address(q.scheme, q.public_key)) return bad("from: is not the key's address");
    }
    return tx;
}

}  // namespace luxl2::format
