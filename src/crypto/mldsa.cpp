// ML-DSA key generation, signing and verification (FIPS 204 Algorithms 1-8, 22-28).
#include "luxl2/crypto/mldsa.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>

#include "luxl2/crypto/keccak.hpp"
#include "mldsa_poly.hpp"
#include "prehash.hpp"

namespace luxl2::crypto::mldsa {

using namespace mldsa_detail;  // NOLINT(google-build-using-namespace): private helpers of this file

namespace {

constexpr std::int32_t kG2Small = (kQ - 1) / 88;
constexpr std::int32_t kG2Large = (kQ - 1) / 32;

constexpr Params kParams[3] = {
    {"ML-DSA-44", 4, 4, 2, 39, 78, 80, 1 << 17, kG2Small, 18, 6, 32, 1312, 2560, 2420, 2},
    {"ML-DSA-65", 6, 5, 4, 49, 196, 55, 1 << 19, kG2Large, 20, 4, 48, 1952, 4032, 3309, 3},
    {"ML-DSA-87", 8, 7, 2, 60, 120, 75, 1 << 19, kG2Large, 20, 4, 64, 2592, 4896, 4627, 5},
};

constexpr int kMaxK = 8;
constexpr int kMaxL = 7;
constexpr unsigned kT1Bits = 10;  // bitlen(q − 1) − d
constexpr unsigned kT0Bits = 13;  // d

using Vec = std::array<Poly, kMaxK>;
using Matrix = std::array<std::array<Poly, kMaxL>, kMaxK>;

constexpr std::size_t sz(int v) {
    return static_cast<std::size_t>(v);
}
unsigned eta_bits(const Params& p) {
    return p.eta == 2 ? 3 : 4;
}

// ExpandA (Algorithm 32): Â[r][s] from ρ ‖ s ‖ r, already in the NTT domain; four entries at a time
// (a short last group repeats its final entry into a scratch polynomial).
void expand_a(Matrix& a, const Params& p, const std::uint8_t rho[32]) {
    const int total = p.k * p.l;
    Poly scratch;
    for (int first = 0; first < total; first += 4) {
        Poly* out[4];
        std::uint8_t s[4], r[4];
        for (int j = 0; j < 4; ++j) {
            const int e = std::min(first + j, total - 1);
            r[j] = static_cast<std::uint8_t>(e / p.l);
            s[j] = static_cast<std::uint8_t>(e % p.l);
            out[j] = first + j < total ? &a[r[j]][s[j]] : &scratch;
        }
        rej_ntt_poly_x4(out, rho, s, r, static_cast<std::size_t>(std::min(4, total - first)));
    }
}

// w = NTT^-1(Â ∘ v̂), coefficients in (−q, q).
void matrix_mul(Vec& w, const Matrix& a, const Vec& v_hat, const Params& p) {
    for (int r = 0; r < p.k; ++r) {
        Poly& acc = w[sz(r)];
        matrix_row(acc, a[sz(r)].data(), v_hat.data(), p.l);
        for (auto& c : acc) c = reduce32(c);
        invntt(acc);
    }
}

// True when every coefficient has |c| < bound; no branch on the coefficients.
bool all_below(const Poly& a, std::int32_t bound) noexcept {
    std::int32_t bad = 0;
    for (std::int32_t c : a) bad |= (bound - 1 - abs_ct(c));
    return bad >= 0;
}

// H(data…, out) with SHAKE256.
void shake256_parts(std::span<std::uint8_t> out, std::initializer_list<ByteView> parts) {
    Sponge h = shake256_hasher();
    for (ByteView v : parts) h.absorb(v);
    h.squeeze(out);
}

// The decoded secret key with the NTT forms signing needs; wiped on destruction.
struct SecretState {
    std::uint8_t rho[32];
    std::uint8_t key[32];
    std::uint8_t tr[64];
    Vec s1_hat, s2_hat, t0_hat;
    ~SecretState() { secure_wipe(this, sizeof *this); }
};

// skDecode (Algorithm 25) plus the range check of s1, s2 ∈ [−η, η] (values above 2η in the packed
// form are out of range); accumulated without early exit. `to_ntt` transforms s1, s2 and t0 (the
// vectorised path multiplies by c in the NTT domain; the portable path multiplies directly).
Result<void> decode_secret(SecretState& st, const Params& p, ByteView sk, bool to_ntt) {
    if (sk.size() != p.secret_key_bytes)
        return fail(errc::kBadSecretKey, "an " + std::string(p.name) + " secret key is " +
                                             std::to_string(p.secret_key_bytes) + " bytes, got " +
                                             std::to_string(sk.size()));
    const std::uint8_t* in = sk.data();
    std::memcpy(st.rho, in, 32);
    std::memcpy(st.key, in + 32, 32);
    std::memcpy(st.tr, in + 64, 64);
    in += 128;
    const unsigned eb = eta_bits(p);
    std::int32_t bad = 0;
    auto read_eta = [&](Poly& poly) {
        unpack(poly, eb, p.eta, true, in);
        in += 32 * eb;
        for (std::int32_t c : poly) bad |= (c + p.eta) | (p.eta - c);  // negative when |c| > η
    };
    for (int i = 0; i < p.l; ++i) read_eta(st.s1_hat[sz(i)]);
    for (int i = 0; i < p.k; ++i) read_eta(st.s2_hat[sz(i)]);
    for (int i = 0; i < p.k; ++i) {
        unpack(st.t0_hat[sz(i)], kT0Bits, 1 << (kD - 1), true, in);
        in += 32 * kT0Bits;
    }
    if (bad < 0) return fail(errc::kBadSecretKey, "secret key coefficients of s1 or s2 out of [-eta, eta]");
    if (to_ntt) {
        for (int i = 0; i < p.l; ++i) ntt(st.s1_hat[sz(i)]);
        for (int i = 0; i < p.k; ++i) ntt(st.s2_hat[sz(i)]);
        for (int i = 0; i < p.k; ++i) ntt(st.t0_hat[sz(i)]);
    }
    return {};
}

// w1Encode (Algorithm 28) of the high bits.
void encode_w1(Bytes& out, const Vec& w1, const Params& p) {
    out.resize(sz(p.k) * 32 * p.w1_bits);
    for (int i = 0; i < p.k; ++i) pack(w1[sz(i)], p.w1_bits, 0, false, out.data() + sz(i) * 32 * p.w1_bits);
}

// HintBitUnpack (Algorithm 21): false for a non-canonical encoding.
bool unpack_hints(Vec& h, const Params& p, const std::uint8_t* y) {
    std::size_t index = 0;
    const auto omega = sz(p.omega);
    for (int i = 0; i < p.k; ++i) {
        h[sz(i)].fill(0);
        const std::size_t end = y[omega + sz(i)];
        if (end < index || end > omega) return false;
        const std::size_t first = index;
        for (; index < end; ++index) {
            if (index > first && y[index - 1] >= y[index]) return false;
            h[sz(i)][y[index]] = 1;
        }
    }
    for (; index < omega; ++index)
        if (y[index] != 0) return false;
    return true;
}

void check_m_prime_prefix(Bytes& prefix, std::uint8_t domain, ByteView ctx) {
    prefix.clear();
    prefix.push_back(domain);
    prefix.push_back(static_cast<std::uint8_t>(ctx.size()));
    append(prefix, ctx);
}

}  // namespace

const Params& params(Level level) noexcept {
    return kParams[static_cast<std::size_t>(level)];
}

Result<KeyPair> keygen(Level level, ByteView xi) {
    const Params& p = params(level);
    if (xi.size() != kSeedBytes)
        return fail(errc::kBadSeed, "an ML-DSA seed is 32 bytes, got " + std::to_string(xi.size()));
    struct State {
        std::uint8_t expanded[128];  // ρ ‖ ρ' ‖ K
        Vec s1, s2, s1_hat, t, t0;
        Matrix a;
        ~State() { secure_wipe(this, sizeof *this); }
    };
    auto st = std::make_unique<State>();
    const std::uint8_t kl[2] = {static_cast<std::uint8_t>(p.k), static_cast<std::uint8_t>(p.l)};
    shake256_parts(st->expanded, {xi, ByteView(kl, 2)});
    const std::uint8_t* rho = st->expanded;
    const std::uint8_t* rho_prime = st->expanded + 32;
    const std::uint8_t* key = st->expanded + 96;

    expand_a(st->a, p, rho);
    for (int r = 0; r < p.l; ++r) rej_bounded_poly(st->s1[sz(r)], rho_prime, static_cast<std::uint16_t>(r), p.eta);
    for (int r = 0; r < p.k; ++r)
        rej_bounded_poly(st->s2[sz(r)], rho_prime, static_cast<std::uint16_t>(r + p.l), p.eta);
    for (int r = 0; r < p.l; ++r) {
        st->s1_hat[sz(r)] = st->s1[sz(r)];
        ntt(st->s1_hat[sz(r)]);
    }
    matrix_mul(st->t, st->a, st->s1_hat, p);

    KeyPair kp;
    kp.public_key.resize(p.public_key_bytes);
    std::memcpy(kp.public_key.data(), rho, 32);
    Vec t1;
    for (int r = 0; r < p.k; ++r) {
        for (std::size_t i = 0; i < kN; ++i) {
            const std::int32_t t = freeze(st->t[sz(r)][i] + st->s2[sz(r)][i]);
            t1[sz(r)][i] = power2round(t, st->t0[sz(r)][i]);
        }
        pack(t1[sz(r)], kT1Bits, 0, false, kp.public_key.data() + 32 + sz(r) * 320);
    }

    kp.secret_key.resize(p.secret_key_bytes);
    std::uint8_t* out = kp.secret_key.data();
    std::memcpy(out, rho, 32);
    std::memcpy(out + 32, key, 32);
    shake256_parts(std::span<std::uint8_t>(out + 64, 64), {kp.public_key});
    out += 128;
    const unsigned eb = eta_bits(p);
    for (int r = 0; r < p.l; ++r, out += 32 * eb) pack(st->s1[sz(r)], eb, p.eta, true, out);
    for (int r = 0; r < p.k; ++r, out += 32 * eb) pack(st->s2[sz(r)], eb, p.eta, true, out);
    for (int r = 0; r < p.k; ++r, out += 32 * kT0Bits) pack(st->t0[sz(r)], kT0Bits, 1 << (kD - 1), true, out);
    return kp;
}

Result<FixedBytes<64>> compute_mu(Level level, ByteView public_key, ByteView m_prime) {
    const Params& p = params(level);
    if (public_key.size() != p.public_key_bytes) return fail(errc::kBadPublicKey, "public key length");
    std::uint8_t tr[64];
    shake256_parts(tr, {public_key});
    FixedBytes<64> mu;
    shake256_parts(mu.bytes, {ByteView(tr, 64), m_prime});
    return mu;
}

namespace {

// The signing loop, compiled twice: for the baseline target and for AVX2, where the compiler
// vectorises the per-coefficient loops (Decompose, centring, the norm checks, MakeHint) eight lanes at
// a time. Integer arithmetic only, so both give the same bytes; neither branches on secrets.
// kSparse: the products c·s1, c·s2, c·t0 are computed directly from c's τ nonzero coefficients
// (exact, so equal to the centred NTT results) instead of through the NTT; faster when the NTT is
// scalar, slower than the AVX2 NTT.
template <bool kSparse>
[[gnu::always_inline]] inline Result<Bytes> sign_mu_body(Level level, ByteView secret_key, ByteView mu, ByteView rnd) {
    const Params& p = params(level);
    if (mu.size() != kMuBytes) return fail(errc::kBadMu, "mu is 64 bytes");
    if (rnd.size() != kRndBytes) return fail(errc::kBadRnd, "rnd is 32 bytes");
    // Default-initialised (every entry used is written before it is read; the destructor wipes).
    std::unique_ptr<SecretState> st(new SecretState);
    LUXL2_CHECK(decode_secret(*st, p, secret_key, !kSparse));
    // Â is public (from ρ): no wipe, and no zeroing of the unused rows and columns.
    std::unique_ptr<Matrix> a(new Matrix);
    expand_a(*a, p, st->rho);

    struct Loop {
        std::uint8_t rho_pp[64];
        Vec y, w, w0, cs2, ct0;
        Vec z, y_hat;
        Poly y_ahead[3], tmp;
        ~Loop() { secure_wipe(this, sizeof *this); }
    };
    std::unique_ptr<Loop> lp(new Loop);
    shake256_parts(lp->rho_pp, {ByteView(st->key, 32), rnd, mu});

    Vec w1, h;
    Vec& y_hat = lp->y_hat;
    Poly& tmp = lp->tmp;
    Poly c, c_hat;
    SparseChallenge c_sparse;
    // out = c · s exactly (centred), by either route.
    auto c_times = [&](Poly& out, const Poly& s) {
        if constexpr (kSparse) {
            sparse_mul(out, c_sparse, s);
        } else {
            pointwise(out, c_hat, s);
            invntt(out);
            for (auto& v : out) v = centre(v);
        }
    };
    Bytes w1_enc;
    Bytes ctilde(p.ctilde_bytes);
    const std::int32_t z_bound = p.gamma1 - p.beta;
    const std::int32_t r0_bound = p.gamma2 - p.beta;
    int ahead = 0;  // masks for κ = kappa, kappa + 1, … already made (fewer than ℓ ≥ 4)
    for (std::uint32_t kappa = 0;; kappa += static_cast<std::uint32_t>(p.l)) {
        // A 16-bit κ overflows only after ~13,000 rejections, which has negligible probability.
        LUXL2_ASSERT(kappa + static_cast<std::uint32_t>(p.l) + 3 <= 0xFFFF);
        // ExpandMask as one stream of four polynomials at a time over κ = 0, 1, 2, …: the masks a
        // group makes beyond this round (κ ≥ kappa + l) are the first ones of the next round, so no
        // lane of the four-way SHAKE is wasted (ℓ = 5 would otherwise waste three in every round).
        int m = 0;
        for (; m < ahead; ++m) lp->y[sz(m)] = lp->y_ahead[m];
        ahead = 0;
        for (; m < p.l; m += 4) {
            Poly* out[4];
            std::uint16_t kap[4];
            for (int j = 0; j < 4; ++j) {
                kap[j] = static_cast<std::uint16_t>(kappa + static_cast<std::uint32_t>(m + j));
                out[j] = m + j < p.l ? &lp->y[sz(m + j)] : &lp->y_ahead[ahead++];
            }
            expand_mask_poly_x4(out, lp->rho_pp, kap, p.gamma1, p.gamma1_bits);
        }
        for (int r = 0; r < p.l; ++r) {
            y_hat[sz(r)] = lp->y[sz(r)];
            ntt(y_hat[sz(r)]);
        }
        matrix_mul(lp->w, *a, y_hat, p);
        for (int r = 0; r < p.k; ++r)
            for (std::size_t i = 0; i < kN; ++i) {
                lp->w[sz(r)][i] = caddq(lp->w[sz(r)][i]);
                w1[sz(r)][i] = decompose(lp->w[sz(r)][i], p.gamma2, lp->w0[sz(r)][i]);
            }
        encode_w1(w1_enc, w1, p);
        shake256_parts(ctilde, {mu, w1_enc});
        sample_in_ball(c, ctilde, p.tau);
        if constexpr (kSparse) {
            sparse_challenge(c_sparse, c);
        } else {
            c_hat = c;
            ntt(c_hat);
        }

        // The r0 check rejects most often (FIPS 204 Table 1 gives ~4-5 rounds per signature), so it
        // runs first, and each check stops at the first failing polynomial: only the outcome of the
        // round is revealed, which §3.6.3 permits.
        bool ok = true;
        for (int r = 0; r < p.k && ok; ++r) {
            c_times(lp->cs2[sz(r)], st->s2_hat[sz(r)]);
            // r0 = LowBits(w − cs2).
            for (std::size_t i = 0; i < kN; ++i) {
                std::int32_t r0 = 0;
                (void)decompose(freeze(lp->w[sz(r)][i] - lp->cs2[sz(r)][i]), p.gamma2, r0);
                tmp[i] = r0;
            }
            ok = all_below(tmp, r0_bound);
        }
        for (int r = 0; r < p.l && ok; ++r) {
            c_times(tmp, st->s1_hat[sz(r)]);
            for (std::size_t i = 0; i < kN; ++i) lp->z[sz(r)][i] = lp->y[sz(r)][i] + tmp[i];
            ok = all_below(lp->z[sz(r)], z_bound);
        }
        if (!ok) continue;
        int ones = 0;
        for (int r = 0; r < p.k; ++r) {
            c_times(lp->ct0[sz(r)], st->t0_hat[sz(r)]);
            ok &= all_below(lp->ct0[sz(r)], p.gamma2);
            // MakeHint(−ct0, w − cs2 + ct0): do the high bits of w − cs2 + ct0 and w − cs2 differ?
            for (std::size_t i = 0; i < kN; ++i) {
                const std::int32_t base = freeze(lp->w[sz(r)][i] - lp->cs2[sz(r)][i]);
                const std::int32_t with_ct0 = freeze(base + lp->ct0[sz(r)][i]);
                std::int32_t d0 = 0, d1 = 0;
                const std::int32_t hb0 = decompose(base, p.gamma2, d0);
                const std::int32_t hb1 = decompose(with_ct0, p.gamma2, d1);
                const std::int32_t diff = hb0 ^ hb1;
                h[sz(r)][i] = static_cast<std::int32_t>(static_cast<std::uint32_t>(diff | -diff) >> 31);
                ones += h[sz(r)][i];
            }
        }
        if (!ok || ones > p.omega) continue;

        // sigEncode (Algorithm 26).
        Bytes sig(p.signature_bytes, 0);
        std::memcpy(sig.data(), ctilde.data(), p.ctilde_bytes);
        std::uint8_t* out = sig.data() + p.ctilde_bytes;
        for (int r = 0; r < p.l; ++r, out += 32 * p.gamma1_bits) pack(lp->z[sz(r)], p.gamma1_bits, p.gamma1, true, out);
        std::size_t index = 0;
        for (int r = 0; r < p.k; ++r) {
            for (std::size_t i = 0; i < kN; ++i)
                if (h[sz(r)][i]) out[index++] = static_cast<std::uint8_t>(i);
            out[sz(p.omega) + sz(r)] = static_cast<std::uint8_t>(index);
        }
        return sig;
    }
}

__attribute__((optimize("vect-cost-model=dynamic"))) Result<Bytes> sign_mu_portable(Level level, ByteView secret_key,
                                                                                    ByteView mu, ByteView rnd) {
    return sign_mu_body<true>(level, secret_key, mu, rnd);
}

__attribute__((target("avx2"), optimize("vect-cost-model=dynamic"))) Result<Bytes> sign_mu_avx2(Level level,
                                                                                                ByteView secret_key,
                                                                                                ByteView mu,
                                                                                                ByteView rnd) {
    return sign_mu_body<false>(level, secret_key, mu, rnd);
}

}  // namespace

Result<Bytes> sign_mu(Level level, ByteView secret_key, ByteView mu, ByteView rnd) {
    return avx2_enabled() ? sign_mu_avx2(level, secret_key, mu, rnd) : sign_mu_portable(level, secret_key, mu, rnd);
}

Result<Bytes> sign_internal(Level level, ByteView secret_key, ByteView m_prime, ByteView rnd) {
    const Params& p = params(level);
    if (secret_key.size() != p.secret_key_bytes) return fail(errc::kBadSecretKey, "secret key length");
    FixedBytes<64> mu;
    shake256_parts(mu.bytes, {secret_key.subspan(64, 64), m_prime});
    return sign_mu(level, secret_key, mu, rnd);
}

namespace {

// Verification compiled for the baseline target and for AVX2, as signing is (UseHint vectorises).
[[gnu::always_inline]] inline Result<bool> verify_mu_body(Level level, ByteView public_key, ByteView mu, ByteView sig) {
    const Params& p = params(level);
    if (public_key.size() != p.public_key_bytes)
        return fail(errc::kBadPublicKey, "an " + std::string(p.name) + " public key is " +
                                             std::to_string(p.public_key_bytes) + " bytes, got " +
                                             std::to_string(public_key.size()));
    if (sig.size() != p.signature_bytes)
        return fail(errc::kBadSignature, "an " + std::string(p.name) + " signature is " +
                                             std::to_string(p.signature_bytes) + " bytes, got " +
                                             std::to_string(sig.size()));
    if (mu.size() != kMuBytes) return fail(errc::kBadMu, "mu is 64 bytes");

    auto z = std::make_unique<Vec>();
    auto h = std::make_unique<Vec>();
    const std::uint8_t* in = sig.data() + p.ctilde_bytes;
    for (int r = 0; r < p.l; ++r, in += 32 * p.gamma1_bits) {
        unpack((*z)[sz(r)], p.gamma1_bits, p.gamma1, true, in);
        if (!all_below((*z)[sz(r)], p.gamma1 - p.beta)) return false;
    }
    if (!unpack_hints(*h, p, in)) return false;

    std::unique_ptr<Matrix> a(new Matrix);
    expand_a(*a, p, public_key.data());
    Poly c;
    sample_in_ball(c, sig.first(p.ctilde_bytes), p.tau);
    ntt(c);
    for (int r = 0; r < p.l; ++r) ntt((*z)[sz(r)]);

    // w'approx = NTT^-1(Â∘ẑ − ĉ∘NTT(t1·2^d)), then w1' = UseHint(h, w'approx), row by row.
    Vec w, w1;
    Poly t1;
    for (int r = 0; r < p.k; ++r) {
        Poly& acc = w[sz(r)];
        matrix_row(acc, (*a)[sz(r)].data(), z->data(), p.l);
        unpack(t1, kT1Bits, 0, false, public_key.data() + 32 + sz(r) * 320);
        for (auto& v : t1) v <<= kD;
        ntt(t1);
        for (std::size_t i = 0; i < kN; ++i) acc[i] = reduce32(acc[i] - mont_reduce(std::int64_t{c[i]} * t1[i]));
        invntt(acc);
        for (std::size_t i = 0; i < kN; ++i) w1[sz(r)][i] = use_hint(caddq(acc[i]), (*h)[sz(r)][i] != 0, p.gamma2);
    }
    Bytes w1_enc;
    encode_w1(w1_enc, w1, p);
    Bytes ctilde(p.ctilde_bytes);
    shake256_parts(ctilde, {mu, w1_enc});
    return equal(ctilde, sig.first(p.ctilde_bytes));
}

__attribute__((optimize("vect-cost-model=dynamic"))) Result<bool> verify_mu_portable(Level level, ByteView public_key,
                                                                                     ByteView mu, ByteView sig) {
    return verify_mu_body(level, public_key, mu, sig);
}

__attribute__((target("avx2"), optimize("vect-cost-model=dynamic"))) Result<bool> verify_mu_avx2(Level level,
                                                                                                 ByteView public_key,
                                                                                                 ByteView mu,
                                                                                                 ByteView sig) {
    return verify_mu_body(level, public_key, mu, sig);
}

}  // namespace

Result<bool> verify_mu(Level level, ByteView public_key, ByteView mu, ByteView sig) {
    return avx2_enabled() ? verify_mu_avx2(level, public_key, mu, sig) : verify_mu_portable(level, public_key, mu, sig);
}

Result<bool> verify_internal(Level level, ByteView public_key, ByteView m_prime, ByteView sig) {
    LUXL2_TRY(mu, compute_mu(level, public_key, m_prime));
    return verify_mu(level, public_key, mu, sig);
}

Result<Bytes> sign(Level level, ByteView secret_key, ByteView msg, ByteView ctx, ByteView rnd) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    const Params& p = params(level);
    if (secret_key.size() != p.secret_key_bytes) return fail(errc::kBadSecretKey, "secret key length");
    Bytes prefix;
    check_m_prime_prefix(prefix, 0, ctx);
    FixedBytes<64> mu;
    shake256_parts(mu.bytes, {secret_key.subspan(64, 64), prefix, msg});
    return sign_mu(level, secret_key, mu, rnd);
}

