// Private to ML-DSA: arithmetic in R_q = Z_q[X]/(X^256 + 1), q = 8380417 (FIPS 204 §2.3, §7), the
// NTT, the rounding functions (§7.4), sampling (§7.3) and bit packing (§7.1).
//
// Representation: int32 coefficients. Products go through Montgomery reduction with R = 2^32, so a
// pointwise product in the NTT domain carries a factor R^-1 that `invntt` removes; `invntt` expects
// inputs of magnitude below q and returns values in (−q, q).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto::mldsa_detail {

inline constexpr std::int32_t kQ = 8380417;
inline constexpr int kN = 256;
inline constexpr int kD = 13;

using Poly = std::array<std::int32_t, kN>;

// q^-1 mod 2^32, by Newton iteration (each step doubles the correct low bits).
consteval std::uint32_t q_inverse() {
    std::uint32_t x = static_cast<std::uint32_t>(kQ);
    for (int i = 0; i < 5; ++i) x *= 2u - static_cast<std::uint32_t>(kQ) * x;
    return x;
}
inline constexpr std::uint32_t kQInv = q_inverse();
static_assert(static_cast<std::uint32_t>(kQ) * kQInv == 1u);

/// a · 2^-32 mod q, for |a| < 2^31 · q; result in (−q, q).
inline std::int32_t mont_reduce(std::int64_t a) noexcept {
    const auto t = static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<std::uint64_t>(a)) * kQInv);
    return static_cast<std::int32_t>((a - static_cast<std::int64_t>(t) * kQ) >> 32);
}

/// A representative of a mod q in about [−0.75q, 0.75q], for any int32 a.
inline std::int32_t reduce32(std::int32_t a) noexcept {
    const std::int32_t t = (a + (1 << 22)) >> 23;
    return a - t * kQ;
}

/// Maps a in (−q, q) to [0, q).
inline std::int32_t caddq(std::int32_t a) noexcept {
    return a + ((a >> 31) & kQ);
}
/// Maps any int32 to [0, q).
inline std::int32_t freeze(std::int32_t a) noexcept {
    return caddq(reduce32(a));
}
/// Maps any int32 to the centred representative in [−(q−1)/2, (q−1)/2].
inline std::int32_t centre(std::int32_t a) noexcept {
    const std::int32_t f = freeze(a);
    return f - (((kQ - 1) / 2 - f) >> 31 & kQ);
}
/// |a| without a branch.
inline std::int32_t abs_ct(std::int32_t a) noexcept {
    const std::int32_t m = a >> 31;
    return (a ^ m) - m;
}

namespace ntt_tables {
constexpr std::int64_t pow_mod(std::int64_t base, std::uint64_t e) {
    std::int64_t r = 1;
    base %= kQ;
    while (e) {
        if (e & 1) r = r * base % kQ;
        base = base * base % kQ;
        e >>= 1;
    }
    return r;
}
constexpr unsigned bitrev8(unsigned k) {
    unsigned r = 0;
    for (int i = 0; i < 8; ++i) r |= ((k >> i) & 1u) << (7 - i);
    return r;
}
// ζ^BitRev8(k) (ζ = 1753, the 512th root of unity of FIPS 204 §7.5), in Montgomery form and
// centred, so that mont_reduce(zeta · a) = ζ^.. · a mod q.
consteval std::array<std::int32_t, 256> make_zetas() {
    std::array<std::int32_t, 256> z{};
    const std::int64_t r_mod_q = (std::int64_t{1} << 32) % kQ;
    for (unsigned k = 0; k < 256; ++k) {
        std::int64_t v = pow_mod(1753, bitrev8(k)) * r_mod_q % kQ;
        if (v > kQ / 2) v -= kQ;
        z[k] = static_cast<std::int32_t>(v);
    }
    return z;
}
}  // namespace ntt_tables

inline constexpr std::array<std::int32_t, 256> kZetas = ntt_tables::make_zetas();
// 2^64 / 256 mod q: one factor R undoes the pointwise R^-1, the other the final mont_reduce, and
// 1/256 scales the inverse transform.
inline constexpr std::int32_t kInvNttScale = static_cast<std::int32_t>(ntt_tables::pow_mod(2, 56));

