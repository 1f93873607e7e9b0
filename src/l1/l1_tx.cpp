#include "l1_tx.hpp"

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"

namespace luxl2::l1::detail {

Bytes key(char table, ByteView rest) {
    Bytes k{static_cast<std::uint8_t>(table)};
    append(k, rest);
    return k;
}

Bytes key64(char table, std::uint64_t n) {
    Bytes k(9);
    k[0] = static_cast<std::uint8_t>(table);
    store_be64(k.data() + 1, n);
    return k;
}

Result<std::optional<Bytes>> Tx::get(const Bytes& k) const {
    if (auto it = writes_.find(k); it != writes_.end()) return std::optional<Bytes>{it->second};
    return kv_.get(k);
}

Result<void> Tx::commit(state::KvStore& kv, bool sync) const {
    if (writes_.empty()) return {};
    state::WriteBatch wb;
    for (const auto& [k, v] : writes_) wb.put(k, v);
    return kv.write(wb, sync);
}

Result<Head> Tx::head() {
    if (head_) return *head_;
    LUXL2_TRY(raw, get(key('H')));
    if (!raw) return fail(kCorrupt, "the L1 head record is missing");
    LUXL2_TRY(f, Fields::open(*raw, kCorrupt, "L1 head"));
    Head h;
    LUXL2_TRY(n, f.u64());
    LUXL2_TRY(ts, f.u64());
    LUXL2_TRY(logs, f.u64());
    LUXL2_CHECK(f.end());
    h.number = n;
    h.timestamp = ts;
    h.log_count = logs;
    head_ = h;
    return h;
}

void Tx::set_head(const Head& h) {
    head_ = h;
    Bytes p;
    rlp::encode(p, h.number);
    rlp::encode(p, h.timestamp);
    rlp::encode(p, h.log_count);
    put(key('H'), wrap_list(p));
}

Result<Counters> Tx::counters() {
    if (counters_) return *counters_;
    LUXL2_TRY(raw, get(key('N')));
    Counters c;
    if (raw) {
        LUXL2_TRY(f, Fields::open(*raw, kCorrupt, "L1 counters"));
        LUXL2_TRY(b, f.u64());
        LUXL2_TRY(fin, f.u64());
        LUXL2_TRY(nonce, f.u64());
        LUXL2_TRY(oldest, f.u64());
        LUXL2_TRY(bytes, f.u64());
        LUXL2_CHECK(f.end());
        c = {b, fin, nonce, oldest, bytes};
    }
    counters_ = c;
    return c;
}

void Tx::set_counters(const Counters& c) {
    counters_ = c;
    Bytes p;
    rlp::encode(p, c.batches);
    rlp::encode(p, c.finalized);
    rlp::encode(p, c.next_nonce);
    rlp::encode(p, c.oldest_pending);
    rlp::encode(p, c.submitted_bytes);
    put(key('N'), wrap_list(p));
}

Result<std::optional<RollupConfig>> Tx::config() const {
    LUXL2_TRY(raw, get(key('C')));
    if (!raw) return std::optional<RollupConfig>{};
    LUXL2_TRY(c, decode_config(*raw));
    return std::optional<RollupConfig>{std::move(c)};
}

Result<RollupConfig> Tx::require_config() const {
    LUXL2_TRY(c, config());
    if (!c) return fail(errc::not_initialized, "the rollup is not initialized: call initialize(RollupConfig) first");
    return std::move(*c);
}

Result<U256> Tx::balance(const Address& a) const {
    LUXL2_TRY(raw, get(key('a', a)));
    if (!raw) return U256();
    auto v = U256::from_be_bytes(*raw);
    if (!v) return fail(kCorrupt, "balance of " + to_hex(a) + ": " + v.error().message);
    return *v;
}

void Tx::set_balance(const Address& a, const U256& v) {
    put(key('a', a), v.to_be_trimmed());
}

Result<void> Tx::move(const Address& from, const Address& to, const U256& value, std::string_view code) {
    if (value.is_zero() || from == to) return {};
    LUXL2_TRY(fb, balance(from));
    if (fb < value)
        return fail(code, "insufficient funds: " + to_hex(from) + " holds " + fb.to_string() + " wei, needs " +
                              value.to_string());
    set_balance(from, fb - value);
    LUXL2_TRY(tb, balance(to));
    set_balance(to, tb + value);
    return {};
}

Result<MessageStatus> Tx::status(const Hash32& h) const {
    LUXL2_TRY(raw, get(key('m', h)));
    if (!raw) return MessageStatus::kUnknown;
    if (raw->size() != 1 || (*raw)[0] > 3) return fail(kCorrupt, "message status record");
    return static_cast<MessageStatus>((*raw)[0]);
}

Result<void> Tx::advance_status(const Hash32& h, MessageStatus to) {
    LUXL2_TRY(now, status(h));
    if (now >= to) {
        if (now == MessageStatus::kExecuted)
            return fail(errc::already_executed, "message " + to_hex(h) + " was already executed");
        return fail(errc::status_backwards, "message " + to_hex(h) + " is " + std::string(to_string(now)) +
                                                ", cannot become " + std::string(to_string(to)));
    }
    put(key('m', h), Bytes{static_cast<std::uint8_t>(to)});
    return emit(MessageStatusChanged{h, to});
}

Result<void> Tx::emit(EventData data) {
    LUXL2_TRY(h, head());
    if (h.log_count > UINT32_MAX) return fail(kCorrupt, "too many events in one L1 block");
    Event e{h.number, static_cast<std::uint32_t>(h.log_count), std::move(data)};
    Bytes k = key64('e', h.number);
    k.resize(13);
    store_be32(k.data() + 9, e.log_index);
    put(std::move(k), encode_event(e));
    ++h.log_count;
    set_head(h);
    return {};
}

// ---- stored records ----

Bytes encode_config(const RollupConfig& c) {
    Bytes p;
    rlp::encode(p, static_cast<std::uint64_t>(c.rollup_type));
    rlp::encode(p, static_cast<std::uint64_t>(c.execution_mode));
    rlp::encode(p, c.sequencer);
    rlp::encode(p, c.proposer);
    rlp::encode(p, c.challenger);
    rlp::encode(p, c.challenge_period);
    rlp::encode(p, c.min_stake);
    rlp::encode(p, c.genesis_state_root);
    rlp::encode(p, ByteView(c.init_code));
    return wrap_list(p);
}

Result<RollupConfig> decode_config(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, kCorrupt, "rollup config"));
    RollupConfig c;
    LUXL2_TRY(type, f.u64());
    LUXL2_TRY(mode, f.u64());
    if (type > 3 || mode > 3) return fail(kCorrupt, "rollup config: unknown type or mode");
    c.rollup_type = static_cast<RollupType>(type);
    c.execution_mode = static_cast<ExecutionMode>(mode);
    LUXL2_TRY(seq, f.fixed<20>());
    LUXL2_TRY(prop, f.fixed<20>());
    LUXL2_TRY(chal, f.fixed<20>());
    LUXL2_TRY(period, f.u256());
    LUXL2_TRY(stake, f.u256());
    LUXL2_TRY(genesis, f.fixed<32>());
    LUXL2_TRY(code, f.bytes(1u << 24));
    LUXL2_CHECK(f.end());
    c.sequencer = seq;
    c.proposer = prop;
    c.challenger = chal;
    c.challenge_period = period;
    c.min_stake = stake;
    c.genesis_state_root = genesis;
    c.init_code = std::move(code);
    return c;
}

