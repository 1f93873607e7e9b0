// The low-level SHA-256/SHA-512 interface lets us copy the midstate after the PK.seed block, which
// FIPS 205 §11.2 pads to a full block precisely so that it can be precomputed once per key.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include "slhdsa_hash.hpp"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <bit>

#include "keccak_rounds.hpp"
#include "keccak_x4.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto::slhdsa_detail {
namespace {

constexpr std::size_t kShakeRate = 136;

// The SHAKE instantiation's PRF, F and H one at a time: SHAKE256(PK.seed ‖ ADRS ‖ M) with M of ML
// lanes, n = 8·NL bytes out, always one block (at most 128 bytes < 136). The state is built from
// lanes in the function that permutes it, so the compiler folds the zero lanes and the padding into
// the first round and computes only the NL output lanes in the last.
template <std::size_t NL, std::size_t ML>
[[gnu::always_inline]] inline void shake_block(const std::uint64_t* seed, const std::uint64_t* adrs,
                                               const std::uint64_t* m, std::uint64_t* out) noexcept {
    static_assert(NL + 4 + ML < kShakeRate / 8);
    std::uint64_t s[25] = {};
    for (std::size_t i = 0; i < NL; ++i) s[i] = seed[i];
    for (std::size_t i = 0; i < 4; ++i) s[NL + i] = adrs[i];
    for (std::size_t i = 0; i < ML; ++i) s[NL + 4 + i] = m[i];
    s[NL + 4 + ML] ^= 0x1F;
    s[kShakeRate / 8 - 1] ^= std::uint64_t{0x80} << 56;
    keccak_detail::permute<NL>(s);
    for (std::size_t i = 0; i < NL; ++i) out[i] = s[i];
}

// ADRS lane 3 is bytes 24..31: the chain address word, then the big-endian hash address, which as
// the high half of a little-endian lane reads as its byte-reversed value (on any host).
[[gnu::always_inline]] inline std::uint64_t with_hash_address(std::uint64_t lane3, std::uint32_t i) noexcept {
    return (lane3 & 0xFFFFFFFFu) | (std::uint64_t{std::byteswap(i)} << 32);
}

// A WOTS+ chain on lanes: x ← F(x) for hash addresses start … start + steps − 1, x kept in registers.
template <std::size_t NL>
[[gnu::always_inline]] inline void chain_lanes(const std::uint64_t* seed, const std::uint64_t* adrs, std::uint64_t* x,
                                               std::uint32_t start, std::uint32_t steps) noexcept {
    std::uint64_t a[4] = {adrs[0], adrs[1], adrs[2], adrs[3]};
    std::uint64_t v[NL];
    for (std::size_t i = 0; i < NL; ++i) v[i] = x[i];
    for (std::uint32_t i = start; i < start + steps; ++i) {
        a[3] = with_hash_address(adrs[3], i);
        shake_block<NL, NL>(seed, a, v, v);
    }
    for (std::size_t i = 0; i < NL; ++i) x[i] = v[i];
}

// The kernels the Hasher calls through pointers, compiled twice: for any x86-64 (or other CPU), and for
// x86-64-v3 (BMI1 andn, BMI2 rorx) where keccak_f1600 also uses that variant.
using Lanes = std::uint64_t;
template <std::size_t NL>
void one_generic(const Lanes* seed, const Lanes* adrs, const Lanes* m, Lanes* out) noexcept {
    shake_block<NL, NL>(seed, adrs, m, out);
}
template <std::size_t NL>
void two_generic(const Lanes* seed, const Lanes* adrs, const Lanes* m, Lanes* out) noexcept {
    shake_block<NL, 2 * NL>(seed, adrs, m, out);
}
template <std::size_t NL>
void chain_generic(const Lanes* seed, const Lanes* adrs, Lanes* x, std::uint32_t start, std::uint32_t steps) noexcept {
    chain_lanes<NL>(seed, adrs, x, start, steps);
}
#if defined(__x86_64__) && defined(__GNUC__)
template <std::size_t NL>
[[gnu::target("arch=x86-64-v3")]] void one_v3(const Lanes* seed, const Lanes* adrs, const Lanes* m,
                                              Lanes* out) noexcept {
    shake_block<NL, NL>(seed, adrs, m, out);
}
template <std::size_t NL>
[[gnu::target("arch=x86-64-v3")]] void two_v3(const Lanes* seed, const Lanes* adrs, const Lanes* m,
                                              Lanes* out) noexcept {
    shake_block<NL, 2 * NL>(seed, adrs, m, out);
}
template <std::size_t NL>
[[gnu::target("arch=x86-64-v3")]] void chain_v3(const Lanes* seed, const Lanes* adrs, Lanes* x, std::uint32_t start,
                                                std::uint32_t steps) noexcept {
    chain_lanes<NL>(seed, adrs, x, start, steps);
}
#endif

void to_lanes(const std::uint8_t* in, std::size_t lanes, Lanes* out) noexcept {
    for (std::size_t i = 0; i < lanes; ++i) out[i] = load_le64(in + 8 * i);
}
void from_lanes(const Lanes* in, std::size_t lanes, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i < lanes; ++i) store_le64(out + 8 * i, in[i]);
}

