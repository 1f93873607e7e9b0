// ML-DSA verification on hostile input. Two modes, chosen by the second byte:
// - raw: the input is split into a public key, a signature and a message; such a tuple must never
//   verify (a forgery from random bytes) and decoding must never crash;
// - mutate: the input lists (offset, xor) edits applied to a valid (pk, sig, msg, ctx) tuple; the
//   result may verify only when the edits cancel out and the tuple is unchanged.
#include <array>
#include <cstddef>
#include <cstdint>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/mldsa.hpp"
#include "pq_tuple.hpp"

namespace {

using luxl2::Bytes;
using luxl2::ByteView;
using luxl2::fuzz::PqTuple;
using namespace luxl2::crypto;

const PqTuple& valid(mldsa::Level lv) {
    static std::array<PqTuple, 3> cache;
    static std::array<bool, 3> ready{};
    const auto i = static_cast<std::size_t>(lv);
    if (!ready[i]) {
        const auto kp = mldsa::keygen(lv, Bytes(32, 0x5C)).value();
        PqTuple v;
        v.pk = kp.public_key;
        v.msg = {'f', 'u', 'z', 'z'};
        v.ctx = {0x01, 0x02};
        v.sig = mldsa::sign(lv, kp.secret_key, v.msg, v.ctx, Bytes(32, 0)).value();
        cache[i] = std::move(v);
        ready[i] = true;
    }
    return cache[i];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const auto lv = static_cast<mldsa::Level>(data[0] % 3);
    const auto& p = mldsa::params(lv);
    const bool mutate = data[1] & 1;
    ByteView in(data + 2, size - 2);
    if (!mutate) {
        const std::size_t pk_len = std::min(in.size(), p.public_key_bytes);
        const ByteView pk = in.first(pk_len);
        in = in.subspan(pk_len);
        const std::size_t sig_len = std::min(in.size(), p.signature_bytes);
        const ByteView sig = in.first(sig_len);
        const ByteView msg = in.subspan(sig_len);
        auto r = mldsa::verify(lv, pk, msg, sig, {});
        LUXL2_ASSERT(!(r && *r));
        auto ri = mldsa::verify_internal(lv, pk, msg, sig);
        LUXL2_ASSERT(!(ri && *ri));
        return 0;
    }
    const PqTuple& v = valid(lv);
    PqTuple t = v;
    luxl2::fuzz::apply_edits(t, in, 3);
    auto r = mldsa::verify(lv, t.pk, t.msg, t.sig, t.ctx);
    if (r && *r) LUXL2_ASSERT(t == v);
    return 0;
}
