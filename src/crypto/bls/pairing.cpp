// The optimal ate pairing of BLS12-381: a Miller loop over |x| = 0xd201000000010000 with G2 points on
// the M-type twist E2 in homogeneous projective coordinates, and the final exponentiation.
//
// Lines: on the twist, the line through T (tangent) or through T and Q is c_y·y + c_x·x + c_0; mapped
// back through psi^-1(x, y) = (x·w^-2, y·w^-3) and scaled by xi (killed by the final exponentiation)
// it evaluates at P = (x_P, y_P) to  c_y·y_P·xi + c_0·(v·w) + c_x·x_P·(v^2·w)  (see mul_by_line).
// Doubling and addition follow Costello–Lange–Naehrig (PKC 2010) / Aranha et al. (Eurocrypt 2011).
#include <vector>

#include "internal.hpp"

namespace luxl2::crypto::bls::detail {

namespace {

struct Prepared {
    Fp xp, yp;   // affine P
    Fp2 xq, yq;  // affine Q
    G2 t;        // running multiple of Q
};

/// T = 2T; f *= tangent line at P.
inline void double_step(Fp12& f, Prepared& s) {
    G2& t = s.t;
    const Fp2 a = half(t.x * t.y);
    const Fp2 b = sqr(t.y);
    const Fp2 c = sqr(t.z);
    const Fp2 e = mul_b3(c);
    const Fp2 f3 = dbl(e) + e;
    const Fp2 h = sqr(t.y + t.z) - (b + c);
    const Fp2 x2 = sqr(t.x);
    const Fp2 c0 = e - b;
    const Fp2 cx = dbl(x2) + x2;
    const Fp2 cy = -h;
    t.x = a * (b - f3);
    const Fp2 g = half(b + f3);
    const Fp2 e2 = sqr(e);
    t.y = sqr(g) - (dbl(e2) + e2);
    t.z = b * h;
    f = mul_by_line(f, mul_by_xi(cy * s.yp), c0, cx * s.xp);
}

/// T = T + Q; f *= line through T and Q at P.
inline void add_step(Fp12& f, Prepared& s) {
    G2& t = s.t;
    const Fp2 theta = t.y - s.yq * t.z;
    const Fp2 lambda = t.x - s.xq * t.z;
    const Fp2 c = sqr(theta);
    const Fp2 d = sqr(lambda);
    const Fp2 e = lambda * d;
    const Fp2 ff = t.z * c;
    const Fp2 g = t.x * d;
    const Fp2 h = e + ff - dbl(g);
    const Fp2 c0 = theta * s.xq - lambda * s.yq;
    const Fp2 cx = -theta;
    const Fp2 cy = lambda;
    t.x = lambda * h;
    t.y = theta * (g - h) - t.y * e;
    t.z = t.z * e;
    f = mul_by_line(f, mul_by_xi(cy * s.yp), c0, cx * s.xp);
}

}  // namespace

namespace {

/// Montgomery's trick: replaces every z by 1/z with one inversion (all z non-zero).
template <class F>
void batch_invert(std::vector<F>& zs) {
    if (zs.empty()) return;
    std::vector<F> prefix(zs.size());
    F acc = field_one(F{});
    for (std::size_t i = 0; i < zs.size(); ++i) {
        prefix[i] = acc;
        acc = acc * zs[i];
    }
    const F one = field_one(F{});
    F inv_acc = acc == one ? one : inv(acc);  // affine inputs (all z = 1) need no inversion
    for (std::size_t i = zs.size(); i-- > 0;) {
        const F zi = inv_acc * prefix[i];
        inv_acc = inv_acc * zs[i];
        zs[i] = zi;
    }
}

}  // namespace

Fp12 miller_loop(std::span<const PairingInput> pairs) {
    // Affine P and Q, with one inversion per group for all the pairs.
    std::vector<const PairingInput*> live;
    std::vector<Fp> pz;
    std::vector<Fp2> qz;
    for (const auto& in : pairs) {
        if (is_infinity(in.p) || is_infinity(in.q)) continue;  // e(O, Q) = e(P, O) = 1
        live.push_back(&in);
        pz.push_back(in.p.z);
        qz.push_back(in.q.z);
    }
    batch_invert(pz);
    batch_invert(qz);
    std::vector<Prepared> ps;
    ps.reserve(live.size());
    for (std::size_t i = 0; i < live.size(); ++i) {
        Prepared s{};
        s.xp = live[i]->p.x * pz[i];
        s.yp = live[i]->p.y * pz[i];
        s.xq = live[i]->q.x * qz[i];
        s.yq = live[i]->q.y * qz[i];
        s.t = {s.xq, s.yq, fp2_one()};
        ps.push_back(s);
    }
    Fp12 f = fp12_one();
    if (ps.empty()) return f;
    for (int bit = 62; bit >= 0; --bit) {
        f = sqr(f);
        for (auto& s : ps) double_step(f, s);
        if ((kXAbs >> bit) & 1)
            for (auto& s : ps) add_step(f, s);
    }
    return conj(f);  // x < 0: f_{x,Q} = 1/f_{|x|,Q} up to factors the final exponentiation removes
}

namespace {

/// a^|x| for a in the cyclotomic subgroup, then conjugated: a^x.
Fp12 cyclotomic_exp_x(const Fp12& a) {
    Fp12 r = a;
    for (int bit = 62; bit >= 0; --bit) {
        r = cyclotomic_sqr(r);
        if ((kXAbs >> bit) & 1) r = r * a;
    }
    return conj(r);
}

}  // namespace

Fp12 final_exponentiation(const Fp12& f) {
    // Easy part: f^((p^6 - 1)(p^2 + 1)) lands in the cyclotomic subgroup, where inverse = conjugate.
    Fp12 t = conj(f) * inv(f);
    t = frobenius2(t) * t;
    // Hard part: 3·(p^4 - p^2 + 1)/r = (x - 1)^2·(x + p)·(x^2 + p^2 - 1) + 3.
    Fp12 a = cyclotomic_exp_x(t) * conj(t);          // t^(x-1)
    a = cyclotomic_exp_x(a) * conj(a);               // t^((x-1)^2)
    a = cyclotomic_exp_x(a) * frobenius(a);          // ·(x + p)
    Fp12 b = cyclotomic_exp_x(cyclotomic_exp_x(a));  // a^(x^2)
    b = b * frobenius2(a) * conj(a);                 // a^(x^2 + p^2 - 1)
    return b * sqr(t) * t;
}

bool pairing_product_is_one(std::span<const PairingInput> pairs) {
    return is_one(final_exponentiation(miller_loop(pairs)));
}

}  // namespace luxl2::crypto::bls::detail
