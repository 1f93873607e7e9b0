// G1 (y^2 = x^3 + 4 over Fp) and G2 (y^2 = x^3 + 4(1 + u) over Fp2) in homogeneous projective
// coordinates (x = X/Z, y = Y/Z, infinity has Z = 0). Addition and doubling are the complete formulas
// for a = 0 of Renes, Costello and Batina ("Complete addition formulas for prime order elliptic
// curves", 2016, Algorithms 7 and 9): no exceptional cases, so the same code serves constant-time
// scalar multiplication.
#pragma once

#include <span>
#include <vector>

#include "tower.hpp"

namespace luxl2::crypto::bls::detail {

template <class F>
struct Point {
    F x, y, z;
};
using G1 = Point<Fp>;
using G2 = Point<Fp2>;

/// 3·b of each curve: 12 for G1, 12(1 + u) for G2.
inline Fp mul_b3(const Fp& t) {
    const Fp t3 = dbl(t) + t;
    return dbl(dbl(t3));
}
inline Fp2 mul_b3(const Fp2& t) {
    const Fp2 t3 = dbl(t) + t;
    return mul_by_xi(dbl(dbl(t3)));
}
inline Fp curve_b(const Fp&) {
    return dbl(dbl(kOne));
}
inline Fp2 curve_b(const Fp2&) {
    return mul_by_xi(Fp2{dbl(dbl(kOne)), Fp{}});
}
inline Fp field_one(const Fp&) {
    return kOne;
}
inline Fp2 field_one(const Fp2&) {
    return fp2_one();
}

template <class F>
inline Point<F> infinity() {
    F one = field_one(F{});
    return {F{}, one, F{}};
}
template <class F>
inline bool is_infinity(const Point<F>& p) {
    return is_zero(p.z);
}

template <class F>
inline Point<F> add(const Point<F>& p, const Point<F>& q) {
    F t0 = p.x * q.x, t1 = p.y * q.y, t2 = p.z * q.z;
    F t3 = (p.x + p.y) * (q.x + q.y);
    F t4 = t0 + t1;
    t3 = t3 - t4;
    t4 = (p.y + p.z) * (q.y + q.z);
    F x3 = t1 + t2;
    t4 = t4 - x3;
    x3 = (p.x + p.z) * (q.x + q.z);
    F y3 = t0 + t2;
    y3 = x3 - y3;
    x3 = t0 + t0;
    t0 = x3 + t0;
    t2 = mul_b3(t2);
    F z3 = t1 + t2;
    t1 = t1 - t2;
    y3 = mul_b3(y3);
    x3 = t4 * y3;
    t2 = t3 * t1;
    x3 = t2 - x3;
    y3 = y3 * t0;
    t1 = t1 * z3;
    y3 = t1 + y3;
    t0 = t0 * t3;
    z3 = z3 * t4;
    z3 = z3 + t0;
    return {x3, y3, z3};
}

template <class F>
inline Point<F> dbl(const Point<F>& p) {
    F t0 = sqr(p.y);
    F z3 = dbl(dbl(dbl(t0)));
    F t1 = p.y * p.z;
    F t2 = mul_b3(sqr(p.z));
    F x3 = t2 * z3;
    F y3 = t0 + t2;
    z3 = t1 * z3;
    t1 = dbl(t2);
    t2 = t1 + t2;
    t0 = t0 - t2;
    y3 = t0 * y3;
    y3 = x3 + y3;
    t1 = p.x * p.y;
    x3 = t0 * t1;
    x3 = dbl(x3);
    return {x3, y3, z3};
}

template <class F>
inline Point<F> neg(const Point<F>& p) {
    return {p.x, -p.y, p.z};
}

/// Projective equality: X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1 (both infinity also compares equal).
template <class F>
inline bool equal(const Point<F>& p, const Point<F>& q) {
    const bool pi = is_infinity(p), qi = is_infinity(q);
    if (pi || qi) return pi && qi;
    return p.x * q.z == q.x * p.z && p.y * q.z == q.y * p.z;
}

template <class F>
inline bool on_curve(const Point<F>& p) {
    // Y^2·Z = X^3 + b·Z^3
    if (is_infinity(p)) return true;
    const F z2 = sqr(p.z);
    return sqr(p.y) * p.z == sqr(p.x) * p.x + curve_b(F{}) * z2 * p.z;
}

template <class F>
inline Point<F> select(u64 mask, const Point<F>& a, const Point<F>& b) {
    return {select(mask, a.x, b.x), select(mask, a.y, b.y), select(mask, a.z, b.z)};
}

/// Affine coordinates of a finite point.
template <class F>
inline void to_affine(F& x, F& y, const Point<F>& p) {
    const F zi = inv(p.z);
    x = p.x * zi;
    y = p.y * zi;
}

/// Jacobian coordinates (x = X/Z^2, y = Y/Z^3) for multiplications by public scalars, where the
/// cheaper doubling (dbl-2009-l, 2M + 5S) pays and exceptional cases may be branched on.
template <class F>
struct Jacobian {
    F x, y, z;
};

template <class F>
inline Jacobian<F> jac_dbl(const Jacobian<F>& p) {
    const F a = sqr(p.x), b = sqr(p.y), c = sqr(b);
    const F d = dbl(sqr(p.x + b) - a - c);
    const F e = dbl(a) + a;
    const F f = sqr(e);
    const F x3 = f - dbl(d);
    const F c8 = dbl(dbl(dbl(c)));
    return {x3, e * (d - x3) - c8, dbl(p.y * p.z)};
}

/// add-2007-bl, with the exceptional cases (infinity, P = ±Q) handled by branches.
template <class F>
inline Jacobian<F> jac_add(const Jacobian<F>& p, const Jacobian<F>& q) {
    if (is_zero(p.z)) return q;
    if (is_zero(q.z)) return p;
    const F z1z1 = sqr(p.z), z2z2 = sqr(q.z);
    const F u1 = p.x * z2z2, u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2, s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = dbl(s2 - s1);
    if (is_zero(h)) {
        if (is_zero(r)) return jac_dbl(p);
        return {F{}, F{}, F{}};
    }
    const F i = sqr(dbl(h));
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = sqr(r) - j - dbl(v);
    const F y3 = r * (v - x3) - dbl(s1 * j);
    const F z3 = (sqr(p.z + q.z) - z1z1 - z2z2) * h;
    return {x3, y3, z3};
}

/// k·P for a public scalar (little-endian limbs): double-and-add in Jacobian coordinates,
/// branching on k.
template <class F>
inline Point<F> mul_vartime(const Point<F>& p, const u64* k, int limbs) {
    const Jacobian<F> base{p.x * p.z, p.y * sqr(p.z), p.z};  // homogeneous -> Jacobian
    Jacobian<F> r{F{}, F{}, F{}};
    bool started = false;
    for (int i = limbs - 1; i >= 0; --i)
        for (int b = 63; b >= 0; --b) {
            if (started) r = jac_dbl(r);
            if ((k[i] >> b) & 1) {
                r = started ? jac_add(r, base) : base;
                started = true;
            }
        }
    if (is_zero(r.z)) return infinity<F>();
    return {r.x * r.z, r.y, sqr(r.z) * r.z};  // Jacobian -> homogeneous
}

/// sum k_i·P_i for public 64-bit scalars, sharing the doublings (interleaved double-and-add).
template <class F>
inline Point<F> msm64_vartime(std::span<const Point<F>> ps, std::span<const u64> ks) {
    std::vector<Jacobian<F>> base;
    base.reserve(ps.size());
    for (const auto& p : ps) base.push_back({p.x * p.z, p.y * sqr(p.z), p.z});
    Jacobian<F> r{F{}, F{}, F{}};
    for (int b = 63; b >= 0; --b) {
        r = jac_dbl(r);
        for (std::size_t i = 0; i < base.size(); ++i)
            if ((ks[i] >> b) & 1) r = jac_add(r, base[i]);
    }
    if (is_zero(r.z)) return infinity<F>();
    return {r.x * r.z, r.y, sqr(r.z) * r.z};
}

/// k·P for a secret 256-bit scalar: fixed 4-bit windows, each table entry read with masks over the
/// whole table, the same sequence of complete additions and doublings for every k.
template <class F>
inline Point<F> mul_ct(const Point<F>& p, const u64 k[4]) {
    Point<F> table[16];
    table[0] = infinity<F>();
    table[1] = p;
    for (int i = 2; i < 16; ++i) table[i] = (i % 2 == 0) ? dbl(table[i / 2]) : add(table[i - 1], p);
    Point<F> r = infinity<F>();
    for (int w = 63; w >= 0; --w) {
        r = dbl(dbl(dbl(dbl(r))));
        const u64 nib = (k[w / 16] >> ((w % 16) * 4)) & 0xf;
        Point<F> t = table[0];
        for (u64 i = 1; i < 16; ++i) {
            const u64 d = nib ^ i;
            const u64 mask = ((d | (u64{0} - d)) >> 63) - 1;  // all ones when nib == i
            t = select(mask, table[i], t);
        }
        r = add(r, t);
    }
    return r;
}

/// |x| = 0xd201000000010000, the BLS parameter x = -|x|.
inline constexpr u64 kXAbs = 0xd201000000010000ULL;

/// [x]P = -[|x|]P
template <class F>
inline Point<F> mul_by_x(const Point<F>& p) {
    return neg(mul_vartime(p, &kXAbs, 1));
}

}  // namespace luxl2::crypto::bls::detail
