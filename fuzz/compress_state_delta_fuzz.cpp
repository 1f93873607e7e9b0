// State-delta decoder: never crashes; what it accepts is canonical (re-encoding gives the same bytes).
#include <cstdint>

#include "luxl2/compress/state_delta.hpp"
#include "luxl2/crypto/keccak.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    // The state before: a deterministic function of the key, so packings against it are exercised.
    compress::StateView before{
        [](const Address& a) {
            return std::pair<U256, std::uint64_t>{U256(a[0]) * U256(1'000'000'007), a[1]};
        },
        [](const Address& a, const Hash32& s) { return U256(std::uint64_t{a[0]} << 8 | s[31]); }};
    auto d = compress::decode_state_deltas(ByteView(data, size), before);
    if (!d) return 0;
    auto again = compress::encode_state_deltas(d->accounts, d->storage);
    LUXL2_ASSERT(again && equal(*again, ByteView(data, size)));
    return 0;
}
