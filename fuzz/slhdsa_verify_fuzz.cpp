// SLH-DSA verification on hostile input (the fast sets SHAKE-128f, SHA2-128f, SHAKE-192f). Two
// modes, chosen by the second byte:
// - raw: the input is split into a public key, a signature and a message; such a tuple must never
//   verify and must never crash (short or long signatures are rejected);
// - mutate: (offset, xor) edits of a valid (pk, sig, msg, ctx) tuple; it may verify only unchanged.
#include <array>
#include <cstddef>
#include <cstdint>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/slhdsa.hpp"
#include "pq_tuple.hpp"

namespace {

using luxl2::Bytes;
using luxl2::ByteView;
using luxl2::fuzz::PqTuple;
using namespace luxl2::crypto;

constexpr std::array<slhdsa::ParamSet, 3> kSets = {slhdsa::ParamSet::shake_128f, slhdsa::ParamSet::sha2_128f,
                                                   slhdsa::ParamSet::shake_192f};

const PqTuple& valid(std::size_t i) {
    static std::array<PqTuple, kSets.size()> cache;
    static std::array<bool, kSets.size()> ready{};
    if (!ready[i]) {
        const auto& p = slhdsa::params(kSets[i]);
        const auto kp = slhdsa::keygen(kSets[i], Bytes(3 * p.n, 0x3A)).value();
        PqTuple v;
        v.pk = kp.public_key;
        v.msg = {'f', 'u', 'z', 'z'};
        v.ctx = {0x01, 0x02};
        v.sig = slhdsa::sign(kSets[i], kp.secret_key, v.msg, v.ctx, {}).value();
        cache[i] = std::move(v);
        ready[i] = true;
    }
    return cache[i];
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t which = data[0] % kSets.size();
    const auto set = kSets[which];
    const auto& p = slhdsa::params(set);
    const bool mutate = data[1] & 1;
    ByteView in(data + 2, size - 2);
    if (!mutate) {
        const std::size_t pk_len = std::min(in.size(), p.public_key_bytes);
        const ByteView pk = in.first(pk_len);
        in = in.subspan(pk_len);
        // Short inputs are stretched to a full signature by repetition, so the tree walks run.
        Bytes sig(p.signature_bytes, 0);
        for (std::size_t i = 0; i < sig.size() && !in.empty(); ++i) sig[i] = in[i % in.size()];
        if (!in.empty() && in[0] == 0xFF) sig.pop_back();
        const ByteView msg = in.first(std::min<std::size_t>(in.size(), 16));
        auto r = slhdsa::verify(set, pk, msg, sig, {});
        LUXL2_ASSERT(!(r && *r));
        return 0;
    }
    const PqTuple& v = valid(which);
    PqTuple t = v;
    luxl2::fuzz::apply_edits(t, in, 7);
    auto r = slhdsa::verify(set, t.pk, t.msg, t.sig, t.ctx);
    if (r && *r) LUXL2_ASSERT(t == v);
    return 0;
}
