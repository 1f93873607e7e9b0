// Karabina's compressed squaring in the cyclotomic subgroup of Fp12 ("Squaring in cyclotomic
// subgroups", Math. Comp. 82, 2013). An element g of the subgroup is determined (up to the rare
// cases handled below) by four of its six Fp2 coefficients, g1 = c0.c1, g2 = c0.c2, g3 = c1.c0,
// g5 = c1.c2; squaring these four costs two Fp4 squarings (6 Fp2 squarings) instead of the three of
// Granger–Scott. Recovering g4 = c1.c1 and g0 = c0.c0 needs a division, so several compressed powers
// are decompressed together with one inversion (Montgomery's trick).
#pragma once

#include <cstddef>

#include "tower.hpp"

namespace luxl2::crypto::bls::detail {

struct CompressedFp12 {
    Fp2 g1, g2, g3, g5;
};

inline CompressedFp12 compress(const Fp12& f) {
    return {f.c0.c1, f.c0.c2, f.c1.c0, f.c1.c2};
}

/// The four kept coefficients of g^2 for g in the cyclotomic subgroup: the (g3, g2) and (g1, g5)
/// Fp4 squarings of cyclotomic_sqr, without the one that only feeds g0 and g4.
inline CompressedFp12 compressed_sqr(const CompressedFp12& c) {
    // (a + b·s)^2 in Fp4 = Fp2[s]/(s^2 - xi): (a^2 + xi·b^2) + ((a + b)^2 - a^2 - b^2)·s, with the
    // squares kept double-width and each output coefficient reduced once.
    const Fp2X a2 = sqr_wide(c.g3), b2 = sqr_wide(c.g2), d2 = sqr_wide(c.g1), e2 = sqr_wide(c.g5);
    const Fp2 t0 = redc(mul_by_xi(b2) + a2);
    const Fp2 t1 = redc(sqr_wide(c.g3 + c.g2) - a2 - b2);
    const Fp2 t2 = redc(mul_by_xi(e2) + d2);
    const Fp2 t3 = redc(sqr_wide(c.g1 + c.g5) - d2 - e2);
    const Fp2 x3 = mul_by_xi(t3);
    return {dbl(t0 - c.g1) + t0, dbl(t2 - c.g2) + t2, dbl(x3 + c.g3) + x3, dbl(t1 + c.g5) + t1};
}

/// Decompresses n elements in place into out[0..n) with one Fp2 inversion for all of them.
///   g4 = (xi·g5^2 + 3·g1^2 - 2·g2) / (4·g3)   when g3 != 0,
///   g4 = 2·g1·g5 / g2                          when g3 == 0,
///   g0 = xi·(2·g4^2 + g3·g5 - 3·g1·g2) + 1.
/// When g2 = g3 = 0 the element is 1 (g1 = g5 = 0 too) and the denominator is replaced by 1.
/// Only the final exponentiation of the pairing uses this, on public values (keys, signatures,
/// message hashes): the rare case g3 = 0 is taken by a branch, and the inversion is variable-time.
/// Sums of products are accumulated double-width and reduced once.
inline void decompress_batch(Fp12* out, const CompressedFp12* in, std::size_t n) {
    constexpr std::size_t kMax = 8;
    Fp2 num[kMax], den[kMax], prefix[kMax];
    for (std::size_t i = 0; i < n; ++i) {
        const CompressedFp12& c = in[i];
        if (!is_zero(c.g3)) {
            const Fp2X g1sq = sqr_wide(c.g1);
            num[i] = redc(mul_by_xi(sqr_wide(c.g5)) + g1sq + g1sq + g1sq) - dbl(c.g2);
            den[i] = dbl(dbl(c.g3));
        } else if (!is_zero(c.g2)) {
            num[i] = dbl(c.g1 * c.g5);
            den[i] = c.g2;
        } else {
            num[i] = fp2_zero();
            den[i] = fp2_one();
        }
    }
    Fp2 acc = fp2_one();
    for (std::size_t i = 0; i < n; ++i) {
        prefix[i] = acc;
        acc = acc * den[i];
    }
    Fp2 inv_acc = inv_vartime(acc);
    for (std::size_t i = n; i-- > 0;) {
        const Fp2 den_inv = inv_acc * prefix[i];
        inv_acc = inv_acc * den[i];
        const CompressedFp12& c = in[i];
        const Fp2 g4 = num[i] * den_inv;
        const Fp2X g4sq = sqr_wide(g4), g12 = mul_wide(c.g1, c.g2);
        const Fp2 g0 = mul_by_xi(redc(g4sq + g4sq + mul_wide(c.g3, c.g5) - g12 - g12 - g12)) + fp2_one();
        out[i] = {{g0, c.g1, c.g2}, {c.g3, g4, c.g5}};
    }
}

}  // namespace luxl2::crypto::bls::detail
