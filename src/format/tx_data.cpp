#include "luxl2/format/tx_data.hpp"

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::format {
namespace {

Limits payload_limits(const TxLimits& l) {
    Limits lim;
    lim.max_bytes = l.max_bytes;
    lim.max_field_bytes = l.max_bytes;
    lim.max_list = l.max_access_list;
    return lim;
}

Error tagged(Error e, std::string_view what) {
    e.at(what);
    return e;
}

// The signature item of 0x50..0x52: r ‖ s ‖ yParity.
Result<void> check_secp_signature(ByteView sig) {
    if (sig.size() != 65)
        return fail(txdata_errc::bad_signature,
                    "signature must be 65 bytes (r ‖ s ‖ yParity), got " + std::to_string(sig.size()));
    if (sig[64] > 1) return fail(txdata_errc::bad_signature, "yParity must be 0 or 1");
    return {};
}

template <class T>
Result<void> check_lp505(const TransactionData& tx, const TxLimits& limits) {
    auto r = rlp_decode<T>(tx.payload, payload_limits(limits));
    if (!r) return std::unexpected(tagged(std::move(r.error()), "payload"));
    return {};
}

}  // namespace

namespace pq_scheme {
std::optional<Sizes> sizes(std::uint8_t scheme) noexcept {
    // FIPS 204 (ML-DSA), FIPS 205 (SLH-DSA) and the Falcon specification's sizes; Falcon
    // signatures are variable-length up to the stated maximum.
    switch (scheme) {
        case kMlDsa44: return Sizes{1312, 2420, 2420};
        case kMlDsa65: return Sizes{1952, 3309, 3309};
        case kMlDsa87: return Sizes{2592, 4627, 4627};
        case kSlhDsaShake128s: return Sizes{32, 7856, 7856};
        case kSlhDsaShake128f: return Sizes{32, 17088, 17088};
        case kSlhDsaShake256s: return Sizes{64, 29792, 29792};
        case kFalcon512: return Sizes{897, 42, 752};
        case kFalcon1024: return Sizes{1793, 42, 1462};
        case kHybridSecp256k1MlDsa65: return Sizes{33 + 1952, 65 + 3309, 65 + 3309};
        default: return std::nullopt;
    }
}
}  // namespace pq_scheme

bool is_known_tx_type(std::uint8_t type) noexcept {
    return is_ethereum_tx_type(type) || (type >= lp505_type::kAIInference && type <= lp505_type::kQuantum) ||
           type == lp505_type::kDeposit;
}

Result<Bytes> to_envelope(const TransactionData& tx) {
    if (is_ethereum_tx_type(tx.tx_type)) return tx.payload;
    Bytes out;
    out.push_back(tx.tx_type);
    if (tx.tx_type == lp505_type::kDeposit) {
        append(out, tx.payload);
        return out;
    }
    ByteView in = tx.payload;
    auto inner = rlp::decode_list(in);
    if (!inner || !in.empty()) return fail(txdata_errc::malformed, "payload is not one RLP list");
    const std::size_t sig_len = rlp::length(ByteView(tx.signature));
    out.reserve(1 + rlp::header_length(inner->size() + sig_len) + inner->size() + sig_len);
    rlp::encode_header(out, {true, inner->size() + sig_len});
    append(out, *inner);
    rlp::encode(out, ByteView(tx.signature));
    return out;
}

Result<TransactionData> from_envelope(ByteView raw, const TxLimits& limits) {
    if (raw.empty()) return fail(txdata_errc::malformed, "empty transaction");
    if (raw.size() > limits.max_bytes) return fail(txdata_errc::malformed, "transaction exceeds the size limit");
    TransactionData tx;
    const std::uint8_t first = raw[0];
    if (first >= 0xc0 || is_ethereum_tx_type(first)) {
        tx.tx_type = first >= 0xc0 ? 0 : first;
        tx.payload.assign(raw.begin(), raw.end());
    } else if (first == lp505_type::kDeposit) {
        tx.tx_type = first;
        tx.payload.assign(raw.begin() + 1, raw.end());
    } else if (is_known_tx_type(first)) {
        tx.tx_type = first;
        ByteView in = raw.subspan(1);
        auto body = rlp::decode_list(in);
        if (!body) return std::unexpected(tagged(std::move(body.error()), "envelope at byte 1"));
        if (!in.empty()) return fail(txdata_errc::malformed, "bytes after the envelope's list");
        // The signature is the list's last item: walk the headers to find where it starts.
        ByteView items = *body;
        ByteView last;
        while (!items.empty()) {
            last = items;
            auto h = rlp::decode_header(items);
            if (!h) return std::unexpected(tagged(std::move(h.error()), "envelope"));
            items = items.subspan(h->payload_length);
        }
        if (last.empty()) return fail(txdata_errc::malformed, "envelope list is empty");
        ByteView sig_item = last;
        auto sig = rlp::decode_string(sig_item);
        if (!sig) return std::unexpected(tagged(std::move(sig.error()), "signature"));
        const std::size_t fields_len = body->size() - last.size();
        tx.payload.reserve(rlp::header_length(fields_len) + fields_len);
        rlp::encode_header(tx.payload, {true, fields_len});
        append(tx.payload, body->first(fields_len));
        tx.signature.assign(sig->begin(), sig->end());
    } else {
        return fail(txdata_errc::unknown_type, "unknown transaction type 0x" + to_hex(ByteView(&first, 1), false));
    }
    LUXL2_CHECK(check_payload(tx, limits));
    return tx;
}

Result<void> check_payload(const TransactionData& tx, const TxLimits& limits) {
    if (is_ethereum_tx_type(tx.tx_type)) {
        if (!tx.signature.empty())
            return fail(txdata_errc::malformed, "an Ethereum transaction carries its signature in its payload");
        if (tx.payload.empty()) return fail(txdata_errc::malformed, "empty payload");
        const bool legacy_bytes = tx.payload[0] >= 0xc0;
        if ((tx.tx_type == 0) != legacy_bytes || (!legacy_bytes && tx.payload[0] != tx.tx_type))
            return fail(txdata_errc::wrong_type, "txType does not match the payload's type byte");
        auto t = decode_transaction(tx.payload, limits);
        if (!t) return std::unexpected(tagged(std::move(t.error()), "payload"));
        return {};
    }
    switch (tx.tx_type) {
        case lp505_type::kAIInference:
            LUXL2_CHECK(check_lp505<AIInferenceTransaction>(tx, limits));
            return check_secp_signature(tx.signature);
        case lp505_type::kTraining:
            LUXL2_CHECK(check_lp505<TrainingTransaction>(tx, limits));
            return check_secp_signature(tx.signature);
        case lp505_type::kCrossRollup:
            LUXL2_CHECK(check_lp505<CrossRollupTransaction>(tx, limits));
            return check_secp_signature(tx.signature);
        case lp505_type::kCompressed: {
            auto c = rlp_decode<CompressedTransaction>(tx.payload, payload_limits(limits));
            if (!c) return std::unexpected(tagged(std::move(c.error()), "payload"));
            if (c->count == 0) return fail(txdata_errc::malformed, "a compressed transaction carries none");
            if (c->body_format > 1)
                return fail(txdata_errc::malformed, "unknown body format " + std::to_string(c->body_format));
            if (tx.signature.size() != 96)
                return fail(txdata_errc::bad_signature, "a BLS aggregate signature is 96 bytes");
            return {};
        }
        case lp505_type::kQuantum: {
            auto q = rlp_decode<QuantumTransaction>(tx.payload, payload_limits(limits));
            if (!q) return std::unexpected(tagged(std::move(q.error()), "payload"));
            const auto sz = pq_scheme::sizes(q->scheme);
            if (!sz)
                return fail(txdata_errc::bad_signature, "unknown post-quantum scheme " + std::to_string(q->scheme));
            if (q->public_key.size() != sz->public_key)
                return fail(txdata_errc::bad_signature, "public key of " + std::to_string(q->public_key.size()) +
                                                            " bytes, the scheme's is " +
                                                            std::to_string(sz->public_key));
            if (tx.signature.size() < sz->signature_min || tx.signature.size() > sz->signature_max)
                return fail(txdata_errc::bad_signature,
                            "signature of " + std::to_string(tx.signature.size()) + " bytes does not fit the scheme");
            return {};
        }
        case lp505_type::kDeposit:
            LUXL2_CHECK(check_lp505<DepositTransaction>(tx, limits));
            if (!tx.signature.empty()) return fail(txdata_errc::bad_signature, "a deposit has no signature");
            return {};
        default: return fail(txdata_errc::unknown_type, "unknown transaction type " + std::to_string(tx.tx_type));
    }
}

Result<Hash32> tx_hash(const TransactionData& tx) {
    LUXL2_TRY(env, to_envelope(tx));
    return crypto::keccak256(env);
}

Result<Hash32> tx_signing_hash(const TransactionData& tx) {
    if (is_ethereum_tx_type(tx.tx_type)) {
        LUXL2_TRY(t, decode_transaction(tx.payload));
        return signing_hash(t);
    }
    if (tx.tx_type == lp505_type::kDeposit) return fail(txdata_errc::wrong_type, "a deposit is not signed");
    if (tx.tx_type == lp505_type::kCompressed)
        return fail(txdata_errc::wrong_type, "0x53 has one signing message per inner transaction (compress module)");
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(&tx.tx_type, 1));
    h.absorb(tx.payload);
    Hash32 out;
    h.squeeze(std::span<std::uint8_t>(out.data(), 32));
    return out;
}

