// SHA-256 of equal-length messages in interleaved SHA-NI lanes, and the chunked tree built on it.
//
// A single SHA-256 stream is latency-bound: each sha256rnds2 waits for the previous one. Messages of
// the same length have the same number of blocks and the same padding, so L of them can run in
// lockstep, every step looping over the lanes so the compiler interleaves L independent chains.
// Without SHA-NI, OpenSSL hashes the messages one after the other.
#include "luxl2/crypto/sha256_chunked.hpp"

#include <array>
#include <atomic>
#include <cstring>

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/sha256.hpp"
#include "sha256_ni.hpp"

namespace luxl2::crypto {
namespace {

#ifdef LUXL2_SHA_NI

using sha256_detail::compress_blocks;
using sha256_detail::initial_state;
using sha256_detail::store_digests;

template <std::size_t L>
LUXL2_SHA_TARGET __attribute__((always_inline)) inline void sha_ni_same_length(const std::uint8_t* const* in,
                                                                               std::size_t len,
                                                                               std::uint8_t* const* out) noexcept {
    __m128i abef[L], cdgh[L];
    initial_state<L>(abef, cdgh);
    const std::size_t full = len / 64;
    compress_blocks<L>(abef, cdgh, in, full);
    // FIPS 180-4 §5.1.1 padding: the tail, 0x80, zeros, the bit length; one or two blocks.
    const std::size_t rest = len % 64;
    const std::size_t pad_blocks = rest + 9 <= 64 ? 1 : 2;
    alignas(16) std::uint8_t tail[L][128];
    const std::uint8_t* tails[L];
    for (std::size_t l = 0; l < L; ++l) {
        std::memset(tail[l], 0, sizeof tail[l]);
        if (rest != 0) std::memcpy(tail[l], in[l] + 64 * full, rest);
        tail[l][rest] = 0x80;
        store_be64(tail[l] + 64 * pad_blocks - 8, static_cast<std::uint64_t>(len) * 8);
        tails[l] = tail[l];
    }
    compress_blocks<L>(abef, cdgh, tails, pad_blocks);
    store_digests<L>(abef, cdgh, out);
}

// The lanes, compiled twice: with AVX-512VL the compiler has 32 vector registers for the message
// schedules and states (the SHA instructions themselves still use the first 16), which removes
// spills and is about 10% faster on Zen 4.
template <std::size_t L>
LUXL2_SHA_TARGET void lanes_sse(const std::uint8_t* const* in, std::size_t len, std::uint8_t* const* out) noexcept {
    sha_ni_same_length<L>(in, len, out);
}
template <std::size_t L>
__attribute__((target("sha,sse4.1,ssse3,avx2,avx512f,avx512vl"))) void lanes_avx512(const std::uint8_t* const* in,
                                                                                    std::size_t len,
                                                                                    std::uint8_t* const* out) noexcept {
    sha_ni_same_length<L>(in, len, out);
}

bool have_sha_ni() noexcept {
    static const bool yes = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
    return yes;
}
std::atomic<bool> g_allow_avx512{true};

bool have_avx512vl() noexcept {
    static const bool yes = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    return yes && g_allow_avx512.load(std::memory_order_relaxed);
}

template <std::size_t L>
void lanes(const std::uint8_t* const* in, std::size_t len, std::uint8_t* const* out) noexcept {
    if (have_avx512vl())
        lanes_avx512<L>(in, len, out);
    else
        lanes_sse<L>(in, len, out);
}

#endif  // LUXL2_SHA_NI

}  // namespace

void allow_sha256_lanes_avx512(bool allow) noexcept {
#ifdef LUXL2_SHA_NI
    g_allow_avx512.store(allow, std::memory_order_relaxed);
#else
    (void)allow;
#endif
}

void sha256_same_length(const std::uint8_t* const* in, std::size_t len, std::uint8_t* const* out,
                        std::size_t n) noexcept {
#ifdef LUXL2_SHA_NI
    if (have_sha_ni()) {
        // Four lanes reach the SHA unit's throughput (as in sha256_64.cpp); more spill registers.
        std::size_t i = 0;
        for (; i + 4 <= n; i += 4) lanes<4>(in + i, len, out + i);
        for (; i + 2 <= n; i += 2) lanes<2>(in + i, len, out + i);
        if (i < n) lanes<1>(in + i, len, out + i);
        return;
    }
#endif
    for (std::size_t i = 0; i < n; ++i) {
        const Hash32 h = sha256(ByteView(in[i], len));
        std::memcpy(out[i], h.data(), 32);
    }
}

void Sha256Chunked::hash_chunks(const std::uint8_t* p, std::size_t chunks) {
    const std::size_t at = digests_.size();
    digests_.resize(at + 32 * chunks);
    std::array<const std::uint8_t*, kLanes> ins{};
    std::array<std::uint8_t*, kLanes> outs{};
    for (std::size_t c = 0; c < chunks; c += kLanes) {
        const std::size_t lanes = std::min(kLanes, chunks - c);
        for (std::size_t l = 0; l < lanes; ++l) {
            ins[l] = p + (c + l) * kChunk;
            outs[l] = digests_.data() + at + 32 * (c + l);
        }
        sha256_same_length(ins.data(), kChunk, outs.data(), lanes);
    }
}

void Sha256Chunked::update(ByteView data) {
    total_ += data.size();
    constexpr std::size_t kGroup = kLanes * kChunk;
    if (!stage_.empty()) {
        const std::size_t take = std::min(kGroup - stage_.size(), data.size());
        append(stage_, data.first(take));
        data = data.subspan(take);
        if (stage_.size() < kGroup) return;
        hash_chunks(stage_.data(), kLanes);
        stage_.clear();
    }
    const std::size_t groups = data.size() / kGroup;
    hash_chunks(data.data(), groups * kLanes);
    data = data.subspan(groups * kGroup);
    if (!data.empty()) {
        stage_.reserve(kGroup);
        append(stage_, data);
    }
}

Hash32 Sha256Chunked::finish() {
    const std::size_t full = stage_.size() / kChunk;
    hash_chunks(stage_.data(), full);
    const std::size_t rest = stage_.size() % kChunk;
    if (rest != 0) append(digests_, sha256(ByteView(stage_).subspan(full * kChunk)));
    Bytes top(8);
    store_be64(top.data(), total_);
    append(top, digests_);
    digests_.clear();
    stage_.clear();
    total_ = 0;
    return sha256(top);
}

Hash32 sha256_chunked(ByteView data) {
    Sha256Chunked h;
    h.update(data);
    return h.finish();
}

}  // namespace luxl2::crypto