// ADRSc (FIPS 205 §11.2): layer (1 byte) ‖ tree (8) ‖ type (1) ‖ the last 12 bytes: 22 bytes.
void compress(std::uint8_t out[22], const Adrs& a) noexcept {
    out[0] = a.b[3];
    std::memcpy(out + 1, a.b + 8, 8);
    out[9] = a.b[19];
    std::memcpy(out + 10, a.b + 20, 12);
}

// MGF1 (RFC 8017 B.2.1) with SHA-256 or SHA-512.
void mgf1(std::uint8_t* out, std::size_t len, ByteView seed, bool sha512) {
    std::uint8_t block[64];
    const std::size_t hlen = sha512 ? 64 : 32;
    for (std::uint32_t counter = 0; len > 0; ++counter) {
        std::uint8_t c[4] = {static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
                             static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
        if (sha512) {
            SHA512_CTX ctx;
            SHA512_Init(&ctx);
            SHA512_Update(&ctx, seed.data(), seed.size());
            SHA512_Update(&ctx, c, 4);
            SHA512_Final(block, &ctx);
        } else {
            SHA256_CTX ctx;
            SHA256_Init(&ctx);
            SHA256_Update(&ctx, seed.data(), seed.size());
            SHA256_Update(&ctx, c, 4);
            SHA256_Final(block, &ctx);
        }
        const std::size_t take = std::min(len, hlen);
        std::memcpy(out, block, take);
        out += take;
        len -= take;
    }
}

}  // namespace

struct Hasher::Sha2State {
    SHA256_CTX sha256;  // after PK.seed ‖ 0^(64−n)
    SHA512_CTX sha512;  // after PK.seed ‖ 0^(128−n) (categories 3 and 5)
};

struct Hasher::ShakeKernels {
    void (*one)(const Lanes* seed, const Lanes* adrs, const Lanes* m, Lanes* out) noexcept;  // PRF, F
    void (*two)(const Lanes* seed, const Lanes* adrs, const Lanes* m, Lanes* out) noexcept;  // H
    void (*chain)(const Lanes* seed, const Lanes* adrs, Lanes* x, std::uint32_t start, std::uint32_t steps) noexcept;
};

Hasher::Hasher(const slhdsa::Params& p, const std::uint8_t* pk_seed, const std::uint8_t* sk_seed) noexcept
    : p_(p), n_(p.n), batched_(p.shake && keccak_x4_avx2_enabled()) {
    std::memcpy(pk_seed_, pk_seed, n_);
    if (sk_seed) std::memcpy(sk_seed_, sk_seed, n_);
    if (p.shake) {
        static constexpr ShakeKernels kGeneric[3] = {{one_generic<2>, two_generic<2>, chain_generic<2>},
                                                     {one_generic<3>, two_generic<3>, chain_generic<3>},
                                                     {one_generic<4>, two_generic<4>, chain_generic<4>}};
#if defined(__x86_64__) && defined(__GNUC__)
        static constexpr ShakeKernels kV3[3] = {{one_v3<2>, two_v3<2>, chain_v3<2>},
                                                {one_v3<3>, two_v3<3>, chain_v3<3>},
                                                {one_v3<4>, two_v3<4>, chain_v3<4>}};
        const ShakeKernels* table = keccak_f1600_has_x86_64_v3() ? kV3 : kGeneric;
        shake_ = &table[n_ / 8 - 2];
#else
        shake_ = &kGeneric[n_ / 8 - 2];
#endif
        to_lanes(pk_seed_, n_ / 8, pk_lanes_);
        to_lanes(sk_seed_, n_ / 8, sk_lanes_);
    }
    if (!p.shake) {
        sha2_ = new Sha2State;
        const std::uint8_t zeros[128] = {};
        SHA256_Init(&sha2_->sha256);
        SHA256_Update(&sha2_->sha256, pk_seed_, n_);
        SHA256_Update(&sha2_->sha256, zeros, 64 - n_);
        SHA512_Init(&sha2_->sha512);
        SHA512_Update(&sha2_->sha512, pk_seed_, n_);
        SHA512_Update(&sha2_->sha512, zeros, 128 - n_);
    }
}