Address quantum_address(std::uint8_t scheme, ByteView public_key) {
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(&scheme, 1));
    h.absorb(public_key);
    Hash32 d;
    h.squeeze(std::span<std::uint8_t>(d.data(), 32));
    return Address::from_view(d.view().subspan(12));
}

Result<Address> tx_sender(const TransactionData& tx) {
    if (is_ethereum_tx_type(tx.tx_type)) {
        LUXL2_TRY(t, decode_transaction(tx.payload));
        return recover_sender(t);
    }
    switch (tx.tx_type) {
        case lp505_type::kAIInference:
        case lp505_type::kTraining:
        case lp505_type::kCrossRollup: {
            LUXL2_CHECK(check_payload(tx));
            LUXL2_TRY(digest, tx_signing_hash(tx));
            const crypto::RecoverableSignature sig{U256::from_be32(tx.signature.data()),
                                                   U256::from_be32(tx.signature.data() + 32), tx.signature[64]};
            if (!crypto::is_low_s(sig.s)) return fail(txdata_errc::bad_signature, "signature s is not low (EIP-2)");
            LUXL2_TRY(pub, crypto::recover(digest, sig));
            return crypto::to_address(pub);
        }
        case lp505_type::kQuantum: {
            LUXL2_TRY(q, decode_tx_payload<QuantumTransaction>(tx));
            return quantum_address(q.scheme, q.public_key);
        }
        case lp505_type::kDeposit: {
            LUXL2_TRY(d, decode_tx_payload<DepositTransaction>(tx));
            return d.from;
        }
        default:
            return fail(txdata_errc::wrong_type,
                        "transaction type " + std::to_string(tx.tx_type) + " has no single sender");
    }
}

