// Record-column decoder (ComputeMetadata): never crashes; whatever it accepts re-encodes to bytes
// that decode to the same records.
#include <cstdint>

#include "luxl2/compress/records.hpp"
#include "luxl2/format/compute.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    compress::RecordLimits limits;
    limits.max_records = 4096;
    limits.max_output = 4u << 20;
    limits.max_elements = 1u << 16;
    auto recs = compress::decode_records<format::ComputeMetadata>(ByteView(data, size), limits);
    if (!recs) return 0;
    auto again = compress::encode_records<format::ComputeMetadata>(*recs);
    LUXL2_ASSERT(again.has_value());
    auto back = compress::decode_records<format::ComputeMetadata>(*again, limits);
    LUXL2_ASSERT(back && *back == *recs);
    return 0;
}
