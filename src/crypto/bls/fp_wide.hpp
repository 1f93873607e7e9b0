// Double-width arithmetic for lazy reduction in the tower ("Faster explicit formulas for computing
// pairings over ordinary curves", Aranha, Karabina, Longa, Gebotys, López, Eurocrypt 2011): a sum of
// products of Fp elements is accumulated as 768-bit integers and reduced once (one Montgomery
// reduction per output coefficient instead of one per product).
//
// FpX holds an integer T in [0, p·2^384) that stands for the field element T·2^-384 mod p (what its
// Montgomery reduction returns). Sums and differences are taken modulo p·2^384, which is 0 mod p:
// whether a sum reaches p·2^384 is decided by its high half alone (the low half is below 2^384), so
// they cost a 6-limb carry chain plus one Fp-style modular addition on the high half. A product of
// two Fp operands below 2p is below 4p^2 < p·2^384 (4p < 2^384), so products need no correction and
// multiplication inputs may be unreduced sums (add_nr). Constant time like Fp.
#pragma once

#include "fp.hpp"
#include "fp_x86_wide.hpp"

namespace luxl2::crypto::bls::detail {

struct FpX {
    u64 l[12];
};

/// out[0..2N) = a·b (schoolbook, unsigned __int128).
template <std::size_t N>
[[gnu::always_inline]] inline void mul_wide_portable(u64* out, const u64* a, const u64* b) {
    u64 t[2 * N] = {};
#pragma GCC unroll 8
    for (std::size_t i = 0; i < N; ++i) {
        u64 c = 0;
#pragma GCC unroll 8
        for (std::size_t j = 0; j < N; ++j) {
            const u128 s = static_cast<u128>(a[j]) * b[i] + t[i + j] + c;
            t[i + j] = static_cast<u64>(s);
            c = static_cast<u64>(s >> 64);
        }
        t[i + N] = c;
    }
    for (std::size_t i = 0; i < 2 * N; ++i) out[i] = t[i];
}

/// out = w - p when w >= p, else w (w < 2^384), by mask.
[[gnu::always_inline]] inline void cond_sub_p(u64* out, const u64* w) {
    u64 r[6];
    u64 borrow = 0;
#pragma GCC unroll 8
    for (int j = 0; j < 6; ++j) r[j] = sbb(w[j], kP[j], borrow);
    const u64 keep = u64{0} - borrow;  // all ones when w < p
#pragma GCC unroll 8
    for (int j = 0; j < 6; ++j) out[j] = (w[j] & keep) | (r[j] & ~keep);
}

/// out = t·2^-384 mod p (fully reduced) for t < p·2^384: the low half is reduced word by word,
/// (t_lo + q·p)/2^384 <= p, the high half (< p) is added (sum < 2p), and p is subtracted once.
[[gnu::always_inline]] inline void redc_portable(u64* out, const u64* t) {
    u64 w[6];
    for (int j = 0; j < 6; ++j) w[j] = t[j];
#pragma GCC unroll 8
    for (int i = 0; i < 6; ++i) {
        const u64 q = w[0] * kPInv;
        u128 s = static_cast<u128>(q) * kP[0] + w[0];
        u64 c = static_cast<u64>(s >> 64);
#pragma GCC unroll 8
        for (int j = 1; j < 6; ++j) {
            s = static_cast<u128>(q) * kP[j] + w[j] + c;
            w[j - 1] = static_cast<u64>(s);
            c = static_cast<u64>(s >> 64);
        }
        w[5] = c;
    }
    u64 carry = 0;
    for (int j = 0; j < 6; ++j) w[j] = adc(w[j], t[6 + j], carry);
    cond_sub_p(out, w);
}

/// a·b as a 768-bit integer for any a, b < 2^384; a valid FpX (below p·2^384) when a·b is, e.g. for
/// a, b < 2p.
inline FpX mul_wide(const Fp& a, const Fp& b) {
    FpX r;
#if LUXL2_BLS_X86
    if (cpu_has_adx()) {
        mul_wide_adx(r.l, a.l, b.l);
        return r;
    }
#endif
    mul_wide_portable<6>(r.l, a.l, b.l);
    return r;
}

/// The field element a stands for, fully reduced.
inline Fp redc(const FpX& a) {
    Fp r;
#if LUXL2_BLS_X86
    if (cpu_has_adx()) {
        redc_adx(r.l, a.l);
        return r;
    }
#endif
    redc_portable(r.l, a.l);
    return r;
}

/// a + b as an integer, without reduction: below 2p for reduced inputs, for use only as an operand
/// of a multiplication (which accepts inputs below 2p).
[[gnu::always_inline]] inline Fp add_nr(const Fp& a, const Fp& b) {
    Fp r;
    u64 carry = 0;
#pragma GCC unroll 8
    for (int j = 0; j < 6; ++j) r.l[j] = adc(a.l[j], b.l[j], carry);
    return r;
}

/// a + b mod p·2^384 (portable).
inline void wide_add_portable(u64* r, const u64* a, const u64* b) {
    u64 carry = 0;
#pragma GCC unroll 12
    for (int j = 0; j < 12; ++j) r[j] = adc(a[j], b[j], carry);
    cond_sub_p(r + 6, r + 6);  // the high half is below 2p + 1 <= 2^384
}

/// a - b mod p·2^384 (portable): p is added to the high half when the difference borrows.
inline void wide_sub_portable(u64* r, const u64* a, const u64* b) {
    u64 borrow = 0;
#pragma GCC unroll 12
    for (int j = 0; j < 12; ++j) r[j] = sbb(a[j], b[j], borrow);
    const u64 mask = u64{0} - borrow;
    u64 carry = 0;
#pragma GCC unroll 8
    for (int j = 0; j < 6; ++j) r[6 + j] = adc(r[6 + j], kP[j] & mask, carry);
}

/// a - b as integers when a >= b is known (portable).
inline void wide_sub_nr_portable(u64* r, const u64* a, const u64* b) {
    u64 borrow = 0;
#pragma GCC unroll 12
    for (int j = 0; j < 12; ++j) r[j] = sbb(a[j], b[j], borrow);
}

// The x86-64 versions use plain adc/sbb/cmov (no ADX needed), so they are chosen at compile time.
[[gnu::always_inline]] inline FpX operator+(const FpX& a, const FpX& b) {
    FpX r;
#if LUXL2_BLS_X86
    wide_add_x86(r.l, a.l, b.l);
#else
    wide_add_portable(r.l, a.l, b.l);
#endif
    return r;
}
[[gnu::always_inline]] inline FpX operator-(const FpX& a, const FpX& b) {
    FpX r;
#if LUXL2_BLS_X86
    wide_sub_x86(r.l, a.l, b.l);
#else
    wide_sub_portable(r.l, a.l, b.l);
#endif
    return r;
}
/// a - b as integers, when a >= b is known (no correction).
[[gnu::always_inline]] inline FpX sub_nr(const FpX& a, const FpX& b) {
    FpX r;
#if LUXL2_BLS_X86
    wide_sub_nr_x86(r.l, a.l, b.l);
#else
    wide_sub_nr_portable(r.l, a.l, b.l);
#endif
    return r;
}

}  // namespace luxl2::crypto::bls::detail