Hasher::~Hasher() {
    secure_wipe(sk_seed_, sizeof sk_seed_);
    secure_wipe(sk_lanes_, sizeof sk_lanes_);
    if (sha2_) {
        secure_wipe(sha2_, sizeof *sha2_);
        delete sha2_;
    }
}

void Hasher::prf(std::uint8_t* out, const Adrs& adrs) const noexcept {
    if (p_.shake) {
        Lanes a[4], o[kMaxN / 8];
        to_lanes(adrs.b, 4, a);
        shake_->one(pk_lanes_, a, sk_lanes_, o);
        from_lanes(o, n_ / 8, out);
        secure_wipe(o, sizeof o);
        return;
    }
    std::uint8_t ac[22], digest[32];
    compress(ac, adrs);
    SHA256_CTX ctx = sha2_->sha256;
    SHA256_Update(&ctx, ac, 22);
    SHA256_Update(&ctx, sk_seed_, n_);
    SHA256_Final(digest, &ctx);
    std::memcpy(out, digest, n_);
    secure_wipe(digest, sizeof digest);
    secure_wipe(&ctx, sizeof ctx);
}

void Hasher::f(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in) const noexcept {
    if (p_.shake) {
        Lanes a[4], m[kMaxN / 8], o[kMaxN / 8];
        to_lanes(adrs.b, 4, a);
        to_lanes(in, n_ / 8, m);
        shake_->one(pk_lanes_, a, m, o);
        from_lanes(o, n_ / 8, out);
        return;
    }
    std::uint8_t ac[22], digest[32];
    compress(ac, adrs);
    SHA256_CTX ctx = sha2_->sha256;
    SHA256_Update(&ctx, ac, 22);
    SHA256_Update(&ctx, in, n_);
    SHA256_Final(digest, &ctx);
    std::memcpy(out, digest, n_);
}

void Hasher::h(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in) const noexcept {
    if (p_.shake) {
        Lanes a[4], m[2 * kMaxN / 8], o[kMaxN / 8];
        to_lanes(adrs.b, 4, a);
        to_lanes(in, 2 * n_ / 8, m);
        shake_->two(pk_lanes_, a, m, o);
        from_lanes(o, n_ / 8, out);
        return;
    }
    t(out, adrs, in, 2);
}

void Hasher::chain(std::uint8_t* value, const Adrs& adrs, std::uint32_t start, std::uint32_t steps) const noexcept {
    if (p_.shake) {
        Lanes a[4], x[kMaxN / 8];
        to_lanes(adrs.b, 4, a);
        to_lanes(value, n_ / 8, x);
        shake_->chain(pk_lanes_, a, x, start, steps);
        from_lanes(x, n_ / 8, value);
        return;
    }
    Adrs a = adrs;
    for (std::uint32_t i = start; i < start + steps; ++i) {
        a.set_hash(i);
        f(value, a, value);
    }
}

void Hasher::t(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in, std::size_t count) const noexcept {
    if (p_.shake) {
        Sponge s = shake256_hasher();
        s.absorb(ByteView(pk_seed_, n_));
        s.absorb(ByteView(adrs.b, 32));
        s.absorb(ByteView(in, count * n_));
        s.squeeze(std::span<std::uint8_t>(out, n_));
        return;
    }
    std::uint8_t ac[22], digest[64];
    compress(ac, adrs);
    if (p_.nist_category == 1) {
        SHA256_CTX ctx = sha2_->sha256;
        SHA256_Update(&ctx, ac, 22);
        SHA256_Update(&ctx, in, count * n_);
        SHA256_Final(digest, &ctx);
    } else {
        SHA512_CTX ctx = sha2_->sha512;
        SHA512_Update(&ctx, ac, 22);
        SHA512_Update(&ctx, in, count * n_);
        SHA512_Final(digest, &ctx);
    }
    std::memcpy(out, digest, n_);
}

void Hasher::shake_x4(std::uint8_t* const out[4], const Adrs* const adrs[4], const std::uint8_t* const in[4],
                      std::size_t in_len, bool wipe) const noexcept {
    std::uint8_t buf[4][kMaxN + 32 + 2 * kMaxN];
    const std::uint8_t* ins[4];
    const std::size_t len = n_ + 32 + in_len;
    for (std::size_t j = 0; j < 4; ++j) {
        std::memcpy(buf[j], pk_seed_, n_);
        std::memcpy(buf[j] + n_, adrs[j]->b, 32);
        std::memcpy(buf[j] + n_ + 32, in ? in[j] : sk_seed_, in_len);
        ins[j] = buf[j];
    }
    std::uint8_t res[4][32];
    std::uint8_t* outs[4] = {res[0], res[1], res[2], res[3]};
    shake256_x4_one_block(outs, n_, ins, len, wipe);
    for (std::size_t j = 0; j < 4; ++j) std::memcpy(out[j], res[j], n_);  // after every input was read
    if (wipe) {
        secure_wipe(buf, sizeof buf);
        secure_wipe(res, sizeof res);
    }
}

