// Batch data (batch/frames.hpp: version ‖ flags ‖ RLP of BatchedBlocks, or its zstd envelope) on
// untrusted bytes. Never crashes; raw batch data that decodes re-encodes to exactly the input (the RLP
// is canonical) unless a block claims a newer format version (whose appended fields a reader skips,
// docs/format/canonical.md "Versions"); compressed data that decodes re-encodes raw to a value that decodes equal; and
// verify_batch on whatever decodes returns a Result, with or without a (registry-less) BLS verifier.
#include <cstdint>

#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/bls_proof.hpp"
#include "luxl2/batch/frames.hpp"
#include "luxl2/core/error.hpp"

using namespace luxl2;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    constexpr std::size_t kMaxBytes = 1u << 20;
    const format::Limits lim{.max_bytes = kMaxBytes, .max_transactions = 256, .max_blocks = 16};
    const ByteView in(data, size);
    auto b = batch::decode_batch_data(in, lim);
    if (!b) return 0;
    auto raw = batch::encode_batch_data(*b, false);
    LUXL2_ASSERT(raw.has_value());
    bool newer = false;
    for (const auto& blk : b->blocks) newer = newer || blk.header.version > format::kFormatVersion;
    if (in[1] == 0 && !newer) {
        LUXL2_ASSERT(equal(*raw, in));
    } else {
        auto again = batch::decode_batch_data(*raw, format::Limits{});
        LUXL2_ASSERT(again.has_value() && *again == *b);
    }
    const batch::BlsProofVerifier none;
    for (bool aggregate : {false, true}) {
        const format::AggregationStrategy s{U256(16), U256(kMaxBytes), U256(0), in[1] != 0, aggregate};
        auto r = batch::verify_batch(*b, s, aggregate ? &none : nullptr);
        // Without a registered key an aggregated proof can never pass; nor can a block of a newer
        // format version (format::validate refuses what it cannot check).
        LUXL2_ASSERT(!(aggregate && r.has_value()));
        LUXL2_ASSERT(!(newer && r.has_value()));
    }
    return 0;
}
