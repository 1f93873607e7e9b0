// compress then decompress gives the input back, for every codec: byte 0 picks the codec, byte 1 the
// level, the rest is the payload.
#include <cstdint>

#include "luxl2/compress/envelope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    if (size < 2) return 0;
    const auto all = compress::codecs();
    const auto& info = all[data[0] % all.size()];
    const int span = info.max_level - info.min_level + 1;
    int level = info.min_level + data[1] % span;
    if (level > 19) level = 19;  // the ultra levels are too slow for a fuzzer and add no new decoder paths
    const ByteView payload(data + 2, size - 2);
    auto block = compress::compress_block(payload, {info.type, info.variant, level});
    LUXL2_ASSERT(block.has_value());
    auto out = compress::decompress_envelope(compress::encode_envelope(*block));
    LUXL2_ASSERT(out && equal(*out, payload));
    return 0;
}
