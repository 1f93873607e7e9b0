// The ChannelBank (batch/channel_bank.hpp) on untrusted frame streams. The first byte picks:
//   even: the rest is a list of records (1-byte time step, 2-byte big-endian length, that many bytes of
//         one frame); every decodable frame goes to a bank with small limits. Never crashes; the bank
//         stays within its channel and byte limits after every frame; completed data hashes to the
//         frame's batch id.
//   odd:  the rest is batch data, cut into small frames that are fed in an order, with duplicates,
//         chosen by the input's bytes; the batch completes exactly once, with the same bytes.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "luxl2/batch/channel_bank.hpp"
#include "luxl2/core/error.hpp"

using namespace luxl2;

namespace {

void stream_mode(ByteView in) {
    batch::ChannelBankLimits lim;
    lim.max_channels = 4;
    lim.max_bytes = 4096;
    lim.max_channel_bytes = 3000;
    lim.timeout = 20;
    lim.remember_completed = 3;
    batch::ChannelBank bank(lim);
    std::uint64_t now = 0;
    while (in.size() >= 3) {
        now += in[0] % 8u;
        const std::size_t len = (std::size_t{in[1]} << 8) | in[2];
        in = in.subspan(3);
        if (len > in.size()) break;
        auto f = batch::decode_frame(in.first(len));
        in = in.subspan(len);
        if (!f) continue;
        auto r = bank.add(*f, now);
        if (r && *r) LUXL2_ASSERT(batch::batch_id_of(**r) == f->batch_id);
        LUXL2_ASSERT(bank.buffered_bytes() <= lim.max_bytes);
        LUXL2_ASSERT(bank.channels() <= lim.max_channels);
    }
    bank.expire(now + lim.timeout + 1);
    LUXL2_ASSERT(bank.channels() == 0 && bank.buffered_bytes() == 0);
}

void order_mode(ByteView in) {
    if (in.size() < 2) return;
    const std::size_t frame_size = batch::kFrameHeaderSize + 1 + in[0] % 128;        // data bytes per frame: 1..128
    const ByteView data = in.subspan(1, std::min<std::size_t>(in.size() - 1, 600));  // at most 600 frames
    auto frames = batch::split_frames(data, frame_size);
    if (!frames) return;
    // A permutation and some duplicates, both from the data's own bytes.
    std::vector<batch::Frame> perm = *frames;
    for (std::size_t i = perm.size(); i > 1; --i) std::swap(perm[i - 1], perm[data[i % data.size()] % i]);
    auto joined = batch::reassemble(perm);  // any order joins
    LUXL2_ASSERT(joined.has_value() && equal(*joined, data));
    std::vector<batch::Frame> order = perm;
    for (std::size_t i = 0; i < order.size() && i < data.size() && i < 8; ++i)
        if (data[i] & 1) {
            const batch::Frame dup = order[i];
            order.insert(order.begin() + static_cast<std::ptrdiff_t>(data[i] % order.size()), dup);
        }
    batch::ChannelBank bank;
    std::size_t completed = 0;
    for (const auto& f : order) {
        auto r = bank.add(f, 0);
        if (r && *r) {
            ++completed;
            LUXL2_ASSERT(equal(**r, data));
        } else if (!r) {
            LUXL2_ASSERT(r.error().code == batch::errc::frame_duplicate);
        }
    }
    LUXL2_ASSERT(completed == 1);
    LUXL2_ASSERT(bank.channels() == 0 && bank.buffered_bytes() == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ByteView in(data + 1, size - 1);
    if (data[0] % 2 == 0)
        stream_mode(in);
    else
        order_mode(in);
    return 0;
}
