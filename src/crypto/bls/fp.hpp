// BLS12-381 base field Fp: six 64-bit limbs, little-endian, in Montgomery form (R = 2^384), always
// fully reduced (< p). Multiplication is CIOS with unsigned __int128. Every operation here runs in
// time independent of the values (masks, no data-dependent branches), except where a name says
// "vartime". Private to the crypto module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

// The x86-64 routines (inline assembly; the ADX/BMI2 ones behind runtime dispatch) are used on x86-64
// unless LUXL2_BLS_PORTABLE is defined: a build with it runs every portable routine on any machine.
// Unoptimised and AddressSanitizer builds (the debug-asan and fuzz presets) take the portable routines
// too: the assembly needs nearly every general register, which those builds reserve or spill.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LUXL2_BLS_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define LUXL2_BLS_ASAN 1
#endif
#if defined(__x86_64__) && defined(__OPTIMIZE__) && !defined(LUXL2_BLS_ASAN) && !defined(LUXL2_BLS_PORTABLE)
#define LUXL2_BLS_X86 1
#include <x86intrin.h>
#else
#define LUXL2_BLS_X86 0
#endif

namespace luxl2::crypto::bls::detail {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

struct Fp {
    u64 l[6];
};

struct Fr {
    u64 l[4];
};

}  // namespace luxl2::crypto::bls::detail

#include "constants_fp.hpp"

namespace luxl2::crypto::bls::detail {

/// a + b + carry -> (sum, carry out in {0,1})
[[gnu::always_inline]] inline u64 adc(u64 a, u64 b, u64& carry) {
#if LUXL2_BLS_X86
    unsigned long long out;
    carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &out);
    return out;
#else
    const u128 t = static_cast<u128>(a) + b + carry;
    carry = static_cast<u64>(t >> 64);
    return static_cast<u64>(t);
#endif
}
/// a - b - borrow -> (diff, borrow out in {0,1})
[[gnu::always_inline]] inline u64 sbb(u64 a, u64 b, u64& borrow) {
#if LUXL2_BLS_X86
    unsigned long long out;
    borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &out);
    return out;
#else
    const u128 t = static_cast<u128>(a) - b - borrow;
    borrow = static_cast<u64>(t >> 64) & 1;
    return static_cast<u64>(t);
#endif
}
/// Montgomery multiplication a·b·2^(-64N) mod m, CIOS with the multiplication and reduction passes
/// fused ("no-carry" variant): valid because the top limb of m is below 2^63 - 1, so the running sum
/// never needs an (N+1)-th word. Inputs need only a·b < m·2^(64N); the output is fully reduced.
template <std::size_t N>
[[gnu::always_inline]] inline void mont_mul(u64* out, const u64* a, const u64* b, const u64* m, u64 minv) {
    u64 t[N] = {};
#pragma GCC unroll 8
    for (std::size_t i = 0; i < N; ++i) {
        u128 s = static_cast<u128>(a[0]) * b[i] + t[0];
        u64 A = static_cast<u64>(s >> 64);
        const u64 lo = static_cast<u64>(s);
        const u64 q = lo * minv;
        s = static_cast<u128>(q) * m[0] + lo;
        u64 C = static_cast<u64>(s >> 64);
#pragma GCC unroll 8
        for (std::size_t j = 1; j < N; ++j) {
            s = static_cast<u128>(a[j]) * b[i] + t[j] + A;
            A = static_cast<u64>(s >> 64);
            s = static_cast<u128>(q) * m[j] + static_cast<u64>(s) + C;
            C = static_cast<u64>(s >> 64);
            t[j - 1] = static_cast<u64>(s);
        }
        t[N - 1] = C + A;
    }
    // t < 2m: subtract m once when t >= m, by mask.
    u64 r[N];
    u64 borrow = 0;
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) r[j] = sbb(t[j], m[j], borrow);
    const u64 keep = u64{0} - borrow;  // all ones when t < m
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) out[j] = (t[j] & keep) | (r[j] & ~keep);
}

