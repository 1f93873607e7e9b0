// AVX2 form of RejNTTPoly's parsing (CoeffFromThreeBytes, FIPS 204 Algorithm 14): eight candidates
// (24 bytes) per step: spread to 32-bit lanes by a byte shuffle, masked to 23 bits, compared with q,
// and the accepted ones packed to the front by a permutation chosen by the comparison mask. The
// candidates are public (derived from ρ). It accepts exactly the coefficients the scalar loop
// accepts, in the same order, and leaves the last few candidates to it.
#include <immintrin.h>

#include <array>

#include "mldsa_poly.hpp"

namespace luxl2::crypto::mldsa_detail {
namespace {

// For each 8-bit acceptance mask, the lanes to keep, first to last (the rest are 0).
consteval std::array<std::array<std::uint8_t, 8>, 256> make_compress() {
    std::array<std::array<std::uint8_t, 8>, 256> t{};
    for (unsigned m = 0; m < 256; ++m) {
        unsigned k = 0;
        for (unsigned i = 0; i < 8; ++i)
            if ((m >> i) & 1u) t[m][k++] = static_cast<std::uint8_t>(i);
    }
    return t;
}
constexpr auto kCompress = make_compress();

}  // namespace

__attribute__((target("avx2,popcnt"))) std::size_t rej_parse_avx2(Poly& out, std::size_t n, const std::uint8_t* buf,
                                                                  std::size_t len, std::size_t& used) noexcept {
    const __m256i shuffle = _mm256_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1,  //
                                             4, 5, 6, -1, 7, 8, 9, -1, 10, 11, 12, -1, 13, 14, 15, -1);
    const __m256i mask23 = _mm256_set1_epi32(0x7FFFFF);
    const __m256i q = _mm256_set1_epi32(kQ);
    std::size_t pos = 0;
    // Reads 32 bytes for 24; writes eight lanes at out[n] (only the accepted count is kept).
    while (pos + 32 <= len && n + 8 <= kN) {
        const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(buf + pos));
        // Low lane: bytes 0-15; high lane: bytes 8-23 (so candidates 4-7 start at its byte 4).
        const __m256i spread = _mm256_shuffle_epi8(_mm256_permute4x64_epi64(raw, 0x94), shuffle);
        const __m256i z = _mm256_and_si256(spread, mask23);
        const auto accept = static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(q, z))));
        const __m256i idx =
            _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(kCompress[accept].data())));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.data() + n), _mm256_permutevar8x32_epi32(z, idx));
        n += static_cast<std::size_t>(__builtin_popcount(accept));
        pos += 24;
    }
    used = pos;
    return n;
}

}  // namespace luxl2::crypto::mldsa_detail
