#include "luxl2/exec/receipt.hpp"

#include "luxl2/codec/rlp.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::exec {
namespace {

std::size_t log_payload(const Log& l) {
    std::size_t topics = 0;
    for (const auto& t : l.topics) topics += rlp::length(t);
    return rlp::length(l.address) + rlp::header_length(topics) + topics + rlp::length(ByteView(l.data));
}

}  // namespace

void encode_receipt(Bytes& out, const Receipt& r) {
    std::size_t logs = 0;
    for (const auto& l : r.logs) {
        const std::size_t p = log_payload(l);
        logs += rlp::header_length(p) + p;
    }
    const std::size_t payload = rlp::length(std::uint64_t{r.status ? 1u : 0u}) + rlp::length(r.cumulative_gas_used) +
                                rlp::length(r.gas_used) + rlp::length(r.effective_gas_price) +
                                rlp::length(r.state_root) + rlp::header_length(logs) + logs;
    out.push_back(static_cast<std::uint8_t>(r.type));
    rlp::encode_header(out, {true, payload});
    rlp::encode(out, std::uint64_t{r.status ? 1u : 0u});
    rlp::encode(out, r.cumulative_gas_used);
    rlp::encode(out, r.gas_used);
    rlp::encode(out, r.effective_gas_price);
    rlp::encode(out, r.state_root);
    rlp::encode_header(out, {true, logs});
    for (const auto& l : r.logs) {
        rlp::encode_header(out, {true, log_payload(l)});
        rlp::encode(out, l.address);
        std::size_t topics = 0;
        for (const auto& t : l.topics) topics += rlp::length(t);
        rlp::encode_header(out, {true, topics});
        for (const auto& t : l.topics) rlp::encode(out, t);
        rlp::encode(out, ByteView(l.data));
    }
}

Bytes encode_receipt(const Receipt& r) {
    Bytes out;
    encode_receipt(out, r);
    return out;
}

Result<Receipt> decode_receipt(ByteView in) {
    constexpr std::string_view code = "exec.bad_receipt";
    auto bad = [&](const Error& e) { return fail(code, "receipt: " + e.to_string()); };
    if (in.empty() || (in[0] > 0x02 && in[0] != 0x53 && in[0] != 0x54 && in[0] != 0x7E))
        return fail(code, "receipt: missing or unknown type byte");
    Receipt r;
    r.type = static_cast<format::TxType>(in[0]);
    in = in.subspan(1);
    auto list = rlp::decode_list(in);
    if (!list) return bad(list.error());
    if (!in.empty()) return fail(code, "receipt: trailing bytes");
    ByteView p = *list;
    auto status = rlp::decode_uint64(p);
    if (!status) return bad(status.error());
    if (*status > 1) return fail(code, "receipt: status is neither 0 nor 1");
    r.status = *status == 1;
    auto cum = rlp::decode_uint64(p);
    if (!cum) return bad(cum.error());
    r.cumulative_gas_used = *cum;
    auto used = rlp::decode_uint64(p);
    if (!used) return bad(used.error());
    r.gas_used = *used;
    auto price = rlp::decode_u256(p);
    if (!price) return bad(price.error());
    r.effective_gas_price = *price;
    auto root = rlp::decode_fixed<32>(p);
    if (!root) return bad(root.error());
    r.state_root = *root;
    auto logs = rlp::decode_list(p);
    if (!logs) return bad(logs.error());
    if (!p.empty()) return fail(code, "receipt: too many fields");
    ByteView lv = *logs;
    while (!lv.empty()) {
        auto one = rlp::decode_list(lv);
        if (!one) return bad(one.error());
        ByteView q = *one;
        Log l;
        auto addr = rlp::decode_fixed<20>(q);
        if (!addr) return bad(addr.error());
        l.address = *addr;
        auto topics = rlp::decode_list(q);
        if (!topics) return bad(topics.error());
        ByteView t = *topics;
        while (!t.empty()) {
            if (l.topics.size() == 4) return fail(code, "receipt: more than 4 topics");
            auto topic = rlp::decode_fixed<32>(t);
            if (!topic) return bad(topic.error());
            l.topics.push_back(*topic);
        }
        auto data = rlp::decode_string(q);
        if (!data) return bad(data.error());
        if (!q.empty()) return fail(code, "receipt: log has too many fields");
        l.data.assign(data->begin(), data->end());
        r.logs.push_back(std::move(l));
    }
    return r;
}

std::array<std::uint8_t, 256> logs_bloom(const std::vector<Log>& logs) {
    std::array<std::uint8_t, 256> bloom{};
    auto add = [&](ByteView item) {
        // Yellow Paper M3:2048: three 11-bit indices from the first three byte pairs of keccak.
        const Hash32 h = crypto::keccak256(item);
        for (std::size_t i = 0; i < 6; i += 2) {
            const unsigned bit = ((static_cast<unsigned>(h[i]) << 8) | h[i + 1]) & 2047u;
            bloom[255 - bit / 8] |= static_cast<std::uint8_t>(1u << (bit % 8));
        }
    };
    for (const auto& l : logs) {
        add(l.address);
        for (const auto& t : l.topics) add(t);
    }
    return bloom;
}

}  // namespace luxl2::exec
