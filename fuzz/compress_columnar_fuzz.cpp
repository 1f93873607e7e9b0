// Columnar batch decoder: never crashes; whatever it accepts re-encodes and decodes to the same
// transactions (the encoder may pick other column codecs, so the bytes themselves may differ).
#include <cstdint>

#include "luxl2/compress/columnar.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    compress::ColumnarLimits limits;
    limits.max_txs = 4096;
    limits.max_output = 4u << 20;
    auto batch = compress::decode_columnar(ByteView(data, size), limits);
    if (!batch) return 0;
    compress::ColumnarOptions opt;
    opt.signature_free = batch->signature_free;
    auto again = compress::encode_columnar(batch->raw, opt, batch->senders);
    if (!batch->signature_free) {
        LUXL2_ASSERT(again.has_value());
        auto back = compress::decode_columnar(*again, limits);
        LUXL2_ASSERT(back && back->raw == batch->raw);
    }
    return 0;
}
