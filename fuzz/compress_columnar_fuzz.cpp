// Columnar batch decoder: never crashes; whatever it accepts re-encodes and decodes to the same
// transactions (the encoder may pick other column codecs, so the bytes themselves may differ). Batches
// flagged as written against an account context are decoded against a small fixed one.
#include <cstdint>

#include "luxl2/compress/account_context.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace {

const luxl2::compress::MapAccountContext& fuzz_context() {
    static const auto ctx = [] {
        luxl2::compress::MapAccountContext c;
        for (std::uint8_t i = 0; i < 64; ++i) {
            const auto h = luxl2::crypto::keccak256(luxl2::ByteView(&i, 1));
            c.insert(luxl2::Address::from_view(luxl2::ByteView(h.bytes).first(20)), i);
        }
        return c;
    }();
    return ctx;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    compress::ColumnarLimits limits;
    limits.max_txs = 4096;
    limits.max_output = 4u << 20;
    const auto& ctx = fuzz_context();
    auto batch = compress::decode_columnar(ByteView(data, size), limits, ctx);
    if (!batch) return 0;
    compress::ColumnarOptions opt;
    opt.signature_free = batch->signature_free;
    opt.context = &ctx;
    auto again = compress::encode_columnar(batch->raw_all(), opt, batch->senders);
    if (!batch->signature_free) {
        LUXL2_ASSERT(again.has_value());
        auto back = compress::decode_columnar(*again, limits, ctx);
        LUXL2_ASSERT(back && back->bytes == batch->bytes && back->offsets == batch->offsets);
    }
    return 0;
}
