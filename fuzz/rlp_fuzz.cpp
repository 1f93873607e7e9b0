// RLP decoder: never crashes; whatever decodes re-encodes to exactly the input (strict decoding
// accepts only canonical encodings, so encode ∘ decode is the identity on accepted inputs).
#include <cstdint>

#include "luxl2/codec/rlp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const luxl2::ByteView in(data, size);
    auto item = luxl2::rlp::decode_item(in, {.max_bytes = 1 << 20, .max_depth = 32, .max_items = 1 << 16});
    if (!item) return 0;
    luxl2::Bytes out;
    luxl2::rlp::encode(out, *item);
    LUXL2_ASSERT(luxl2::equal(out, in));
    return 0;
}