/// Montgomery multiplication for inputs up to 2^(64N) (the general CIOS with an (N+1)-th word), for
/// reducing wide integers; needs a·b < m·2^(64N).
template <std::size_t N>
inline void mont_mul_wide(u64* out, const u64* a, const u64* b, const u64* m, u64 minv) {
    u64 t[N + 2] = {};
    for (std::size_t i = 0; i < N; ++i) {
        u64 c = 0;
        for (std::size_t j = 0; j < N; ++j) {
            const u128 s = static_cast<u128>(a[j]) * b[i] + t[j] + c;
            t[j] = static_cast<u64>(s);
            c = static_cast<u64>(s >> 64);
        }
        u128 s = static_cast<u128>(t[N]) + c;
        t[N] = static_cast<u64>(s);
        t[N + 1] = static_cast<u64>(s >> 64);
        const u64 q = t[0] * minv;
        s = static_cast<u128>(q) * m[0] + t[0];
        c = static_cast<u64>(s >> 64);
        for (std::size_t j = 1; j < N; ++j) {
            s = static_cast<u128>(q) * m[j] + t[j] + c;
            t[j - 1] = static_cast<u64>(s);
            c = static_cast<u64>(s >> 64);
        }
        s = static_cast<u128>(t[N]) + c;
        t[N - 1] = static_cast<u64>(s);
        t[N] = t[N + 1] + static_cast<u64>(s >> 64);
    }
    u64 r[N];
    u64 borrow = 0;
    for (std::size_t j = 0; j < N; ++j) r[j] = sbb(t[j], m[j], borrow);
    (void)sbb(t[N], 0, borrow);
    const u64 keep = u64{0} - borrow;
    for (std::size_t j = 0; j < N; ++j) out[j] = (t[j] & keep) | (r[j] & ~keep);
}

/// out = a + b mod m for reduced inputs.
template <std::size_t N>
[[gnu::always_inline]] inline void mod_add(u64* out, const u64* a, const u64* b, const u64* m) {
    u64 s[N], r[N];
    u64 carry = 0, borrow = 0;
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) s[j] = adc(a[j], b[j], carry);
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) r[j] = sbb(s[j], m[j], borrow);
    (void)sbb(carry, 0, borrow);
    const u64 keep = u64{0} - borrow;
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) out[j] = (s[j] & keep) | (r[j] & ~keep);
}

/// out = a - b mod m for reduced inputs.
template <std::size_t N>
[[gnu::always_inline]] inline void mod_sub(u64* out, const u64* a, const u64* b, const u64* m) {
    u64 d[N];
    u64 borrow = 0, carry = 0;
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) d[j] = sbb(a[j], b[j], borrow);
    const u64 mask = u64{0} - borrow;
#pragma GCC unroll 8
    for (std::size_t j = 0; j < N; ++j) out[j] = adc(d[j], m[j] & mask, carry);
}

// ---- Fp ----

}  // namespace luxl2::crypto::bls::detail

#include "fp_x86.hpp"

