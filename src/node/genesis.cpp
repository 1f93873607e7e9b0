#include "luxl2/node/genesis.hpp"

#include "luxl2/codec/rlp.hpp"

namespace luxl2::node {
namespace {
constexpr std::string_view bad_genesis = "node.bad_genesis";

Bytes wrap(const Bytes& payload) {
    Bytes out;
    rlp::encode_header(out, {true, payload.size()});
    append(out, payload);
    return out;
}
}  // namespace

Bytes encode_genesis(const NodeConfig& c) {
    Bytes alloc;
    for (const auto& [a, v] : c.alloc) {
        Bytes e;
        rlp::encode(e, a);
        rlp::encode(e, v);
        append(alloc, wrap(e));
    }
    Bytes p;
    rlp::encode(p, c.chain_id);
    rlp::encode(p, c.genesis_timestamp);
    rlp::encode(p, c.gas_limit);
    rlp::encode(p, c.fee_recipient);
    append(p, wrap(alloc));
    return wrap(p);
}

Result<NodeConfig> decode_genesis(ByteView in) {
    auto bad = [](const Error& e) { return fail(bad_genesis, "genesis: " + e.to_string()); };
    auto list = rlp::decode_list(in);
    if (!list) return bad(list.error());
    if (!in.empty()) return fail(bad_genesis, "genesis: trailing bytes");
    ByteView p = *list;
    NodeConfig c;
    auto chain = rlp::decode_u256(p);
    if (!chain) return bad(chain.error());
    auto ts = rlp::decode_uint64(p);
    if (!ts) return bad(ts.error());
    auto gas = rlp::decode_uint64(p);
    if (!gas) return bad(gas.error());
    auto fee = rlp::decode_fixed<20>(p);
    if (!fee) return bad(fee.error());
    auto alloc = rlp::decode_list(p);
    if (!alloc) return bad(alloc.error());
    if (!p.empty()) return fail(bad_genesis, "genesis: too many fields");
    c.chain_id = *chain;
    c.genesis_timestamp = *ts;
    c.gas_limit = *gas;
    c.fee_recipient = *fee;
    ByteView a = *alloc;
    while (!a.empty()) {
        auto e = rlp::decode_list(a);
        if (!e) return bad(e.error());
        ByteView ev = *e;
        auto addr = rlp::decode_fixed<20>(ev);
        if (!addr) return bad(addr.error());
        auto bal = rlp::decode_u256(ev);
        if (!bal) return bad(bal.error());
        if (!ev.empty()) return fail(bad_genesis, "genesis: an allocation has extra fields");
        c.alloc.emplace_back(*addr, *bal);
    }
    return c;
}

}  // namespace luxl2::node
