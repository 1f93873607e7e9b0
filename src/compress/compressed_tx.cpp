// LP-505 0x53 Compressed transactions: coding, signing and aggregate verification (contract in
// compressed_tx.hpp, layout in docs/format/transactions.md).
#include "luxl2/compress/compressed_tx.hpp"

#include <optional>
#include <unordered_set>

#include "indexed_body.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {
namespace {

struct SenderNonce {
    Address from;
    std::uint64_t nonce;
    friend bool operator==(const SenderNonce&, const SenderNonce&) = default;
};
struct SenderNonceHash {
    std::size_t operator()(const SenderNonce& k) const noexcept {
        return std::hash<Address>{}(k.from) ^ (k.nonce * 0x9e3779b97f4a7c15ULL);
    }
};

// An AccountIndex seen by the columnar coder as its account context (same numbers).
class IndexContext final : public AccountContext {
public:
    explicit IndexContext(const AccountIndex& ix) : ix_(ix) {}
    [[nodiscard]] std::optional<std::uint64_t> index_of(const Address& a) const override { return ix_.index_of(a); }
    [[nodiscard]] std::optional<Address> address_at(std::uint64_t index) const override {
        if (index >= ix_.size()) return std::nullopt;
        return ix_.address(index);
    }

private:
    const AccountIndex& ix_;
};

// A (sender, nonce) pair twice would be the same transfer twice (or two that cannot both run).
Result<void> check_batch(const CompressedBatch& b, std::size_t max_txs) {
    if (b.txs.empty()) return fail(compressed_errc::kEmpty, "no inner transaction");
    if (b.txs.size() > max_txs)
        return fail(compressed_errc::kTooMany, std::to_string(b.txs.size()) + " inner transactions exceed the limit");
    std::unordered_set<SenderNonce, SenderNonceHash> seen;
    seen.reserve(b.txs.size());
    for (std::size_t i = 0; i < b.txs.size(); ++i)
        if (!seen.insert({b.txs[i].from, b.txs[i].nonce}).second)
            return fail(compressed_errc::kDuplicate,
                        "inner transaction " + std::to_string(i) + " repeats the sender and nonce of an earlier one");
    return {};
}

Result<std::vector<InnerTx>> decode_columnar_body(const format::CompressedTransaction& c, const AccountIndex* accounts,
                                                  const CompressedLimits& limits) {
    ColumnarLimits cl;
    cl.max_txs = limits.max_txs;
    cl.max_output = limits.max_body_output;
    cl.max_table = limits.max_new_addresses;
    std::optional<IndexContext> ctx;
    if (accounts != nullptr) ctx.emplace(*accounts);
    LUXL2_TRY(batch, ctx ? decode_columnar(c.body, cl, *ctx) : decode_columnar(c.body, cl));
    if (!batch.signature_free) return fail(compressed_errc::kInnerShape, "the columnar body is not signature-free");
    if (batch.size() != c.count) return fail(compressed_errc::kCount, "count differs from the body's transactions");
    std::vector<InnerTx> out;
    out.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        LUXL2_TRY(t, batch.tx(i));
        // Exactly what to_eip1559 gives: EIP-1559, no access list, zero signature. A verbatim entry of
        // the columnar coder re-encodes otherwise and fails here.
        if (t.type != format::TxType::kDynamicFee || !t.access_list.empty() || !t.r.is_zero() || !t.s.is_zero() ||
            t.y_parity || !t.v.is_zero() || !t.chain_id)
            return fail(compressed_errc::kInnerShape,
                        "inner transaction " + std::to_string(i) + " is not an unsigned EIP-1559 transaction");
        if (*t.chain_id != c.chain_id)
            return fail(compressed_errc::kChainId, "inner transaction " + std::to_string(i) + " is for another chain");
        out.push_back({batch.senders[i], t.nonce, t.max_priority_fee_per_gas, t.max_fee_per_gas, t.gas_limit, t.to,
                       t.value, std::move(t.data)});
        if (!equal(batch.raw(i), format::encode_transaction(to_eip1559(c.chain_id, out.back()))))
            return fail(compressed_errc::kInnerShape, "inner transaction " + std::to_string(i) + " is not canonical");
    }
    return out;
}

}  // namespace

format::Transaction to_eip1559(const U256& chain_id, const InnerTx& tx) {
    format::Transaction t;
    t.type = format::TxType::kDynamicFee;
    t.chain_id = chain_id;
    t.nonce = tx.nonce;
    t.max_priority_fee_per_gas = tx.max_priority_fee_per_gas;
    t.max_fee_per_gas = tx.max_fee_per_gas;
    t.gas_limit = tx.gas_limit;
    t.to = tx.to;
    t.value = tx.value;
    t.data = tx.data;
    return t;
}

Hash32 inner_signing_message(const U256& chain_id, const InnerTx& tx) {
    const Hash32 eth = format::signing_hash(to_eip1559(chain_id, tx));
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(reinterpret_cast<const std::uint8_t*>(kInnerTxTag.data()), kInnerTxTag.size()));
    h.absorb(eth);
    Hash32 out;
    h.squeeze(std::span<std::uint8_t>(out.data(), 32));
    return out;
}

std::vector<Hash32> signing_messages(const CompressedBatch& batch) {
    std::vector<Hash32> out;
    out.reserve(batch.txs.size());
    for (const auto& t : batch.txs) out.push_back(inner_signing_message(batch.chain_id, t));
    return out;
}

Result<crypto::bls::Signature> sign_inner(ByteView sk, const U256& chain_id, const InnerTx& tx) {
    return crypto::bls::sign(sk, inner_signing_message(chain_id, tx));
}

