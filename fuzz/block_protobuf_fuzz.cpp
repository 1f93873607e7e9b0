// Protobuf block decoder: never crashes; a decoded value re-encodes to exactly the input (the
// decoder's strictness; for a block of a newer version, to the input without its unknown fields) and
// round-trips through the binary form.
#include "luxl2/format/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    auto b = format::protobuf_decode<format::L2Block>(in, lim);
    if (!b) return 0;
    const Bytes again = format::protobuf_encode(*b);
    if (b->header.version > format::kFormatVersion) {
        LUXL2_ASSERT(again.size() <= in.size());
        LUXL2_ASSERT(*format::protobuf_decode<format::L2Block>(again, lim) == *b);
    } else {
        LUXL2_ASSERT(equal(again, in));
    }
    LUXL2_ASSERT(*format::binary_decode<format::L2Block>(format::binary_encode(*b)) == *b);
    return 0;
}
