// Whole Ethereum blocks (RLP [header, transactions, ommers(, withdrawals)], as debug_getRawBlock gives
// them): the transactions of all the blocks go through the columnar coder, everything else (headers,
// ommers, withdrawals) through zstd. Layout in docs/format/columnar.md ("Blocks").
#pragma once

#include <span>
#include <vector>

#include "luxl2/compress/columnar.hpp"

namespace luxl2::compress {

inline constexpr std::uint8_t kEthBlocksVersion = 1;

/// Compresses `blocks` (each one RLP block). Rejects blocks that are not canonical RLP of that shape.
[[nodiscard]] Result<Bytes> compress_eth_blocks(std::span<const Bytes> blocks, const ColumnarOptions& opt = {});

/// Gives back every block byte for byte (the columnar batch hash and the envelope hash are checked).
[[nodiscard]] Result<std::vector<Bytes>> decompress_eth_blocks(ByteView in, const ColumnarLimits& limits = {});

}  // namespace luxl2::compress