// −ζ[1] · kInvNttScale · R^-1 mod q, centred: the constant of the inverse NTT's last layer when the
// final scaling is folded into it (lo' = (lo + hi)·s, hi' = (lo − hi)·(−ζ[1]·s·R^-1)).
consteval std::int32_t last_zeta_scale() {
    const std::int64_t r_inv = ntt_tables::pow_mod((std::int64_t{1} << 32) % kQ, kQ - 2);
    std::int64_t v = (std::int64_t{kQ} - kZetas[1]) % kQ * kInvNttScale % kQ * r_inv % kQ;
    if (v > kQ / 2) v -= kQ;
    return static_cast<std::int32_t>(v);
}
inline constexpr std::int32_t kLastZetaScale = last_zeta_scale();

/// The NTT (Algorithm 41), in place; inputs |a| < q, outputs |a| < 9q.
void ntt(Poly& a) noexcept;
/// Inverse NTT of a Montgomery pointwise product: returns the exact product (inputs |a| < q).
void invntt(Poly& a) noexcept;
/// c = a ∘ b · R^-1 (NTT domain).
void pointwise(Poly& c, const Poly& a, const Poly& b) noexcept;
/// c += a ∘ b · R^-1.
void pointwise_acc(Poly& c, const Poly& a, const Poly& b) noexcept;
/// c = Σ_{s<l} a[s] ∘ v[s] · R^-1 (one row of Â ∘ v̂), coefficients in (−lq, lq); needs a[s] in
/// [0, q) and |v[s]| < 9q. The portable form sums the exact 64-bit products and reduces once; the
/// AVX2 form reduces each product. The two differ only by multiples of q.
void matrix_row(Poly& c, const Poly* a, const Poly* v, int l) noexcept;

// The two implementations behind the functions above: portable C++ and AVX2 (chosen at run time
// when the CPU has AVX2). They compute the same integers lane for lane, so results are identical.
void ntt_portable(Poly& a) noexcept;
void invntt_portable(Poly& a) noexcept;
void pointwise_portable(Poly& c, const Poly& a, const Poly& b) noexcept;
void pointwise_acc_portable(Poly& c, const Poly& a, const Poly& b) noexcept;
void ntt_avx2(Poly& a) noexcept;
void invntt_avx2(Poly& a) noexcept;
void pointwise_avx2(Poly& c, const Poly& a, const Poly& b) noexcept;
void pointwise_acc_avx2(Poly& c, const Poly& a, const Poly& b) noexcept;
void matrix_row_avx2(Poly& c, const Poly* a, const Poly* v, int l) noexcept;
/// Whether the AVX2 path runs (CPU support and not disabled by `allow_avx2(false)`).
bool avx2_enabled() noexcept;
void allow_avx2(bool allow) noexcept;

/// Power2Round (Algorithm 35) of a ∈ [0, q): returns a1 and sets a0.
inline std::int32_t power2round(std::int32_t a, std::int32_t& a0) noexcept {
    const std::int32_t a1 = (a + (1 << (kD - 1)) - 1) >> kD;
    a0 = a - (a1 << kD);
    return a1;
}

/// Decompose (Algorithm 36) of a ∈ [0, q) for γ2 ∈ {(q−1)/88, (q−1)/32}: returns r1, sets r0.
/// a1 = ⌈a / 128⌉ is below 2^16, so the division by 2γ2/128 (1023 or 372) is a 32-bit multiply and a
/// shift with these constants, exact over [0, q) (checked exhaustively against the division); the
/// q−1 corner case (r1 = m wraps to 0, r0 = −1) falls out of the mask and the centring. No branch on
/// a, and only 32-bit lane operations, so the compiler can vectorise loops of it.
inline std::int32_t decompose(std::int32_t a, std::int32_t gamma2, std::int32_t& a0) noexcept {
    std::int32_t a1 = (a + 127) >> 7;
    if (gamma2 == (kQ - 1) / 32) {
        a1 = (a1 * 1025 + (1 << 21)) >> 22;
        a1 &= 15;
    } else {
        a1 = (a1 * 11275 + (1 << 23)) >> 24;
        a1 ^= ((43 - a1) >> 31) & a1;
    }
    std::int32_t r0 = a - a1 * 2 * gamma2;
    r0 -= (((kQ - 1) / 2 - r0) >> 31) & kQ;
    a0 = r0;
    return a1;
}

