#include "luxl2/node/batch_data.hpp"

#include "luxl2/batch/frames.hpp"
#include "luxl2/codec/rlp.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/envelope.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::node {
namespace {

using batcherrc::bad_data;
constexpr std::size_t kPrefix = 1 + 8 + 8;

Bytes wrap(const Bytes& payload) {
    Bytes out;
    rlp::encode_header(out, {true, payload.size()});
    append(out, payload);
    return out;
}

// Ethereum envelopes (legacy RLP lists and types 0x01–0x04) go to the columnar coder; LP-505 types
// and deposits (0x7E) are kept verbatim in the header part.
bool ethereum_envelope(ByteView t) {
    return !t.empty() && (t[0] >= 0xc0 || t[0] <= 0x04);
}

}  // namespace

Result<Bytes> encode_block_batch(std::span<const SealedBlock> blocks, BatchDataStats* stats) {
    LUXL2_ASSERT(!blocks.empty());
    Bytes headers;
    Bytes counts;
    Bytes verbatim;
    std::vector<Bytes> txs;
    std::size_t tx_bytes = 0;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        LUXL2_ASSERT(blocks[i].number == blocks.front().number + i);
        rlp::encode(headers, ByteView(blocks[i].header));
        std::uint64_t columnar = 0;
        for (std::size_t j = 0; j < blocks[i].transactions.size(); ++j) {
            const Bytes& t = blocks[i].transactions[j];
            tx_bytes += t.size();
            if (ethereum_envelope(t)) {
                txs.push_back(t);
                ++columnar;
            } else {
                Bytes e;
                rlp::encode(e, static_cast<std::uint64_t>(i));
                rlp::encode(e, static_cast<std::uint64_t>(j));
                rlp::encode(e, ByteView(t));
                append(verbatim, wrap(e));
            }
        }
        rlp::encode(counts, columnar);
    }
    Bytes both = wrap(headers);
    append(both, wrap(counts));
    append(both, wrap(verbatim));
    const Bytes plain = wrap(both);
    // The header part: brotli 11 and zstd 19 both, the smaller wins (headers are small, it is cheap).
    Bytes best;
    for (const auto type : {format::CompressionType::kBrotli, format::CompressionType::kZstandard}) {
        compress::CodecSpec spec{type, compress::Variant::kDefault, type == format::CompressionType::kBrotli ? 11 : 19};
        LUXL2_TRY(cb, compress::compress_block(plain, spec));
        Bytes env = compress::encode_envelope(cb);
        if (best.empty() || env.size() < best.size()) best = std::move(env);
    }
    LUXL2_TRY(columns, compress::encode_columnar(txs));
    Bytes out(kPrefix);
    out[0] = kBlockBatchVersion;
    store_be64(out.data() + 1, blocks.front().number);
    store_be64(out.data() + 9, blocks.back().number);
    put_varint(out, best.size());
    append(out, best);
    append(out, columns);
    if (stats) *stats = {plain.size() + tx_bytes, plain.size(), tx_bytes};
    return out;
}

Result<std::pair<std::uint64_t, std::uint64_t>> block_batch_range(ByteView in) {
    if (in.size() < kPrefix) return fail(bad_data, "batch data shorter than its prefix");
    if (in[0] != kBlockBatchVersion) return fail(bad_data, "unknown batch data version " + std::to_string(in[0]));
    const std::uint64_t first = load_be64(in.data() + 1);
    const std::uint64_t last = load_be64(in.data() + 9);
    if (last < first || last - first >= (1u << 20)) return fail(bad_data, "bad block range");
    return std::pair{first, last};
}

