#include "mldsa_poly.hpp"

#include <atomic>
#include <bit>
#include <cstring>

#include "keccak_x4.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto::mldsa_detail {
namespace {}  // namespace

namespace {

// One NTT layer with its butterfly span as a constant, so the short spans of the last layers unroll
// instead of running one- and two-iteration loops.
template <int Len>
inline void ntt_layer(std::int32_t* a, unsigned& k) noexcept {
    for (int start = 0; start < kN; start += 2 * Len) {
        const std::int64_t zeta = kZetas[++k];
        for (int j = start; j < start + Len; ++j) {
            const std::int32_t t = mont_reduce(zeta * a[j + Len]);
            a[j + Len] = a[j] - t;
            a[j] = a[j] + t;
        }
    }
}

template <int Len>
inline void invntt_layer(std::int32_t* a, unsigned& k) noexcept {
    for (int start = 0; start < kN; start += 2 * Len) {
        const std::int64_t zeta = -kZetas[--k];
        for (int j = start; j < start + Len; ++j) {
            const std::int32_t t = a[j];
            a[j] = t + a[j + Len];
            a[j + Len] = mont_reduce(zeta * (t - a[j + Len]));
        }
    }
}

}  // namespace

void ntt_portable(Poly& a) noexcept {
    unsigned k = 0;
    std::int32_t* p = a.data();
    ntt_layer<128>(p, k);
    ntt_layer<64>(p, k);
    ntt_layer<32>(p, k);
    ntt_layer<16>(p, k);
    ntt_layer<8>(p, k);
    ntt_layer<4>(p, k);
    ntt_layer<2>(p, k);
    ntt_layer<1>(p, k);
}

void invntt_portable(Poly& a) noexcept {
    unsigned k = 256;
    std::int32_t* p = a.data();
    invntt_layer<1>(p, k);
    invntt_layer<2>(p, k);
    invntt_layer<4>(p, k);
    invntt_layer<8>(p, k);
    invntt_layer<16>(p, k);
    invntt_layer<32>(p, k);
    invntt_layer<64>(p, k);
    // The last layer (span 128) with the scaling folded in; |lo ± hi| < 256q, so both products
    // reduce into (−q, q).
    for (std::size_t j = 0; j < kN / 2; ++j) {
        const std::int32_t lo = p[j], hi = p[j + kN / 2];
        p[j] = mont_reduce(std::int64_t{kInvNttScale} * (lo + hi));
        p[j + kN / 2] = mont_reduce(std::int64_t{kLastZetaScale} * (lo - hi));
    }
}

void pointwise_portable(Poly& c, const Poly& a, const Poly& b) noexcept {
    for (std::size_t i = 0; i < kN; ++i) c[i] = mont_reduce(std::int64_t{a[i]} * b[i]);
}

void pointwise_acc_portable(Poly& c, const Poly& a, const Poly& b) noexcept {
    for (std::size_t i = 0; i < kN; ++i) c[i] += mont_reduce(std::int64_t{a[i]} * b[i]);
}

