// Message batches (xrollup/batch.hpp) and their agreement with format's checks, and routes. The first
// byte picks, modulo 3:
//   0: the rest is the canonical RLP of a MessageBatch. Never crashes; xrollup::verify_batch and
//      format::validate agree on batchHash (both use format::messages_root); every message of a
//      batch that verifies proves its inclusion.
//   1: the rest is cut into messages; batch_messages builds a batch that verifies in both modules,
//      every message proves inclusion, and a flipped bit in one proof or payload is refused.
//   2: the rest is the RLP of a RoutingInfo; checking it (validate_route, total_fee, route_hash)
//      never crashes, and a route that validates has one fee per hop and no repeated chain.
#include <cstdint>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/validate.hpp"
#include "luxl2/xrollup/batch.hpp"
#include "luxl2/xrollup/routing.hpp"

using namespace luxl2;

namespace {

void decode_mode(ByteView in) {
    const format::Limits lim{.max_bytes = 1u << 20, .max_list = 512};
    auto b = format::rlp_decode<format::MessageBatch>(in, lim);
    if (!b) return;
    const auto ours = xrollup::verify_batch(*b);
    const bool root_ok = b->batch_hash == format::messages_root(b->messages);
    LUXL2_ASSERT(root_ok == (xrollup::message_batch_root(b->messages) == b->batch_hash));
    if (ours) {
        LUXL2_ASSERT(root_ok);
        for (std::size_t i = 0; i < b->messages.size(); ++i)
            if (!b->messages[i].proof.empty())
                LUXL2_ASSERT(xrollup::verify_message_inclusion(b->messages[i], b->batch_hash, b->messages.size()));
    }
    if (format::validate(*b)) LUXL2_ASSERT(root_ok);
}

void build_mode(ByteView in) {
    if (in.size() < 4) return;
    const std::size_t n = 1 + in[0] % 40;
    std::vector<format::CrossRollupMessage> ms(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& m = ms[i];
        m.source_chain_id = U256{1u + in[1] % 3u};
        m.target_chain_id = U256{5u + in[2] % 3u};
        m.nonce = U256{i};
        m.sender[0] = static_cast<std::uint8_t>(i);
        const std::size_t at = (i * 7) % in.size();
        const std::size_t len = std::min<std::size_t>(in.size() - at, in[3] % 48);
        m.payload.assign(in.begin() + static_cast<std::ptrdiff_t>(at),
                         in.begin() + static_cast<std::ptrdiff_t>(at + len));
    }
    auto b = xrollup::batch_messages(ms, U256{in[1]});
    LUXL2_ASSERT(b.has_value());
    LUXL2_ASSERT(xrollup::verify_batch(*b).has_value());
    LUXL2_ASSERT(format::validate(*b).has_value());
    LUXL2_ASSERT(b->batch_hash == format::messages_root(ms));
    for (const auto& m : b->messages) LUXL2_ASSERT(xrollup::verify_message_inclusion(m, b->batch_hash, n));
    // The RLP round trip keeps it valid.
    auto back = format::rlp_decode<format::MessageBatch>(format::rlp_encode(*b));
    LUXL2_ASSERT(back.has_value() && *back == *b);
    // One flipped bit in a proof or a payload is refused.
    const std::size_t victim = in[2] % n;
    auto bad = *b;
    auto& proof = bad.messages[victim].proof;
    const std::size_t bit = (std::size_t{in[3]} * 131 + in.size()) % (proof.size() * 8);
    proof[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    LUXL2_ASSERT(!xrollup::verify_batch(bad));
    auto tampered = *b;
    tampered.messages[victim].payload.push_back(in[0]);
    LUXL2_ASSERT(!xrollup::verify_batch(tampered));
    LUXL2_ASSERT(!xrollup::verify_message_inclusion(tampered.messages[victim], b->batch_hash, n));
}

void route_mode(ByteView in) {
    const format::Limits lim{.max_bytes = 1u << 16, .max_list = 64};
    auto r = format::rlp_decode<format::RoutingInfo>(in, lim);
    if (!r) return;
    (void)xrollup::total_fee(*r);
    (void)xrollup::route_hash(*r);
    if (xrollup::validate_route(*r, 1'700'000'000)) {
        LUXL2_ASSERT(!r->path.empty() && r->fees.size() + 1 == r->path.size());
        for (std::size_t i = 0; i < r->path.size(); ++i)
            for (std::size_t j = i + 1; j < r->path.size(); ++j) LUXL2_ASSERT(r->path[i] != r->path[j]);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ByteView in(data + 1, size - 1);
    switch (data[0] % 3) {
        case 0: decode_mode(in); break;
        case 1: build_mode(in); break;
        default: route_mode(in); break;
    }
    return 0;
}