void Hasher::prf_x4(std::uint8_t* const out[4], const Adrs* const adrs[4]) const noexcept {
    if (p_.shake) return shake_x4(out, adrs, nullptr, n_, true);
    for (std::size_t j = 0; j < 4; ++j) prf(out[j], *adrs[j]);
}

void Hasher::f_x4(std::uint8_t* const out[4], const Adrs* const adrs[4],
                  const std::uint8_t* const in[4]) const noexcept {
    if (p_.shake) return shake_x4(out, adrs, in, n_, false);
    for (std::size_t j = 0; j < 4; ++j) f(out[j], *adrs[j], in[j]);
}

void Hasher::h_x4(std::uint8_t* const out[4], const Adrs* const adrs[4],
                  const std::uint8_t* const in[4]) const noexcept {
    if (p_.shake) return shake_x4(out, adrs, in, 2 * n_, false);
    for (std::size_t j = 0; j < 4; ++j) h(out[j], *adrs[j], in[j]);
}

void prf_msg(const slhdsa::Params& p, std::uint8_t* out, const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
             ByteView prefix, ByteView msg) {
    if (p.shake) {
        Sponge s = shake256_hasher();
        s.absorb(ByteView(sk_prf, p.n));
        s.absorb(ByteView(opt_rand, p.n));
        s.absorb(prefix);
        s.absorb(msg);
        s.squeeze(std::span<std::uint8_t>(out, p.n));
        return;
    }
    HMAC_CTX* ctx = HMAC_CTX_new();
    LUXL2_ASSERT(ctx != nullptr);
    std::uint8_t mac[64];
    unsigned len = 0;
    const bool ok = HMAC_Init_ex(ctx, sk_prf, static_cast<int>(p.n), p.nist_category == 1 ? EVP_sha256() : EVP_sha512(),
                                 nullptr) == 1 &&
                    HMAC_Update(ctx, opt_rand, p.n) == 1 && HMAC_Update(ctx, prefix.data(), prefix.size()) == 1 &&
                    HMAC_Update(ctx, msg.data(), msg.size()) == 1 && HMAC_Final(ctx, mac, &len) == 1;
    HMAC_CTX_free(ctx);
    LUXL2_ASSERT(ok && len >= p.n);
    std::memcpy(out, mac, p.n);
    secure_wipe(mac, sizeof mac);
}

void h_msg(const slhdsa::Params& p, std::uint8_t* out, const std::uint8_t* r, const std::uint8_t* pk_seed,
           const std::uint8_t* pk_root, ByteView prefix, ByteView msg) {
    if (p.shake) {
        Sponge s = shake256_hasher();
        s.absorb(ByteView(r, p.n));
        s.absorb(ByteView(pk_seed, p.n));
        s.absorb(ByteView(pk_root, p.n));
        s.absorb(prefix);
        s.absorb(msg);
        s.squeeze(std::span<std::uint8_t>(out, p.m));
        return;
    }
    // MGF1-SHA-x(R ‖ PK.seed ‖ SHA-x(R ‖ PK.seed ‖ PK.root ‖ M), m).
    const bool wide = p.nist_category != 1;
    std::uint8_t seed[2 * kMaxN + 64];
    std::memcpy(seed, r, p.n);
    std::memcpy(seed + p.n, pk_seed, p.n);
    std::uint8_t* digest = seed + 2 * p.n;
    if (wide) {
        SHA512_CTX ctx;
        SHA512_Init(&ctx);
        SHA512_Update(&ctx, r, p.n);
        SHA512_Update(&ctx, pk_seed, p.n);
        SHA512_Update(&ctx, pk_root, p.n);
        SHA512_Update(&ctx, prefix.data(), prefix.size());
        SHA512_Update(&ctx, msg.data(), msg.size());
        SHA512_Final(digest, &ctx);
    } else {
        SHA256_CTX ctx;
        SHA256_Init(&ctx);
        SHA256_Update(&ctx, r, p.n);
        SHA256_Update(&ctx, pk_seed, p.n);
        SHA256_Update(&ctx, pk_root, p.n);
        SHA256_Update(&ctx, prefix.data(), prefix.size());
        SHA256_Update(&ctx, msg.data(), msg.size());
        SHA256_Final(digest, &ctx);
    }
    mgf1(out, p.m, ByteView(seed, 2 * p.n + (wide ? 64 : 32)), wide);
}

}  // namespace luxl2::crypto::slhdsa_detail
