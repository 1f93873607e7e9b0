// Layout: u8 version ‖ varint blocks ‖ per block (varint tx count ‖ u8 has withdrawals) ‖ varint
// length ‖ envelope(zstd: header ‖ ommers ‖ [withdrawals] per block, each one RLP item) ‖ columnar batch.
#include "luxl2/compress/eth_block.hpp"

#include <string>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/compress/envelope.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::compress {
namespace {

// One whole RLP item at the front of `in`, consumed.
Result<ByteView> take_item(ByteView& in) {
    const ByteView start = in;
    LUXL2_TRY(h, rlp::decode_header(in));
    // decode_header leaves single bytes < 0x80 unconsumed; payload_length counts them.
    const std::size_t header_len = static_cast<std::size_t>(start.size() - in.size());
    const std::size_t total = header_len + h.payload_length;
    if (total > start.size()) return fail(errc::corrupt, "block: item runs past the input");
    in = start.subspan(total);
    return start.first(total);
}

void encode_tx_item(Bytes& out, ByteView raw) {
    if (!raw.empty() && raw[0] >= 0xc0)
        append(out, raw);  // legacy: the transaction is itself an RLP list
    else
        rlp::encode(out, raw);  // typed: an RLP string holding type ‖ payload
}

// `txs`: a range of the block's transactions (anything a ByteView is made from).
template <class Txs>
Bytes rebuild(ByteView header, const Txs& txs, ByteView ommers, ByteView withdrawals) {
    Bytes tx_payload;
    for (const auto& t : txs) encode_tx_item(tx_payload, ByteView(t));
    Bytes body;
    append(body, header);
    rlp::encode_header(body, {true, tx_payload.size()});
    append(body, tx_payload);
    append(body, ommers);
    append(body, withdrawals);
    Bytes out;
    rlp::encode_header(out, {true, body.size()});
    append(out, body);
    return out;
}

}  // namespace

Result<Bytes> compress_eth_blocks(std::span<const Bytes> blocks, const ColumnarOptions& opt) {
    Bytes out{kEthBlocksVersion};
    put_varint(out, blocks.size());
    Bytes rest;
    std::vector<Bytes> txs;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        ByteView in = blocks[b];
        LUXL2_TRY(fields, rlp::decode_list(in));
        if (!in.empty()) return fail(errc::corrupt, "block " + std::to_string(b) + ": bytes after the block");
        LUXL2_TRY(header, take_item(fields));
        LUXL2_TRY(tx_list, rlp::decode_list(fields));
        LUXL2_TRY(ommers, take_item(fields));
        ByteView withdrawals;
        if (!fields.empty()) {
            LUXL2_TRY(w, take_item(fields));
            withdrawals = w;
        }
        if (!fields.empty()) return fail(errc::corrupt, "block " + std::to_string(b) + ": more than 4 fields");
        const std::size_t first = txs.size();
        while (!tx_list.empty()) {
            if (tx_list[0] >= 0xc0) {
                LUXL2_TRY(item, take_item(tx_list));
                txs.emplace_back(item.begin(), item.end());
            } else {
                LUXL2_TRY(s, rlp::decode_string(tx_list));
                txs.emplace_back(s.begin(), s.end());
            }
        }
        const std::span<const Bytes> mine(txs.data() + first, txs.size() - first);
        if (rebuild(header, mine, ommers, withdrawals) != blocks[b])
            return fail(errc::corrupt, "block " + std::to_string(b) + ": not canonical RLP");
        put_varint(out, mine.size());
        out.push_back(withdrawals.empty() ? 0 : 1);
        append(rest, header);
        append(rest, ommers);
        append(rest, withdrawals);
    }
    LUXL2_TRY(block, compress_block(rest, CodecSpec{CompressionType::kZstandard, Variant::kDefault, 19}));
    const Bytes env = encode_envelope(block);
    put_varint(out, env.size());
    append(out, env);
    LUXL2_TRY(batch, encode_columnar(txs, opt));
    append(out, batch);
    return out;
}

Result<std::vector<Bytes>> decompress_eth_blocks(ByteView in, const ColumnarLimits& limits) {
    if (in.empty() || in[0] != kEthBlocksVersion) return fail(errc::bad_version, "unknown blocks version");
    in = in.subspan(1);
    LUXL2_TRY(n, get_varint(in));
    if (n > in.size() / 2) return fail(errc::too_many_elements, "more blocks than the input can hold");
    std::vector<std::pair<std::uint64_t, bool>> shape;
    std::uint64_t total_txs = 0;
    for (std::uint64_t b = 0; b < n; ++b) {
        LUXL2_TRY(count, get_varint(in));
        if (in.empty() || in[0] > 1) return fail(errc::corrupt, "bad withdrawals flag");
        shape.emplace_back(count, in[0] == 1);
        in = in.subspan(1);
        total_txs += count;
        if (total_txs > limits.max_txs) return fail(errc::too_many_elements, "too many transactions");
    }
    LUXL2_TRY(env_len, get_varint(in));
    if (env_len > in.size()) return fail(errc::corrupt, "truncated envelope");
    LUXL2_TRY(rest,
              decompress_envelope(in.first(static_cast<std::size_t>(env_len)), {.max_output = limits.max_output}));
    in = in.subspan(static_cast<std::size_t>(env_len));
    LUXL2_TRY(batch, decode_columnar(in, limits));
    if (batch.signature_free || batch.size() != total_txs) return fail(errc::corrupt, "transaction count mismatch");
    std::vector<Bytes> out;
    ByteView r = rest;
    std::size_t next = 0;
    for (const auto& [count, has_w] : shape) {
        LUXL2_TRY(header, take_item(r));
        LUXL2_TRY(ommers, take_item(r));
        ByteView w;
        if (has_w) {
            LUXL2_TRY(wi, take_item(r));
            w = wi;
        }
        std::vector<ByteView> mine;
        mine.reserve(static_cast<std::size_t>(count));
        for (std::uint64_t k = 0; k < count; ++k) mine.push_back(batch.raw(next + static_cast<std::size_t>(k)));
        out.push_back(rebuild(header, mine, ommers, w));
        next += static_cast<std::size_t>(count);
    }
    if (!r.empty()) return fail(errc::trailing_bytes, "bytes after the last block's fields");
    return out;
}

}  // namespace luxl2::compress
