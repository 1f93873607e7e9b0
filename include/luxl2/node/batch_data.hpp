// The bytes the batcher posts to the L1 for a run of consecutive sealed blocks (layout in
// docs/format/rollup-batch.md):
//   version (0x01) ‖ be64 first block ‖ be64 last block ‖ varint |H| ‖ H ‖ T
//   H = compress envelope of rlp([[header...], [columnar count...], [[block, index, tx]...]]) —
//       brotli 11 or zstd 19, whichever is smaller; the third list holds, verbatim with their
//       positions, the transactions that are not Ethereum ones (deposits 0x7E, LP-505 types)
//   T = the columnar coding of every Ethereum transaction of the run, in order (compress/columnar.hpp)
// The block range is in clear so a restarted batcher reads its cursor from the L1 without
// decompressing. On the L1 the batch data is cut into frames (batch/frames.hpp) and the frames'
// encodings are concatenated: that is submitBatch's `transactions`.
#pragma once

#include <span>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

namespace batcherrc {
inline constexpr std::string_view bad_data = "node.bad_batch_data";
}

inline constexpr std::uint8_t kBlockBatchVersion = 1;

struct BlockBatch {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    std::vector<Bytes> headers;
    std::vector<std::vector<Bytes>> transactions;  // per block
};

struct BatchDataStats {
    std::size_t raw_bytes = 0;  // headers + transactions before compression
    std::size_t header_bytes = 0;
    std::size_t tx_bytes = 0;
};

/// Encodes consecutive blocks (asserted non-empty and consecutive).
[[nodiscard]] Result<Bytes> encode_block_batch(std::span<const SealedBlock> blocks, BatchDataStats* stats = nullptr);
/// Refuses a wrong version, a range that does not match the contents, counts and sizes above the
/// limits of compress/ and rlp/, trailing bytes.
[[nodiscard]] Result<BlockBatch> decode_block_batch(ByteView in);
/// Only the clear-text range (first, last).
[[nodiscard]] Result<std::pair<std::uint64_t, std::uint64_t>> block_batch_range(ByteView in);

/// Batch data → concatenated frame encodings (each at most `frame_size` bytes), and back.
[[nodiscard]] Result<Bytes> to_l1_payload(ByteView batch_data, std::size_t frame_size);
[[nodiscard]] Result<Bytes> from_l1_payload(ByteView payload);
/// Number of frames in a payload.
[[nodiscard]] Result<std::size_t> frame_count(ByteView payload);

}  // namespace luxl2::node
