#include "keccak_x4.hpp"

#include <immintrin.h>

#include <array>
#include <atomic>
#include <cstring>
#include <utility>

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

// ρ offsets for lane x + 5y (FIPS 202 §3.2.2).
constexpr int kRho[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};

// π∘ρ read backwards: output lane x' + 5y' takes lane x + 5y with x = (x' + 3y') mod 5, y = x'.
constexpr std::size_t source_lane(std::size_t out) {
    const std::size_t xo = out % 5, yo = out / 5;
    return (xo + 3 * yo) % 5 + 5 * xo;
}

#define LUXL2_AVX2 __attribute__((target("avx2")))

template <int N>
LUXL2_AVX2 inline __m256i rotl(__m256i v) {
    if constexpr (N == 0)
        return v;
    else
        return _mm256_or_si256(_mm256_slli_epi64(v, N), _mm256_srli_epi64(v, 64 - N));
}

// One round from a into e with every index a constant, so the lanes can stay in registers:
// θ (column parities c, d), ρ and π (b), χ and ι.
template <std::size_t... I>
LUXL2_AVX2 inline void round_x4(const __m256i* a, __m256i* e, std::uint64_t rc, std::index_sequence<I...>) {
    __m256i c[5], d[5], b[25];
    for (std::size_t x = 0; x < 5; ++x)
        c[x] = _mm256_xor_si256(_mm256_xor_si256(a[x], a[x + 5]),
                                _mm256_xor_si256(_mm256_xor_si256(a[x + 10], a[x + 15]), a[x + 20]));
    for (std::size_t x = 0; x < 5; ++x) d[x] = _mm256_xor_si256(c[(x + 4) % 5], rotl<1>(c[(x + 1) % 5]));
    ((b[I] = rotl<kRho[source_lane(I)]>(_mm256_xor_si256(a[source_lane(I)], d[source_lane(I) % 5]))), ...);
    ((e[I] = _mm256_xor_si256(b[I],
                              _mm256_andnot_si256(b[(I % 5 + 1) % 5 + 5 * (I / 5)], b[(I % 5 + 2) % 5 + 5 * (I / 5)]))),
     ...);
    e[0] = _mm256_xor_si256(e[0], _mm256_set1_epi64x(static_cast<long long>(rc)));
}

LUXL2_AVX2 void permute_avx2(KeccakX4State& st) noexcept {
    __m256i a[25], e[25];
    for (std::size_t i = 0; i < 25; ++i) a[i] = _mm256_load_si256(reinterpret_cast<const __m256i*>(st.s[i]));
    for (std::size_t round = 0; round < 24; round += 2) {
        round_x4(a, e, kRc[round], std::make_index_sequence<25>{});
        round_x4(e, a, kRc[round + 1], std::make_index_sequence<25>{});
    }
    for (std::size_t i = 0; i < 25; ++i) _mm256_store_si256(reinterpret_cast<__m256i*>(st.s[i]), a[i]);
}

#undef LUXL2_AVX2

std::atomic<bool> g_allow_avx2{true};

}  // namespace

bool keccak_x4_avx2_enabled() noexcept {
    static const bool has = __builtin_cpu_supports("avx2");
    return has && g_allow_avx2.load(std::memory_order_relaxed);
}
void allow_keccak_x4_avx2(bool allow) noexcept {
    g_allow_avx2.store(allow, std::memory_order_relaxed);
}

void keccak_f1600_x4_portable(KeccakX4State& st) noexcept {
    std::uint64_t one[25];
    for (std::size_t j = 0; j < 4; ++j) {
        for (std::size_t i = 0; i < 25; ++i) one[i] = st.s[i][j];
        keccak_f1600(one);
        for (std::size_t i = 0; i < 25; ++i) st.s[i][j] = one[i];
    }
}

void keccak_f1600_x4(KeccakX4State& st) noexcept {
    if (keccak_x4_avx2_enabled())
        permute_avx2(st);
    else
        keccak_f1600_x4_portable(st);
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
    std::uint8_t tmp[8];
    for (std::size_t i = 0; i < len; i += 8) {
        store_le64(tmp, st.s[i / 8][j]);
        std::memcpy(out + i, tmp, std::min<std::size_t>(8, len - i));
    }
}

}  // namespace

ShakeX4::ShakeX4(std::size_t rate, const std::uint8_t* const in[4], std::size_t len) noexcept : st_{}, rate_(rate) {
    std::size_t off = 0;
    while (len - off >= rate_) {
        for (std::size_t j = 0; j < 4; ++j) xor_in(st_, j, in[j] + off, rate_);
        keccak_f1600_x4(st_);
        off += rate_;
    }
    for (std::size_t j = 0; j < 4; ++j) {
        xor_in(st_, j, in[j] + off, len - off);
        pad(st_, j, len - off, rate_);
    }
    keccak_f1600_x4(st_);
}

ShakeX4::~ShakeX4() {
    secure_wipe(&st_, sizeof st_);
}

void ShakeX4::squeeze_blocks(std::uint8_t* const out[4], std::size_t blocks) noexcept {
    for (std::size_t b = 0; b < blocks; ++b) {
        if (!fresh_) keccak_f1600_x4(st_);
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
