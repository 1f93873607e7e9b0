// Frame decoding and reassembly on untrusted bytes. The input is a list of records, each a 2-byte
// big-endian length and that many bytes of one frame. Properties: decode_frame either refuses a
// record or re-encodes it to exactly the same bytes; reassembly either refuses or returns data that
// hashes to the batch id; decoding the batch data (or the raw input) never crashes.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/frames.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    constexpr std::size_t kMaxBytes = 1u << 20;
    const format::Limits lim{.max_bytes = kMaxBytes, .max_transactions = 256, .max_blocks = 16};
    ByteView in(data, size);
    std::vector<batch::Frame> frames;
    while (in.size() >= 2) {
        const std::size_t len = (std::size_t{in[0]} << 8) | in[1];
        in = in.subspan(2);
        if (len > in.size()) break;
        const ByteView rec = in.first(len);
        in = in.subspan(len);
        auto f = batch::decode_frame(rec);
        if (!f) continue;
        const Bytes again = batch::encode_frame(*f);
        LUXL2_ASSERT(ByteView(again).size() == rec.size() && std::equal(again.begin(), again.end(), rec.begin()));
        frames.push_back(std::move(*f));
    }
    if (!frames.empty()) {
        auto joined = batch::reassemble(frames, kMaxBytes);
        if (joined) {
            LUXL2_ASSERT(batch::batch_id_of(*joined) == frames.front().batch_id);
            if (auto b = batch::decode_batch_data(*joined, lim)) {
                (void)batch::verify_batch(*b, {U256(16), U256(kMaxBytes), U256(0), false, false});
            }
        }
    }
    (void)batch::decode_batch_data(ByteView(data, size), lim);
    return 0;
}
