// RLP block decoder: never crashes; whatever decodes re-encodes to exactly the input (one form per
// value; for a block of a newer version, to the input without the fields this reader skipped) and
// decodes again to the same value; validate never crashes on a decoded value.
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    auto b = format::rlp_decode<format::L2Block>(in, lim);
    if (!b) return 0;
    const Bytes again = format::rlp_encode(*b);
    const bool newer = b->header.version > format::kFormatVersion;
    LUXL2_ASSERT(newer ? again.size() <= in.size() : equal(again, in));
    // The hash from the bytes as received covers what the value's own hash covers, and more.
    const auto received = format::block_hash_of_canonical_block(in, lim);
    LUXL2_ASSERT(received.has_value() && (newer || *received == format::block_hash(*b)));
    LUXL2_ASSERT(*format::rlp_decode<format::L2Block>(again, lim) == *b);
    (void)format::validate(*b);
    (void)format::block_hash(*b);
    // The value survives the other encodings too.
    LUXL2_ASSERT(*format::binary_decode<format::L2Block>(format::binary_encode(*b)) == *b);
    return 0;
}
