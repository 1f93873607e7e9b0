// Huffman: the decoder never crashes or over-allocates; what it produces, and any input, round-trip
// through encode and decode.
#include <cstdint>

#include "luxl2/compress/huffman.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    if (auto out = compress::huffman_decode(in, 1u << 20)) {
        auto back = compress::huffman_decode(compress::huffman_encode(*out), out->size());
        LUXL2_ASSERT(back && *back == *out);
    }
    auto back = compress::huffman_decode(compress::huffman_encode(in), size);
    LUXL2_ASSERT(back && equal(*back, in));
    return 0;
}
