// RLE: the decoder accepts only canonical input (decode then encode is the identity), and encode then
// decode gives any input back.
#include <cstdint>

#include "luxl2/compress/rle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    if (auto out = compress::rle_decode(in, 1u << 20)) LUXL2_ASSERT(equal(compress::rle_encode(*out), in));
    auto back = compress::rle_decode(compress::rle_encode(in), size);
    LUXL2_ASSERT(back && equal(*back, in));
    return 0;
}
