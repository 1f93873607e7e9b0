// Packed cross-rollup messages (xrollup/pack.hpp). Unpacking never crashes; whatever unpacks packs
// back to exactly the input (the form is canonical) and carries its recomputed message hash; and a
// message built from the input's bytes survives pack → unpack unchanged; and the input's first 65
// bytes, taken as a sequencer signature of that message, never crash the check nor pass it for the
// zero address.
#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "luxl2/core/error.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/xrollup/pack.hpp"
#include "luxl2/xrollup/security.hpp"

using namespace luxl2;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const ByteView in(data, size);
    xrollup::PackLimits limits;
    limits.max_payload = 4096;
    limits.max_proof = 4096;
    if (auto m = xrollup::unpack_message_exact(in, limits)) {
        LUXL2_ASSERT(equal(xrollup::pack_message(*m), in));
        LUXL2_ASSERT(m->message_hash == format::message_hash(*m));
        LUXL2_ASSERT(xrollup::packed_size(*m) == size);
    }

    // Build a message from the raw bytes and round-trip it.
    if (size < 8) return 0;
    format::CrossRollupMessage m;
    ByteView p = in;
    auto take_u256 = [&p](std::size_t n) {
        n = std::min(n, p.size());
        U256 v = n == 0 ? U256{} : *U256::from_be_bytes(p.first(n));
        p = p.subspan(n);
        return v;
    };
    m.source_chain_id = take_u256(data[0] % 33);
    m.target_chain_id = take_u256(data[1] % 9);
    m.nonce = take_u256(data[2] % 33);
    for (std::size_t i = 0; i < 20 && i < p.size(); ++i) m.sender[i] = p[i];
    const std::size_t split = p.size() / 2;
    m.payload.assign(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(split));
    m.proof.assign(p.begin() + static_cast<std::ptrdiff_t>(split), p.end());
    m.message_hash = format::message_hash(m);
    const Bytes packed = xrollup::pack_message(m);
    LUXL2_ASSERT(packed.size() == xrollup::packed_size(m));
    auto back = xrollup::unpack_message_exact(packed);
    LUXL2_ASSERT(back.has_value() && *back == m);
    LUXL2_ASSERT(!xrollup::verify_message_signature(m, in.first(std::min<std::size_t>(size, 65)), Address{}));
    return 0;
}