namespace {
// |Σ a·v| < 7 · q · 9q < 2^31 · q, so one Montgomery reduction gives a result in (−q, q).
void matrix_row_portable(Poly& c, const Poly* a, const Poly* v, int l) noexcept {
    for (std::size_t i = 0; i < kN; ++i) {
        std::int64_t sum = 0;
        for (int s = 0; s < l; ++s) sum += std::int64_t{a[s][i]} * v[s][i];
        c[i] = mont_reduce(sum);
    }
}

std::atomic<bool> g_allow_avx2{true};
bool cpu_has_avx2() noexcept {
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
}  // namespace

bool avx2_enabled() noexcept {
    return cpu_has_avx2() && g_allow_avx2.load(std::memory_order_relaxed);
}
void allow_avx2(bool allow) noexcept {
    g_allow_avx2.store(allow, std::memory_order_relaxed);
}

void ntt(Poly& a) noexcept {
    avx2_enabled() ? ntt_avx2(a) : ntt_portable(a);
}
void invntt(Poly& a) noexcept {
    avx2_enabled() ? invntt_avx2(a) : invntt_portable(a);
}
void pointwise(Poly& c, const Poly& a, const Poly& b) noexcept {
    avx2_enabled() ? pointwise_avx2(c, a, b) : pointwise_portable(c, a, b);
}
void pointwise_acc(Poly& c, const Poly& a, const Poly& b) noexcept {
    avx2_enabled() ? pointwise_acc_avx2(c, a, b) : pointwise_acc_portable(c, a, b);
}

void matrix_row(Poly& c, const Poly* a, const Poly* v, int l) noexcept {
    if (avx2_enabled()) {
        matrix_row_avx2(c, a, v, l);
    } else {
        matrix_row_portable(c, a, v, l);
    }
}

void rej_ntt_poly(Poly& out, const std::uint8_t rho[32], std::uint8_t s, std::uint8_t r) noexcept {
    Sponge g = shake128_hasher();
    g.absorb(ByteView(rho, 32));
    const std::uint8_t idx[2] = {s, r};
    g.absorb(ByteView(idx, 2));
    std::uint8_t buf[168 * 5];  // 280 candidates: almost always enough (acceptance ≈ 0.999)
    g.squeeze(buf);
    std::size_t n = 0, pos = 0, len = sizeof buf;
    while (n < kN) {
        if (pos + 3 > len) {
            g.squeeze(std::span<std::uint8_t>(buf, 168));
            pos = 0;
            len = 168;
        }
        // CoeffFromThreeBytes (Algorithm 14): 23 bits, accepted below q. Public (derived from ρ).
        const std::uint32_t z =
            buf[pos] | (std::uint32_t{buf[pos + 1]} << 8) | (std::uint32_t{buf[pos + 2] & 0x7Fu} << 16);
        pos += 3;
        if (z < static_cast<std::uint32_t>(kQ)) out[n++] = static_cast<std::int32_t>(z);
    }
}

namespace {

// CoeffFromThreeBytes (Algorithm 14) over a buffer: appends accepted coefficients to out[n..256).
inline std::uint32_t load_le32(const std::uint8_t* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
    return v;
}

// Without branches on the (public) candidates: each is stored at out[n] and kept by advancing n when
// it is below q (a rejected one is overwritten by the next); one 4-byte load per candidate while
// a fourth byte exists.
std::size_t rej_parse(Poly& out, std::size_t n, const std::uint8_t* buf, std::size_t len) noexcept {
    std::size_t pos = 0;
    if (avx2_enabled()) n = rej_parse_avx2(out, n, buf, len, pos);
    for (; pos + 4 <= len && n < kN; pos += 3) {
        const std::uint32_t z = load_le32(buf + pos) & 0x7FFFFFu;
        out[n] = static_cast<std::int32_t>(z);
        n += z < static_cast<std::uint32_t>(kQ) ? 1 : 0;
    }
    for (; pos + 3 <= len && n < kN; pos += 3) {
        const std::uint32_t z =
            buf[pos] | (std::uint32_t{buf[pos + 1]} << 8) | (std::uint32_t{buf[pos + 2] & 0x7Fu} << 16);
        out[n] = static_cast<std::int32_t>(z);
        n += z < static_cast<std::uint32_t>(kQ) ? 1 : 0;
    }
    return n;
}

}  // namespace

void rej_ntt_poly_x4(Poly* const out[4], const std::uint8_t rho[32], const std::uint8_t s[4], const std::uint8_t r[4],
                     std::size_t lanes) noexcept {
    std::uint8_t seeds[4][34];
    const std::uint8_t* in[4];
    for (std::size_t j = 0; j < 4; ++j) {
        std::memcpy(seeds[j], rho, 32);
        seeds[j][32] = s[j];
        seeds[j][33] = r[j];
        in[j] = seeds[j];
    }
    ShakeX4 g(168, in, 34, lanes);
    alignas(32) std::uint8_t buf[4][168 * 5];
    std::uint8_t* outs[4] = {buf[0], buf[1], buf[2], buf[3]};
    g.squeeze_blocks(outs, 5);
    std::size_t n[4] = {kN, kN, kN, kN};
    for (std::size_t j = 0; j < lanes; ++j) n[j] = rej_parse(*out[j], 0, buf[j], sizeof buf[j]);
    // 840 bytes almost always suffice; otherwise squeeze on, a block at a time, for all four.
    while (n[0] < kN || n[1] < kN || n[2] < kN || n[3] < kN) {
        g.squeeze_blocks(outs, 1);
        for (std::size_t j = 0; j < lanes; ++j) n[j] = rej_parse(*out[j], n[j], buf[j], 168);
    }
}

void expand_mask_poly_x4(Poly* const out[4], const std::uint8_t rho_pp[64], const std::uint16_t kappa[4],
                         std::int32_t gamma1, unsigned gamma1_bits) noexcept {
    std::uint8_t seeds[4][66];
    const std::uint8_t* in[4];
    for (std::size_t j = 0; j < 4; ++j) {
        std::memcpy(seeds[j], rho_pp, 64);
        seeds[j][64] = static_cast<std::uint8_t>(kappa[j]);
        seeds[j][65] = static_cast<std::uint8_t>(kappa[j] >> 8);
        in[j] = seeds[j];
    }
    alignas(32) std::uint8_t buf[4][136 * 5];  // ≥ 32 · 20 bytes
    std::uint8_t* outs[4] = {buf[0], buf[1], buf[2], buf[3]};
    {
        ShakeX4 h(136, in, 66);
        h.squeeze_blocks(outs, (32 * gamma1_bits + 135) / 136);
    }
    for (std::size_t j = 0; j < 4; ++j) unpack(*out[j], gamma1_bits, gamma1, true, buf[j]);
    secure_wipe(seeds, sizeof seeds);
    secure_wipe(buf, sizeof buf);
}

void rej_bounded_poly(Poly& out, const std::uint8_t rho_prime[64], std::uint16_t r, int eta) noexcept {
    Sponge h = shake256_hasher();
    h.absorb(ByteView(rho_prime, 64));
    const std::uint8_t idx[2] = {static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(r >> 8)};
    h.absorb(ByteView(idx, 2));
    std::uint8_t buf[136];
    std::size_t n = 0;
    while (n < kN) {
        h.squeeze(buf);
        for (std::size_t i = 0; i < sizeof buf && n < kN; ++i) {
            // CoeffFromHalfByte (Algorithm 15) on both nibbles. Rejection depends on the seed, which
            // FIPS 204 accepts; b mod 5 is computed without a division.
            const std::int32_t nib[2] = {buf[i] & 0x0F, buf[i] >> 4};
            for (std::int32_t b : nib) {
                if (n >= kN) break;
                if (eta == 2) {
                    if (b < 15) out[n++] = 2 - (b - 5 * ((b * 205) >> 10));
                } else if (b < 9) {
                    out[n++] = 4 - b;
                }
            }
        }
    }
    secure_wipe(buf, sizeof buf);
}

void expand_mask_poly(Poly& out, const std::uint8_t rho_pp[64], std::uint16_t kappa, std::int32_t gamma1,
                      unsigned gamma1_bits) noexcept {
    Sponge h = shake256_hasher();
    h.absorb(ByteView(rho_pp, 64));
    const std::uint8_t idx[2] = {static_cast<std::uint8_t>(kappa), static_cast<std::uint8_t>(kappa >> 8)};
    h.absorb(ByteView(idx, 2));
    std::uint8_t buf[32 * 20];
    const std::size_t len = 32 * gamma1_bits;
    h.squeeze(std::span<std::uint8_t>(buf, len));
    unpack(out, gamma1_bits, gamma1, true, buf);
    secure_wipe(buf, sizeof buf);
}

void sample_in_ball(Poly& c, ByteView ctilde, int tau) noexcept {
    Sponge h = shake256_hasher();
    h.absorb(ctilde);
    std::uint8_t buf[136];
    h.squeeze(buf);
    std::uint64_t signs = 0;
    for (int i = 0; i < 8; ++i) signs |= std::uint64_t{buf[i]} << (8 * i);
    std::size_t pos = 8;
    c.fill(0);
    for (int i = kN - tau; i < kN; ++i) {
        std::uint8_t j;
        do {
            if (pos == sizeof buf) {
                h.squeeze(buf);
                pos = 0;
            }
            j = buf[pos++];
        } while (j > i);
        c[static_cast<std::size_t>(i)] = c[j];
        c[j] = 1 - 2 * static_cast<std::int32_t>(signs & 1);
        signs >>= 1;
    }
}

void sparse_challenge(SparseChallenge& out, const Poly& c) noexcept {
    // c is derived from c̃ and, like SampleInBall itself (which indexes memory by its bytes), is
    // treated as public here.
    out.count = 0;
    for (std::size_t i = 0; i < kN && out.count < 64; ++i) {
        if (c[i] == 0) continue;
        out.pos[out.count] = static_cast<std::uint8_t>(i);
        out.neg[out.count] = c[i] < 0 ? -1 : 0;
        ++out.count;
    }
}

void sparse_mul(Poly& out, const SparseChallenge& c, const Poly& a) noexcept {
    // X^p · a: coefficient i moves to i + p, and wraps to i + p − 256 with its sign flipped. With
    // ext = (−a ‖ a), coefficient j of X^p · a is ext[256 + j − p] for every j, so each term is one
    // fixed-length shifted add that the compiler vectorises.
    std::int32_t ext[2 * kN];
    for (std::size_t i = 0; i < kN; ++i) {
        ext[i] = -a[i];
        ext[i + kN] = a[i];
    }
    out.fill(0);
    std::int32_t* acc = out.data();
    for (int k = 0; k < c.count; ++k) {
        const std::int32_t* src = ext + kN - c.pos[k];
        const std::int32_t m = c.neg[k];
        for (std::size_t j = 0; j < kN; ++j) acc[j] += (src[j] ^ m) - m;
    }
    secure_wipe(ext, sizeof ext);
}

namespace {

// Bit packing eight coefficients (Bits bytes) at a time: with Bits a constant the byte loops
// unroll into fixed shifts and stores.
template <unsigned Bits>
void pack_fixed(const Poly& a, std::int32_t offset, bool subtract, std::uint8_t* out) noexcept {
    for (std::size_t g = 0; g < kN; g += 8) {
        std::uint64_t acc = 0;
        unsigned have = 0;
#pragma GCC unroll 8
        for (std::size_t i = g; i < g + 8; ++i) {
            const auto u = static_cast<std::uint32_t>(subtract ? offset - a[i] : a[i]);
            acc |= std::uint64_t{u} << have;
            have += Bits;
#pragma GCC unroll 4
            while (have >= 8) {
                *out++ = static_cast<std::uint8_t>(acc);
                acc >>= 8;
                have -= 8;
            }
        }
    }
}

template <unsigned Bits>
void unpack_fixed(Poly& a, std::int32_t offset, bool subtract, const std::uint8_t* in) noexcept {
    constexpr std::uint64_t kMask = (std::uint64_t{1} << Bits) - 1;
    for (std::size_t g = 0; g < kN; g += 8) {
        std::uint64_t acc = 0;
        unsigned have = 0;
#pragma GCC unroll 8
        for (std::size_t i = g; i < g + 8; ++i) {
#pragma GCC unroll 4
            while (have < Bits) {
                acc |= std::uint64_t{*in++} << have;
                have += 8;
            }
            const auto u = static_cast<std::int32_t>(acc & kMask);
            acc >>= Bits;
            have -= Bits;
            a[i] = subtract ? offset - u : u;
        }
    }
}

}  // namespace

void pack(const Poly& a, unsigned bits, std::int32_t offset, bool subtract, std::uint8_t* out) noexcept {
    switch (bits) {
        case 3: return pack_fixed<3>(a, offset, subtract, out);
        case 4: return pack_fixed<4>(a, offset, subtract, out);
        case 6: return pack_fixed<6>(a, offset, subtract, out);
        case 10: return pack_fixed<10>(a, offset, subtract, out);
        case 13: return pack_fixed<13>(a, offset, subtract, out);
        case 18: return pack_fixed<18>(a, offset, subtract, out);
        case 20: return pack_fixed<20>(a, offset, subtract, out);
        default: break;
    }
    std::uint64_t acc = 0;
    unsigned have = 0;
    for (std::int32_t v : a) {
        const auto u = static_cast<std::uint32_t>(subtract ? offset - v : v);
        acc |= std::uint64_t{u} << have;
        have += bits;
        while (have >= 8) {
            *out++ = static_cast<std::uint8_t>(acc);
            acc >>= 8;
            have -= 8;
        }
    }
}

void unpack(Poly& a, unsigned bits, std::int32_t offset, bool subtract, const std::uint8_t* in) noexcept {
    switch (bits) {
        case 3: return unpack_fixed<3>(a, offset, subtract, in);
        case 4: return unpack_fixed<4>(a, offset, subtract, in);
        case 6: return unpack_fixed<6>(a, offset, subtract, in);
        case 10: return unpack_fixed<10>(a, offset, subtract, in);
        case 13: return unpack_fixed<13>(a, offset, subtract, in);
        case 18: return unpack_fixed<18>(a, offset, subtract, in);
        case 20: return unpack_fixed<20>(a, offset, subtract, in);
        default: break;
    }
    std::uint64_t acc = 0;
    unsigned have = 0;
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    for (auto& v : a) {
        while (have < bits) {
            acc |= std::uint64_t{*in++} << have;
            have += 8;
        }
        const auto u = static_cast<std::int32_t>(acc & mask);
        acc >>= bits;
        have -= bits;
        v = subtract ? offset - u : u;
    }
}

}  // namespace luxl2::crypto::mldsa_detail
