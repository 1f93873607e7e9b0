// L1 submission packing (docs/format/frames.md): a batch becomes "batch data" (version ‖ flags ‖ RLP
// or a zstd-compressed envelope of the RLP), which is cut into versioned frames that each fit an
// EIP-4844 blob (130,044 usable bytes, as the OP Stack counts) or a calldata limit. Reassembly takes
// one batch's frames in any order (reassemble) or a stream of frames of many batches interleaved
// (ChannelBank, channel_bank.hpp), and refuses what cannot be joined with a Result error; nothing
// here crashes on untrusted bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/batch_types.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::batch {

namespace errc {
inline constexpr std::string_view data_version = "batch.data_version";  // unknown batch-data version
inline constexpr std::string_view data_flags = "batch.data_flags";      // unknown batch-data flags
inline constexpr std::string_view data_corrupt = "batch.data_corrupt";  // body does not decode
inline constexpr std::string_view frame_version = "batch.frame_version";
inline constexpr std::string_view frame_truncated = "batch.frame_truncated";
inline constexpr std::string_view frame_length = "batch.frame_length";  // length 0, too large or ≠ bytes left
inline constexpr std::string_view frame_flags = "batch.frame_flags";
inline constexpr std::string_view frame_mixed = "batch.frame_mixed";  // frames of different batches
inline constexpr std::string_view frame_order = "batch.frame_order";  // no longer returned: any order is fine
inline constexpr std::string_view frame_duplicate = "batch.frame_duplicate";
inline constexpr std::string_view frame_missing = "batch.frame_missing";  // no frame marked last
inline constexpr std::string_view frame_after_last = "batch.frame_after_last";
inline constexpr std::string_view frame_corrupt = "batch.frame_corrupt";  // data does not hash to the batch id
inline constexpr std::string_view frame_limit = "batch.frame_limit";      // too many frames or bytes
}  // namespace errc

inline constexpr std::uint8_t kBatchDataVersion = 1;
inline constexpr std::uint8_t kFrameVersion = 1;
/// Usable bytes of one EIP-4844 blob under the OP Stack's encoding: (4 · 31 + 3) · 1024 − 4.
inline constexpr std::size_t kBlobUsableBytes = 130'044;
/// version ‖ batch id (16) ‖ index (u16) ‖ flags ‖ length (u32).
inline constexpr std::size_t kFrameHeaderSize = 1 + 16 + 2 + 1 + 4;
inline constexpr std::size_t kMaxFrames = 65'535;
/// A calldata frame limit (bytes of a whole frame) when blobs are not used.
inline constexpr std::size_t kDefaultCalldataFrameSize = 120'000;

using BatchId = FixedBytes<16>;

struct Frame {
    BatchId batch_id;  // first 16 bytes of keccak256(batch data)
    std::uint16_t index = 0;
    bool last = false;
    Bytes data;
    friend bool operator==(const Frame&, const Frame&) = default;
};

/// Batch data: version ‖ flags (0 raw, 1 compressed) ‖ canonical RLP of the batch, or its
/// compress-engine envelope (zstd level 19) when `compress`.
[[nodiscard]] Result<Bytes> encode_batch_data(const format::BatchedBlocks& b, bool compress);
/// Refuses unknown version/flags, a body that fails decompression (bombs limited by lim.max_bytes)
/// or RLP decoding.
[[nodiscard]] Result<format::BatchedBlocks> decode_batch_data(ByteView in, const format::Limits& lim = {});

[[nodiscard]] BatchId batch_id_of(ByteView batch_data);

void encode_frame(Bytes& out, const Frame& f);
[[nodiscard]] Bytes encode_frame(const Frame& f);
/// One frame spanning all of `in`: known version, flags 0/1, 1 ≤ length ≤ blob capacity, exact size.
[[nodiscard]] Result<Frame> decode_frame(ByteView in);

/// Cuts batch data into frames whose encodings are at most `max_frame_size` bytes (the last frame
/// marked last). Refuses a size too small for a header and one data byte, or more than kMaxFrames.
[[nodiscard]] Result<std::vector<Frame>> split_frames(ByteView batch_data,
                                                      std::size_t max_frame_size = kBlobUsableBytes);

/// Joins the frames 0, 1, …, n−1 (n−1 marked last) of one batch, given in any order, and checks the
/// joined data against the batch id. Refuses mixed batches (frame_mixed), a repeated index
/// (frame_duplicate), a gap or no frame marked last (frame_missing), a frame numbered past the last
/// (frame_after_last), more than `max_bytes` of data (frame_limit) and data that does not hash to the
/// batch id (frame_corrupt).
[[nodiscard]] Result<Bytes> reassemble(std::span<const Frame> frames, std::size_t max_bytes = 64u << 20);

}  // namespace luxl2::batch
