#include "luxl2/node/block_record.hpp"

#include "luxl2/codec/rlp.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::node {
namespace {

std::size_t header_payload(const BlockRecord& b) {
    return rlp::length(b.number) + rlp::length(b.parent_hash) + rlp::length(b.timestamp) +
           rlp::length(b.fee_recipient) + rlp::length(b.state_root) + rlp::length(b.transactions_root) +
           rlp::length(b.receipts_root) + rlp::length(b.gas_used) + rlp::length(b.gas_limit) + rlp::length(b.base_fee);
}

void encode_header_fields(Bytes& out, const BlockRecord& b) {
    rlp::encode(out, b.number);
    rlp::encode(out, b.parent_hash);
    rlp::encode(out, b.timestamp);
    rlp::encode(out, b.fee_recipient);
    rlp::encode(out, b.state_root);
    rlp::encode(out, b.transactions_root);
    rlp::encode(out, b.receipts_root);
    rlp::encode(out, b.gas_used);
    rlp::encode(out, b.gas_limit);
    rlp::encode(out, b.base_fee);
}

}  // namespace

Bytes encode_block_record(const BlockRecord& b) {
    std::size_t txs = 0;
    for (const auto& t : b.transactions) txs += rlp::length(ByteView(t));
    const std::size_t payload = header_payload(b) + rlp::header_length(txs) + txs;
    Bytes out;
    out.reserve(rlp::header_length(payload) + payload);
    rlp::encode_header(out, {true, payload});
    encode_header_fields(out, b);
    rlp::encode_header(out, {true, txs});
    for (const auto& t : b.transactions) rlp::encode(out, ByteView(t));
    return out;
}

Hash32 block_hash(const BlockRecord& b) {
    const std::size_t payload = header_payload(b);
    Bytes out;
    rlp::encode_header(out, {true, payload});
    encode_header_fields(out, b);
    return crypto::keccak256(out);
}

Result<BlockRecord> decode_block_record(ByteView in) {
    constexpr std::string_view code = "node.bad_block";
    auto bad = [&](const Error& e) { return fail(code, "block: " + e.to_string()); };
#define LUXL2_FIELD(var, expr) \
    auto var = (expr);         \
    if (!var) return bad(var.error())
    LUXL2_FIELD(list, rlp::decode_list(in));
    if (!in.empty()) return fail(code, "block: trailing bytes");
    ByteView p = *list;
    BlockRecord b;
    LUXL2_FIELD(number, rlp::decode_uint64(p));
    LUXL2_FIELD(parent, rlp::decode_fixed<32>(p));
    LUXL2_FIELD(ts, rlp::decode_uint64(p));
    LUXL2_FIELD(recipient, rlp::decode_fixed<20>(p));
    LUXL2_FIELD(state_root, rlp::decode_fixed<32>(p));
    LUXL2_FIELD(tx_root, rlp::decode_fixed<32>(p));
    LUXL2_FIELD(rc_root, rlp::decode_fixed<32>(p));
    LUXL2_FIELD(gas_used, rlp::decode_uint64(p));
    LUXL2_FIELD(gas_limit, rlp::decode_uint64(p));
    LUXL2_FIELD(base_fee, rlp::decode_u256(p));
    LUXL2_FIELD(txs, rlp::decode_list(p));
#undef LUXL2_FIELD
    if (!p.empty()) return fail(code, "block: too many fields");
    b.number = *number;
    b.parent_hash = *parent;
    b.timestamp = *ts;
    b.fee_recipient = *recipient;
    b.state_root = *state_root;
    b.transactions_root = *tx_root;
    b.receipts_root = *rc_root;
    b.gas_used = *gas_used;
    b.gas_limit = *gas_limit;
    b.base_fee = *base_fee;
    ByteView t = *txs;
    while (!t.empty()) {
        auto tx = rlp::decode_string(t);
        if (!tx) return bad(tx.error());
        b.transactions.emplace_back(tx->begin(), tx->end());
    }
    return b;
}

}  // namespace luxl2::node
