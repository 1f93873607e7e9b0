// Envelope decoder: any bytes either decompress within the limit to bytes that hash to the declared
// hash, or are refused; never a crash or an output past the limit.
#include <cstdint>

#include "luxl2/compress/envelope.hpp"
#include "luxl2/crypto/keccak.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    constexpr std::uint64_t kLimit = 1u << 20;
    auto out = compress::decompress_envelope(ByteView(data, size), {.max_output = kLimit});
    if (out) {
        LUXL2_ASSERT(out->size() <= kLimit);
        auto env = compress::decode_envelope(ByteView(data, size));
        LUXL2_ASSERT(env && crypto::keccak256(*out) == env->uncompressed_hash);
    }
    return 0;
}
