// The optimal ate pairing of BLS12-381: a Miller loop over |x| = 0xd201000000010000 with G2 points on
// the M-type twist E2 in homogeneous projective coordinates, and the final exponentiation.
//
// Lines: on the twist, the line through T (tangent) or through T and Q is c_y·y + c_x·x + c_0; mapped
// back through psi^-1(x, y) = (x·w^-2, y·w^-3) and scaled by xi it evaluates at P = (x_P, y_P) to
// c_y·y_P·xi + c_0·(v·w) + c_x·x_P·(v^2·w). The final exponentiation kills every factor from a
// proper subfield of Fp12, Fp4 = Fp2(v·w) included ((p^12 - 1)/r is a multiple of p^4 - 1), so the
// line is further multiplied by v·w/xi, which moves it to  c_0 + c_x·x_P·v + c_y·y_P·(v·w):
// two coefficients in the Fp6 part and one in the w part, a 13-product sparse multiplication.
// Doubling and addition follow Costello–Lange–Naehrig (PKC 2010) / Aranha et al. (Eurocrypt 2011).
#include <bit>
#include <vector>

#include "cyclotomic.hpp"
#include "internal.hpp"

namespace luxl2::crypto::bls::detail {

namespace {

struct Prepared {
    Fp xp3, xp_neg, yp, yp_neg;  // affine P = (xp, yp), as the lines use it: 3·xp, -xp, yp, -yp
    Fp2 xq, yq;                  // affine Q
    G2 t;                        // running multiple of Q
};

/// A line evaluated at P: a0 + a1·v + b1·v·w.
struct Line {
    Fp2 a0, a1, b1;
};

/// T = 2T; the tangent line at T, evaluated at P.
inline Line double_step(Prepared& s) {
    G2& t = s.t;
    const Fp2 a = half(t.x * t.y);
    const Fp2 b = sqr(t.y);
    const Fp2 c = sqr(t.z);
    const Fp2 e = mul_b3(c);
    const Fp2 f3 = dbl(e) + e;
    const Fp2 h = sqr(t.y + t.z) - (b + c);
    const Fp2 x2 = sqr(t.x);
    const Fp2 c0 = e - b;
    t.x = a * (b - f3);
    const Fp2 g = half(b + f3);
    const Fp2X e2 = sqr_wide(e);
    t.y = redc(sqr_wide(g) - (e2 + e2 + e2));
    t.z = b * h;
    return {c0, x2 * s.xp3, h * s.yp_neg};  // c_x = 3·x^2, c_y = -h
}

/// T = T + Q; the line through T and Q, evaluated at P.
inline Line add_step(Prepared& s) {
    G2& t = s.t;
    const Fp2 theta = t.y - s.yq * t.z;
    const Fp2 lambda = t.x - s.xq * t.z;
    const Fp2 c = sqr(theta);
    const Fp2 d = sqr(lambda);
    const Fp2 e = lambda * d;
    const Fp2 ff = t.z * c;
    const Fp2 g = t.x * d;
    const Fp2 h = e + ff - dbl(g);
    const Fp2 c0 = redc(mul_wide(theta, s.xq) - mul_wide(lambda, s.yq));
    t.x = lambda * h;
    t.y = redc(mul_wide(theta, g - h) - mul_wide(t.y, e));
    t.z = t.z * e;
    return {c0, theta * s.xp_neg, lambda * s.yp};  // c_x = -theta, c_y = lambda
}

/// f·l·m for two lines: their product first (6 multiplications in Fp2), then one product with f
/// (17): 23 instead of 2 × 13 for two sparse products. With w^2 = v and v^3 = xi,
///   l·m = (l.a0·m.a0 + xi·l.b1·m.b1, l.a0·m.a1 + l.a1·m.a0, l.a1·m.a1)
///       + (0, l.a0·m.b1 + l.b1·m.a0, l.a1·m.b1 + l.b1·m.a1)·w
inline Fp12 mul_by_two_lines(const Fp12& f, const Line& l, const Line& m) {
    const Fp2X v0 = mul_wide(l.a0, m.a0), v1 = mul_wide(l.a1, m.a1), vb = mul_wide(l.b1, m.b1);
    const Fp2 x01 = redc(mul_wide(add_nr(l.a0, l.a1), add_nr(m.a0, m.a1)) - v0 - v1);
    const Fp2 x0b = redc(mul_wide(add_nr(l.a0, l.b1), add_nr(m.a0, m.b1)) - v0 - vb);
    const Fp2 x1b = redc(mul_wide(add_nr(l.a1, l.b1), add_nr(m.a1, m.b1)) - v1 - vb);
    const Fp6 c0{redc(v0 + mul_by_xi(vb)), x01, redc(v1)};
    const Fp6X a = mul_wide(f.c0, c0);
    const Fp6X b = mul_by_12_wide(f.c1, x0b, x1b);
    const Fp6X c = mul_wide(f.c0 + f.c1, Fp6{c0.c0, c0.c1 + x0b, c0.c2 + x1b});
    return {redc(a + mul_by_v(b)), redc(c - a - b)};
}

/// f times every line of `lines`, two at a time.
inline void mul_by_lines(Fp12& f, const std::vector<Line>& lines) {
    std::size_t i = 0;
    for (; i + 1 < lines.size(); i += 2) f = mul_by_two_lines(f, lines[i], lines[i + 1]);
    if (i < lines.size()) f = mul_by_line(f, lines[i].a0, lines[i].a1, lines[i].b1);
}

}  // namespace

namespace {

/// Montgomery's trick: replaces every z by 1/z with one inversion (all z non-zero). The points are
/// public (keys, signatures, hashes of messages), so the inversion may take variable time.
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
    F inv_acc = acc == one ? one : inv_vartime(acc);  // affine inputs (all z = 1) need none
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
        const Fp xp = live[i]->p.x * pz[i];
        s.xp3 = dbl(xp) + xp;
        s.xp_neg = -xp;
        s.yp = live[i]->p.y * pz[i];
        s.yp_neg = -s.yp;
        s.xq = live[i]->q.x * qz[i];
        s.yq = live[i]->q.y * qz[i];
        s.t = {s.xq, s.yq, fp2_one()};
        ps.push_back(s);
    }
    Fp12 f = fp12_one();
    if (ps.empty()) return f;
    // Each step multiplies f by the doubling lines and, on a set bit, the addition lines, all
    // together (paired up by mul_by_lines). f = 1 before the first step, whose squaring is skipped.
    std::vector<Line> lines;
    lines.reserve(2 * ps.size());
    for (int bit = 62; bit >= 0; --bit) {
        lines.clear();
        for (auto& s : ps) lines.push_back(double_step(s));
        if ((kXAbs >> bit) & 1)
            for (auto& s : ps) lines.push_back(add_step(s));
        if (bit != 62) f = sqr(f);
        mul_by_lines(f, lines);
    }
    return conj(f);  // x < 0: f_{x,Q} = 1/f_{|x|,Q} up to factors the final exponentiation removes
}

