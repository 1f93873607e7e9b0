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

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LUXL2_SHA_NI 1
#include <immintrin.h>
#endif

namespace luxl2::crypto {
namespace {

#ifdef LUXL2_SHA_NI

// FIPS 180-4 §4.2.2 constants and §5.3.3 initial hash value.
alignas(16) constexpr std::array<std::uint32_t, 64> kK = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
constexpr std::array<std::uint32_t, 8> kIV = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define LUXL2_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

// `blocks` 64-byte blocks of each lane, lane l's at in[l] + 64 b, into the lane states (ABEF, CDGH:
// the order the SHA instructions keep the working variables in).
template <std::size_t L>
LUXL2_SHA_TARGET __attribute__((always_inline)) inline void compress_blocks(__m128i (&abef)[L], __m128i (&cdgh)[L],
                                                                            const std::uint8_t* const* in,
                                                                            std::size_t blocks) noexcept {
    const __m128i bswap_words = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    const auto* k = reinterpret_cast<const __m128i*>(kK.data());
    for (std::size_t b = 0; b < blocks; ++b) {
        __m128i s0[L], s1[L], w[L][4];
#pragma GCC unroll 4
        for (std::size_t l = 0; l < L; ++l) {
            s0[l] = abef[l];
            s1[l] = cdgh[l];
        }
#pragma GCC unroll 16
        for (std::size_t g = 0; g < 16; ++g) {
            const __m128i kg = _mm_load_si128(k + g);
#pragma GCC unroll 4
            for (std::size_t l = 0; l < L; ++l) {
                __m128i& wg = w[l][g & 3];
                if (g < 4) {
                    wg = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in[l] + 64 * b + 16 * g)),
                                          bswap_words);
                } else {
                    const __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(w[l][g & 3], w[l][(g + 1) & 3]),
                                                    _mm_alignr_epi8(w[l][(g + 3) & 3], w[l][(g + 2) & 3], 4));
                    wg = _mm_sha256msg2_epu32(t, w[l][(g + 3) & 3]);
                }
                __m128i kw = _mm_add_epi32(wg, kg);
                s1[l] = _mm_sha256rnds2_epu32(s1[l], s0[l], kw);
                kw = _mm_shuffle_epi32(kw, 0x0E);
                s0[l] = _mm_sha256rnds2_epu32(s0[l], s1[l], kw);
            }
        }
#pragma GCC unroll 4
        for (std::size_t l = 0; l < L; ++l) {
            abef[l] = _mm_add_epi32(abef[l], s0[l]);
            cdgh[l] = _mm_add_epi32(cdgh[l], s1[l]);
        }
    }
}

template <std::size_t L>
LUXL2_SHA_TARGET __attribute__((always_inline)) inline void sha_ni_same_length(const std::uint8_t* const* in,
                                                                               std::size_t len,
                                                                               std::uint8_t* const* out) noexcept {
    __m128i abef[L], cdgh[L];
    const __m128i abef0 = _mm_set_epi32(static_cast<int>(kIV[0]), static_cast<int>(kIV[1]), static_cast<int>(kIV[4]),
                                        static_cast<int>(kIV[5]));
    const __m128i cdgh0 = _mm_set_epi32(static_cast<int>(kIV[2]), static_cast<int>(kIV[3]), static_cast<int>(kIV[6]),
                                        static_cast<int>(kIV[7]));
    for (std::size_t l = 0; l < L; ++l) {
        abef[l] = abef0;
        cdgh[l] = cdgh0;
    }
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
    const __m128i bswap_out = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    for (std::size_t l = 0; l < L; ++l) {
        // ABEF, CDGH (high to low lanes: A B E F) back to A B C D and E F G H, then big-endian.
        const __m128i feba = _mm_shuffle_epi32(abef[l], 0x1B);
        const __m128i dchg = _mm_shuffle_epi32(cdgh[l], 0xB1);
        const __m128i dcba = _mm_blend_epi16(feba, dchg, 0xF0);
        const __m128i hgfe = _mm_alignr_epi8(dchg, feba, 8);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out[l]), _mm_shuffle_epi8(dcba, bswap_out));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out[l] + 16), _mm_shuffle_epi8(hgfe, bswap_out));
    }
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
