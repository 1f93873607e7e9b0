// G1 (y^2 = x^3 + 4 over Fp) and G2 (y^2 = x^3 + 4(1 + u) over Fp2) in homogeneous projective
// coordinates (x = X/Z, y = Y/Z, infinity has Z = 0). Addition and doubling are the complete formulas
// for a = 0 of Renes, Costello and Batina ("Complete addition formulas for prime order elliptic
// curves", 2016, Algorithms 7 and 9): no exceptional cases, so the same code serves constant-time
// scalar multiplication.
#pragma once

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
inline Fp curve_b(const Fp&) { return dbl(dbl(kOne)); }
inline Fp2 curve_b(const Fp2&) { return mul_by_xi(Fp2{dbl(dbl(kOne)), Fp{}}); }
inline Fp field_one(const Fp&) { return kOne; }
inline Fp2 field_one(const Fp2&) { return fp2_one(); }

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

/// k·P for a public scalar (little-endian limbs): double-and-add, branching on k.
template <class F>
inline Point<F> mul_vartime(const Point<F>& p, const u64* k, int limbs) {
    Point<F> r = infinity<F>();
    bool started = false;
    for (int i = limbs - 1; i >= 0; --i)
        for (int b = 63; b >= 0; --b) {
            if (started) r = dbl(r);
            if ((k[i] >> b) & 1) {
                r = started ? add(r, p) : p;
                started = true;
            }
        }
    return r;
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