Result<BlockBatch> decode_block_batch(ByteView in) {
    LUXL2_TRY(range, block_batch_range(in));
    ByteView p = in.subspan(kPrefix);
    auto hlen = get_varint(p);
    if (!hlen || *hlen > p.size()) return fail(bad_data, "header part length runs past the data");
    auto plain = compress::decompress_envelope(p.first(static_cast<std::size_t>(*hlen)));
    if (!plain) return fail(bad_data, "header part: " + plain.error().to_string());
    p = p.subspan(static_cast<std::size_t>(*hlen));
    auto cols = compress::decode_columnar(p);
    if (!cols) return fail(bad_data, "transactions: " + cols.error().to_string());

    BlockBatch b;
    b.first = range.first;
    b.last = range.second;
    const std::uint64_t n = range.second - range.first + 1;
    ByteView all = *plain;
    auto outer = rlp::decode_list(all);
    if (!outer || !all.empty()) return fail(bad_data, "header part is not one RLP list");
    ByteView o = *outer;
    auto hs = rlp::decode_list(o);
    auto cs = hs ? rlp::decode_list(o) : hs;
    auto vs = cs ? rlp::decode_list(o) : cs;
    if (!hs || !cs || !vs || !o.empty()) return fail(bad_data, "header part is not [headers, counts, verbatim]");
    ByteView hv = *hs;
    ByteView cv = *cs;
    ByteView vv = *vs;
    // The verbatim transactions with their (block, index) positions, in increasing order.
    struct Verbatim {
        std::uint64_t block, index;
        Bytes tx;
    };
    std::vector<Verbatim> verb;
    while (!vv.empty()) {
        auto e = rlp::decode_list(vv);
        if (!e) return fail(bad_data, "verbatim entry: " + e.error().to_string());
        ByteView ev = *e;
        auto bi = rlp::decode_uint64(ev);
        auto ti = bi ? rlp::decode_uint64(ev) : bi;
        auto raw = ti ? rlp::decode_string(ev) : std::unexpected(ti.error());
        if (!raw || !ev.empty()) return fail(bad_data, "verbatim entry is not [block, index, tx]");
        if (*bi >= n ||
            (!verb.empty() && (*bi < verb.back().block || (*bi == verb.back().block && *ti <= verb.back().index))))
            return fail(bad_data, "verbatim entries out of order or range");
        if (ethereum_envelope(*raw)) return fail(bad_data, "an Ethereum transaction stored verbatim");
        verb.push_back({*bi, *ti, Bytes(raw->begin(), raw->end())});
    }
    std::size_t next_tx = 0;
    std::size_t next_verb = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        auto h = rlp::decode_string(hv);
        auto c = h ? rlp::decode_uint64(cv) : std::unexpected(h.error());
        if (!h || !c) return fail(bad_data, "fewer headers or counts than blocks in the range");
        if (*c > cols->size() - next_tx) return fail(bad_data, "transaction counts exceed the transactions");
        b.headers.emplace_back(h->begin(), h->end());
        std::vector<Bytes> txs;
        std::uint64_t columnar_left = *c;
        for (std::uint64_t j = 0;; ++j) {
            if (next_verb < verb.size() && verb[next_verb].block == i && verb[next_verb].index == j) {
                txs.push_back(std::move(verb[next_verb++].tx));
            } else if (columnar_left > 0) {
                const ByteView raw = cols->raw(next_tx++);
                txs.emplace_back(raw.begin(), raw.end());
                --columnar_left;
            } else {
                break;
            }
        }
        if (next_verb < verb.size() && verb[next_verb].block == i)
            return fail(bad_data, "a verbatim transaction's index is past its block's transactions");
        b.transactions.push_back(std::move(txs));
    }
    if (!hv.empty() || !cv.empty() || next_tx != cols->size())
        return fail(bad_data, "more headers, counts or transactions than the range holds");
    return b;
}

Result<Bytes> to_l1_payload(ByteView batch_data, std::size_t frame_size) {
    LUXL2_TRY(frames, batch::split_frames(batch_data, frame_size));
    Bytes out;
    for (const auto& f : frames) batch::encode_frame(out, f);
    return out;
}

namespace {
Result<std::vector<batch::Frame>> split_payload(ByteView payload) {
    std::vector<batch::Frame> frames;
    while (!payload.empty()) {
        if (payload.size() < batch::kFrameHeaderSize) return fail(bad_data, "truncated frame header");
        const std::size_t len = load_be32(payload.data() + batch::kFrameHeaderSize - 4);
        if (len > payload.size() - batch::kFrameHeaderSize) return fail(bad_data, "frame runs past the payload");
        LUXL2_TRY(f, batch::decode_frame(payload.first(batch::kFrameHeaderSize + len)));
        frames.push_back(std::move(f));
        payload = payload.subspan(batch::kFrameHeaderSize + len);
        if (frames.size() > batch::kMaxFrames) return fail(bad_data, "too many frames");
    }
    return frames;
}
}  // namespace

Result<Bytes> from_l1_payload(ByteView payload) {
    LUXL2_TRY(frames, split_payload(payload));
    return batch::reassemble(frames);
}

Result<std::size_t> frame_count(ByteView payload) {
    LUXL2_TRY(frames, split_payload(payload));
    return frames.size();
}

}  // namespace luxl2::node
