// JSON block reader: never crashes; what it reads prints back to JSON that reads to the same value.
#include "luxl2/format/codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    format::Limits lim;
    lim.max_bytes = 1 << 20;
    auto b = format::from_json_text<format::L2Block>(std::string_view(reinterpret_cast<const char*>(data), size), lim);
    if (!b) return 0;
    const auto text = format::to_json(*b).dump();
    auto again = format::from_json_text<format::L2Block>(text, lim);
    LUXL2_ASSERT(again.has_value() && *again == *b);
    LUXL2_ASSERT(format::to_json(*again).dump() == text);
    return 0;
}
