// G1/G2 endomorphisms, subgroup checks, cofactor clearing, and the ZCash point encodings
// (https://github.com/zkcrypto/pairing/tree/master/src/bls12_381#serialization, as adopted by the
// IETF BLS draft): bit 7 of byte 0 = compressed, bit 6 = infinity, bit 5 = sign of y
// ("lexicographically largest"); G2's x is serialised as c1 ‖ c0.
#include <algorithm>

#include "internal.hpp"
#include "luxl2/crypto/bls12_381.hpp"

namespace luxl2::crypto::bls::detail {

G2 psi(const G2& p) {
    return {conj(p.x) * kPsiX, conj(p.y) * kPsiY, conj(p.z)};
}

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

// |x| = 2^16·c with c = 0xd20100000001; dividing by c uses the reciprocal M = floor(2^111 / c): for
// v < c·2^16, floor(v·M / 2^111) is floor(v / c) or one less, fixed by one masked correction.
constexpr u64 kXOdd = 0xd20100000001ULL;
constexpr u64 kXOddRecip = 0x9c0902652b66ab5aULL;

/// (q, r) = divmod(v, c) for v < c·2^16, in constant time.
inline u64 div_x_odd(u64 v, u64& rem) {
    u64 q = static_cast<u64>((static_cast<u128>(v) * kXOddRecip) >> 111);
    u64 r = v - q * kXOdd;
    const u64 ge = u64{0} - static_cast<u64>(r >= kXOdd);  // all ones when one short
    q += ge & 1;
    r -= ge & kXOdd;
    rem = r;
    return q;
}

/// k = d0 + d1·|x| + d2·|x|^2 + d3·|x|^3 with 0 <= d_i < |x| (k < r < |x|^4), constant time.
void decompose_base_x(u64 d[4], const u64 k_in[4]) {
    u64 k[4] = {k_in[0], k_in[1], k_in[2], k_in[3]};
    for (int digit = 0; digit < 3; ++digit) {
        const u64 low16 = k[0] & 0xffff;
        // k >>= 16
        for (int i = 0; i < 3; ++i) k[i] = (k[i] >> 16) | (k[i + 1] << 48);
        k[3] >>= 16;
        // long division of k by c in 16-bit chunks, most significant first
        u64 rem = 0;
        u64 q[4] = {};
        for (int chunk = 15; chunk >= 0; --chunk) {
            const u64 part = (k[chunk / 4] >> (16 * (chunk % 4))) & 0xffff;
            const u64 qd = div_x_odd((rem << 16) | part, rem);
            q[chunk / 4] |= qd << (16 * (chunk % 4));
        }
        d[digit] = low16 | (rem << 16);
        for (int i = 0; i < 4; ++i) k[i] = q[i];
        secure_wipe(q, sizeof q);
    }
    d[3] = k[0];
    secure_wipe(k, sizeof k);
}

}  // namespace

G2 mul_ct_g2(const G2& p, const u64 k[4]) {
    // kP = d0·P + d1·(-psi(P)) + d2·psi^2(P) + d3·(-psi^3(P)), since psi acts on G2 as [x] = -[|x|].
    u64 d[4];
    decompose_base_x(d, k);
    const G2 p1 = neg(psi(p));
    const G2 p2 = psi(psi(p));
    const G2 p3 = neg(psi(psi(psi(p))));
    G2 table[16];
    table[0] = infinity<Fp2>();
    table[1] = p;
    table[2] = p1;
    table[4] = p2;
    table[8] = p3;
    for (int i = 3; i < 16; ++i)
        if ((i & (i - 1)) != 0) table[i] = add(table[i & (i - 1)], table[i & -i]);
    G2 r = infinity<Fp2>();
    for (int bit = 63; bit >= 0; --bit) {
        r = dbl(r);
        const u64 idx =
            ((d[0] >> bit) & 1) | (((d[1] >> bit) & 1) << 1) | (((d[2] >> bit) & 1) << 2) | (((d[3] >> bit) & 1) << 3);
        G2 t = table[0];
        for (u64 i = 1; i < 16; ++i) {
            const u64 x = idx ^ i;
            t = select(((x | (u64{0} - x)) >> 63) - 1, table[i], t);
        }
        r = add(r, t);
    }
    secure_wipe(d, sizeof d);
    return r;
}

namespace {

// Common flag handling: returns 1 for infinity, 0 for a finite point to parse, or an error.
Result<int> read_flags(ByteView in, std::size_t compressed_size, bool& compressed, bool& sign) {
    if (in.size() != compressed_size && in.size() != 2 * compressed_size)
        return fail(errc::kLength, "a point encoding has " + std::to_string(compressed_size) + " or " +
                                       std::to_string(2 * compressed_size) + " bytes, got " +
                                       std::to_string(in.size()));
    compressed = (in[0] & 0x80) != 0;
    const bool infinity = (in[0] & 0x40) != 0;
    sign = (in[0] & 0x20) != 0;
    if (compressed != (in.size() == compressed_size))
        return fail(errc::kFlags, "the compression flag does not match the encoding length");
    if (infinity) {
        const bool rest_zero =
            (in[0] & 0x3f) == 0 && std::all_of(in.begin() + 1, in.end(), [](std::uint8_t b) { return b == 0; });
        if (!rest_zero)
            return fail(errc::kFlags, "the point at infinity must have the sign bit and every other bit clear");
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
