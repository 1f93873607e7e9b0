// Run-length coding of bytes (LP-505 rleEncode). Layout in docs/format/compression.md ("RLE").
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::compress {

/// Greedy, canonical run-length code: runs of three or more equal bytes become a repeat op, the rest
/// literal ops. Never longer than `data.size() + data.size() / 64 + 10` bytes.
[[nodiscard]] Bytes rle_encode(ByteView data);
void rle_encode(Bytes& out, ByteView data);

/// Inverse of rle_encode over all of `in`. Rejects output longer than `max_output` (checked before each
/// run is written, so memory stays bounded), truncated or malformed ops, and any input rle_encode would
/// not have produced (adjacent literal ops, short or split runs), so decode∘encode is the identity.
[[nodiscard]] Result<Bytes> rle_decode(ByteView in, std::uint64_t max_output);

}  // namespace luxl2::compress