/// UseHint (Algorithm 40) for a ∈ [0, q). Public data only; selects instead of a modulo, so loops
/// of it vectorise.
inline std::int32_t use_hint(std::int32_t a, bool hint, std::int32_t gamma2) noexcept {
    std::int32_t a0 = 0;
    const std::int32_t a1 = decompose(a, gamma2, a0);
    const std::int32_t m = (kQ - 1) / (2 * gamma2);
    const std::int32_t up = a1 + 1 == m ? 0 : a1 + 1;
    const std::int32_t down = a1 == 0 ? m - 1 : a1 - 1;
    return !hint ? a1 : (a0 > 0 ? up : down);
}

/// RejNTTPoly (Algorithm 30) with seed ρ ‖ s ‖ r: the (r, s) entry of Â.
void rej_ntt_poly(Poly& out, const std::uint8_t rho[32], std::uint8_t s, std::uint8_t r) noexcept;
/// RejBoundedPoly (Algorithm 31) with seed ρ' ‖ IntegerToBytes(r, 2), coefficients in [−η, η].
void rej_bounded_poly(Poly& out, const std::uint8_t rho_prime[64], std::uint16_t r, int eta) noexcept;
/// One polynomial of ExpandMask (Algorithm 34): seed ρ'' ‖ IntegerToBytes(kappa, 2).
void expand_mask_poly(Poly& out, const std::uint8_t rho_pp[64], std::uint16_t kappa, std::int32_t gamma1,
                      unsigned gamma1_bits) noexcept;
/// AVX2 part of RejNTTPoly's parsing: appends the coefficients accepted from buf[0, used) to
/// out[n..], returns the new n and sets `used` (a multiple of 3); the caller parses the rest.
std::size_t rej_parse_avx2(Poly& out, std::size_t n, const std::uint8_t* buf, std::size_t len,
                           std::size_t& used) noexcept;
/// Four RejNTTPoly at once (4-way Keccak): out[j] from ρ ‖ s[j] ‖ r[j], for j < lanes (the other
/// outputs are left as they are).
void rej_ntt_poly_x4(Poly* const out[4], const std::uint8_t rho[32], const std::uint8_t s[4], const std::uint8_t r[4],
                     std::size_t lanes = 4) noexcept;
/// Four ExpandMask polynomials at once: out[j] from ρ'' ‖ IntegerToBytes(kappa[j], 2).
void expand_mask_poly_x4(Poly* const out[4], const std::uint8_t rho_pp[64], const std::uint16_t kappa[4],
                         std::int32_t gamma1, unsigned gamma1_bits) noexcept;
/// SampleInBall (Algorithm 29) from c̃ (public).
void sample_in_ball(Poly& c, ByteView ctilde, int tau) noexcept;

/// The τ nonzero coefficients of a challenge c (±1 at `pos`), for products computed directly in
/// Z[X]/(X^256 + 1): c·s for s with small coefficients is exact in int32 (|c·s1|, |c·s2| ≤ τη,
/// |c·t0| ≤ τ·2^12), so it equals the centred result of the NTT route, with no transform at all.
struct SparseChallenge {
    std::uint8_t pos[64];
    std::int32_t neg[64];  // 0 for +1, −1 for −1 (a mask: (a ^ m) − m negates when m = −1)
    int count = 0;
};
/// Lists the nonzero coefficients of c (entries in {−1, 0, 1}).
void sparse_challenge(SparseChallenge& out, const Poly& c) noexcept;
/// out = c · a in Z[X]/(X^256 + 1) (exact, no reduction: the caller bounds |c·a| below 2^31).
void sparse_mul(Poly& out, const SparseChallenge& c, const Poly& a) noexcept;

/// SimpleBitPack / BitPack (Algorithms 16, 17): packs (offset − a_i) when `subtract`, else a_i,
/// each in `bits` bits, little-endian bit order; writes 32·bits bytes.
void pack(const Poly& a, unsigned bits, std::int32_t offset, bool subtract, std::uint8_t* out) noexcept;
/// The inverse of `pack`: a_i = offset − v_i when `subtract`, else v_i.
void unpack(Poly& a, unsigned bits, std::int32_t offset, bool subtract, const std::uint8_t* in) noexcept;

}  // namespace luxl2::crypto::mldsa_detail
