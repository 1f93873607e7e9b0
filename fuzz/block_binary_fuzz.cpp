// Compact binary block decoder: never crashes; a decoded value re-encodes to exactly the input (for
// a block of a newer version, to the input with empty extension areas) and round-trips through RLP.
#include "luxl2/format/codec.hpp"
#include "luxl2/format/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    auto b = format::binary_decode<format::L2Block>(in, lim);
    if (!b) return 0;
    const Bytes again = format::binary_encode(*b);
    if (b->header.version > format::kFormatVersion)
        LUXL2_ASSERT(again.size() <= in.size());
    else
        LUXL2_ASSERT(equal(again, in));
    LUXL2_ASSERT(*format::binary_decode<format::L2Block>(again, lim) == *b);
    LUXL2_ASSERT(*format::rlp_decode<format::L2Block>(format::rlp_encode(*b)) == *b);
    (void)format::validate(*b);
    return 0;
}