Result<format::CompressedTransaction> encode_compressed(const CompressedBatch& batch, BodyFormat fmt,
                                                        const AccountIndex* accounts, ColumnarStats* stats) {
    LUXL2_CHECK(check_batch(batch, CompressedLimits{}.max_txs));
    format::CompressedTransaction c;
    c.chain_id = batch.chain_id;
    c.count = batch.txs.size();
    c.body_format = static_cast<std::uint8_t>(fmt);
    switch (fmt) {
        case BodyFormat::kColumnar: {
            std::vector<Bytes> raw;
            std::vector<Address> senders;
            raw.reserve(batch.txs.size());
            senders.reserve(batch.txs.size());
            for (const auto& t : batch.txs) {
                raw.push_back(format::encode_transaction(to_eip1559(batch.chain_id, t)));
                senders.push_back(t.from);
            }
            ColumnarOptions opt;
            opt.signature_free = true;
            std::optional<IndexContext> ctx;
            if (accounts != nullptr) {
                ctx.emplace(*accounts);
                opt.context = &*ctx;
            }
            LUXL2_TRY(body, encode_columnar(raw, opt, senders, stats));
            c.body = std::move(body);
            return c;
        }
        case BodyFormat::kIndexed: {
            if (accounts == nullptr) return fail(compressed_errc::kNoIndex, "an indexed body needs the account index");
            LUXL2_TRY(body, detail::encode_indexed_body(batch.txs, *accounts, stats));
            c.body = std::move(body);
            return c;
        }
    }
    return fail(compressed_errc::kBodyFormat, "unknown body format");
}

Result<CompressedBatch> decode_compressed(const format::CompressedTransaction& c, const AccountIndex* accounts,
                                          const CompressedLimits& limits) {
    if (c.count == 0) return fail(compressed_errc::kEmpty, "no inner transaction");
    if (c.count > limits.max_txs)
        return fail(compressed_errc::kTooMany, std::to_string(c.count) + " inner transactions exceed the limit");
    CompressedBatch b;
    b.chain_id = c.chain_id;
    switch (c.body_format) {
        case static_cast<std::uint8_t>(BodyFormat::kColumnar): {
            LUXL2_TRY(txs, decode_columnar_body(c, accounts, limits));
            b.txs = std::move(txs);
            break;
        }
        case static_cast<std::uint8_t>(BodyFormat::kIndexed): {
            if (accounts == nullptr) return fail(compressed_errc::kNoIndex, "an indexed body needs the account index");
            LUXL2_TRY(txs, detail::decode_indexed_body(c.body, c.count, *accounts, limits));
            b.txs = std::move(txs);
            break;
        }
        default: return fail(compressed_errc::kBodyFormat, "unknown body format " + std::to_string(c.body_format));
    }
    LUXL2_CHECK(check_batch(b, limits.max_txs));
    return b;
}

Result<format::TransactionData> make_compressed_tx(const CompressedBatch& batch, BodyFormat fmt,
                                                   std::span<const crypto::bls::Signature> inner_signatures,
                                                   const AccountIndex* accounts) {
    if (inner_signatures.size() != batch.txs.size())
        return fail(compressed_errc::kSignatureCount, std::to_string(inner_signatures.size()) + " signatures for " +
                                                          std::to_string(batch.txs.size()) + " transactions");
    LUXL2_TRY(payload, encode_compressed(batch, fmt, accounts));
    std::vector<ByteView> sigs(inner_signatures.begin(), inner_signatures.end());
    LUXL2_TRY(agg, crypto::bls::aggregate(sigs));
    return format::make_tx_data(payload, Bytes(agg.bytes.begin(), agg.bytes.end()));
}

Result<CompressedBatch> decode_compressed_tx(const format::TransactionData& tx, const AccountIndex* accounts,
                                             const CompressedLimits& limits) {
    if (tx.tx_type != format::lp505_type::kCompressed)
        return fail(format::txdata_errc::wrong_type, "not a 0x53 Compressed transaction");
    LUXL2_CHECK(format::check_payload(tx));
    LUXL2_TRY(c, format::decode_tx_payload<format::CompressedTransaction>(tx));
    return decode_compressed(c, accounts, limits);
}

Result<bool> verify_compressed(const CompressedBatch& batch, ByteView aggregate, const BlsKeyLookup& keys) {
    if (batch.txs.empty()) return fail(compressed_errc::kEmpty, "no inner transaction");
    std::vector<crypto::bls::ValidatedPublicKey> pks;
    pks.reserve(batch.txs.size());
    for (std::size_t i = 0; i < batch.txs.size(); ++i) {
        const auto* k = keys(batch.txs[i].from);
        if (k == nullptr)
            return fail(compressed_errc::kUnknownSender, "inner transaction " + std::to_string(i) + ": sender " +
                                                             to_hex(batch.txs[i].from) + " has no BLS key");
        pks.push_back(*k);
    }
    const std::vector<Hash32> msgs = signing_messages(batch);
    std::vector<ByteView> views(msgs.begin(), msgs.end());
    return crypto::bls::aggregate_verify(pks, views, aggregate);
}

Result<bool> verify_compressed(const CompressedBatch& batch, ByteView aggregate,
                               const crypto::bls::SignerRegistry& accounts) {
    return verify_compressed(batch, aggregate, [&](const Address& a) { return accounts.find(a); });
}

Result<bool> verify_compressed_tx(const format::TransactionData& tx, const BlsKeyLookup& keys,
                                  const AccountIndex* accounts, const CompressedLimits& limits) {
    LUXL2_TRY(batch, decode_compressed_tx(tx, accounts, limits));
    return verify_compressed(batch, tx.signature, keys);
}

}  // namespace luxl2::compress
