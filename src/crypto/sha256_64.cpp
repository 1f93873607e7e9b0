// SHA-256 of 64-byte messages (Merkle nodes), several at a time.
//
// On x86-64 CPUs with the SHA extensions, the block function runs on SHA-NI with L messages
// interleaved: one message's rounds form a dependency chain (sha256rnds2 has a latency of several
// cycles), so independent messages side by side fill the idle issue slots. The second block of a
// 64-byte message is constant padding (FIPS 180-4 §5.1.1), so its message schedule plus round
// constants is computed once. Elsewhere OpenSSL's block function is used.
#include <array>
#include <cstring>

#include <openssl/sha.h>

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/sha256.hpp"
#include "sha256_ni.hpp"

namespace luxl2::crypto {
namespace {

using sha256_detail::kK;

constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) {
    return (x >> n) | (x << (32 - n));
}

// W[t] + K[t] of the padding block of a 64-byte message: 0x80 ‖ zeros ‖ uint64be(512).
constexpr std::array<std::uint32_t, 64> padding_schedule() {
    std::array<std::uint32_t, 64> w{};
    w[0] = 0x80000000u;
    w[15] = 512;
    for (std::size_t t = 16; t < 64; ++t) {
        const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    for (std::size_t t = 0; t < 64; ++t) w[t] += kK[t];
    return w;
}
alignas(16) constexpr std::array<std::uint32_t, 64> kPadKW = padding_schedule();

constexpr std::uint8_t kPad64[64] = {0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0,   0, 0,
                                     0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0,   0, 0,
                                     0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00};

// SHA256_Transform is deprecated in OpenSSL 3 but is the only way to its block function without
// the per-call EVP context that dominates 64-byte inputs.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void sha256_64_openssl(const std::uint8_t* in64, std::uint8_t* out32) noexcept {
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Transform(&c, in64);
    SHA256_Transform(&c, kPad64);
    for (std::size_t i = 0; i < 8; ++i) store_be32(out32 + 4 * i, static_cast<std::uint32_t>(c.h[i]));
}
#pragma GCC diagnostic pop

#ifdef LUXL2_SHA_NI

// L messages of 64 bytes at in[l], digests to out[l]. Every step loops over the lanes so the
// compiler interleaves the L independent chains. All inputs are read before any output is written.
template <std::size_t L>
LUXL2_SHA_TARGET inline void sha_ni_lanes(const std::uint8_t* const* in, std::uint8_t* const* out) noexcept {
    // First block: the message (its schedule computed 4 words at a time); m0, m1 keep the state for
    // the final addition of the second block.
    __m128i m0[L], m1[L];
    sha256_detail::initial_state<L>(m0, m1);
    sha256_detail::compress_blocks<L>(m0, m1, in, 1);
    __m128i s0[L], s1[L];
#pragma GCC unroll 4
    for (std::size_t l = 0; l < L; ++l) {
        s0[l] = m0[l];
        s1[l] = m1[l];
    }
    // Second block: the constant padding, schedule and constants precomputed.
    const auto* pkw = reinterpret_cast<const __m128i*>(kPadKW.data());
#pragma GCC unroll 16
    for (std::size_t g = 0; g < 16; ++g) {
        const __m128i kw0 = _mm_load_si128(pkw + g);
        const __m128i kw1 = _mm_shuffle_epi32(kw0, 0x0E);
#pragma GCC unroll 4
        for (std::size_t l = 0; l < L; ++l) {
            s1[l] = _mm_sha256rnds2_epu32(s1[l], s0[l], kw0);
            s0[l] = _mm_sha256rnds2_epu32(s0[l], s1[l], kw1);
        }
    }
#pragma GCC unroll 4
    for (std::size_t l = 0; l < L; ++l) {
        s0[l] = _mm_add_epi32(s0[l], m0[l]);
        s1[l] = _mm_add_epi32(s1[l], m1[l]);
    }
    sha256_detail::store_digests<L>(s0, s1, out);
}

LUXL2_SHA_TARGET void sha_ni_many(const std::uint8_t* in, std::size_t n, std::uint8_t* out) noexcept {
    // Lanes read all their input before writing any output, so out == in (in-place layer reduction)
    // is safe: digest i lands at 32i, inside blocks already consumed.
    // Four lanes reach the SHA unit's throughput on the CPUs measured (Zen 4: ~29 ns per message,
    // against ~75 ns one at a time); eight are no faster and spill registers.
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const std::uint8_t* const ins[4] = {in + 64 * i, in + 64 * i + 64, in + 64 * i + 128, in + 64 * i + 192};
        std::uint8_t* const outs[4] = {out + 32 * i, out + 32 * i + 32, out + 32 * i + 64, out + 32 * i + 96};
        sha_ni_lanes<4>(ins, outs);
    }
    for (; i + 2 <= n; i += 2) {
        const std::uint8_t* const ins[2] = {in + 64 * i, in + 64 * i + 64};
        std::uint8_t* const outs[2] = {out + 32 * i, out + 32 * i + 32};
        sha_ni_lanes<2>(ins, outs);
    }
    if (i < n) {
        const std::uint8_t* const ins[1] = {in + 64 * i};
        std::uint8_t* const outs[1] = {out + 32 * i};
        sha_ni_lanes<1>(ins, outs);
    }
}

LUXL2_SHA_TARGET void sha_ni_ptrs(const std::uint8_t* const* in, std::uint8_t* const* out, std::size_t n) noexcept {
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) sha_ni_lanes<4>(in + i, out + i);
    for (; i + 2 <= n; i += 2) sha_ni_lanes<2>(in + i, out + i);
    if (i < n) sha_ni_lanes<1>(in + i, out + i);
}

bool have_sha_ni() noexcept {
    static const bool yes = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
    return yes;
}

#endif  // LUXL2_SHA_NI

}  // namespace

void sha256_64(const std::uint8_t* in64, std::uint8_t* out32) noexcept {
#ifdef LUXL2_SHA_NI
    if (have_sha_ni()) {
        const std::uint8_t* const ins[1] = {in64};
        std::uint8_t* const outs[1] = {out32};
        sha_ni_lanes<1>(ins, outs);
        return;
    }
#endif
    sha256_64_openssl(in64, out32);
}

void sha256_64_many(const std::uint8_t* in, std::size_t n, std::uint8_t* out) noexcept {
#ifdef LUXL2_SHA_NI
    if (have_sha_ni()) {
        sha_ni_many(in, n, out);
        return;
    }
#endif
    for (std::size_t i = 0; i < n; ++i) sha256_64_openssl(in + 64 * i, out + 32 * i);
}

void sha256_64_ptrs(const std::uint8_t* const* in, std::uint8_t* const* out, std::size_t n) noexcept {
#ifdef LUXL2_SHA_NI
    if (have_sha_ni()) {
        sha_ni_ptrs(in, out, n);
        return;
    }
#endif
    for (std::size_t i = 0; i < n; ++i) sha256_64_openssl(in[i], out[i]);
}

}  // namespace luxl2::crypto
