// BLS12-381 point decoding: any bytes either fail with an Error or decode to a point of the subgroup
// whose re-encoding (same form) is exactly the input (the ZCash encodings are canonical).
// The first byte picks the group (even: G1, odd: G2); the rest is the encoding.
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "../src/crypto/bls/internal.hpp"

using namespace luxl2::crypto::bls::detail;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const bool g2 = (data[0] & 1) != 0;
    const luxl2::ByteView in(data + 1, size - 1);
    std::uint8_t out[192];
    if (!g2) {
        auto p = decode_g1(in);
        if (!p) return 0;
        LUXL2_ASSERT(on_curve(*p) && in_subgroup(*p));
        if (in.size() == 48)
            encode_g1_compressed(out, *p);
        else
            encode_g1_uncompressed(out, *p);
    } else {
        auto p = decode_g2(in);
        if (!p) return 0;
        LUXL2_ASSERT(on_curve(*p) && in_subgroup(*p));
        if (in.size() == 96)
            encode_g2_compressed(out, *p);
        else
            encode_g2_uncompressed(out, *p);
    }
    LUXL2_ASSERT(std::memcmp(out, in.data(), in.size()) == 0);
    return 0;
}