namespace {

/// a^|x| for a in the cyclotomic subgroup, then conjugated: a^x. |x| has six set bits, so
/// a^|x| = prod a^(2^i) over them: 63 compressed squarings keep the six powers, which are
/// decompressed together (one inversion) and multiplied (5 multiplications).
Fp12 cyclotomic_exp_x(const Fp12& a) {
    constexpr int kBits = std::popcount(kXAbs);
    CompressedFp12 powers[kBits];
    int k = 0;
    if (kXAbs & 1) powers[k++] = compress(a);
    CompressedFp12 c = compress(a);
    for (int bit = 1; bit < 64; ++bit) {
        c = compressed_sqr(c);
        if ((kXAbs >> bit) & 1) powers[k++] = c;
    }
    Fp12 full[kBits];
    decompress_batch(full, powers, kBits);
    Fp12 r = full[0];
    for (int i = 1; i < kBits; ++i) r = r * full[i];
    return conj(r);
}

}  // namespace

Fp12 final_exponentiation(const Fp12& f) {
    // Easy part: f^((p^6 - 1)(p^2 + 1)) lands in the cyclotomic subgroup, where inverse = conjugate.
    // The pairing only ever sees public values (keys, signatures, message hashes), so the one
    // inversion here and those of the decompressions may take variable time.
    Fp12 t = conj(f) * inv_vartime(f);
    t = frobenius2(t) * t;
    // Hard part: 3·(p^4 - p^2 + 1)/r = (x - 1)^2·(x + p)·(x^2 + p^2 - 1) + 3.
    Fp12 a = cyclotomic_exp_x(t) * conj(t);          // t^(x-1)
    a = cyclotomic_exp_x(a) * conj(a);               // t^((x-1)^2)
    a = cyclotomic_exp_x(a) * frobenius(a);          // ·(x + p)
    Fp12 b = cyclotomic_exp_x(cyclotomic_exp_x(a));  // a^(x^2)
    b = b * frobenius2(a) * conj(a);                 // a^(x^2 + p^2 - 1)
    return b * cyclotomic_sqr(t) * t;                // t is in the cyclotomic subgroup
}

bool pairing_product_is_one(std::span<const PairingInput> pairs) {
    return is_one(final_exponentiation(miller_loop(pairs)));
}

}  // namespace luxl2::crypto::bls::detail
