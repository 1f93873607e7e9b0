// Private: the SHA-NI pieces shared by the batched SHA-256 routines (sha256_64.cpp, sha256_chunked.cpp):
// L independent messages ("lanes") in lockstep, every step looping over the lanes so the compiler
// interleaves L dependency chains. Defines LUXL2_SHA_NI where the SHA extensions can be compiled.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sha256_constants.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LUXL2_SHA_NI 1
#include <immintrin.h>

#define LUXL2_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

namespace luxl2::crypto::sha256_detail {

/// The initial hash value in each lane, as the instructions keep it: ABEF and CDGH.
template <std::size_t L>
LUXL2_SHA_TARGET __attribute__((always_inline)) inline void initial_state(__m128i (&abef)[L],
                                                                          __m128i (&cdgh)[L]) noexcept {
    const __m128i abef0 = _mm_set_epi32(static_cast<int>(kIV[0]), static_cast<int>(kIV[1]), static_cast<int>(kIV[4]),
                                        static_cast<int>(kIV[5]));
    const __m128i cdgh0 = _mm_set_epi32(static_cast<int>(kIV[2]), static_cast<int>(kIV[3]), static_cast<int>(kIV[6]),
                                        static_cast<int>(kIV[7]));
#pragma GCC unroll 4
    for (std::size_t l = 0; l < L; ++l) {
        abef[l] = abef0;
        cdgh[l] = cdgh0;
    }
}

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

/// Each lane's state (ABEF, CDGH) as its 32-byte big-endian digest at out[l].
template <std::size_t L>
LUXL2_SHA_TARGET __attribute__((always_inline)) inline void store_digests(const __m128i (&abef)[L],
                                                                          const __m128i (&cdgh)[L],
                                                                          std::uint8_t* const* out) noexcept {
    const __m128i bswap_out = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
#pragma GCC unroll 4
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

}  // namespace luxl2::crypto::sha256_detail

#endif
