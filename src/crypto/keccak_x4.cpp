#include "keccak_x4.hpp"

#include <immintrin.h>

#include <array>
#include <atomic>
#include <cstring>

#include "keccak_rounds.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto {
namespace {

constexpr std::uint64_t kRc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL, 0x000000000000808bULL,
    0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL, 0x0000000000000088ULL,
    0x0000000080008009ULL, 0x000000008000000aULL, 0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

#define LUXL2_AVX2 __attribute__((target("avx2")))

// Rotations by whole bytes are one byte shuffle instead of two shifts and an or.
template <int N>
LUXL2_AVX2 inline __m256i rotl(__m256i v) {
    if constexpr (N == 0)
        return v;
    else if constexpr (N == 8)
        return _mm256_shuffle_epi8(v, _mm256_setr_epi8(7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14, 7, 0, 1, 2,
                                                       3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14));
    else if constexpr (N == 56)
        return _mm256_shuffle_epi8(v, _mm256_setr_epi8(1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8, 1, 2, 3, 4,
                                                       5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8));
    else
        return _mm256_or_si256(_mm256_slli_epi64(v, N), _mm256_srli_epi64(v, 64 - N));
}

// Rounds with the state in named variables, as the scalar permutation (keccak.cpp) has them: the
// compiler keeps lanes in registers instead of arrays in memory. The operations are macros so that
// the same text serves AVX2 and AVX-512VL.
#define LUXL2_X4_ROUND_AE(rc)       \
    C0 = X5(A0, A5, A10, A15, A20); \
    C1 = X5(A1, A6, A11, A16, A21); \
    C2 = X5(A2, A7, A12, A17, A22); \
    C3 = X5(A3, A8, A13, A18, A23); \
    C4 = X5(A4, A9, A14, A19, A24); \
    D0 = XOR(C4, ROL(C1, 1));       \
    D1 = XOR(C0, ROL(C2, 1));       \
    D2 = XOR(C1, ROL(C3, 1));       \
    D3 = XOR(C2, ROL(C4, 1));       \
    D4 = XOR(C3, ROL(C0, 1));       \
    B0 = XOR(A0, D0);               \
    B1 = ROL(XOR(A6, D1), 44);      \
    B2 = ROL(XOR(A12, D2), 43);     \
    B3 = ROL(XOR(A18, D3), 21);     \
    B4 = ROL(XOR(A24, D4), 14);     \
    E0 = XOR(CHI(B0, B1, B2), rc);  \
    E1 = CHI(B1, B2, B3);           \
    E2 = CHI(B2, B3, B4);           \
    E3 = CHI(B3, B4, B0);           \
    E4 = CHI(B4, B0, B1);           \
    B0 = ROL(XOR(A3, D3), 28);      \
    B1 = ROL(XOR(A9, D4), 20);      \
    B2 = ROL(XOR(A10, D0), 3);      \
    B3 = ROL(XOR(A16, D1), 45);     \
    B4 = ROL(XOR(A22, D2), 61);     \
    E5 = CHI(B0, B1, B2);           \
    E6 = CHI(B1, B2, B3);           \
    E7 = CHI(B2, B3, B4);           \
    E8 = CHI(B3, B4, B0);           \
    E9 = CHI(B4, B0, B1);           \
    B0 = ROL(XOR(A1, D1), 1);       \
    B1 = ROL(XOR(A7, D2), 6);       \
    B2 = ROL(XOR(A13, D3), 25);     \
    B3 = ROL(XOR(A19, D4), 8);      \
    B4 = ROL(XOR(A20, D0), 18);     \
    E10 = CHI(B0, B1, B2);          \
    E11 = CHI(B1, B2, B3);          \
    E12 = CHI(B2, B3, B4);          \
    E13 = CHI(B3, B4, B0);          \
    E14 = CHI(B4, B0, B1);          \
    B0 = ROL(XOR(A4, D4), 27);      \
    B1 = ROL(XOR(A5, D0), 36);      \
    B2 = ROL(XOR(A11, D1), 10);     \
    B3 = ROL(XOR(A17, D2), 15);     \
    B4 = ROL(XOR(A23, D3), 56);     \
    E15 = CHI(B0, B1, B2);          \
    E16 = CHI(B1, B2, B3);          \
    E17 = CHI(B2, B3, B4);          \
    E18 = CHI(B3, B4, B0);          \
    E19 = CHI(B4, B0, B1);          \
    B0 = ROL(XOR(A2, D2), 62);      \
    B1 = ROL(XOR(A8, D3), 55);      \
    B2 = ROL(XOR(A14, D4), 39);     \
    B3 = ROL(XOR(A15, D0), 41);     \
    B4 = ROL(XOR(A21, D1), 2);      \
    E20 = CHI(B0, B1, B2);          \
    E21 = CHI(B1, B2, B3);          \
    E22 = CHI(B2, B3, B4);          \
    E23 = CHI(B3, B4, B0);          \
    E24 = CHI(B4, B0, B1);

#define LUXL2_X4_ROUND_EA(rc)       \
    C0 = X5(E0, E5, E10, E15, E20); \
    C1 = X5(E1, E6, E11, E16, E21); \
    C2 = X5(E2, E7, E12, E17, E22); \
    C3 = X5(E3, E8, E13, E18, E23); \
    C4 = X5(E4, E9, E14, E19, E24); \
    D0 = XOR(C4, ROL(C1, 1));       \
    D1 = XOR(C0, ROL(C2, 1));       \
    D2 = XOR(C1, ROL(C3, 1));       \
    D3 = XOR(C2, ROL(C4, 1));       \
    D4 = XOR(C3, ROL(C0, 1));       \
    B0 = XOR(E0, D0);               \
    B1 = ROL(XOR(E6, D1), 44);      \
    B2 = ROL(XOR(E12, D2), 43);     \
    B3 = ROL(XOR(E18, D3), 21);     \
    B4 = ROL(XOR(E24, D4), 14);     \
    A0 = XOR(CHI(B0, B1, B2), rc);  \
    A1 = CHI(B1, B2, B3);           \
    A2 = CHI(B2, B3, B4);           \
    A3 = CHI(B3, B4, B0);           \
    A4 = CHI(B4, B0, B1);           \
    B0 = ROL(XOR(E3, D3), 28);      \
    B1 = ROL(XOR(E9, D4), 20);      \
    B2 = ROL(XOR(E10, D0), 3);      \
    B3 = ROL(XOR(E16, D1), 45);     \
    B4 = ROL(XOR(E22, D2), 61);     \
    A5 = CHI(B0, B1, B2);           \
    A6 = CHI(B1, B2, B3);           \
    A7 = CHI(B2, B3, B4);           \
    A8 = CHI(B3, B4, B0);           \
    A9 = CHI(B4, B0, B1);           \
    B0 = ROL(XOR(E1, D1), 1);       \
    B1 = ROL(XOR(E7, D2), 6);       \
    B2 = ROL(XOR(E13, D3), 25);     \
    B3 = ROL(XOR(E19, D4), 8);      \
    B4 = ROL(XOR(E20, D0), 18);     \
    A10 = CHI(B0, B1, B2);          \
    A11 = CHI(B1, B2, B3);          \
    A12 = CHI(B2, B3, B4);          \
    A13 = CHI(B3, B4, B0);          \
    A14 = CHI(B4, B0, B1);          \
    B0 = ROL(XOR(E4, D4), 27);      \
    B1 = ROL(XOR(E5, D0), 36);      \
    B2 = ROL(XOR(E11, D1), 10);     \
    B3 = ROL(XOR(E17, D2), 15);     \
    B4 = ROL(XOR(E23, D3), 56);     \
    A15 = CHI(B0, B1, B2);          \
    A16 = CHI(B1, B2, B3);          \
    A17 = CHI(B2, B3, B4);          \
    A18 = CHI(B3, B4, B0);          \
    A19 = CHI(B4, B0, B1);          \
    B0 = ROL(XOR(E2, D2), 62);      \
    B1 = ROL(XOR(E8, D3), 55);      \
    B2 = ROL(XOR(E14, D4), 39);     \
    B3 = ROL(XOR(E15, D0), 41);     \
    B4 = ROL(XOR(E21, D1), 2);      \
    A20 = CHI(B0, B1, B2);          \
    A21 = CHI(B1, B2, B3);          \
    A22 = CHI(B2, B3, B4);          \
    A23 = CHI(B3, B4, B0);          \
    A24 = CHI(B4, B0, B1);

#define LUXL2_X4_PERMUTE                                                                                             \
    __m256i A0 = LD(0), A1 = LD(1), A2 = LD(2), A3 = LD(3), A4 = LD(4), A5 = LD(5), A6 = LD(6), A7 = LD(7),          \
            A8 = LD(8), A9 = LD(9), A10 = LD(10), A11 = LD(11), A12 = LD(12), A13 = LD(13), A14 = LD(14),            \
            A15 = LD(15), A16 = LD(16), A17 = LD(17), A18 = LD(18), A19 = LD(19), A20 = LD(20), A21 = LD(21),        \
            A22 = LD(22), A23 = LD(23), A24 = LD(24);                                                                \
    __m256i B0, B1, B2, B3, B4, C0, C1, C2, C3, C4, D0, D1, D2, D3, D4;                                              \
    __m256i E0, E1, E2, E3, E4, E5, E6, E7, E8, E9, E10, E11, E12, E13, E14, E15, E16, E17, E18, E19, E20, E21, E22, \
        E23, E24;                                                                                                    \
    for (std::size_t round = 0; round < 24; round += 2) {                                                            \
        const __m256i rc0 = _mm256_set1_epi64x(static_cast<long long>(kRc[round]));                                  \
        const __m256i rc1 = _mm256_set1_epi64x(static_cast<long long>(kRc[round + 1]));                              \
        LUXL2_X4_ROUND_AE(rc0)                                                                                       \
        LUXL2_X4_ROUND_EA(rc1)                                                                                       \
    }                                                                                                                \
    ST(0, A0), ST(1, A1), ST(2, A2), ST(3, A3), ST(4, A4), ST(5, A5), ST(6, A6), ST(7, A7), ST(8, A8);               \
    ST(9, A9), ST(10, A10), ST(11, A11), ST(12, A12), ST(13, A13), ST(14, A14), ST(15, A15), ST(16, A16);            \
    ST(17, A17), ST(18, A18), ST(19, A19), ST(20, A20), ST(21, A21), ST(22, A22), ST(23, A23), ST(24, A24);

#define LD(i) _mm256_load_si256(reinterpret_cast<const __m256i*>(st.s[i]))
#define ST(i, v) _mm256_store_si256(reinterpret_cast<__m256i*>(st.s[i]), v)
#define XOR(a, b) _mm256_xor_si256(a, b)

// AVX-512VL on 256-bit vectors: VPROLQ rotates in one instruction, VPTERNLOGQ computes a
// three-input function in one (0x96: a ^ b ^ c; 0xD2: a ^ (~b & c)), and 32 vector registers hold
// the whole state. Lane for lane the same values as the AVX2 permutation.
#define X5(a, b, c, d, e) _mm256_ternarylogic_epi64(_mm256_ternarylogic_epi64(a, b, c, 0x96), d, e, 0x96)
#define ROL(v, n) _mm256_rol_epi64(v, n)
#define CHI(a, b, c) _mm256_ternarylogic_epi64(a, b, c, 0xD2)
__attribute__((target("avx2,avx512f,avx512vl"))) void permute_avx512(KeccakX4State& st) noexcept {
    LUXL2_X4_PERMUTE
}
#undef X5
#undef ROL
#undef CHI

// AVX2: rotations are two shifts and an or (a byte shuffle for 8 and 56), χ an and-not and a xor.
#define X5(a, b, c, d, e) XOR(XOR(XOR(a, b), XOR(c, d)), e)
#define ROL(v, n) rotl<n>(v)
#define CHI(a, b, c) XOR(a, _mm256_andnot_si256(b, c))
LUXL2_AVX2 void permute_avx2(KeccakX4State& st) noexcept {LUXL2_X4_PERMUTE}
#undef X5
#undef ROL
#undef CHI
#undef LUXL2_AVX2
#undef LD
#undef ST
#undef XOR
#undef LUXL2_X4_PERMUTE
#undef LUXL2_X4_ROUND_AE
#undef LUXL2_X4_ROUND_EA

std::atomic<bool> g_allow_avx2{true};
std::atomic<bool> g_allow_avx512{true};

}  // namespace