Bytes encode_batch_info(const BatchInfo& b) {
    Bytes p = header_payload(b.header);
    rlp::encode(p, ByteView(b.header.signature));
    rlp::encode(p, b.batch_hash);
    rlp::encode(p, b.data_hash);
    rlp::encode(p, b.data_size);
    rlp::encode(p, b.l1_block);
    rlp::encode(p, b.l1_timestamp);
    return wrap_list(p);
}

Result<BatchInfo> decode_batch_info(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, kCorrupt, "batch record"));
    BatchInfo b;
    BatchHeader& h = b.header;
    LUXL2_TRY(n, f.u256());
    LUXL2_TRY(parent, f.fixed<32>());
    LUXL2_TRY(sr, f.fixed<32>());
    LUXL2_TRY(tr, f.fixed<32>());
    LUXL2_TRY(rr, f.fixed<32>());
    LUXL2_TRY(ts, f.u256());
    LUXL2_TRY(l1n, f.u256());
    LUXL2_TRY(seq, f.fixed<20>());
    LUXL2_TRY(sig, f.bytes(65));
    LUXL2_TRY(bh, f.fixed<32>());
    LUXL2_TRY(dh, f.fixed<32>());
    LUXL2_TRY(size, f.u64());
    LUXL2_TRY(l1b, f.u64());
    LUXL2_TRY(l1t, f.u64());
    LUXL2_CHECK(f.end());
    h = {n, parent, sr, tr, rr, ts, l1n, seq, std::move(sig)};
    b.batch_hash = bh;
    b.data_hash = dh;
    b.data_size = size;
    b.l1_block = l1b;
    b.l1_timestamp = l1t;
    return b;
}

