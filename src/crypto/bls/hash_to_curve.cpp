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

G2 map_to_curve_g2(const Fp2& u) {
    const Fp2 zu2 = kSswuZ * sqr(u);
    const Fp2 den = sqr(zu2) + zu2;  // Z^2·u^4 + Z·u^2
    Fp2 x1 = is_zero(den) ? kSswuBOverZA : kSswuMinusBOverA * (fp2_one() + inv(den));
    auto g = [](const Fp2& x) { return (sqr(x) + kSswuA) * x + kSswuB; };
    Fp2 x = x1, y;
    if (!sqrt(y, g(x1))) {
        x = zu2 * x1;
        const bool ok = sqrt(y, g(x));
        (void)ok;  // one of g(x1), g(x2) is always a square (RFC 9380 Section 6.6.2)
    }
    if (sgn0(u) != sgn0(y)) y = -y;
    return iso_map(x, y);
}

G2 hash_to_g2(ByteView msg, ByteView dst) {
    std::array<std::uint8_t, 256> uniform{};
    const bool ok = expand_message_xmd(uniform.data(), uniform.size(), msg, dst);
    LUXL2_ASSERT(ok);  // fixed length 256, DST checked by callers
    const Fp2 u0{fp_from_be64(uniform.data()), fp_from_be64(uniform.data() + 64)};
    const Fp2 u1{fp_from_be64(uniform.data() + 128), fp_from_be64(uniform.data() + 192)};
    return clear_cofactor(add(map_to_curve_g2(u0), map_to_curve_g2(u1)));
}

}  // namespace luxl2::crypto::bls::detail
