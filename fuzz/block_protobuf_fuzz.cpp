// Protobuf block decoder: never crashes; a decoded value re-encodes to exactly the input (the
// decoder's strictness) and round-trips through the binary form.
#include "luxl2/format/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    auto b = format::protobuf_decode<format::L2Block>(in, lim);
    if (!b) return 0;
    LUXL2_ASSERT(equal(format::protobuf_encode(*b), in));
    LUXL2_ASSERT(*format::binary_decode<format::L2Block>(format::binary_encode(*b)) == *b);
    return 0;
}