bool keccak_x4_avx2_enabled() noexcept {
    static const bool has = __builtin_cpu_supports("avx2");
    return has && g_allow_avx2.load(std::memory_order_relaxed);
}
void allow_keccak_x4_avx2(bool allow) noexcept {
    g_allow_avx2.store(allow, std::memory_order_relaxed);
}

namespace {
// The portable form permutes each needed instance where it lies in the interleaved state (lanes four
// words apart), without copying it out and back; built like keccak_f1600 for any CPU and for
// x86-64-v3, and chosen with it.
std::uint64_t* flat(KeccakX4State& st) noexcept {
    return static_cast<std::uint64_t*>(static_cast<void*>(&st.s));
}
void permute_instances(KeccakX4State& st, std::size_t lanes) noexcept {
    for (std::size_t j = 0; j < lanes; ++j) keccak_detail::permute<25, 4>(flat(st) + j);
}
#if defined(__x86_64__) && defined(__GNUC__)
[[gnu::target("arch=x86-64-v3")]] void permute_instances_v3(KeccakX4State& st, std::size_t lanes) noexcept {
    for (std::size_t j = 0; j < lanes; ++j) keccak_detail::permute<25, 4>(flat(st) + j);
}
#endif
}  // namespace

void keccak_f1600_x4_portable(KeccakX4State& st, std::size_t lanes) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (keccak_f1600_has_x86_64_v3()) return permute_instances_v3(st, lanes);
#endif
    permute_instances(st, lanes);
}

