// Square roots in Fp2 by the "complex method": for a = a0 + a1·u with u^2 = -1, a root x0 + x1·u has
// x0^2 = (a0 ± |a|)/2 with |a| = sqrt(a0^2 + a1^2) and x1 = a1/(2·x0). Used on public data only
// (point decompression, hashing public messages), so the branches are harmless.
#include "tower.hpp"

namespace luxl2::crypto::bls::detail {

bool sqrt(Fp2& out, const Fp2& a) {
    if (is_zero(a.c1)) {
        const Fp s = sqrt_candidate(a.c0);
        if (sqr(s) == a.c0) {
            out = {s, Fp{}};
            return true;
        }
        // a0 is a non-square in Fp: (s·u)^2 = -s^2, so s = sqrt(-a0).
        const Fp t = sqrt_candidate(-a.c0);
        if (sqr(t) != -a.c0) return false;
        out = {Fp{}, t};
        return true;
    }
    const Fp norm = sqr(a.c0) + sqr(a.c1);
    const Fp alpha = sqrt_candidate(norm);
    if (sqr(alpha) != norm) return false;
    return sqrt_given_norm_root(out, a, alpha);
}

bool sqrt_given_norm_root(Fp2& out, const Fp2& a, const Fp& alpha) {
    // One exponentiation gives both x0 = sqrt(delta) and 1/x0: with t = delta^((p-3)/4),
    // x0 = t·delta and x0·t = delta^((p-1)/2) = 1.
    Fp delta = (a.c0 + alpha) * kInv2;
    Fp t = pow_p_minus_3_over_4(delta);
    Fp x0 = t * delta;
    if (sqr(x0) != delta) {
        delta = (a.c0 - alpha) * kInv2;
        t = pow_p_minus_3_over_4(delta);
        x0 = t * delta;
        if (sqr(x0) != delta) return false;
    }
    const Fp x1 = a.c1 * t * kInv2;  // a1 / (2·x0)
    const Fp2 r{x0, x1};
    if (!(sqr(r) == a)) return false;
    out = r;
    return true;
}

}  // namespace luxl2::crypto::bls::detail
