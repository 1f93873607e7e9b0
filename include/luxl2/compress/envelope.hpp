// LP-505 compressBlock / decompressBlock over bytes: the CompressedBlock envelope (layout in
// docs/format/compression.md) and its checked decompression.
#pragma once

#include <cstdint>

#include "luxl2/compress/codec.hpp"
#include "luxl2/compress/dictionary.hpp"
#include "luxl2/format/compression_types.hpp"

namespace luxl2::compress {

inline constexpr std::uint8_t kEnvelopeVersion = 1;
/// The default output limit of decompression (a block's worth, with room).
inline constexpr std::uint64_t kDefaultMaxOutput = 64ull << 20;

struct DecompressOptions {
    std::uint64_t max_output = kDefaultMaxOutput;
    const DictionaryStore* dictionaries = nullptr;  // where dictionary ids are looked up
};

/// Compresses `data` into a CompressedBlock: keccak256 and size of `data`, and compressed_data =
/// flags ‖ [dictionary id] ‖ codec stream.
[[nodiscard]] Result<format::CompressedBlock> compress_block(ByteView data, const CodecSpec& spec,
                                                             const Dictionary* dict = nullptr);
/// The same from LP-505's CompressionConfig (level 0 = the codec's default; a non-empty dictionary
/// is named by its keccak256 and must be in `store` when reading).
[[nodiscard]] Result<format::CompressedBlock> compress_block(ByteView data, const format::CompressionConfig& config);

/// Decompresses and checks: allow-listed codec, declared size within `opt.max_output` (before
/// anything is allocated), the dictionary known and verified, exact size, keccak256.
[[nodiscard]] Result<Bytes> decompress_block(const format::CompressedBlock& block, const DecompressOptions& opt = {});

/// version ‖ compression ‖ varint size ‖ hash ‖ compressed_data.
void encode_envelope(Bytes& out, const format::CompressedBlock& block);
[[nodiscard]] Bytes encode_envelope(const format::CompressedBlock& block);
/// Parses an envelope spanning all of `in` (the stream itself is checked by decompress_block).
[[nodiscard]] Result<format::CompressedBlock> decode_envelope(ByteView in);
/// decode_envelope then decompress_block.
[[nodiscard]] Result<Bytes> decompress_envelope(ByteView in, const DecompressOptions& opt = {});

}  // namespace luxl2::compress
