// Batch data and frames: round trips (raw and zstd), a batch spanning several blobs, reassembly in
// any order, and every reassembly fault (duplicate, missing, corrupt, mixed) refused with its code.
#include <gtest/gtest.h>

#include <algorithm>

#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/chain.hpp"
#include "luxl2/batch/frames.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::batch {
namespace {

crypto::SecretKey seq_key() {
    auto k = crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'s', 'e', 'q'}).view());
    if (!k) throw std::runtime_error("key");
    return std::move(*k);
}

format::BatchedBlocks make_batch(std::size_t blocks, std::size_t txs) {
    ChainSpec spec;
    spec.blocks = blocks;
    spec.txs_per_block = txs;
    auto b = create_batch(make_chain(spec, seq_key()), {U256(64), U256(64u << 20), U256(0), false, false});
    if (!b) throw std::runtime_error(b.error().to_string());
    return std::move(*b);
}

const format::BatchedBlocks& small_batch() {
    static const format::BatchedBlocks b = make_batch(3, 4);
    return b;
}

std::vector<Frame> frames_of(ByteView data, std::size_t size) {
    auto f = split_frames(data, size);
    if (!f) throw std::runtime_error(f.error().to_string());
    return std::move(*f);
}

TEST(BatchData, RoundTripRawAndCompressed) {
    for (bool compress : {false, true}) {
        auto data = encode_batch_data(small_batch(), compress);
        ASSERT_TRUE(data) << data.error().to_string();
        EXPECT_EQ((*data)[1], compress ? 1 : 0);
        auto back = decode_batch_data(*data);
        ASSERT_TRUE(back) << back.error().to_string();
        EXPECT_EQ(*back, small_batch());
    }
    const Bytes raw = *encode_batch_data(small_batch(), false);
    const Bytes packed = *encode_batch_data(small_batch(), true);
    EXPECT_LT(packed.size(), raw.size());
}

TEST(BatchData, Refusals) {
    Bytes data = *encode_batch_data(small_batch(), true);
    EXPECT_EQ(decode_batch_data(Bytes{}).error().code, errc::data_corrupt);
    Bytes v = data;
    v[0] = 9;
    EXPECT_EQ(decode_batch_data(v).error().code, errc::data_version);
    Bytes fl = data;
    fl[1] = 7;
    EXPECT_EQ(decode_batch_data(fl).error().code, errc::data_flags);
    Bytes cut(data.begin(), data.end() - 10);
    EXPECT_EQ(decode_batch_data(cut).error().code, errc::data_corrupt);
    Bytes raw = *encode_batch_data(small_batch(), false);
    raw.push_back(0);
    EXPECT_EQ(decode_batch_data(raw).error().code, errc::data_corrupt);
}

TEST(Frames, EncodeDecode) {
    const Frame f{batch_id_of(Bytes{1, 2, 3}), 258, true, Bytes{9, 8, 7}};
    const Bytes enc = encode_frame(f);
    ASSERT_EQ(enc.size(), kFrameHeaderSize + 3);
    EXPECT_EQ(enc[0], kFrameVersion);
    EXPECT_EQ(enc[17], 1);
    EXPECT_EQ(enc[18], 2);
    EXPECT_EQ(enc[19], 1);
    auto back = decode_frame(enc);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, f);

    EXPECT_EQ(decode_frame(ByteView(enc).first(10)).error().code, errc::frame_truncated);
    Bytes v = enc;
    v[0] = 0;
    EXPECT_EQ(decode_frame(v).error().code, errc::frame_version);
    Bytes fl = enc;
    fl[19] = 2;
    EXPECT_EQ(decode_frame(fl).error().code, errc::frame_flags);
    Bytes extra = enc;
    extra.push_back(0);
    EXPECT_EQ(decode_frame(extra).error().code, errc::frame_length);
    Bytes zero = enc;
    zero.resize(kFrameHeaderSize);
    zero[23] = 0;
    EXPECT_EQ(decode_frame(zero).error().code, errc::frame_length);
}

