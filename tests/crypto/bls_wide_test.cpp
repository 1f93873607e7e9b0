// Double-width (lazy-reduction) arithmetic of BLS12-381, white-box: the ADX routines against the
// portable ones, the reduction against the general Montgomery multiplication, the sums and differences
// modulo p·2^384 at their edges, and the tower products built on them against schoolbook references
// written with reduced Fp operations only.
#include <gtest/gtest.h>

#include <vector>

#include "../../src/crypto/bls/tower.hpp"

namespace luxl2::crypto::bls::detail {
namespace {

u64 next(u64& st) {
    st = st * 6364136223846793005ULL + 1442695040888963407ULL;
    return st ^ (st >> 29);
}

Fp raw_rand(u64& st) {
    Fp c;
    for (auto& l : c.l) l = next(st);
    return c;
}

// A random reduced element (rejection sampling below p).
Fp fp_rand(u64& st) {
    for (;;) {
        Fp c = raw_rand(st);
        c.l[5] &= 0x1fffffffffffffffULL;
        u64 borrow = 0;
        for (int i = 0; i < 6; ++i) (void)sbb(c.l[i], kP[i], borrow);
        if (borrow) return c;
    }
}

Fp p_minus(u64 k) {
    Fp r;
    u64 borrow = 0;
    const u64 kk[6] = {k, 0, 0, 0, 0, 0};
    for (int i = 0; i < 6; ++i) r.l[i] = sbb(kP[i], kk[i], borrow);
    return r;
}

Fp fp_of(u64 v) {
    return Fp{{v, 0, 0, 0, 0, 0}};
}

// Edge operands for products: 0, 1, 2, p - 1, p - 2, and the sums (p - 1) + (p - 1), 2^384 - 1 (a
// multiplication operand may be an unreduced sum; the full product accepts any 384-bit input).
std::vector<Fp> edge_values() {
    Fp all_ones;
    for (auto& l : all_ones.l) l = ~u64{0};
    return {fp_of(0), fp_of(1), fp_of(2), p_minus(1), p_minus(2), add_nr(p_minus(1), p_minus(1)), all_ones};
}

bool same(const FpX& a, const FpX& b) {
    for (int i = 0; i < 12; ++i)
        if (a.l[i] != b.l[i]) return false;
    return true;
}

// t < p·2^384: high half below p.
FpX wide_rand(u64& st) {
    FpX t;
    const Fp lo = raw_rand(st), hi = fp_rand(st);
    for (int i = 0; i < 6; ++i) {
        t.l[i] = lo.l[i];
        t.l[6 + i] = hi.l[i];
    }
    return t;
}

// Reference: t·2^-384 mod p through the general Montgomery multiplication: t = hi·2^384 + lo with
// hi < p, so t·2^-384 = lo·2^-384 + hi.
Fp redc_reference(const FpX& t) {
    Fp lo, hi, a;
    for (int i = 0; i < 6; ++i) {
        lo.l[i] = t.l[i];
        hi.l[i] = t.l[6 + i];
    }
    const Fp one_raw = fp_of(1);
    mont_mul_wide<6>(a.l, lo.l, one_raw.l, kP, kPInv);  // lo may exceed p
    return a + hi;
}

TEST(BlsWide, ProductsMatchPortable) {
    u64 st = 17;
    std::vector<Fp> xs = edge_values();
    for (int i = 0; i < 40; ++i) xs.push_back(raw_rand(st));
    for (int i = 0; i < 40; ++i) xs.push_back(fp_rand(st));
    for (const Fp& a : xs)
        for (const Fp& b : xs) {
            FpX ref;
            mul_wide_portable<6>(ref.l, a.l, b.l);
            EXPECT_TRUE(same(mul_wide(a, b), ref));
#if LUXL2_BLS_X86
            if (cpu_has_adx()) {
                FpX x;
                mul_wide_adx(x.l, a.l, b.l);
                EXPECT_TRUE(same(x, ref));
            }
#endif
        }
    // A spot check of the schoolbook product itself: (2^64 - 1)·(2^64 - 1) = 2^128 - 2^65 + 1.
    FpX w;
    const Fp m = fp_of(~u64{0});
    mul_wide_portable<6>(w.l, m.l, m.l);
    EXPECT_EQ(w.l[0], 1u);
    EXPECT_EQ(w.l[1], ~u64{0} - 1);
    for (int i = 2; i < 12; ++i) EXPECT_EQ(w.l[i], 0u);
}

TEST(BlsWide, ReductionMatchesReference) {
    u64 st = 23;
    std::vector<FpX> ts;
    for (int i = 0; i < 300; ++i) ts.push_back(wide_rand(st));
    // Edges: 0, 1, p·2^384 - 1 (largest allowed), p - 1 in either half, low half all ones.
    FpX zero{}, one{}, top, hi_only{}, lo_only{}, lo_ones{};
    one.l[0] = 1;
    const Fp pm1 = p_minus(1);
    for (int i = 0; i < 6; ++i) {
        top.l[i] = ~u64{0};
        top.l[6 + i] = pm1.l[i];
        hi_only.l[6 + i] = pm1.l[i];
        lo_only.l[i] = pm1.l[i];
        lo_ones.l[i] = ~u64{0};
    }
    for (const FpX& t : {zero, one, top, hi_only, lo_only, lo_ones}) ts.push_back(t);
    // Products of the largest multiplication operands (sums below 2p).
    const Fp s = add_nr(pm1, pm1);
    ts.push_back(mul_wide(s, s));
    ts.push_back(mul_wide(s, pm1));
    for (const FpX& t : ts) {
        Fp ref = redc_reference(t), port;
        redc_portable(port.l, t.l);
        EXPECT_TRUE(port == ref);
        EXPECT_TRUE(redc(t) == ref);
#if LUXL2_BLS_X86
        if (cpu_has_adx()) {
            Fp x;
            redc_adx(x.l, t.l);
            EXPECT_TRUE(x == ref);
        }
#endif
        // Fully reduced output.
        u64 borrow = 0;
        for (int i = 0; i < 6; ++i) (void)sbb(ref.l[i], kP[i], borrow);
        EXPECT_EQ(borrow, 1u);
    }
    // mul_wide then redc is the Montgomery product, also for unreduced operands below 2p.
    for (int i = 0; i < 200; ++i) {
        const Fp a = fp_rand(st), b = fp_rand(st), c = fp_rand(st);
        Fp m;
        const Fp ab = add_nr(a, b);
        mont_mul_wide<6>(m.l, ab.l, c.l, kP, kPInv);
        EXPECT_TRUE(redc(mul_wide(ab, c)) == m);
        EXPECT_TRUE(ab * c == m);  // the fused multiplication accepts a sum below 2p too
        EXPECT_TRUE(ab * add_nr(c, a) == (a + b) * (c + a));
    }
}

TEST(BlsWide, SumsAndDifferencesModuloPTimesR) {
    u64 st = 31;
    std::vector<FpX> ts;
    for (int i = 0; i < 60; ++i) ts.push_back(wide_rand(st));
    FpX zero{}, top;
    const Fp pm1 = p_minus(1);
    for (int i = 0; i < 6; ++i) {
        top.l[i] = ~u64{0};
        top.l[6 + i] = pm1.l[i];
    }
    ts.push_back(zero);
    ts.push_back(top);
    for (const FpX& a : ts)
        for (const FpX& b : ts) {
            const FpX s = a + b, d = a - b;
            FpX ps, pd;
            wide_add_portable(ps.l, a.l, b.l);
            wide_sub_portable(pd.l, a.l, b.l);
            EXPECT_TRUE(same(s, ps));
            EXPECT_TRUE(same(d, pd));
            u64 ge_borrow = 0;
            for (int i = 0; i < 12; ++i) (void)sbb(a.l[i], b.l[i], ge_borrow);
            if (ge_borrow == 0) {
                FpX raw;
                wide_sub_nr_portable(raw.l, a.l, b.l);
                EXPECT_TRUE(same(sub_nr(a, b), raw));
                EXPECT_TRUE(same(sub_nr(a, b), d));  // no borrow: the modular difference is the raw one
            }
            // Results stay below p·2^384 and stand for the sum and difference.
            EXPECT_TRUE(redc(s) == redc(a) + redc(b));
            EXPECT_TRUE(redc(d) == redc(a) - redc(b));
            u64 borrow = 0;
            for (int i = 0; i < 6; ++i) (void)sbb(s.l[6 + i], kP[i], borrow);
            EXPECT_EQ(borrow, 1u);
            borrow = 0;
            for (int i = 0; i < 6; ++i) (void)sbb(d.l[6 + i], kP[i], borrow);
            EXPECT_EQ(borrow, 1u);
        }
    // top + top wraps to top + top - p·2^384, top - top is 0.
    const FpX z = top - top;
    EXPECT_TRUE(same(z, zero));
    EXPECT_TRUE(redc(top + top) == redc(top) + redc(top));
}

// Schoolbook references with reduced operations only.
Fp2 fp2_mul_ref(const Fp2& a, const Fp2& b) {
    return {a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0};
}
Fp2 xi_ref(const Fp2& a) {
    return {a.c0 - a.c1, a.c0 + a.c1};
}
Fp6 fp6_mul_ref(const Fp6& a, const Fp6& b) {
    const Fp2 x[3] = {a.c0, a.c1, a.c2}, y[3] = {b.c0, b.c1, b.c2};
    Fp2 r[5] = {};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) r[i + j] = r[i + j] + fp2_mul_ref(x[i], y[j]);
    return {r[0] + xi_ref(r[3]), r[1] + xi_ref(r[4]), r[2]};  // v^3 = xi
}
Fp6 fp6_v_ref(const Fp6& a) {
    return {xi_ref(a.c2), a.c0, a.c1};
}
Fp12 fp12_mul_ref(const Fp12& a, const Fp12& b) {
    return {fp6_mul_ref(a.c0, b.c0) + fp6_v_ref(fp6_mul_ref(a.c1, b.c1)),
            fp6_mul_ref(a.c0, b.c1) + fp6_mul_ref(a.c1, b.c0)};
}

Fp2 fp2_rand(u64& st, int k) {
    // Mostly random, with edge coefficients now and then (0, 1 in Montgomery form, -1).
    switch (k % 7) {
        case 0: return {fp_of(0), p_minus(1)};
        case 1: return {kOne, -kOne};
        case 2: return {p_minus(1), p_minus(1)};
        default: return {fp_rand(st), fp_rand(st)};
    }
}

void check_tower_products() {
    u64 st = 41;
    for (int i = 0; i < 60; ++i) {
        const Fp2 a = fp2_rand(st, i), b = fp2_rand(st, i / 7 + 3);
        EXPECT_TRUE(a * b == fp2_mul_ref(a, b));
        EXPECT_TRUE(sqr(a) == fp2_mul_ref(a, a));
        EXPECT_TRUE(redc(sqr_wide(a)) == fp2_mul_ref(a, a));
        EXPECT_TRUE(redc(mul_by_xi(mul_wide(a, b))) == xi_ref(fp2_mul_ref(a, b)));
        // Coefficients below 2p (unreduced sums) are accepted.
        const Fp2 c = fp2_rand(st, i + 2), d = fp2_rand(st, i + 1);
        EXPECT_TRUE(redc(mul_wide(add_nr(a, c), add_nr(b, d))) == fp2_mul_ref(a + c, b + d));
        EXPECT_TRUE(redc(mul_wide(add_nr(a, c), b)) == fp2_mul_ref(a + c, b));
        const Fp6 x{a, b, fp2_rand(st, i + 1)}, y{fp2_rand(st, i + 2), fp2_rand(st, i + 4), b};
        EXPECT_TRUE(x * y == fp6_mul_ref(x, y));
        EXPECT_TRUE(sqr(x) == fp6_mul_ref(x, x));
        EXPECT_TRUE(mul_by_12(x, a, b) == fp6_mul_ref(x, Fp6{fp2_zero(), a, b}));
        EXPECT_TRUE(mul_by_fp2(x, a) == fp6_mul_ref(x, Fp6{a, fp2_zero(), fp2_zero()}));
        const Fp12 f{x, y}, g{y, Fp6{a, fp2_rand(st, i + 5), fp2_rand(st, i + 6)}};
        EXPECT_TRUE(f * g == fp12_mul_ref(f, g));
        EXPECT_TRUE(sqr(f) == fp12_mul_ref(f, f));
        const Fp2 a0 = fp2_rand(st, i + 3), a1 = a, b1 = fp2_rand(st, i);
        EXPECT_TRUE(mul_by_line(f, a0, a1, b1) ==
                    fp12_mul_ref(f, Fp12{Fp6{a0, a1, fp2_zero()}, Fp6{fp2_zero(), b1, fp2_zero()}}));
        EXPECT_TRUE(redc(mul_by_01_wide(x, a0, b1)) == fp6_mul_ref(x, Fp6{a0, b1, fp2_zero()}));
    }
}

TEST(BlsWide, TowerProductsMatchSchoolbook) {
    check_tower_products();
}

// The same with the portable routines on a CPU that has ADX (the dispatch switched off).
TEST(BlsWide, TowerProductsMatchSchoolbookPortable) {
#if LUXL2_BLS_X86
    const bool saved = adx_dispatch();
    adx_dispatch() = false;
    check_tower_products();
    adx_dispatch() = saved;
#else
    check_tower_products();
#endif
}

}  // namespace
}  // namespace luxl2::crypto::bls::detail
