// G1/G2 endomorphisms, subgroup checks, cofactor clearing, and the ZCash point encodings
// (https://github.com/zkcrypto/pairing/tree/master/src/bls12_381#serialization, as adopted by the
// IETF BLS draft): bit 7 of byte 0 = compressed, bit 6 = infinity, bit 5 = sign of y
// ("lexicographically largest"); G2's x is serialised as c1 ‖ c0.
#include <algorithm>

#include "internal.hpp"
#include "luxl2/crypto/bls12_381.hpp"

namespace luxl2::crypto::bls::detail {

G2 psi(const G2& p) { return {conj(p.x) * kPsiX, conj(p.y) * kPsiY, conj(p.z)}; }

bool in_subgroup(const G1& p) {
    if (is_infinity(p)) return true;
    const G1 phi{p.x * kBeta, p.y, p.z};
    const G1 t = mul_vartime(mul_vartime(p, &kXAbs, 1), &kXAbs, 1);  // [x^2]P
    return equal(phi, neg(t));
}

bool in_subgroup(const G2& p) {
    if (is_infinity(p)) return true;
    return equal(psi(p), mul_by_x(p));
}

G2 clear_cofactor(const G2& p) {
    // RFC 9380 Appendix G.3, with c1 = x:
    const G2 t1 = mul_by_x(p);
    G2 t2 = psi(p);
    G2 t3 = psi(psi(dbl(p)));
    t3 = add(t3, neg(t2));
    t2 = add(t1, t2);
    t2 = mul_by_x(t2);
    t3 = add(t3, t2);
    t3 = add(t3, neg(t1));
    return add(t3, neg(p));
}

namespace {

// Common flag handling: returns 1 for infinity, 0 for a finite point to parse, or an error.
Result<int> read_flags(ByteView in, std::size_t compressed_size, bool& compressed, bool& sign) {
    if (in.size() != compressed_size && in.size() != 2 * compressed_size)
        return fail(errc::kLength, "a point encoding has " + std::to_string(compressed_size) + " or " +
                                       std::to_string(2 * compressed_size) + " bytes, got " + std::to_string(in.size()));
    compressed = (in[0] & 0x80) != 0;
    const bool infinity = (in[0] & 0x40) != 0;
    sign = (in[0] & 0x20) != 0;
    if (compressed != (in.size() == compressed_size))
        return fail(errc::kFlags, "the compression flag does not match the encoding length");
    if (infinity) {
        const bool rest_zero = (in[0] & 0x3f) == 0 && std::all_of(in.begin() + 1, in.end(), [](std::uint8_t b) { return b == 0; });
        if (!rest_zero) return fail(errc::kFlags, "the point at infinity must have the sign bit and every other bit clear");
        return 1;
    }
    if (!compressed && sign) return fail(errc::kFlags, "an uncompressed point has no sign bit");
    return 0;
}

Result<Fp> read_fp(const std::uint8_t* in, bool first) {
    std::uint8_t buf[48];
    std::copy(in, in + 48, buf);
    if (first) buf[0] &= 0x1f;
    Fp out;
    if (!fp_from_be48(out, buf)) return fail(errc::kCoordinate, "a coordinate is not below the field modulus");
    return out;
}

}  // namespace

Result<G1> decode_g1(ByteView in, bool check_subgroup) {
    bool compressed = false, sign = false;
    LUXL2_TRY(inf, read_flags(in, 48, compressed, sign));
    if (inf) return infinity<Fp>();
    LUXL2_TRY(x, read_fp(in.data(), true));
    Fp y;
    if (compressed) {
        const Fp y2 = sqr(x) * x + curve_b(Fp{});
        y = sqrt_candidate(y2);
        if (sqr(y) != y2) return fail(errc::kNotOnCurve, "no G1 point has this x");
        if (lexicographically_largest(y) != sign) y = -y;
    } else {
        LUXL2_TRY(yy, read_fp(in.data() + 48, false));
        y = yy;
    }
    const G1 p{x, y, kOne};
    if (!on_curve(p)) return fail(errc::kNotOnCurve, "the point is not on the G1 curve");
    if (check_subgroup && !in_subgroup(p)) return fail(errc::kNotInSubgroup, "the point is not in the G1 subgroup");
    return p;
}

Result<G2> decode_g2(ByteView in, bool check_subgroup) {
    bool compressed = false, sign = false;
    LUXL2_TRY(inf, read_flags(in, 96, compressed, sign));
    if (inf) return infinity<Fp2>();
    LUXL2_TRY(x1, read_fp(in.data(), true));
    LUXL2_TRY(x0, read_fp(in.data() + 48, false));
    const Fp2 x{x0, x1};
    Fp2 y;
    if (compressed) {
        const Fp2 y2 = sqr(x) * x + curve_b(Fp2{});
        if (!sqrt(y, y2)) return fail(errc::kNotOnCurve, "no G2 point has this x");
        if (lexicographically_largest(y) != sign) y = -y;
    } else {
        LUXL2_TRY(y1, read_fp(in.data() + 96, false));
        LUXL2_TRY(y0, read_fp(in.data() + 144, false));
        y = {y0, y1};
    }
    const G2 p{x, y, fp2_one()};
    if (!on_curve(p)) return fail(errc::kNotOnCurve, "the point is not on the G2 curve");
    if (check_subgroup && !in_subgroup(p)) return fail(errc::kNotInSubgroup, "the point is not in the G2 subgroup");
    return p;
}

void encode_g1_compressed(std::uint8_t out[48], const G1& p) {
    std::fill(out, out + 48, 0);
    if (is_infinity(p)) {
        out[0] = 0xc0;
        return;
    }
    Fp x, y;
    to_affine(x, y, p);
    fp_to_be48(out, x);
    out[0] |= 0x80;
    if (lexicographically_largest(y)) out[0] |= 0x20;
}

void encode_g1_uncompressed(std::uint8_t out[96], const G1& p) {
    std::fill(out, out + 96, 0);
    if (is_infinity(p)) {
        out[0] = 0x40;
        return;
    }
    Fp x, y;
    to_affine(x, y, p);
    fp_to_be48(out, x);
    fp_to_be48(out + 48, y);
}

void encode_g2_compressed(std::uint8_t out[96], const G2& p) {
    std::fill(out, out + 96, 0);
    if (is_infinity(p)) {
        out[0] = 0xc0;
        return;
    }
    Fp2 x, y;
    to_affine(x, y, p);
    fp_to_be48(out, x.c1);
    fp_to_be48(out + 48, x.c0);
    out[0] |= 0x80;
    if (lexicographically_largest(y)) out[0] |= 0x20;
}

void encode_g2_uncompressed(std::uint8_t out[192], const G2& p) {
    std::fill(out, out + 192, 0);
    if (is_infinity(p)) {
        out[0] = 0x40;
        return;
    }
    Fp2 x, y;
    to_affine(x, y, p);
    fp_to_be48(out, x.c1);
    fp_to_be48(out + 48, x.c0);
    fp_to_be48(out + 96, y.c1);
    fp_to_be48(out + 144, y.c0);
}

}  // namespace luxl2::crypto::bls::detail
