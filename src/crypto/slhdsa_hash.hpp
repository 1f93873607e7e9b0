// Private to SLH-DSA: the address structure ADRS (FIPS 205 §4.2) and the tweakable hash functions
// PRF, F, H, T_l, PRF_msg and H_msg for the SHAKE (§11.1) and SHA2 (§11.2) instantiations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "luxl2/core/bytes.hpp"
#include "luxl2/crypto/slhdsa.hpp"

namespace luxl2::crypto::slhdsa_detail {

inline constexpr std::size_t kMaxN = 32;

/// ADRS: 32 bytes of big-endian words: layer ‖ tree (12 bytes) ‖ type ‖ three type-specific words.
struct Adrs {
    enum Type : std::uint32_t {
        wots_hash = 0,
        wots_pk = 1,
        tree = 2,
        fors_tree = 3,
        fors_roots = 4,
        wots_prf = 5,
        fors_prf = 6
    };

    std::uint8_t b[32] = {};

    void set_word(std::size_t offset, std::uint32_t v) noexcept {
        b[offset] = static_cast<std::uint8_t>(v >> 24);
        b[offset + 1] = static_cast<std::uint8_t>(v >> 16);
        b[offset + 2] = static_cast<std::uint8_t>(v >> 8);
        b[offset + 3] = static_cast<std::uint8_t>(v);
    }
    [[nodiscard]] std::uint32_t word(std::size_t offset) const noexcept {
        return (std::uint32_t{b[offset]} << 24) | (std::uint32_t{b[offset + 1]} << 16) |
               (std::uint32_t{b[offset + 2]} << 8) | b[offset + 3];
    }
    void set_layer(std::uint32_t l) noexcept { set_word(0, l); }
    void set_tree(std::uint64_t t) noexcept {
        set_word(4, 0);
        set_word(8, static_cast<std::uint32_t>(t >> 32));
        set_word(12, static_cast<std::uint32_t>(t));
    }
    void set_type_and_clear(Type t) noexcept {
        set_word(16, t);
        std::memset(b + 20, 0, 12);
    }
    void set_keypair(std::uint32_t i) noexcept { set_word(20, i); }
    [[nodiscard]] std::uint32_t keypair() const noexcept { return word(20); }
    void set_chain(std::uint32_t i) noexcept { set_word(24, i); }
    void set_hash(std::uint32_t i) noexcept { set_word(28, i); }
    void set_tree_height(std::uint32_t z) noexcept { set_word(24, z); }
    void set_tree_index(std::uint32_t i) noexcept { set_word(28, i); }
    [[nodiscard]] std::uint32_t tree_index() const noexcept { return word(28); }
};

/// The hash functions bound to one key: PK.seed (and SK.seed when signing), with the SHA2
/// instantiation's PK.seed block precomputed. Wipes SK.seed on destruction.
class Hasher {
public:
    Hasher(const slhdsa::Params& p, const std::uint8_t* pk_seed, const std::uint8_t* sk_seed) noexcept;
    ~Hasher();
    Hasher(const Hasher&) = delete;
    Hasher& operator=(const Hasher&) = delete;

    [[nodiscard]] std::size_t n() const noexcept { return n_; }
    /// Whether the *_x4 calls run on a vector four-way Keccak (SHAKE sets, AVX2 allowed): callers then
    /// batch four calls; otherwise they make single calls, which skip the interleaving.
    [[nodiscard]] bool batched() const noexcept { return batched_; }

    /// PRF(PK.seed, SK.seed, ADRS) → n bytes.
    void prf(std::uint8_t* out, const Adrs& adrs) const noexcept;
    /// F(PK.seed, ADRS, in[n]).
    void f(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in) const noexcept;
    /// H(PK.seed, ADRS, in[2n]).
    void h(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in) const noexcept;
    /// Four PRF, F or H calls at once (4-way Keccak for the SHAKE sets; four calls for SHA2).
    void prf_x4(std::uint8_t* const out[4], const Adrs* const adrs[4]) const noexcept;
    void f_x4(std::uint8_t* const out[4], const Adrs* const adrs[4], const std::uint8_t* const in[4]) const noexcept;
    void h_x4(std::uint8_t* const out[4], const Adrs* const adrs[4], const std::uint8_t* const in[4]) const noexcept;
    /// value ← F applied `steps` times, with hash addresses start, start + 1, …: one WOTS+ chain
    /// (FIPS 205 Algorithm 5) in place. adrs has its layer, tree, type, key pair and chain set.
    void chain(std::uint8_t* value, const Adrs& adrs, std::uint32_t start, std::uint32_t steps) const noexcept;
    /// T_l(PK.seed, ADRS, in[l·n]).
    void t(std::uint8_t* out, const Adrs& adrs, const std::uint8_t* in, std::size_t count) const noexcept;

private:
    void shake_x4(std::uint8_t* const out[4], const Adrs* const adrs[4], const std::uint8_t* const in[4],
                  std::size_t in_len, bool wipe) const noexcept;
    struct Sha2State;
    struct ShakeKernels;
    const slhdsa::Params& p_;
    std::size_t n_;
    bool batched_;
    std::uint8_t pk_seed_[kMaxN] = {};
    std::uint8_t sk_seed_[kMaxN] = {};
    std::uint64_t pk_lanes_[kMaxN / 8] = {};  // PK.seed and SK.seed as Keccak lanes (SHAKE sets)
    std::uint64_t sk_lanes_[kMaxN / 8] = {};
    const ShakeKernels* shake_ = nullptr;  // the one-block SHAKE256 kernels for n (SHAKE sets only)
    Sha2State* sha2_ = nullptr;            // precomputed SHA-256/SHA-512 midstates (SHA2 sets only)
};

/// PRF_msg(SK.prf, opt_rand, M) → n bytes.
void prf_msg(const slhdsa::Params& p, std::uint8_t* out, const std::uint8_t* sk_prf, const std::uint8_t* opt_rand,
             ByteView prefix, ByteView msg);
/// H_msg(R, PK.seed, PK.root, M) → m bytes.
void h_msg(const slhdsa::Params& p, std::uint8_t* out, const std::uint8_t* r, const std::uint8_t* pk_seed,
           const std::uint8_t* pk_root, ByteView prefix, ByteView msg);

}  // namespace luxl2::crypto::slhdsa_detail
