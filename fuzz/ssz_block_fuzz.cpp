// The L2Block SSZ decoder on untrusted bytes. Properties: never crash; an accepted input re-encodes
// to itself (strict decoding: one serialization per block); the root of the decoded block equals
// the root of the input bytes; the generic ssz::validate agrees with the typed decoder.
#include <cstdint>
#include <cstdlib>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/format/ssz_block.hpp"

using namespace luxl2;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView in(data, size);
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    const auto block = format::ssz_decode_block(in, lim);
    const bool valid = ssz::validate(format::ssz_block_type(), in).has_value();
    if (block && !valid) std::abort();
    if (!block) return 0;
    const auto again = format::ssz_encode_block(*block);
    if (!again || !equal(*again, in)) std::abort();
    if (*format::ssz_block_root(*block) != *format::ssz_block_root(in)) std::abort();
    return 0;
}
