// The extension tower of BLS12-381: Fp2 = Fp[u]/(u^2 + 1), Fp6 = Fp2[v]/(v^3 - xi) with xi = 1 + u,
// Fp12 = Fp6[w]/(w^2 - v). Karatsuba-style formulas; constant time like Fp (except "vartime").
// Multiplications accumulate double-width products (Fp2X, Fp6X over fp_wide.hpp's FpX) and reduce
// once per output coefficient of Fp2, Fp6 and Fp12 products.
#pragma once

#include "fp.hpp"
#include "fp_inv_vartime.hpp"
#include "fp_wide.hpp"

namespace luxl2::crypto::bls::detail {

struct Fp2 {
    Fp c0, c1;
};

}  // namespace luxl2::crypto::bls::detail

#include "constants_fp2.hpp"

namespace luxl2::crypto::bls::detail {

// ---- Fp2 ----
[[gnu::always_inline]] inline Fp2 operator+(const Fp2& a, const Fp2& b) {
    return {a.c0 + b.c0, a.c1 + b.c1};
}
[[gnu::always_inline]] inline Fp2 operator-(const Fp2& a, const Fp2& b) {
    return {a.c0 - b.c0, a.c1 - b.c1};
}
[[gnu::always_inline]] inline Fp2 operator-(const Fp2& a) {
    return {-a.c0, -a.c1};
}
/// An Fp2 element as two double-width coefficients (see FpX).
struct Fp2X {
    FpX c0, c1;
};
/// a·b unreduced, for coefficients below 2p (reduced, or one unreduced sum add_nr): Karatsuba, three
/// products. a0b0 and a1b1 are below 4p^2 < p·2^384; (a0 + a1)(b0 + b1) is below 16p^2 < 2^768, and
/// a0b1 + a1b0 = (a0 + a1)(b0 + b1) - a0b0 - a1b1 is non-negative and below 8p^2 < p·2^384, so its
/// subtractions need no correction.
inline Fp2X mul_wide(const Fp2& a, const Fp2& b) {
    const FpX t0 = mul_wide(a.c0, b.c0), t1 = mul_wide(a.c1, b.c1);
    const FpX t2 = mul_wide(add_nr(a.c0, a.c1), add_nr(b.c0, b.c1));
    return {t0 - t1, sub_nr(sub_nr(t2, t0), t1)};
}
/// a + b coefficient-wise without reduction (below 2p): only as an operand of mul_wide.
[[gnu::always_inline]] inline Fp2 add_nr(const Fp2& a, const Fp2& b) {
    return {add_nr(a.c0, b.c0), add_nr(a.c1, b.c1)};
}
inline Fp2 redc(const Fp2X& a) {
    return {redc(a.c0), redc(a.c1)};
}
[[gnu::always_inline]] inline Fp2X operator+(const Fp2X& a, const Fp2X& b) {
    return {a.c0 + b.c0, a.c1 + b.c1};
}
[[gnu::always_inline]] inline Fp2X operator-(const Fp2X& a, const Fp2X& b) {
    return {a.c0 - b.c0, a.c1 - b.c1};
}
/// a·(1 + u)
[[gnu::always_inline]] inline Fp2X mul_by_xi(const Fp2X& a) {
    return {a.c0 - a.c1, a.c0 + a.c1};
}
inline Fp2 operator*(const Fp2& a, const Fp2& b) {
    return redc(mul_wide(a, b));
}
inline Fp2 operator*(const Fp2& a, const Fp& s) {
    return {a.c0 * s, a.c1 * s};
}
inline Fp2& operator+=(Fp2& a, const Fp2& b) {
    return a = a + b;
}
inline Fp2& operator-=(Fp2& a, const Fp2& b) {
    return a = a - b;
}
inline Fp2& operator*=(Fp2& a, const Fp2& b) {
    return a = a * b;
}
/// (a0 + a1)(a0 - a1) and 2a0·a1, with the unreduced sums (below 2p) fed to the multiplication.
inline Fp2 sqr(const Fp2& a) {
    return {add_nr(a.c0, a.c1) * (a.c0 - a.c1), add_nr(a.c0, a.c0) * a.c1};
}
/// a^2 unreduced (the same two products).
inline Fp2X sqr_wide(const Fp2& a) {
    return {mul_wide(add_nr(a.c0, a.c1), a.c0 - a.c1), mul_wide(add_nr(a.c0, a.c0), a.c1)};
}
[[gnu::always_inline]] inline Fp2 dbl(const Fp2& a) {
    return a + a;
}
inline Fp2 half(const Fp2& a) {
    return {half(a.c0), half(a.c1)};
}
inline Fp2 conj(const Fp2& a) {
    return {a.c0, -a.c1};
}
/// a·(1 + u)
[[gnu::always_inline]] inline Fp2 mul_by_xi(const Fp2& a) {
    return {a.c0 - a.c1, a.c0 + a.c1};
}
inline Fp2 fp2_zero() {
    return {};
}
inline Fp2 fp2_one() {
    return {kOne, Fp{}};
}
inline u64 is_zero_mask(const Fp2& a) {
    return is_zero_mask(a.c0) & is_zero_mask(a.c1);
}
inline bool is_zero(const Fp2& a) {
    return is_zero_mask(a) != 0;
}
inline u64 eq_mask(const Fp2& a, const Fp2& b) {
    return eq_mask(a.c0, b.c0) & eq_mask(a.c1, b.c1);
}
inline bool operator==(const Fp2& a, const Fp2& b) {
    return eq_mask(a, b) != 0;
}
inline Fp2 select(u64 mask, const Fp2& a, const Fp2& b) {
    return {select(mask, a.c0, b.c0), select(mask, a.c1, b.c1)};
}
inline Fp2 inv(const Fp2& a) {
    const Fp t = inv(sqr(a.c0) + sqr(a.c1));
    return {a.c0 * t, -(a.c1 * t)};
}
/// 1/a with a variable-time inversion of the norm: for public values only (see inv_vartime).
inline Fp2 inv_vartime(const Fp2& a) {
    const Fp t = inv_vartime(sqr(a.c0) + sqr(a.c1));
    return {a.c0 * t, -(a.c1 * t)};
}
/// Norm a0^2 + a1^2: a is a square in Fp2 iff its norm is a square in Fp.
inline bool is_square(const Fp2& a) {
    return is_square(sqr(a.c0) + sqr(a.c1));
}
/// A square root of a, or false when a is not a square (complex method for p ≡ 3 mod 4).
bool sqrt(Fp2& out, const Fp2& a);
/// The same when a square root `alpha` of the norm a0^2 + a1^2 is already known (a1 != 0 or not).
bool sqrt_given_norm_root(Fp2& out, const Fp2& a, const Fp& alpha);
/// sgn0 of RFC 9380 (Section 4.1) for m = 2.
inline bool sgn0(const Fp2& a) {
    const Fp c0 = from_mont(a.c0), c1 = from_mont(a.c1);
    const bool sign0 = (c0.l[0] & 1) != 0;
    const bool zero0 = is_zero(c0);
    const bool sign1 = (c1.l[0] & 1) != 0;
    return sign0 || (zero0 && sign1);
}
/// ZCash sign for Fp2: compare c1 unless it is zero, then c0.
inline bool lexicographically_largest(const Fp2& a) {
    return is_zero(a.c1) ? lexicographically_largest(a.c0) : lexicographically_largest(a.c1);
}

// ---- Fp6 ----
struct Fp6 {
    Fp2 c0, c1, c2;
};
inline Fp6 operator+(const Fp6& a, const Fp6& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
}
inline Fp6 operator-(const Fp6& a, const Fp6& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
}
inline Fp6 operator-(const Fp6& a) {
    return {-a.c0, -a.c1, -a.c2};
}
struct Fp6X {
    Fp2X c0, c1, c2;
};
/// a·b unreduced for reduced a, b (Karatsuba, six Fp2 products; the pairwise sums go to mul_wide
/// unreduced).
inline Fp6X mul_wide(const Fp6& a, const Fp6& b) {
    const Fp2X v0 = mul_wide(a.c0, b.c0), v1 = mul_wide(a.c1, b.c1), v2 = mul_wide(a.c2, b.c2);
    return {v0 + mul_by_xi(mul_wide(add_nr(a.c1, a.c2), add_nr(b.c1, b.c2)) - v1 - v2),
            mul_wide(add_nr(a.c0, a.c1), add_nr(b.c0, b.c1)) - v0 - v1 + mul_by_xi(v2),
            mul_wide(add_nr(a.c0, a.c2), add_nr(b.c0, b.c2)) - v0 - v2 + v1};
}
inline Fp6 redc(const Fp6X& a) {
    return {redc(a.c0), redc(a.c1), redc(a.c2)};
}
inline Fp6X operator+(const Fp6X& a, const Fp6X& b) {
    return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
}
inline Fp6X operator-(const Fp6X& a, const Fp6X& b) {
    return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
}
/// a·v
inline Fp6X mul_by_v(const Fp6X& a) {
    return {mul_by_xi(a.c2), a.c0, a.c1};
}
inline Fp6 operator*(const Fp6& a, const Fp6& b) {
    return redc(mul_wide(a, b));
}
inline Fp6 sqr(const Fp6& a) {
    // Chung–Hasan SQR2: 2 multiplications and 3 squarings in Fp2.
    const Fp2 s0 = sqr(a.c0), ab = a.c0 * a.c1, s1 = dbl(ab), s2 = sqr(a.c0 - a.c1 + a.c2);
    const Fp2 bc = a.c1 * a.c2, s3 = dbl(bc), s4 = sqr(a.c2);
    return {s0 + mul_by_xi(s3), s1 + mul_by_xi(s4), s1 + s2 + s3 - s0 - s4};
}
/// a·v
inline Fp6 mul_by_v(const Fp6& a) {
    return {mul_by_xi(a.c2), a.c0, a.c1};
}
/// a·(0 + b1 v + b2 v^2), unreduced
inline Fp6X mul_by_12_wide(const Fp6& a, const Fp2& b1, const Fp2& b2) {
    const Fp2X t1 = mul_wide(a.c1, b1), t2 = mul_wide(a.c2, b2);
    return {mul_by_xi(mul_wide(add_nr(a.c1, a.c2), add_nr(b1, b2)) - t1 - t2), mul_wide(a.c0, b1) + mul_by_xi(t2),
            mul_wide(a.c0, b2) + t1};
}
inline Fp6 mul_by_12(const Fp6& a, const Fp2& b1, const Fp2& b2) {
    return redc(mul_by_12_wide(a, b1, b2));
}
inline Fp6X mul_by_fp2_wide(const Fp6& a, const Fp2& s) {
    return {mul_wide(a.c0, s), mul_wide(a.c1, s), mul_wide(a.c2, s)};
}
inline Fp6 mul_by_fp2(const Fp6& a, const Fp2& s) {
    return {a.c0 * s, a.c1 * s, a.c2 * s};
}
inline Fp6 inv(const Fp6& a) {
    const Fp2 t0 = sqr(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 t1 = mul_by_xi(sqr(a.c2)) - a.c0 * a.c1;
    const Fp2 t2 = sqr(a.c1) - a.c0 * a.c2;
    const Fp2 d = inv(a.c0 * t0 + mul_by_xi(a.c2 * t1 + a.c1 * t2));
    return {t0 * d, t1 * d, t2 * d};
}
/// The same with the variable-time inversion at the bottom: for public values only.
inline Fp6 inv_vartime(const Fp6& a) {
    const Fp2 t0 = sqr(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 t1 = mul_by_xi(sqr(a.c2)) - a.c0 * a.c1;
    const Fp2 t2 = sqr(a.c1) - a.c0 * a.c2;
    const Fp2 d = inv_vartime(a.c0 * t0 + mul_by_xi(a.c2 * t1 + a.c1 * t2));
    return {t0 * d, t1 * d, t2 * d};
}
inline bool operator==(const Fp6& a, const Fp6& b) {
    return a.c0 == b.c0 && a.c1 == b.c1 && a.c2 == b.c2;
}

// ---- Fp12 ----
struct Fp12 {
    Fp6 c0, c1;
};
inline Fp12 fp12_one() {
    return {{fp2_one(), {}, {}}, {}};
}
inline Fp12 operator*(const Fp12& a, const Fp12& b) {
    const Fp6X v0 = mul_wide(a.c0, b.c0), v1 = mul_wide(a.c1, b.c1);
    return {redc(v0 + mul_by_v(v1)), redc(mul_wide(a.c0 + a.c1, b.c0 + b.c1) - v0 - v1)};
}
inline Fp12& operator*=(Fp12& a, const Fp12& b) {
    return a = a * b;
}
inline Fp12 sqr(const Fp12& a) {
    const Fp6X ab = mul_wide(a.c0, a.c1);
    const Fp6 ab_r = redc(ab);
    return {redc(mul_wide(a.c0 + a.c1, a.c0 + mul_by_v(a.c1)) - ab - mul_by_v(ab)), ab_r + ab_r};
}
inline Fp12 conj(const Fp12& a) {
    return {a.c0, -a.c1};
}
inline Fp12 inv(const Fp12& a) {
    const Fp6 t = inv(sqr(a.c0) - mul_by_v(sqr(a.c1)));
    return {a.c0 * t, -(a.c1 * t)};
}
/// The same with the variable-time inversion at the bottom: for public values only.
inline Fp12 inv_vartime(const Fp12& a) {
    const Fp6 t = inv_vartime(sqr(a.c0) - mul_by_v(sqr(a.c1)));
    return {a.c0 * t, -(a.c1 * t)};
}
inline bool operator==(const Fp12& a, const Fp12& b) {
    return a.c0 == b.c0 && a.c1 == b.c1;
}
inline bool is_one(const Fp12& a) {
    return a == fp12_one();
}

/// a·(y0 + y1·v), unreduced: (a0 + a1 v + a2 v^2)(y0 + y1 v) with v^3 = xi, five products
/// (Karatsuba on the a0, a1 part).
inline Fp6X mul_by_01_wide(const Fp6& a, const Fp2& y0, const Fp2& y1) {
    const Fp2X t0 = mul_wide(a.c0, y0), t1 = mul_wide(a.c1, y1);
    return {t0 + mul_by_xi(mul_wide(a.c2, y1)), mul_wide(add_nr(a.c0, a.c1), add_nr(y0, y1)) - t0 - t1,
            t1 + mul_wide(a.c2, y0)};
}

/// f·(a0 + a1·v + b1·v·w): the sparse product with a Miller-loop line in the shape pairing.cpp
/// gives it, A = (a0, a1, 0) and B = (0, b1, 0) over w, Karatsuba over w with A + B = (a0, a1 + b1, 0):
/// 5 + 3 + 5 = 13 Fp2 products and 12 reductions.
inline Fp12 mul_by_line(const Fp12& f, const Fp2& a0, const Fp2& a1, const Fp2& b1) {
    const Fp6X a = mul_by_01_wide(f.c0, a0, a1);
    const Fp6X b = mul_by_v(mul_by_fp2_wide(f.c1, b1));
    const Fp6X c = mul_by_01_wide(f.c0 + f.c1, a0, a1 + b1);
    return {redc(a + mul_by_v(b)), redc(c - a - b)};
}

/// Squaring in the cyclotomic subgroup (elements with f^(p^6 + 1) = 1 ... f^(p^4 - p^2 + 1) = 1), by
/// Granger and Scott ("Faster squaring in the cyclotomic subgroup of sixth degree extensions",
/// PKC 2010): Fp12 seen as three Fp4 = Fp2[s]/(s^2 - xi) elements, three Fp4 squarings.
inline Fp12 cyclotomic_sqr(const Fp12& f) {
    auto fp4_sqr = [](const Fp2& a, const Fp2& b, Fp2& c0, Fp2& c1) {
        const Fp2 t0 = sqr(a), t1 = sqr(b);
        c0 = mul_by_xi(t1) + t0;
        c1 = sqr(a + b) - t0 - t1;
    };
    Fp2 z0 = f.c0.c0, z4 = f.c0.c1, z3 = f.c0.c2, z2 = f.c1.c0, z1 = f.c1.c1, z5 = f.c1.c2;
    Fp2 t0, t1, t2, t3;
    fp4_sqr(z0, z1, t0, t1);
    z0 = dbl(t0 - z0) + t0;
    z1 = dbl(t1 + z1) + t1;
    fp4_sqr(z2, z3, t0, t1);
    fp4_sqr(z4, z5, t2, t3);
    z4 = dbl(t0 - z4) + t0;
    z5 = dbl(t1 + z5) + t1;
    t0 = mul_by_xi(t3);
    z2 = dbl(t0 + z2) + t0;
    z3 = dbl(t2 - z3) + t2;
    return {{z0, z4, z3}, {z2, z1, z5}};
}

/// x^p: the Frobenius map (coefficient of w^k picks up xi^(k(p-1)/6)).
inline Fp12 frobenius(const Fp12& a) {
    return {{conj(a.c0.c0), conj(a.c0.c1) * kFrob1_2, conj(a.c0.c2) * kFrob1_4},
            {conj(a.c1.c0) * kFrob1_1, conj(a.c1.c1) * kFrob1_3, conj(a.c1.c2) * kFrob1_5}};
}
/// x^(p^2)
inline Fp12 frobenius2(const Fp12& a) {
    return {{a.c0.c0, a.c0.c1 * kFrob2_2, a.c0.c2 * kFrob2_4},
            {a.c1.c0 * kFrob2_1, a.c1.c1 * kFrob2_3, a.c1.c2 * kFrob2_5}};
}

}  // namespace luxl2::crypto::bls::detail