bool keccak_x4_avx512_enabled() noexcept {
    static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
    return has && keccak_x4_avx2_enabled() && g_allow_avx512.load(std::memory_order_relaxed);
}
void allow_keccak_x4_avx512(bool allow) noexcept {
    g_allow_avx512.store(allow, std::memory_order_relaxed);
}

void keccak_f1600_x4(KeccakX4State& st, std::size_t lanes) noexcept {
    if (keccak_x4_avx512_enabled())
        permute_avx512(st);
    else if (keccak_x4_avx2_enabled())
        permute_avx2(st);
    else
        keccak_f1600_x4_portable(st, lanes);
}

namespace {

// XORs len bytes of in into lanes of instance j starting at byte 0 (len < 200).
void xor_in(KeccakX4State& st, std::size_t j, const std::uint8_t* in, std::size_t len) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= len; i += 8) st.s[i / 8][j] ^= load_le64(in + i);
    for (; i < len; ++i) st.s[i / 8][j] ^= std::uint64_t{in[i]} << (8 * (i % 8));
}

void pad(KeccakX4State& st, std::size_t j, std::size_t pos, std::size_t rate) noexcept {
    st.s[pos / 8][j] ^= std::uint64_t{0x1F} << (8 * (pos % 8));
    st.s[(rate - 1) / 8][j] ^= std::uint64_t{0x80} << (8 * ((rate - 1) % 8));
}

