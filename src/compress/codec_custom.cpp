// The custom codec: canonical Huffman over RLE, both ours (docs/format/compression.md, "Custom").
#include "backends.hpp"
#include "luxl2/compress/huffman.hpp"
#include "luxl2/compress/rle.hpp"

namespace luxl2::compress::detail {

Result<Bytes> custom_compress(ByteView in) {
    return huffman_encode(rle_encode(in));
}

Result<Bytes> custom_decompress(ByteView in, std::uint64_t expected) {
    // rle_encode never writes more than n + n/64 + 10 bytes for n input bytes.
    LUXL2_TRY(rle, huffman_decode(in, expected + expected / 64 + 10));
    // One byte more than declared is enough to see a stream that is too long.
    return rle_decode(rle, expected + 1);
}

}  // namespace luxl2::compress::detail