Result<bool> verify(Level level, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    const Params& p = params(level);
    if (public_key.size() != p.public_key_bytes) return fail(errc::kBadPublicKey, "public key length");
    Bytes prefix;
    check_m_prime_prefix(prefix, 0, ctx);
    std::uint8_t tr[64];
    shake256_parts(tr, {public_key});
    FixedBytes<64> mu;
    shake256_parts(mu.bytes, {ByteView(tr, 64), prefix, msg});
    return verify_mu(level, public_key, mu, sig);
}

namespace {

// M' for HashML-DSA (Algorithm 4): 0x01 ‖ |ctx| ‖ ctx ‖ OID ‖ PH(M).
Bytes hash_m_prime(ByteView msg, ByteView ctx, PreHash ph) {
    Bytes m;
    check_m_prime_prefix(m, 1, ctx);
    append(m, prehash::oid(static_cast<prehash::Function>(ph)));
    append(m, prehash::digest(static_cast<prehash::Function>(ph), msg));
    return m;
}

}  // namespace

Result<Bytes> hash_sign(Level level, ByteView secret_key, ByteView msg, ByteView ctx, PreHash ph, ByteView rnd) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    const Bytes m = hash_m_prime(msg, ctx, ph);
    return sign_internal(level, secret_key, m, rnd);
}

Result<bool> hash_verify(Level level, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx, PreHash ph) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    const Bytes m = hash_m_prime(msg, ctx, ph);
    return verify_internal(level, public_key, m, sig);
}

}  // namespace luxl2::crypto::mldsa