namespace luxl2::crypto::bls::detail {

inline Fp operator*(const Fp& a, const Fp& b) {
    Fp r;
#if LUXL2_BLS_X86
    if (cpu_has_adx()) {
        fp_mul_adx(r.l, a.l, b.l);
        return r;
    }
#endif
    mont_mul<6>(r.l, a.l, b.l, kP, kPInv);
    return r;
}
[[gnu::always_inline]] inline Fp operator+(const Fp& a, const Fp& b) {
    Fp r;
#if LUXL2_BLS_X86
    fp_add_x86(r.l, a.l, b.l);
#else
    mod_add<6>(r.l, a.l, b.l, kP);
#endif
    return r;
}
[[gnu::always_inline]] inline Fp operator-(const Fp& a, const Fp& b) {
    Fp r;
#if LUXL2_BLS_X86
    fp_sub_x86(r.l, a.l, b.l);
#else
    mod_sub<6>(r.l, a.l, b.l, kP);
#endif
    return r;
}
inline Fp fp_zero() {
    return Fp{};
}
[[gnu::always_inline]] inline Fp operator-(const Fp& a) {
    return fp_zero() - a;
}
inline Fp& operator*=(Fp& a, const Fp& b) {
    return a = a * b;
}
inline Fp& operator+=(Fp& a, const Fp& b) {
    return a = a + b;
}
inline Fp& operator-=(Fp& a, const Fp& b) {
    return a = a - b;
}
inline Fp sqr(const Fp& a) {
    return a * a;
}
[[gnu::always_inline]] inline Fp dbl(const Fp& a) {
    return a + a;
}

/// a/2: the representative plus p when it is odd, shifted right (a Montgomery representative halves
/// with its value). Cheaper than a multiplication by 1/2.
inline Fp half(const Fp& a) {
    const u64 odd = u64{0} - (a.l[0] & 1);
    u64 t[6];
    u64 carry = 0;
    for (int j = 0; j < 6; ++j) t[j] = adc(a.l[j], kP[j] & odd, carry);
    Fp r;
    for (int j = 0; j < 5; ++j) r.l[j] = (t[j] >> 1) | (t[j + 1] << 63);
    r.l[5] = (t[5] >> 1) | (carry << 63);
    return r;
}

/// All-ones mask when a == 0.
inline u64 is_zero_mask(const Fp& a) {
    u64 acc = 0;
    for (u64 v : a.l) acc |= v;
    return ((acc | (u64{0} - acc)) >> 63) - 1;
}
inline bool is_zero(const Fp& a) {
    return is_zero_mask(a) != 0;
}
inline u64 eq_mask(const Fp& a, const Fp& b) {
    u64 acc = 0;
    for (int i = 0; i < 6; ++i) acc |= a.l[i] ^ b.l[i];
    return ((acc | (u64{0} - acc)) >> 63) - 1;
}
inline bool operator==(const Fp& a, const Fp& b) {
    return eq_mask(a, b) != 0;
}
inline bool operator!=(const Fp& a, const Fp& b) {
    return eq_mask(a, b) == 0;
}
/// mask ? a : b
inline Fp select(u64 mask, const Fp& a, const Fp& b) {
    Fp r;
    for (int i = 0; i < 6; ++i) r.l[i] = (a.l[i] & mask) | (b.l[i] & ~mask);
    return r;
}

/// Canonical integer (out of Montgomery form).
inline Fp from_mont(const Fp& a) {
    static constexpr Fp raw_one{{1, 0, 0, 0, 0, 0}};
    return a * raw_one;
}
/// Montgomery form of a canonical integer < p.
inline Fp to_mont(const Fp& canonical) {
    return canonical * kR2;
}

/// a^e for a public exponent given as little-endian limbs: fixed 4-bit windows (the sequence of
/// operations depends on e only, never on a).
inline Fp pow_vartime(const Fp& a, const u64* e, int limbs) {
    Fp table[16];
    table[0] = kOne;
    table[1] = a;
    for (int i = 2; i < 16; ++i) table[i] = table[i - 1] * a;
    Fp r = kOne;
    bool started = false;
    for (int i = limbs - 1; i >= 0; --i)
        for (int nib = 15; nib >= 0; --nib) {
            if (started) r = sqr(sqr(sqr(sqr(r))));
            const auto d = static_cast<unsigned>((e[i] >> (4 * nib)) & 0xf);
            if (d != 0) {
                r = started ? r * table[d] : table[d];
                started = true;
            }
        }
    return r;
}

/// 1/a (0 for 0), by Fermat: a^(p-2).
inline Fp inv(const Fp& a) {
    static constexpr u64 e[6] = {kP[0] - 2, kP[1], kP[2], kP[3], kP[4], kP[5]};
    return pow_vartime(a, e, 6);
}

/// Candidate square root a^((p+1)/4) (p ≡ 3 mod 4); the caller checks it squares back.
inline Fp sqrt_candidate(const Fp& a) {
    static constexpr u64 e[6] = {0xee7fbfffffffeaab, 0x07aaffffac54ffff, 0xd9cc34a83dac3d89,
                                 0xd91dd2e13ce144af, 0x92c6e9ed90d2eb35, 0x0680447a8e5ff9a6};
    return pow_vartime(a, e, 6);
}

/// t = a^((p-3)/4): when a is a non-zero square, t·a is a square root of a and t is its inverse.
inline Fp pow_p_minus_3_over_4(const Fp& a) {
    static constexpr u64 e[6] = {0xee7fbfffffffeaaa, 0x07aaffffac54ffff, 0xd9cc34a83dac3d89,
                                 0xd91dd2e13ce144af, 0x92c6e9ed90d2eb35, 0x0680447a8e5ff9a6};
    return pow_vartime(a, e, 6);
}

/// Legendre-style test: a is a square in Fp (0 counts as a square).
inline bool is_square(const Fp& a) {
    const Fp t = pow_vartime(a, kPHalf, 6);
    return is_zero(t) || t == kOne;
}

/// Big-endian 48 bytes -> canonical limbs; false when the value is >= p.
inline bool fp_from_be48(Fp& out, const std::uint8_t* in) {
    Fp c;
    for (int i = 0; i < 6; ++i) {
        u64 v = 0;
        for (int k = 0; k < 8; ++k) v = (v << 8) | in[(5 - i) * 8 + k];
        c.l[i] = v;
    }
    u64 borrow = 0;
    for (int i = 0; i < 6; ++i) (void)sbb(c.l[i], kP[i], borrow);
    if (!borrow) return false;
    out = to_mont(c);
    return true;
}
inline void fp_to_be48(std::uint8_t* out, const Fp& a) {
    const Fp c = from_mont(a);
    for (int i = 0; i < 6; ++i)
        for (int k = 0; k < 8; ++k) out[(5 - i) * 8 + k] = static_cast<std::uint8_t>(c.l[i] >> (56 - 8 * k));
}
/// The canonical value is > (p-1)/2 (the ZCash "lexicographically largest" sign).
inline bool lexicographically_largest(const Fp& a) {
    const Fp c = from_mont(a);
    u64 borrow = 0;
    for (int i = 0; i < 6; ++i) (void)sbb(kPHalf[i], c.l[i], borrow);
    return borrow != 0;
}
/// Parity of the canonical value (sgn0 of RFC 9380 for m = 1).
inline bool parity(const Fp& a) {
    return (from_mont(a).l[0] & 1) != 0;
}

}  // namespace luxl2::crypto::bls::detail
