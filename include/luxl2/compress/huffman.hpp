// Canonical Huffman coding of bytes (LP-505 huffmanEncode). Layout in docs/format/compression.md
// ("Huffman").
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::compress {

/// Longest code the encoder assigns; the decoder rejects longer ones.
inline constexpr unsigned kHuffmanMaxCodeLength = 12;

/// Canonical Huffman code of `data` with code lengths limited to kHuffmanMaxCodeLength.
[[nodiscard]] Bytes huffman_encode(ByteView data);
void huffman_encode(Bytes& out, ByteView data);

/// Decodes all of `in`. Checks the declared length against `max_output` and against the 8:1 bound a
/// prefix code has, before allocating; rejects incomplete or over-subscribed code tables, unsorted or
/// repeated symbols, lengths out of range, non-zero padding and trailing bytes.
[[nodiscard]] Result<Bytes> huffman_decode(ByteView in, std::uint64_t max_output);

}  // namespace luxl2::compress