TEST(Frames, SmallFramesRoundTrip) {
    const Bytes data = *encode_batch_data(small_batch(), true);
    auto frames = frames_of(data, 200);
    ASSERT_GT(frames.size(), 3u);
    for (const auto& f : frames) EXPECT_LE(encode_frame(f).size(), 200u);
    std::vector<Frame> decoded;
    for (const auto& f : frames) decoded.push_back(*decode_frame(encode_frame(f)));
    auto joined = reassemble(decoded);
    ASSERT_TRUE(joined) << joined.error().to_string();
    EXPECT_EQ(*joined, data);
    EXPECT_EQ(*decode_batch_data(*joined), small_batch());
}

TEST(Frames, ReassemblyFaults) {
    const Bytes data = *encode_batch_data(small_batch(), false);
    const auto frames = frames_of(data, 400);
    ASSERT_GE(frames.size(), 4u);
    auto code = [](const std::vector<Frame>& fs) { return reassemble(fs).error().code; };

    auto swapped = frames;
    std::swap(swapped[1], swapped[2]);
    EXPECT_EQ(*reassemble(swapped), data);  // order does not matter
    auto reversed = frames;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(*reassemble(reversed), data);

    auto dup = frames;
    dup.insert(dup.begin() + 2, frames[1]);
    EXPECT_EQ(code(dup), errc::frame_duplicate);

    auto gap = frames;
    gap.erase(gap.begin() + 1);
    EXPECT_EQ(code(gap), errc::frame_missing);
    auto no_first = frames;
    no_first.erase(no_first.begin());
    EXPECT_EQ(code(no_first), errc::frame_missing);

    auto no_last = frames;
    no_last.pop_back();
    EXPECT_EQ(code(no_last), errc::frame_missing);
    EXPECT_EQ(reassemble(std::vector<Frame>{}).error().code, errc::frame_missing);

    auto after = frames;
    after.push_back(frames.back());
    after.back().index = static_cast<std::uint16_t>(frames.size());
    EXPECT_EQ(code(after), errc::frame_after_last);
    std::reverse(after.begin(), after.end());
    EXPECT_EQ(code(after), errc::frame_after_last);

    auto dup_last = frames;
    dup_last.insert(dup_last.begin(), frames.back());
    EXPECT_EQ(code(dup_last), errc::frame_duplicate);

    auto corrupt = frames;
    corrupt[2].data[0] ^= 1;
    EXPECT_EQ(code(corrupt), errc::frame_corrupt);

    auto mixed = frames;
    mixed[1].batch_id[0] ^= 1;
    EXPECT_EQ(code(mixed), errc::frame_mixed);

    EXPECT_EQ(reassemble(frames, data.size() - 1).error().code, errc::frame_limit);
    EXPECT_FALSE(split_frames(data, kFrameHeaderSize));
}

TEST(Frames, MultiBlobBatch) {
    // Uncompressed, enough blocks to need more than one blob.
    const auto batch = make_batch(24, 60);
    const Bytes data = *encode_batch_data(batch, false);
    ASSERT_GT(data.size(), kBlobUsableBytes);
    const auto frames = frames_of(data, kBlobUsableBytes);
    ASSERT_GE(frames.size(), 2u);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const Bytes enc = encode_frame(frames[i]);
        EXPECT_LE(enc.size(), kBlobUsableBytes);
        if (i + 1 < frames.size()) {
            EXPECT_EQ(enc.size(), kBlobUsableBytes);
        }
        EXPECT_EQ(frames[i].last, i + 1 == frames.size());
    }
    auto joined = reassemble(frames);
    ASSERT_TRUE(joined);
    auto back = decode_batch_data(*joined);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, batch);
    EXPECT_TRUE(verify_batch(*back, {U256(64), U256(64u << 20), U256(0), false, false}));
    // Calldata-sized frames of the same data.
    const auto calldata = frames_of(data, kDefaultCalldataFrameSize);
    EXPECT_GT(calldata.size(), frames.size() - 1);
    EXPECT_EQ(*reassemble(calldata), data);
}

}  // namespace
}  // namespace luxl2::batch
