#include "luxl2/batch/frames.hpp"

#include <algorithm>
#include <string>

#include "luxl2/compress/envelope.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::batch {

namespace {

constexpr std::uint8_t kFlagCompressed = 1;
constexpr std::uint8_t kFlagLast = 1;
constexpr int kZstdLevel = 19;
constexpr std::size_t kMaxFrameData = kBlobUsableBytes - kFrameHeaderSize;

}  // namespace

Result<Bytes> encode_batch_data(const format::BatchedBlocks& b, bool compress) {
    const Bytes rlp = format::canonical_encode(b);
    Bytes out{kBatchDataVersion, compress ? kFlagCompressed : std::uint8_t{0}};
    if (!compress) {
        out.insert(out.end(), rlp.begin(), rlp.end());
        return out;
    }
    LUXL2_TRY(cb, compress::compress_block(rlp, compress::CodecSpec{format::CompressionType::kZstandard,
                                                                    compress::Variant::kDefault, kZstdLevel}));
    compress::encode_envelope(out, cb);
    return out;
}

Result<format::BatchedBlocks> decode_batch_data(ByteView in, const format::Limits& lim) {
    if (in.size() < 2) return fail(errc::data_corrupt, "batch data shorter than its 2-byte header");
    if (in[0] != kBatchDataVersion)
        return fail(errc::data_version, "unknown batch-data version " + std::to_string(in[0]));
    const ByteView body = in.subspan(2);
    if (in[1] == 0) {
        auto b = format::rlp_decode<format::BatchedBlocks>(body, lim);
        if (!b) return fail(errc::data_corrupt, b.error().to_string());
        return b;
    }
    if (in[1] != kFlagCompressed) return fail(errc::data_flags, "unknown batch-data flags " + std::to_string(in[1]));
    auto raw = compress::decompress_envelope(body, compress::DecompressOptions{lim.max_bytes, nullptr});
    if (!raw) return fail(errc::data_corrupt, raw.error().to_string());
    auto b = format::rlp_decode<format::BatchedBlocks>(*raw, lim);
    if (!b) return fail(errc::data_corrupt, b.error().to_string());
    return b;
}

BatchId batch_id_of(ByteView batch_data) {
    const Hash32 h = crypto::keccak256(batch_data);
    BatchId id;
    std::copy_n(h.view().begin(), id.size(), id.bytes.begin());
    return id;
}

void encode_frame(Bytes& out, const Frame& f) {
    LUXL2_ASSERT(!f.data.empty() && f.data.size() <= kMaxFrameData);
    const std::size_t at = out.size();
    out.resize(at + kFrameHeaderSize);
    std::uint8_t* p = out.data() + at;
    p[0] = kFrameVersion;
    std::copy_n(f.batch_id.bytes.begin(), f.batch_id.size(), p + 1);
    p[17] = static_cast<std::uint8_t>(f.index >> 8);
    p[18] = static_cast<std::uint8_t>(f.index);
    p[19] = f.last ? kFlagLast : std::uint8_t{0};
    store_be32(p + 20, static_cast<std::uint32_t>(f.data.size()));
    out.insert(out.end(), f.data.begin(), f.data.end());
}

Bytes encode_frame(const Frame& f) {
    Bytes out;
    out.reserve(kFrameHeaderSize + f.data.size());
    encode_frame(out, f);
    return out;
}

Result<Frame> decode_frame(ByteView in) {
    if (in.size() < kFrameHeaderSize) return fail(errc::frame_truncated, "frame shorter than its header");
    if (in[0] != kFrameVersion) return fail(errc::frame_version, "unknown frame version " + std::to_string(in[0]));
    if (in[19] > kFlagLast) return fail(errc::frame_flags, "unknown frame flags " + std::to_string(in[19]));
    const std::uint32_t len = load_be32(in.data() + 20);
    if (len == 0 || len > kMaxFrameData) return fail(errc::frame_length, "frame length out of range");
    if (len != in.size() - kFrameHeaderSize)
        return fail(errc::frame_length, "frame length differs from the bytes left");
    Frame f;
    std::copy_n(in.begin() + 1, f.batch_id.size(), f.batch_id.bytes.begin());
    f.index = static_cast<std::uint16_t>((in[17] << 8) | in[18]);
    f.last = in[19] == kFlagLast;
    f.data.assign(in.begin() + kFrameHeaderSize, in.end());
    return f;
}

Result<std::vector<Frame>> split_frames(ByteView batch_data, std::size_t max_frame_size) {
    if (max_frame_size <= kFrameHeaderSize) return fail(errc::frame_limit, "frame size leaves no room for data");
    if (batch_data.empty()) return fail(errc::frame_limit, "no batch data to frame");
    const std::size_t chunk = std::min(max_frame_size - kFrameHeaderSize, kMaxFrameData);
    const std::size_t n = (batch_data.size() + chunk - 1) / chunk;
    if (n > kMaxFrames) return fail(errc::frame_limit, std::to_string(n) + " frames exceed the limit");
    const BatchId id = batch_id_of(batch_data);
    std::vector<Frame> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const ByteView part = batch_data.subspan(i * chunk, std::min(chunk, batch_data.size() - i * chunk));
        out[i] = Frame{id, static_cast<std::uint16_t>(i), i + 1 == n, Bytes(part.begin(), part.end())};
    }
    return out;
}

Result<Bytes> reassemble(std::span<const Frame> frames, std::size_t max_bytes) {
    if (frames.empty()) return fail(errc::frame_missing, "no frames");
    if (frames.size() > kMaxFrames) return fail(errc::frame_limit, "more frames than a batch can have");
    const BatchId& id = frames.front().batch_id;
    std::vector<const Frame*> order;
    order.reserve(frames.size());
    std::size_t total = 0;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const Frame& f = frames[i];
        const std::string where = "frame " + std::to_string(i);
        if (f.batch_id != id) return fail(errc::frame_mixed, where + " belongs to another batch");
        if (f.data.empty() || f.data.size() > kMaxFrameData) return fail(errc::frame_length, where + " data size");
        total += f.data.size();
        if (total > max_bytes) return fail(errc::frame_limit, "batch data exceeds the limit");
        order.push_back(&f);
    }
    std::stable_sort(order.begin(), order.end(), [](const Frame* a, const Frame* b) { return a->index < b->index; });
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Frame& f = *order[i];
        if (i > 0 && f.index == order[i - 1]->index)
            return fail(errc::frame_duplicate, "index " + std::to_string(f.index) + " appears twice");
        if (f.index != i) return fail(errc::frame_missing, "frame " + std::to_string(i) + " is missing");
        if (i > 0 && order[i - 1]->last)
            return fail(errc::frame_after_last, "frame " + std::to_string(i) + " follows the last frame");
    }
    if (!order.back()->last) return fail(errc::frame_missing, "no frame is marked last");
    Bytes out;
    out.reserve(total);
    for (const Frame* f : order) out.insert(out.end(), f->data.begin(), f->data.end());
    if (batch_id_of(out) != id) return fail(errc::frame_corrupt, "data does not hash to the batch id");
    return out;
}

}  // namespace luxl2::batch