template <class T>
TransactionData make_tx_data(const T& tx, Bytes signature) {
    TransactionData d;
    d.tx_type = T::kType;
    d.payload = rlp_encode(tx);
    d.signature = std::move(signature);
    return d;
}

template <class T>
Result<T> decode_tx_payload(const TransactionData& tx, const TxLimits& limits) {
    if (tx.tx_type != T::kType) return fail(txdata_errc::wrong_type, "transaction is not of the requested type");
    return rlp_decode<T>(tx.payload, payload_limits(limits));
}

#define LUXL2_TX_TYPE(T)                                       \
    template TransactionData make_tx_data<T>(const T&, Bytes); \
    template Result<T> decode_tx_payload<T>(const TransactionData&, const TxLimits&);
LUXL2_TX_TYPE(AIInferenceTransaction)
LUXL2_TX_TYPE(TrainingTransaction)
LUXL2_TX_TYPE(CrossRollupTransaction)
LUXL2_TX_TYPE(CompressedTransaction)
LUXL2_TX_TYPE(QuantumTransaction)
LUXL2_TX_TYPE(DepositTransaction)
#undef LUXL2_TX_TYPE

void sign_tx_data(TransactionData& tx, const crypto::SecretKey& key) {
    LUXL2_ASSERT(tx.tx_type >= lp505_type::kAIInference && tx.tx_type <= lp505_type::kCrossRollup);
    auto digest = tx_signing_hash(tx);
    LUXL2_ASSERT(digest.has_value());
    const auto sig = crypto::sign_recoverable(*digest, key);
    tx.signature.resize(65);
    sig.r.to_be32(tx.signature.data());
    sig.s.to_be32(tx.signature.data() + 32);
    tx.signature[64] = sig.recid;
}

TransactionData wrap_ethereum(const Transaction& tx) {
    TransactionData d;
    d.tx_type = static_cast<std::uint8_t>(tx.type);
    d.payload = encode_transaction(tx);
    return d;
}

}  // namespace luxl2::format
