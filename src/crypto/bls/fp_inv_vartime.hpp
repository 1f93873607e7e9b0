// Variable-time inversion in Fp by the divsteps of Bernstein and Yang ("Fast constant-time gcd
// computation and modular inversion", TCHES 2019), in batches of 62: the first 62 divsteps of (f, g)
// depend only on the low 64 bits of f and g, so they run on two machine words and produce a 2x2
// matrix that is then applied once to the full-size f, g and to the Bezout coefficients d, e.
// Numbers are kept in "signed62" form: seven limbs of 62 bits, the top one signed, so that the exact
// division by 2^62 after each batch is dropping one limb. Invariants: d·A = f and e·A = g (mod p);
// at the end g = 0, f = ±1 and A^-1 = ±d. The running time depends on the input (fewer batches for
// many inputs, branches in the divsteps): only for public values.
#pragma once

#include "fp.hpp"

namespace luxl2::crypto::bls::detail {

namespace by62 {

using i64 = std::int64_t;
__extension__ typedef __int128 i128;
inline constexpr u64 kM62 = (u64{1} << 62) - 1;

struct S62 {
    i64 v[7];
};

inline S62 from_limbs(const u64* a) {
    S62 r;
    r.v[0] = static_cast<i64>(a[0] & kM62);
    r.v[1] = static_cast<i64>(((a[0] >> 62) | (a[1] << 2)) & kM62);
    r.v[2] = static_cast<i64>(((a[1] >> 60) | (a[2] << 4)) & kM62);
    r.v[3] = static_cast<i64>(((a[2] >> 58) | (a[3] << 6)) & kM62);
    r.v[4] = static_cast<i64>(((a[3] >> 56) | (a[4] << 8)) & kM62);
    r.v[5] = static_cast<i64>(((a[4] >> 54) | (a[5] << 10)) & kM62);
    r.v[6] = static_cast<i64>(a[5] >> 52);
    return r;
}

/// For 0 <= a < 2^384 in normalised form (limbs 0..5 in [0, 2^62), top limb >= 0).
inline void to_limbs(u64* out, const S62& a) {
    const auto l = [&](int i) { return static_cast<u64>(a.v[i]); };
    out[0] = l(0) | (l(1) << 62);
    out[1] = (l(1) >> 2) | (l(2) << 60);
    out[2] = (l(2) >> 4) | (l(3) << 58);
    out[3] = (l(3) >> 6) | (l(4) << 56);
    out[4] = (l(4) >> 8) | (l(5) << 54);
    out[5] = (l(5) >> 10) | (l(6) << 52);
}

/// Carries so that limbs 0..5 are in [0, 2^62) (the value is unchanged).
inline void normalise(S62& a) {
    for (int i = 0; i < 6; ++i) {
        a.v[i + 1] += a.v[i] >> 62;  // arithmetic shift: floor division
        a.v[i] = static_cast<i64>(static_cast<u64>(a.v[i]) & kM62);
    }
}

inline bool is_negative(const S62& a) {
    return a.v[6] < 0;
}

inline void add_p(S62& a, const S62& p, i64 sign) {
    for (int i = 0; i < 7; ++i) a.v[i] += sign * p.v[i];
    normalise(a);
}

/// Up to 62 divsteps on the low words of f and g; returns the matrix with
/// 2^62·(f', g') = (u·f + v·g, q·f + r·g).
struct Matrix {
    i64 u, v, q, r;
};
inline Matrix divsteps62(i64& delta, u64 f, u64 g) {
    i64 u = 1, v = 0, q = 0, r = 1;
    int left = 62;
    for (;;) {
        // g even: halve it as many times as it has trailing zeros (the f row doubles each time).
        const int z = __builtin_ctzll(g | (u64{1} << left));
        g >>= z;
        u *= i64{1} << z;
        v *= i64{1} << z;
        delta += z;
        left -= z;
        if (left == 0) break;
        if (delta > 0) {  // swap: (f, g) <- (g, (g - f)/2)
            delta = 1 - delta;
            const u64 nf = g;
            g = (g - f) >> 1;
            f = nf;
            const i64 nu = 2 * q, nv = 2 * r;
            q -= u;
            r -= v;
            u = nu;
            v = nv;
        } else {  // (f, g) <- (f, (g + f)/2)
            delta = 1 + delta;
            g = (g + f) >> 1;
            q += u;
            r += v;
            u *= 2;
            v *= 2;
        }
        --left;
    }
    return {u, v, q, r};
}

/// (f, g) <- (u·f + v·g, q·f + r·g) / 2^62, exact.
inline void update_fg(S62& f, S62& g, const Matrix& m) {
    i128 cf = static_cast<i128>(m.u) * f.v[0] + static_cast<i128>(m.v) * g.v[0];
    i128 cg = static_cast<i128>(m.q) * f.v[0] + static_cast<i128>(m.r) * g.v[0];
    cf >>= 62;
    cg >>= 62;
    for (int i = 1; i < 7; ++i) {
        cf += static_cast<i128>(m.u) * f.v[i] + static_cast<i128>(m.v) * g.v[i];
        cg += static_cast<i128>(m.q) * f.v[i] + static_cast<i128>(m.r) * g.v[i];
        f.v[i - 1] = static_cast<i64>(static_cast<u64>(cf) & kM62);
        g.v[i - 1] = static_cast<i64>(static_cast<u64>(cg) & kM62);
        cf >>= 62;
        cg >>= 62;
    }
    f.v[6] = static_cast<i64>(cf);
    g.v[6] = static_cast<i64>(cg);
}

/// One row: (u·d + v·e + md·p) / 2^62 with md chosen to make the division exact; for 0 <= d, e < p
/// and |u| + |v| <= 2^62 the result lies in (-p, 2p) and is brought back to [0, p).
inline S62 update_row(const S62& d, const S62& e, i64 u, i64 v, const S62& p) {
    i128 c = static_cast<i128>(u) * d.v[0] + static_cast<i128>(v) * e.v[0];
    const u64 md = (static_cast<u64>(c) * kPInv) & kM62;  // kPInv = -p^-1 mod 2^64
    c += static_cast<i128>(md) * p.v[0];
    c >>= 62;
    S62 out;
    for (int i = 1; i < 7; ++i) {
        c += static_cast<i128>(u) * d.v[i] + static_cast<i128>(v) * e.v[i] + static_cast<i128>(md) * p.v[i];
        out.v[i - 1] = static_cast<i64>(static_cast<u64>(c) & kM62);
        c >>= 62;
    }
    out.v[6] = static_cast<i64>(c);
    if (is_negative(out)) add_p(out, p, 1);
    S62 t = out;
    add_p(t, p, -1);
    if (!is_negative(t)) out = t;
    return out;
}

inline bool is_zero(const S62& a) {
    i64 acc = 0;
    for (i64 x : a.v) acc |= x;
    return acc == 0;
}

}  // namespace by62

/// 1/a (0 for 0) in Montgomery form, variable time (see above): the representative A = aR is
/// inverted as an integer, and one product with R^3 turns A^-1 = a^-1·R^-1 into a^-1·R.
inline Fp inv_vartime(const Fp& a) {
    using namespace by62;
    if (detail::is_zero(a)) return Fp{};
    static const Fp r3 = kR2 * kR2;  // R^2·R^2/R
    const S62 p = from_limbs(kP);
    S62 f = p, g = from_limbs(a.l);
    S62 d{}, e{};
    e.v[0] = 1;
    i64 delta = 1;
    while (!is_zero(g)) {
        const Matrix m = divsteps62(delta, static_cast<u64>(f.v[0]) | (static_cast<u64>(f.v[1]) << 62),
                                    static_cast<u64>(g.v[0]) | (static_cast<u64>(g.v[1]) << 62));
        update_fg(f, g, m);
        const S62 nd = update_row(d, e, m.u, m.v, p);
        e = update_row(d, e, m.q, m.r, p);
        d = nd;
    }
    // f = ±1: the inverse is ±d.
    if (is_negative(f)) {
        S62 t = p;
        for (int i = 0; i < 7; ++i) t.v[i] -= d.v[i];
        normalise(t);
        d = t;
    }
    Fp out;
    to_limbs(out.l, d);
    return out * r3;
}

}  // namespace luxl2::crypto::bls::detail
