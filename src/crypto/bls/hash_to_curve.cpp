// hash_to_curve for G2, suite BLS12381G2_XMD:SHA-256_SSWU_RO_ of RFC 9380: expand_message_xmd
// (Section 5.3.1), hash_to_field with L = 64 (Section 5.2), the simplified SWU map on the 3-isogenous
// curve E2': y^2 = x^3 + 240u·x + 1012(1 + u) with Z = -(2 + u) (Sections 6.6.2 and 8.8.2), the
// 3-isogeny map (Appendix E.3), and cofactor clearing (Appendix G.3). Messages are public, so the
// square-root branches do not leak secrets.
#include <algorithm>
#include <array>
#include <cstring>

#include "internal.hpp"
#include "luxl2/crypto/sha256.hpp"

namespace luxl2::crypto::bls::detail {

bool expand_message_xmd(std::uint8_t* out, std::size_t len, ByteView msg, ByteView dst_in) {
    constexpr std::size_t b_in_bytes = 32, s_in_bytes = 64;
    const std::size_t ell = (len + b_in_bytes - 1) / b_in_bytes;
    if (ell > 255 || len > 65535 || dst_in.empty()) return false;
    // Oversized tags are first hashed (Section 5.3.3).
    Hash32 short_dst;
    ByteView dst = dst_in;
    if (dst_in.size() > 255) {
        static constexpr std::string_view prefix = "H2C-OVERSIZE-DST-";
        Bytes tmp(prefix.begin(), prefix.end());
        tmp.insert(tmp.end(), dst_in.begin(), dst_in.end());
        short_dst = sha256(tmp);
        dst = short_dst.view();
    }
    Bytes buf;
    buf.reserve(s_in_bytes + msg.size() + 3 + dst.size() + 1);
    buf.assign(s_in_bytes, 0);
    buf.insert(buf.end(), msg.begin(), msg.end());
    buf.push_back(static_cast<std::uint8_t>(len >> 8));
    buf.push_back(static_cast<std::uint8_t>(len));
    buf.push_back(0);
    buf.insert(buf.end(), dst.begin(), dst.end());
    buf.push_back(static_cast<std::uint8_t>(dst.size()));
    const Hash32 b0 = sha256(buf);

    Bytes blk(b_in_bytes + 1 + dst.size() + 1);
    std::copy(dst.begin(), dst.end(), blk.begin() + b_in_bytes + 1);
    blk.back() = static_cast<std::uint8_t>(dst.size());
    Hash32 prev;
    for (std::size_t i = 1; i <= ell; ++i) {
        for (std::size_t k = 0; k < b_in_bytes; ++k)
            blk[k] = static_cast<std::uint8_t>(b0.data()[k] ^ (i == 1 ? 0 : prev.data()[k]));
        blk[b_in_bytes] = static_cast<std::uint8_t>(i);
        prev = sha256(blk);
        const std::size_t off = (i - 1) * b_in_bytes;
        std::memcpy(out + off, prev.data(), std::min(b_in_bytes, len - off));
    }
    return true;
}

namespace {

/// A 64-byte big-endian integer reduced mod p: hi·2^256 + lo with both halves < 2^256 < p, each brought
/// into Montgomery form by one multiplication (by R^2, and by 2^256·R^2).
Fp fp_from_be64(const std::uint8_t* in) {
    Fp lo{}, hi{};
    for (int i = 0; i < 4; ++i)
        for (int k = 0; k < 8; ++k) {
            lo.l[i] = (lo.l[i] << 8) | in[32 + (3 - i) * 8 + k];
            hi.l[i] = (hi.l[i] << 8) | in[(3 - i) * 8 + k];
        }
    return lo * kR2 + hi * kR2Shift256;
}

G2 iso_map(const Fp2& x, const Fp2& y) {
    auto horner = [&x](const Fp2* k, int n, bool monic) {
        Fp2 acc = monic ? fp2_one() : k[n - 1];
        for (int i = monic ? n - 1 : n - 2; i >= 0; --i) acc = acc * x + k[i];
        return acc;
    };
    const Fp2 xn = horner(kIsoXNum, 4, false);
    const Fp2 xd = horner(kIsoXDen, 2, true);
    const Fp2 yn = horner(kIsoYNum, 4, false);
    const Fp2 yd = horner(kIsoYDen, 3, true);
    const G2 p{xn * yd, y * yn * xd, xd * yd};
    if (is_zero(p.z)) return infinity<Fp2>();
    return p;
}

}  // namespace

namespace {

/// Simplified SWU given u, Z·u^2, and 1/(Z^2·u^4 + Z·u^2) (0 when that is 0, as inv0).
G2 map_with_inverse(const Fp2& u, const Fp2& zu2, const Fp2& den, const Fp2& den_inv) {
    const Fp2 x1 = is_zero(den) ? kSswuBOverZA : kSswuMinusBOverA * (fp2_one() + den_inv);
    auto g = [](const Fp2& x) { return (sqr(x) + kSswuA) * x + kSswuB; };
    const Fp2 gx1 = g(x1);
    const Fp n1 = sqr(gx1.c0) + sqr(gx1.c1);
    const Fp c = sqrt_candidate(n1);
    Fp2 x, y;
    bool ok;
    if (sqr(c) == n1) {  // g(x1) is a square exactly when its norm is
        x = x1;
        ok = sqrt_given_norm_root(y, gx1, c);
    } else {
        // g(x2) = Z^3·u^6·g(x1) is then a square; its norm 125·N(u)^6·N(g(x1)) has the root
        // N(u)^3·c·sqrt(-125), because c^2 = -N(g(x1)) for the non-residue N(g(x1)).
        x = zu2 * x1;
        const Fp nu = sqr(u.c0) + sqr(u.c1);
        const Fp alpha = sqr(nu) * nu * c * kSqrtMinus125;
        ok = sqrt_given_norm_root(y, g(x), alpha) || sqrt(y, g(x));
    }
    LUXL2_ASSERT(ok);  // one of g(x1), g(x2) is always a square (RFC 9380 Section 6.6.2)
    if (sgn0(u) != sgn0(y)) y = -y;
    return iso_map(x, y);
}

}  // namespace

G2 map_to_curve_g2(const Fp2& u) {
    const Fp2 zu2 = kSswuZ * sqr(u);
    const Fp2 den = sqr(zu2) + zu2;  // Z^2·u^4 + Z·u^2
    return map_with_inverse(u, zu2, den, inv(den));
}

G2 hash_to_g2(ByteView msg, ByteView dst) {
    std::array<std::uint8_t, 256> uniform{};
    const bool ok = expand_message_xmd(uniform.data(), uniform.size(), msg, dst);
    LUXL2_ASSERT(ok);  // fixed length 256, DST checked by callers
    const Fp2 u0{fp_from_be64(uniform.data()), fp_from_be64(uniform.data() + 64)};
    const Fp2 u1{fp_from_be64(uniform.data() + 128), fp_from_be64(uniform.data() + 192)};
    // Both maps need 1/(Z^2·u^4 + Z·u^2): one inversion of the product serves them (Montgomery's trick).
    const Fp2 zu2_0 = kSswuZ * sqr(u0), zu2_1 = kSswuZ * sqr(u1);
    const Fp2 den0 = sqr(zu2_0) + zu2_0, den1 = sqr(zu2_1) + zu2_1;
    const Fp2 prod_inv = inv(den0 * den1);
    Fp2 inv0 = den1 * prod_inv, inv1 = den0 * prod_inv;
    if (is_zero(den0) || is_zero(den1)) {  // inv0 semantics: fall back to separate inversions
        inv0 = inv(den0);
        inv1 = inv(den1);
    }
    const G2 q0 = map_with_inverse(u0, zu2_0, den0, inv0);
    const G2 q1 = map_with_inverse(u1, zu2_1, den1, inv1);
    return clear_cofactor(add(q0, q1));
}

}  // namespace luxl2::crypto::bls::detail