void extract(const KeccakX4State& st, std::size_t j, std::uint8_t* out, std::size_t len) noexcept {
    // Whole lanes are single 8-byte stores (both rates are whole lanes); only a short tail goes
    // through a temporary.
    std::size_t i = 0;
    for (; i + 8 <= len; i += 8) store_le64(out + i, st.s[i / 8][j]);
    if (i < len) {
        std::uint8_t tmp[8];
        store_le64(tmp, st.s[i / 8][j]);
        std::memcpy(out + i, tmp, len - i);
    }
}

}  // namespace

ShakeX4::ShakeX4(std::size_t rate, const std::uint8_t* const in[4], std::size_t len, std::size_t lanes) noexcept
    : st_{}, rate_(rate), lanes_(lanes) {
    std::size_t off = 0;
    while (len - off >= rate_) {
        for (std::size_t j = 0; j < 4; ++j) xor_in(st_, j, in[j] + off, rate_);
        keccak_f1600_x4(st_, lanes_);
        off += rate_;
    }
    for (std::size_t j = 0; j < 4; ++j) {
        xor_in(st_, j, in[j] + off, len - off);
        pad(st_, j, len - off, rate_);
    }
    keccak_f1600_x4(st_, lanes_);
}

ShakeX4::~ShakeX4() {
    secure_wipe(&st_, sizeof st_);
}

void ShakeX4::squeeze_blocks(std::uint8_t* const out[4], std::size_t blocks) noexcept {
    for (std::size_t b = 0; b < blocks; ++b) {
        if (!fresh_) keccak_f1600_x4(st_, lanes_);
        fresh_ = false;
        for (std::size_t j = 0; j < 4; ++j) extract(st_, j, out[j] + b * rate_, rate_);
    }
}

void shake256_x4_one_block(std::uint8_t* const out[4], std::size_t out_len, const std::uint8_t* const in[4],
                           std::size_t len, bool wipe) noexcept {
    LUXL2_ASSERT(len < 136 && out_len <= 136);
    KeccakX4State st{};
    for (std::size_t j = 0; j < 4; ++j) {
        xor_in(st, j, in[j], len);
        pad(st, j, len, 136);
    }
    keccak_f1600_x4(st);
    for (std::size_t j = 0; j < 4; ++j) extract(st, j, out[j], out_len);
    if (wipe) secure_wipe(&st, sizeof st);
}

}  // namespace luxl2::crypto