Bytes encode_output_info(const OutputInfo& o) {
    Bytes p;
    rlp::encode(p, o.batch_number);
    rlp::encode(p, o.state_root);
    append(p, encode_output_proof(o.output));
    rlp::encode(p, o.proposer);
    rlp::encode(p, o.bond);
    rlp::encode(p, o.proposed_l1_block);
    rlp::encode(p, o.proposed_l1_timestamp);
    rlp::encode(p, static_cast<std::uint64_t>(o.status));
    rlp::encode(p, o.finalized_l1_block);
    return wrap_list(p);
}

Result<OutputInfo> decode_output_info(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, kCorrupt, "output record"));
    OutputInfo o;
    LUXL2_TRY(n, f.u256());
    LUXL2_TRY(sr, f.fixed<32>());
    LUXL2_TRY(of, f.list());
    LUXL2_TRY(mr, of.fixed<32>());
    LUXL2_TRY(mc, of.u64());
    LUXL2_TRY(bh, of.fixed<32>());
    LUXL2_TRY(bn, of.u64());
    LUXL2_CHECK(of.end());
    LUXL2_TRY(prop, f.fixed<20>());
    LUXL2_TRY(bond, f.u256());
    LUXL2_TRY(pb, f.u64());
    LUXL2_TRY(pt, f.u64());
    LUXL2_TRY(st, f.u64());
    LUXL2_TRY(fb, f.u64());
    LUXL2_CHECK(f.end());
    if (st != 1 && st != 2) return fail(kCorrupt, "output record: unknown status");
    o.batch_number = n;
    o.state_root = sr;
    o.output = {mr, mc, bh, bn};
    o.proposer = prop;
    o.bond = bond;
    o.proposed_l1_block = pb;
    o.proposed_l1_timestamp = pt;
    o.status = static_cast<OutputStatus>(st);
    o.finalized_l1_block = fb;
    return o;
}

Bytes encode_queued(const QueuedMessage& q) {
    Bytes p = encode_message(q.message);
    rlp::encode(p, q.message_hash);
    rlp::encode(p, q.l1_block);
    return wrap_list(p);
}

Result<QueuedMessage> decode_queued(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, kCorrupt, "queued message"));
    LUXL2_TRY(mf, f.list());
    LUXL2_TRY(m, read_message(mf));
    LUXL2_TRY(h, f.fixed<32>());
    LUXL2_TRY(b, f.u64());
    LUXL2_CHECK(f.end());
    return QueuedMessage{std::move(m), h, b};
}

}  // namespace luxl2::l1::detail
