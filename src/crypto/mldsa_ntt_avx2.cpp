// AVX2 versions of the ML-DSA NTT, inverse NTT and pointwise products (compiled for AVX2 with a
// function attribute, called only when the CPU has it; see mldsa_poly.cpp). Every lane computes
// exactly what the portable code computes, so the results are bit-identical.
//
// Montgomery multiplication on 8 lanes: _mm256_mul_epi32 forms the exact 64-bit products of the even
// lanes (and, after a 32-bit shift, of the odd lanes); t = low32(p)·q^-1 and p − t·q are exact in 64
// bits, and the result is the high half. The last three NTT layers (butterflies inside one vector)
// run on an 8×8 transpose of eight vectors, so every layer is a plain vector butterfly.
#include <immintrin.h>

#include "mldsa_poly.hpp"

namespace luxl2::crypto::mldsa_detail {
namespace {

// Zetas of the in-vector layers, rearranged so lane j of group g (vectors 8g..8g+7) loads its own.
struct Tables {
    alignas(32) std::int32_t f4[4][8];     // forward len 4: ζ[32 + m]
    alignas(32) std::int32_t f2[2][4][8];  // forward len 2: ζ[64 + 2m + c]
    alignas(32) std::int32_t f1[4][4][8];  // forward len 1: ζ[128 + 4m + c]
    alignas(32) std::int32_t i1[4][4][8];  // inverse len 1: −ζ[255 − 4m − c]
    alignas(32) std::int32_t i2[2][4][8];  // inverse len 2: −ζ[127 − 2m − c]
    alignas(32) std::int32_t i4[4][8];     // inverse len 4: −ζ[63 − m]
};

consteval Tables make_tables() {
    Tables t{};
    for (unsigned g = 0; g < 4; ++g)
        for (unsigned j = 0; j < 8; ++j) {
            const unsigned m = 8 * g + j;
            t.f4[g][j] = kZetas[32 + m];
            t.i4[g][j] = -kZetas[63 - m];
            for (unsigned c = 0; c < 2; ++c) {
                t.f2[c][g][j] = kZetas[64 + 2 * m + c];
                t.i2[c][g][j] = -kZetas[127 - 2 * m - c];
            }
            for (unsigned c = 0; c < 4; ++c) {
                t.f1[c][g][j] = kZetas[128 + 4 * m + c];
                t.i1[c][g][j] = -kZetas[255 - 4 * m - c];
            }
        }
    return t;
}
constexpr Tables kTables = make_tables();

#define LUXL2_AVX2 __attribute__((target("avx2")))

LUXL2_AVX2 inline __m256i load(const std::int32_t* p) {
    return _mm256_load_si256(reinterpret_cast<const __m256i*>(p));
}
LUXL2_AVX2 inline __m256i loadu(const std::int32_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
LUXL2_AVX2 inline void storeu(std::int32_t* p, __m256i v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// mont_reduce(a · b) on each of 8 lanes.
LUXL2_AVX2 inline __m256i montmul(__m256i a, __m256i b) {
    const __m256i qinv = _mm256_set1_epi32(static_cast<std::int32_t>(kQInv));
    const __m256i q = _mm256_set1_epi32(kQ);
    const __m256i p_even = _mm256_mul_epi32(a, b);
    const __m256i p_odd = _mm256_mul_epi32(_mm256_srli_epi64(a, 32), _mm256_srli_epi64(b, 32));
    const __m256i t_even = _mm256_mul_epi32(_mm256_mul_epi32(p_even, qinv), q);
    const __m256i t_odd = _mm256_mul_epi32(_mm256_mul_epi32(p_odd, qinv), q);
    const __m256i r_even = _mm256_srli_epi64(_mm256_sub_epi64(p_even, t_even), 32);
    const __m256i r_odd = _mm256_sub_epi64(p_odd, t_odd);
    return _mm256_blend_epi32(r_even, r_odd, 0xAA);
}

LUXL2_AVX2 inline void transpose8(__m256i r[8]) {
    const __m256i t0 = _mm256_unpacklo_epi32(r[0], r[1]), t1 = _mm256_unpackhi_epi32(r[0], r[1]);
    const __m256i t2 = _mm256_unpacklo_epi32(r[2], r[3]), t3 = _mm256_unpackhi_epi32(r[2], r[3]);
    const __m256i t4 = _mm256_unpacklo_epi32(r[4], r[5]), t5 = _mm256_unpackhi_epi32(r[4], r[5]);
    const __m256i t6 = _mm256_unpacklo_epi32(r[6], r[7]), t7 = _mm256_unpackhi_epi32(r[6], r[7]);
    const __m256i s0 = _mm256_unpacklo_epi64(t0, t2), s1 = _mm256_unpackhi_epi64(t0, t2);
    const __m256i s2 = _mm256_unpacklo_epi64(t1, t3), s3 = _mm256_unpackhi_epi64(t1, t3);
    const __m256i s4 = _mm256_unpacklo_epi64(t4, t6), s5 = _mm256_unpackhi_epi64(t4, t6);
    const __m256i s6 = _mm256_unpacklo_epi64(t5, t7), s7 = _mm256_unpackhi_epi64(t5, t7);
    r[0] = _mm256_permute2x128_si256(s0, s4, 0x20);
    r[4] = _mm256_permute2x128_si256(s0, s4, 0x31);
    r[1] = _mm256_permute2x128_si256(s1, s5, 0x20);
    r[5] = _mm256_permute2x128_si256(s1, s5, 0x31);
    r[2] = _mm256_permute2x128_si256(s2, s6, 0x20);
    r[6] = _mm256_permute2x128_si256(s2, s6, 0x31);
    r[3] = _mm256_permute2x128_si256(s3, s7, 0x20);
    r[7] = _mm256_permute2x128_si256(s3, s7, 0x31);
}

// Cooley-Tukey butterfly: (lo, hi) → (lo + ζ·hi, lo − ζ·hi).
LUXL2_AVX2 inline void ct(__m256i& lo, __m256i& hi, __m256i zeta) {
    const __m256i t = montmul(hi, zeta);
    hi = _mm256_sub_epi32(lo, t);
    lo = _mm256_add_epi32(lo, t);
}

// Gentleman-Sande butterfly: (lo, hi) → (lo + hi, ζ·(lo − hi)).
LUXL2_AVX2 inline void gs(__m256i& lo, __m256i& hi, __m256i zeta) {
    const __m256i t = lo;
    lo = _mm256_add_epi32(t, hi);
    hi = montmul(_mm256_sub_epi32(t, hi), zeta);
}

}  // namespace

LUXL2_AVX2 void ntt_avx2(Poly& a) noexcept {
    std::int32_t* p = a.data();
    for (int len = 128, nb = 1; len >= 8; len >>= 1, nb <<= 1) {
        for (int b = 0; b < nb; ++b) {
            const __m256i zeta = _mm256_set1_epi32(kZetas[static_cast<std::size_t>(nb + b)]);
            const int start = 2 * len * b;
            for (int j = start; j < start + len; j += 8) {
                __m256i lo = loadu(p + j), hi = loadu(p + j + len);
                ct(lo, hi, zeta);
                storeu(p + j, lo);
                storeu(p + j + len, hi);
            }
        }
    }
    for (int g = 0; g < 4; ++g) {
        __m256i r[8];
        for (int i = 0; i < 8; ++i) r[i] = loadu(p + 64 * g + 8 * i);
        transpose8(r);  // r[i] lane j = coefficient 8·(8g + j) + i
        const __m256i z4 = load(kTables.f4[g]);
        for (int i = 0; i < 4; ++i) ct(r[i], r[i + 4], z4);
        for (int c = 0; c < 2; ++c) {
            const __m256i z2 = load(kTables.f2[c][g]);
            ct(r[4 * c], r[4 * c + 2], z2);
            ct(r[4 * c + 1], r[4 * c + 3], z2);
        }
        for (int c = 0; c < 4; ++c) ct(r[2 * c], r[2 * c + 1], load(kTables.f1[c][g]));
        transpose8(r);
        for (int i = 0; i < 8; ++i) storeu(p + 64 * g + 8 * i, r[i]);
    }
}

LUXL2_AVX2 void invntt_avx2(Poly& a) noexcept {
    std::int32_t* p = a.data();
    for (int g = 0; g < 4; ++g) {
        __m256i r[8];
        for (int i = 0; i < 8; ++i) r[i] = loadu(p + 64 * g + 8 * i);
        transpose8(r);
        for (int c = 0; c < 4; ++c) gs(r[2 * c], r[2 * c + 1], load(kTables.i1[c][g]));
        for (int c = 0; c < 2; ++c) {
            const __m256i z2 = load(kTables.i2[c][g]);
            gs(r[4 * c], r[4 * c + 2], z2);
            gs(r[4 * c + 1], r[4 * c + 3], z2);
        }
        const __m256i z4 = load(kTables.i4[g]);
        for (int i = 0; i < 4; ++i) gs(r[i], r[i + 4], z4);
        transpose8(r);
        for (int i = 0; i < 8; ++i) storeu(p + 64 * g + 8 * i, r[i]);
    }
    for (int len = 8, nb = 16; len < kN / 2; len <<= 1, nb >>= 1) {
        for (int b = 0; b < nb; ++b) {
            const __m256i zeta = _mm256_set1_epi32(-kZetas[static_cast<std::size_t>(2 * nb - 1 - b)]);
            const int start = 2 * len * b;
            for (int j = start; j < start + len; j += 8) {
                __m256i lo = loadu(p + j), hi = loadu(p + j + len);
                gs(lo, hi, zeta);
                storeu(p + j, lo);
                storeu(p + j + len, hi);
            }
        }
    }
    // The last layer (len 128) with the final scaling folded in: lo' = (lo + hi)·s and
    // hi' = (lo − hi)·(−ζ[1]·s·R^-1), one Montgomery product each instead of a separate pass.
    // |lo ± hi| < 256q < 2^31, so both products reduce into (−q, q), congruent to the portable result.
    const __m256i scale = _mm256_set1_epi32(kInvNttScale);
    const __m256i zeta_scale = _mm256_set1_epi32(kLastZetaScale);
    for (int j = 0; j < kN / 2; j += 8) {
        const __m256i lo = loadu(p + j), hi = loadu(p + j + kN / 2);
        storeu(p + j, montmul(_mm256_add_epi32(lo, hi), scale));
        storeu(p + j + kN / 2, montmul(_mm256_sub_epi32(lo, hi), zeta_scale));
    }
}

LUXL2_AVX2 void pointwise_avx2(Poly& c, const Poly& a, const Poly& b) noexcept {
    for (int j = 0; j < kN; j += 8) storeu(c.data() + j, montmul(loadu(a.data() + j), loadu(b.data() + j)));
}

LUXL2_AVX2 void pointwise_acc_avx2(Poly& c, const Poly& a, const Poly& b) noexcept {
    for (int j = 0; j < kN; j += 8)
        storeu(c.data() + j, _mm256_add_epi32(loadu(c.data() + j), montmul(loadu(a.data() + j), loadu(b.data() + j))));
}

// One row of Â ∘ v̂ in a single pass: eight lanes accumulate all ℓ products in a register.
LUXL2_AVX2 void matrix_row_avx2(Poly& c, const Poly* a, const Poly* v, int l) noexcept {
    for (int j = 0; j < kN; j += 8) {
        __m256i acc = montmul(loadu(a[0].data() + j), loadu(v[0].data() + j));
        for (int s = 1; s < l; ++s)
            acc = _mm256_add_epi32(acc, montmul(loadu(a[s].data() + j), loadu(v[s].data() + j)));
        storeu(c.data() + j, acc);
    }
}

#undef LUXL2_AVX2

}  // namespace luxl2::crypto::mldsa_detail
