// SLH-DSA: WOTS+ (FIPS 205 §5), XMSS (§6), the hypertree (§7), FORS (§8) and the top-level
// functions (§9, §10). Trees are built bottom-up once per signature layer (the authentication path
// and the root come out of the same pass) instead of the recursive xmss_node of the text.
#include "luxl2/crypto/slhdsa.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "prehash.hpp"
#include "slhdsa_hash.hpp"

namespace luxl2::crypto::slhdsa {

using slhdsa_detail::Adrs;
using slhdsa_detail::h_msg;
using slhdsa_detail::Hasher;
using slhdsa_detail::kMaxN;
using slhdsa_detail::prf_msg;

namespace {

constexpr std::size_t sig_size(unsigned n, unsigned h, unsigned d, unsigned a, unsigned k) {
    return std::size_t{n} * (1 + k * (1 + a) + h + d * (2 * n + 3));
}

constexpr Params make(std::string_view name, bool shake, unsigned n, unsigned h, unsigned d, unsigned a, unsigned k,
                      unsigned m) {
    return Params{name,
                  shake,
                  n,
                  h,
                  d,
                  h / d,
                  a,
                  k,
                  m,
                  n == 16   ? 1u
                  : n == 24 ? 3u
                            : 5u,
                  2 * std::size_t{n},
                  4 * std::size_t{n},
                  sig_size(n, h, d, a, k)};
}

// FIPS 205 Table 2.
constexpr std::array<Params, 12> kParams = {
    make("SLH-DSA-SHA2-128s", false, 16, 63, 7, 12, 14, 30), make("SLH-DSA-SHA2-128f", false, 16, 66, 22, 6, 33, 34),
    make("SLH-DSA-SHA2-192s", false, 24, 63, 7, 14, 17, 39), make("SLH-DSA-SHA2-192f", false, 24, 66, 22, 8, 33, 42),
    make("SLH-DSA-SHA2-256s", false, 32, 64, 8, 14, 22, 47), make("SLH-DSA-SHA2-256f", false, 32, 68, 17, 9, 35, 49),
    make("SLH-DSA-SHAKE-128s", true, 16, 63, 7, 12, 14, 30), make("SLH-DSA-SHAKE-128f", true, 16, 66, 22, 6, 33, 34),
    make("SLH-DSA-SHAKE-192s", true, 24, 63, 7, 14, 17, 39), make("SLH-DSA-SHAKE-192f", true, 24, 66, 22, 8, 33, 42),
    make("SLH-DSA-SHAKE-256s", true, 32, 64, 8, 14, 22, 47), make("SLH-DSA-SHAKE-256f", true, 32, 68, 17, 9, 35, 49),
};
static_assert(kParams[0].signature_bytes == 7856 && kParams[7].signature_bytes == 17088 &&
              kParams[11].signature_bytes == 49856);

constexpr unsigned kW = 16;       // Winternitz parameter (lg_w = 4)
constexpr unsigned kMaxLen = 67;  // 2n + 3 for n = 32

unsigned wots_len(const Params& p) {
    return 2 * p.n + 3;
}

// base_2b (Algorithm 4): out_len digits of b bits, most significant first.
void base_2b(const std::uint8_t* x, unsigned b, unsigned out_len, std::uint32_t* out) {
    std::size_t in = 0;
    unsigned bits = 0;
    std::uint64_t total = 0;
    for (unsigned i = 0; i < out_len; ++i) {
        while (bits < b) {
            total = (total << 8) | x[in++];
            bits += 8;
        }
        bits -= b;
        out[i] = static_cast<std::uint32_t>((total >> bits) & ((std::uint64_t{1} << b) - 1));
    }
}

// The WOTS+ digits of an n-byte message with its checksum (Algorithms 7, 8).
void wots_digits(const Params& p, const std::uint8_t* msg, std::uint32_t* digits) {
    const unsigned len1 = 2 * p.n;
    base_2b(msg, 4, len1, digits);
    std::uint32_t csum = 0;
    for (unsigned i = 0; i < len1; ++i) csum += kW - 1 - digits[i];
    csum <<= 4;  // (8 − (len2 · lg_w) mod 8) mod 8 = 4
    const std::uint8_t bytes[2] = {static_cast<std::uint8_t>(csum >> 8), static_cast<std::uint8_t>(csum)};
    base_2b(bytes, 4, 3, digits + len1);
}

// Where to copy chain values on the way: a WOTS+ signature (Algorithm 7) taken while the same key
// pair's public key is computed (Algorithm 6), since the signature's chains are prefixes of the key's.
struct Capture {
    const std::uint32_t* at;  // chain i's value after at[i] steps from its start…
    std::uint8_t* out;        // …goes to out + i·n
};

// The WOTS+ chains (Algorithm 5) of one key pair, in place: the secret values from PRF (when
// `from_secret`; otherwise `values` holds signature values), then chain i advances from hash address
// start[i] by steps[i] steps. With the four-way Keccak, four lanes run at once and each lane takes the
// next chain as soon as its own is done, so chains of different lengths (signing, verification) keep
// all four busy; otherwise each chain runs to its end with its value kept in registers.
void wots_chains(const Params& p, const Hasher& hs, const Adrs& adrs, std::uint8_t* values, bool from_secret,
                 const std::uint32_t* start, const std::uint32_t* steps, const Capture* capture = nullptr) {
    const unsigned len = wots_len(p);
    if (!hs.batched()) {
        for (unsigned i = 0; i < len; ++i) {
            std::uint8_t* v = values + i * p.n;
            Adrs a = adrs;
            if (from_secret) {
                a.set_type_and_clear(Adrs::wots_prf);
                a.set_keypair(adrs.keypair());
                a.set_chain(i);
                hs.prf(v, a);
                a = adrs;
            }
            a.set_chain(i);
            std::uint32_t pos = start[i];
            const std::uint32_t end = start[i] + steps[i];
            if (capture) {
                hs.chain(v, a, pos, capture->at[i] - pos);
                std::memcpy(capture->out + i * p.n, v, p.n);
                pos = capture->at[i];
            }
            hs.chain(v, a, pos, end - pos);
        }
        return;
    }
    std::uint8_t spare[4][kMaxN] = {};
    if (from_secret) {
        for (unsigned first = 0; first < len; first += 4) {
            std::uint8_t* x[4];
            Adrs sk_adrs[4];
            const Adrs* ap[4];
            for (unsigned j = 0; j < 4; ++j) {
                const unsigned i = std::min(first + j, len - 1);
                x[j] = first + j < len ? values + i * p.n : spare[j];
                sk_adrs[j] = adrs;
                sk_adrs[j].set_type_and_clear(Adrs::wots_prf);
                sk_adrs[j].set_keypair(adrs.keypair());
                sk_adrs[j].set_chain(i);
                ap[j] = &sk_adrs[j];
            }
            hs.prf_x4(x, ap);
        }
    }
    auto take = [&](unsigned i, std::uint32_t at) {
        if (capture && capture->at[i] == at) std::memcpy(capture->out + i * p.n, values + i * p.n, p.n);
    };
    Adrs lane_adrs[4] = {adrs, adrs, adrs, adrs};
    const Adrs* ap[4] = {&lane_adrs[0], &lane_adrs[1], &lane_adrs[2], &lane_adrs[3]};
    unsigned next = 0;
    bool busy[4] = {};
    unsigned chain[4] = {};
    std::uint32_t pos[4] = {}, left[4] = {};
    auto refill = [&](unsigned j) {
        while (next < len && steps[next] == 0) take(next, start[next]), ++next;
        busy[j] = next < len;
        if (!busy[j]) return;
        chain[j] = next;
        pos[j] = start[next];
        left[j] = steps[next];
        lane_adrs[j].set_chain(next);
        ++next;
    };
    for (unsigned j = 0; j < 4; ++j) refill(j);
    while (busy[0] || busy[1] || busy[2] || busy[3]) {
        std::uint8_t* x[4];
        for (unsigned j = 0; j < 4; ++j) {
            if (busy[j]) {
                take(chain[j], pos[j]);
                lane_adrs[j].set_hash(pos[j]);
            }
            x[j] = busy[j] ? values + chain[j] * p.n : spare[j];
        }
        hs.f_x4(x, ap, x);
        for (unsigned j = 0; j < 4; ++j) {
            if (!busy[j]) continue;
            ++pos[j];
            if (--left[j] == 0) {
                take(chain[j], pos[j]);
                refill(j);
            }
        }
    }
    secure_wipe(spare, sizeof spare);
}

void wots_compress(const Hasher& hs, const Adrs& adrs, const std::uint8_t* ends, unsigned len, std::uint8_t* out) {
    Adrs pk = adrs;
    pk.set_type_and_clear(Adrs::wots_pk);
    pk.set_keypair(adrs.keypair());
    hs.t(out, pk, ends, len);
}

// wots_pkGen (Algorithm 6); adrs has type WOTS_HASH and its key pair address set. With `sign_msg`,
// also wots_sign (Algorithm 7) of that n-byte message into `sig`, from the same chains.
void wots_pkgen(const Params& p, const Hasher& hs, const Adrs& adrs, std::uint8_t* out,
                const std::uint8_t* sign_msg = nullptr, std::uint8_t* sig = nullptr) {
    const unsigned len = wots_len(p);
    std::uint8_t ends[kMaxLen * kMaxN];
    std::uint32_t start[kMaxLen] = {}, steps[kMaxLen], digits[kMaxLen];
    for (unsigned i = 0; i < len; ++i) steps[i] = kW - 1;
    Capture capture{digits, sig};
    if (sign_msg) wots_digits(p, sign_msg, digits);
    wots_chains(p, hs, adrs, ends, true, start, steps, sign_msg ? &capture : nullptr);
    wots_compress(hs, adrs, ends, len, out);
}

// wots_pkFromSig (Algorithm 8).
void wots_pk_from_sig(const Params& p, const Hasher& hs, const std::uint8_t* sig, const std::uint8_t* msg,
                      const Adrs& adrs, std::uint8_t* out) {
    std::uint32_t digits[kMaxLen], steps[kMaxLen];
    wots_digits(p, msg, digits);
    for (unsigned i = 0; i < wots_len(p); ++i) steps[i] = kW - 1 - digits[i];
    std::uint8_t ends[kMaxLen * kMaxN];
    std::memcpy(ends, sig, wots_len(p) * p.n);
    wots_chains(p, hs, adrs, ends, false, digits, steps);
    wots_compress(hs, adrs, ends, wots_len(p), out);
}

// One level of a Merkle tree in place: nodes[i] = H(ADRS(height z, index base + i), nodes[2i] ‖
// nodes[2i + 1]) for i < count, four at a time.
void tree_level(const Hasher& hs, std::uint8_t* nodes, std::uint32_t count, std::uint32_t base,
                const Adrs& level_adrs) {
    const std::size_t n = hs.n();
    std::uint32_t i = 0;
    for (; hs.batched() && i + 4 <= count; i += 4) {
        Adrs a[4];
        const Adrs* ap[4];
        std::uint8_t* out[4];
        const std::uint8_t* in[4];
        for (std::uint32_t j = 0; j < 4; ++j) {
            a[j] = level_adrs;
            a[j].set_tree_index(base + i + j);
            ap[j] = &a[j];
            out[j] = nodes + (i + j) * n;
            in[j] = nodes + 2 * (i + j) * n;
        }
        hs.h_x4(out, ap, in);
    }
    for (; i < count; ++i) {
        Adrs a = level_adrs;
        a.set_tree_index(base + i);
        hs.h(nodes + i * n, a, nodes + 2 * i * n);
    }
}

// One XMSS tree of height h' at the layer and tree address in `adrs`: the authentication path of
// leaf `idx` (h'·n bytes) and the root (Algorithms 9, 10); with `sign_msg`, also leaf idx's WOTS+
// signature of it into `wots_sig`.
void xmss_tree(const Params& p, const Hasher& hs, Adrs& adrs, std::uint32_t idx, std::uint8_t* auth, std::uint8_t* root,
               const std::uint8_t* sign_msg = nullptr, std::uint8_t* wots_sig = nullptr) {
    const std::size_t n = p.n;
    const std::uint32_t leaves = 1u << p.hp;
    std::vector<std::uint8_t> nodes(leaves * n);
    for (std::uint32_t i = 0; i < leaves; ++i) {
        adrs.set_type_and_clear(Adrs::wots_hash);
        adrs.set_keypair(i);
        const bool signing = sign_msg && i == idx;  // idx is public (it is in the signature)
        wots_pkgen(p, hs, adrs, nodes.data() + i * n, signing ? sign_msg : nullptr, signing ? wots_sig : nullptr);
    }
    for (unsigned z = 1; z <= p.hp; ++z) {
        std::memcpy(auth + (z - 1) * n, nodes.data() + (((idx >> (z - 1)) ^ 1u) * n), n);
        adrs.set_type_and_clear(Adrs::tree);
        adrs.set_tree_height(z);
        tree_level(hs, nodes.data(), leaves >> z, 0, adrs);
    }
    std::memcpy(root, nodes.data(), n);
}

// xmss_sign (Algorithm 10) of an n-byte message; also returns this tree's root.
void xmss_sign(const Params& p, const Hasher& hs, const std::uint8_t* msg, std::uint32_t idx, Adrs& adrs,
               std::uint8_t* sig, std::uint8_t* root) {
    xmss_tree(p, hs, adrs, idx, sig + wots_len(p) * p.n, root, msg, sig);
}

// Climbs an authentication path from `node` at leaf `idx` (shared by XMSS and FORS).
void climb(const Hasher& hs, std::uint8_t* node, std::uint32_t idx, const std::uint8_t* auth, unsigned height,
           std::uint32_t base_index, Adrs& adrs) {
    const std::size_t n = hs.n();
    std::uint8_t buf[2 * kMaxN];
    std::uint32_t index = base_index + idx;
    for (unsigned k = 0; k < height; ++k) {
        adrs.set_tree_height(k + 1);
        const bool even = ((idx >> k) & 1u) == 0;
        index >>= 1;
        adrs.set_tree_index(index);
        if (even) {
            std::memcpy(buf, node, n);
            std::memcpy(buf + n, auth + k * n, n);
        } else {
            std::memcpy(buf, auth + k * n, n);
            std::memcpy(buf + n, node, n);
        }
        hs.h(node, adrs, buf);
    }
}

// xmss_pkFromSig (Algorithm 11).
void xmss_pk_from_sig(const Params& p, const Hasher& hs, std::uint32_t idx, const std::uint8_t* sig,
                      const std::uint8_t* msg, Adrs& adrs, std::uint8_t* out) {
    adrs.set_type_and_clear(Adrs::wots_hash);
    adrs.set_keypair(idx);
    wots_pk_from_sig(p, hs, sig, msg, adrs, out);
    adrs.set_type_and_clear(Adrs::tree);
    climb(hs, out, idx, sig + wots_len(p) * p.n, p.hp, 0, adrs);
}

std::size_t xmss_sig_bytes(const Params& p) {
    return (wots_len(p) + p.hp) * p.n;
}

// ht_sign (Algorithm 12).
void ht_sign(const Params& p, const Hasher& hs, const std::uint8_t* msg, std::uint64_t idx_tree, std::uint32_t idx_leaf,
             std::uint8_t* sig) {
    Adrs adrs;
    std::uint8_t root[kMaxN];
    std::memcpy(root, msg, p.n);
    for (unsigned j = 0; j < p.d; ++j) {
        if (j > 0) {
            idx_leaf = static_cast<std::uint32_t>(idx_tree & ((1u << p.hp) - 1));
            idx_tree >>= p.hp;
        }
        adrs.set_layer(j);
        adrs.set_tree(idx_tree);
        std::uint8_t next[kMaxN];
        xmss_sign(p, hs, root, idx_leaf, adrs, sig + j * xmss_sig_bytes(p), next);
        std::memcpy(root, next, p.n);
    }
}

// ht_verify (Algorithm 13).
bool ht_verify(const Params& p, const Hasher& hs, const std::uint8_t* msg, const std::uint8_t* sig,
               std::uint64_t idx_tree, std::uint32_t idx_leaf, const std::uint8_t* pk_root) {
    Adrs adrs;
    std::uint8_t node[kMaxN];
    std::memcpy(node, msg, p.n);
    for (unsigned j = 0; j < p.d; ++j) {
        if (j > 0) {
            idx_leaf = static_cast<std::uint32_t>(idx_tree & ((1u << p.hp) - 1));
            idx_tree >>= p.hp;
        }
        adrs.set_layer(j);
        adrs.set_tree(idx_tree);
        std::uint8_t next[kMaxN];
        xmss_pk_from_sig(p, hs, idx_leaf, sig + j * xmss_sig_bytes(p), node, adrs, next);
        std::memcpy(node, next, p.n);
    }
    return std::memcmp(node, pk_root, p.n) == 0;
}

// fors_sign (Algorithm 16) and the FORS public key (Algorithm 17's final compression), from the
// roots computed while signing.
void fors_sign(const Params& p, const Hasher& hs, const std::uint8_t* md, Adrs& adrs, std::uint8_t* sig,
               std::uint8_t* pk) {
    const std::size_t n = p.n;
    const std::uint32_t leaves = 1u << p.a;
    std::uint32_t indices[64];
    base_2b(md, p.a, p.k, indices);
    std::vector<std::uint8_t> nodes(leaves * n);
    std::vector<std::uint8_t> roots(p.k * n);
    for (unsigned i = 0; i < p.k; ++i) {
        std::uint8_t* out = sig + i * (p.a + 1) * n;
        const std::uint32_t base = i << p.a;
        if (!hs.batched()) {
            std::uint8_t secret[kMaxN];
            Adrs sk = adrs, leaf = adrs;
            sk.set_type_and_clear(Adrs::fors_prf);
            sk.set_keypair(adrs.keypair());
            leaf.set_tree_height(0);
            for (std::uint32_t j = 0; j < leaves; ++j) {
                sk.set_tree_index(base + j);
                hs.prf(secret, sk);
                if (j == indices[i]) std::memcpy(out, secret, n);  // the index is public (message digest)
                leaf.set_tree_index(base + j);
                hs.f(nodes.data() + j * n, leaf, secret);
            }
            secure_wipe(secret, sizeof secret);
        }
        // Leaves four at a time: secret values by PRF, then F (leaves ≥ 64 is a multiple of 4).
        for (std::uint32_t j = 0; hs.batched() && j < leaves; j += 4) {
            Adrs sk[4], leaf[4];
            const Adrs* skp[4];
            const Adrs* leafp[4];
            std::uint8_t secret[4][kMaxN];
            std::uint8_t* sp[4];
            const std::uint8_t* csp[4];
            std::uint8_t* out4[4];
            for (std::uint32_t t = 0; t < 4; ++t) {
                sk[t] = adrs;
                sk[t].set_type_and_clear(Adrs::fors_prf);
                sk[t].set_keypair(adrs.keypair());
                sk[t].set_tree_index(base + j + t);
                leaf[t] = adrs;
                leaf[t].set_tree_height(0);
                leaf[t].set_tree_index(base + j + t);
                skp[t] = &sk[t];
                leafp[t] = &leaf[t];
                sp[t] = secret[t];
                csp[t] = secret[t];
                out4[t] = nodes.data() + (j + t) * n;
            }
            hs.prf_x4(sp, skp);
            for (std::uint32_t t = 0; t < 4; ++t)
                if (j + t == indices[i]) std::memcpy(out, secret[t], n);  // the index is public (message digest)
            hs.f_x4(out4, leafp, csp);
            secure_wipe(secret, sizeof secret);
        }
        for (unsigned z = 1; z <= p.a; ++z) {
            std::memcpy(out + z * n, nodes.data() + (((indices[i] >> (z - 1)) ^ 1u) * n), n);
            Adrs level = adrs;
            level.set_tree_height(z);
            tree_level(hs, nodes.data(), leaves >> z, i << (p.a - z), level);
        }
        std::memcpy(roots.data() + i * n, nodes.data(), n);
    }
    Adrs pk_adrs = adrs;
    pk_adrs.set_type_and_clear(Adrs::fors_roots);
    pk_adrs.set_keypair(adrs.keypair());
    hs.t(pk, pk_adrs, roots.data(), p.k);
    secure_wipe(nodes.data(), nodes.size());
}

// fors_pkFromSig (Algorithm 17).
void fors_pk_from_sig(const Params& p, const Hasher& hs, const std::uint8_t* sig, const std::uint8_t* md, Adrs& adrs,
                      std::uint8_t* pk) {
    const std::size_t n = p.n;
    std::uint32_t indices[64];
    base_2b(md, p.a, p.k, indices);
    std::vector<std::uint8_t> roots(p.k * n);
    for (unsigned i = 0; i < p.k; ++i) {
        const std::uint8_t* part = sig + i * (p.a + 1) * n;
        std::uint8_t* node = roots.data() + i * n;
        adrs.set_tree_height(0);
        adrs.set_tree_index((i << p.a) + indices[i]);
        hs.f(node, adrs, part);
        climb(hs, node, indices[i], part + n, p.a, i << p.a, adrs);
    }
    Adrs pk_adrs = adrs;
    pk_adrs.set_type_and_clear(Adrs::fors_roots);
    pk_adrs.set_keypair(adrs.keypair());
    hs.t(pk, pk_adrs, roots.data(), p.k);
}

std::uint64_t to_int(const std::uint8_t* x, std::size_t len) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < len; ++i) v = (v << 8) | x[i];
    return v;
}

// Splits H_msg's digest into md, idx_tree and idx_leaf (Algorithm 19 lines 7-12).
struct Digest {
    std::uint8_t md[64];
    std::uint64_t idx_tree;
    std::uint32_t idx_leaf;
};
Digest split_digest(const Params& p, const std::uint8_t* digest) {
    Digest d{};
    const std::size_t md_len = (p.k * p.a + 7) / 8;
    const unsigned tree_bits = p.h - p.hp;
    const std::size_t tree_len = (tree_bits + 7) / 8;
    const std::size_t leaf_len = (p.hp + 7) / 8;
    std::memcpy(d.md, digest, md_len);
    d.idx_tree = to_int(digest + md_len, tree_len);
    if (tree_bits < 64) d.idx_tree &= (std::uint64_t{1} << tree_bits) - 1;
    d.idx_leaf = static_cast<std::uint32_t>(to_int(digest + md_len + tree_len, leaf_len) & ((1u << p.hp) - 1));
    return d;
}

Result<Bytes> sign_prefixed(ParamSet set, ByteView secret_key, ByteView prefix, ByteView msg, ByteView addrnd) {
    const Params& p = params(set);
    if (secret_key.size() != p.secret_key_bytes)
        return fail(errc::kBadSecretKey, "an " + std::string(p.name) + " secret key is " +
                                             std::to_string(p.secret_key_bytes) + " bytes, got " +
                                             std::to_string(secret_key.size()));
    if (!addrnd.empty() && addrnd.size() != p.n)
        return fail(errc::kBadRandomness, "addrnd is empty (deterministic) or " + std::to_string(p.n) + " bytes");
    const std::uint8_t* sk_seed = secret_key.data();
    const std::uint8_t* sk_prf = sk_seed + p.n;
    const std::uint8_t* pk_seed = sk_prf + p.n;
    const std::uint8_t* pk_root = pk_seed + p.n;
    const Hasher hs(p, pk_seed, sk_seed);

    Bytes sig(p.signature_bytes);
    std::uint8_t* r = sig.data();
    prf_msg(p, r, sk_prf, addrnd.empty() ? pk_seed : addrnd.data(), prefix, msg);
    std::uint8_t digest[64];
    h_msg(p, digest, r, pk_seed, pk_root, prefix, msg);
    const Digest dg = split_digest(p, digest);

    Adrs adrs;
    adrs.set_tree(dg.idx_tree);
    adrs.set_type_and_clear(Adrs::fors_tree);
    adrs.set_keypair(dg.idx_leaf);
    std::uint8_t pk_fors[kMaxN];
    std::uint8_t* fors_sig = sig.data() + p.n;
    fors_sign(p, hs, dg.md, adrs, fors_sig, pk_fors);
    ht_sign(p, hs, pk_fors, dg.idx_tree, dg.idx_leaf, fors_sig + p.k * (p.a + 1) * p.n);
    return sig;
}

Result<bool> verify_prefixed(ParamSet set, ByteView public_key, ByteView prefix, ByteView msg, ByteView sig) {
    const Params& p = params(set);
    if (public_key.size() != p.public_key_bytes)
        return fail(errc::kBadPublicKey, "an " + std::string(p.name) + " public key is " +
                                             std::to_string(p.public_key_bytes) + " bytes, got " +
                                             std::to_string(public_key.size()));
    if (sig.size() != p.signature_bytes) return false;
    const std::uint8_t* pk_seed = public_key.data();
    const std::uint8_t* pk_root = pk_seed + p.n;
    const Hasher hs(p, pk_seed, nullptr);
    std::uint8_t digest[64];
    h_msg(p, digest, sig.data(), pk_seed, pk_root, prefix, msg);
    const Digest dg = split_digest(p, digest);
    Adrs adrs;
    adrs.set_tree(dg.idx_tree);
    adrs.set_type_and_clear(Adrs::fors_tree);
    adrs.set_keypair(dg.idx_leaf);
    std::uint8_t pk_fors[kMaxN];
    const std::uint8_t* fors_sig = sig.data() + p.n;
    fors_pk_from_sig(p, hs, fors_sig, dg.md, adrs, pk_fors);
    return ht_verify(p, hs, pk_fors, fors_sig + p.k * (p.a + 1) * p.n, dg.idx_tree, dg.idx_leaf, pk_root);
}

Bytes context_prefix(std::uint8_t domain, ByteView ctx) {
    Bytes prefix{domain, static_cast<std::uint8_t>(ctx.size())};
    append(prefix, ctx);
    return prefix;
}

Bytes prehash_prefix(ByteView msg, ByteView ctx, PreHash ph) {
    Bytes prefix = context_prefix(1, ctx);
    append(prefix, prehash::oid(static_cast<prehash::Function>(ph)));
    append(prefix, prehash::digest(static_cast<prehash::Function>(ph), msg));
    return prefix;
}

}  // namespace

const Params& params(ParamSet set) noexcept {
    return kParams[static_cast<std::size_t>(set)];
}

Result<ParamSet> param_set_by_name(std::string_view name) {
    for (std::size_t i = 0; i < kParams.size(); ++i)
        if (kParams[i].name == name) return static_cast<ParamSet>(i);
    return fail("slhdsa.unknown_parameter_set", "unknown SLH-DSA parameter set " + std::string(name));
}

Result<KeyPair> keygen(ParamSet set, ByteView seed) {
    const Params& p = params(set);
    if (seed.size() != 3 * p.n)
        return fail(errc::kBadSeed, "an " + std::string(p.name) + " seed (SK.seed || SK.prf || PK.seed) is " +
                                        std::to_string(3 * p.n) + " bytes, got " + std::to_string(seed.size()));
    const std::uint8_t* sk_seed = seed.data();
    const std::uint8_t* pk_seed = seed.data() + 2 * p.n;
    const Hasher hs(p, pk_seed, sk_seed);
    // slh_keygen_internal (Algorithm 18): PK.root is the root of the top XMSS tree.
    Adrs adrs;
    adrs.set_layer(p.d - 1);
    std::uint8_t auth[16 * kMaxN], root[kMaxN];
    xmss_tree(p, hs, adrs, 0, auth, root);
    KeyPair kp;
    kp.secret_key.assign(seed.begin(), seed.end());
    kp.secret_key.insert(kp.secret_key.end(), root, root + p.n);
    kp.public_key.assign(pk_seed, pk_seed + p.n);
    kp.public_key.insert(kp.public_key.end(), root, root + p.n);
    return kp;
}

Result<Bytes> sign_internal(ParamSet set, ByteView secret_key, ByteView msg, ByteView addrnd) {
    return sign_prefixed(set, secret_key, {}, msg, addrnd);
}

Result<bool> verify_internal(ParamSet set, ByteView public_key, ByteView msg, ByteView sig) {
    return verify_prefixed(set, public_key, {}, msg, sig);
}

Result<Bytes> sign(ParamSet set, ByteView secret_key, ByteView msg, ByteView ctx, ByteView addrnd) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    return sign_prefixed(set, secret_key, context_prefix(0, ctx), msg, addrnd);
}

Result<bool> verify(ParamSet set, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    return verify_prefixed(set, public_key, context_prefix(0, ctx), msg, sig);
}

Result<Bytes> hash_sign(ParamSet set, ByteView secret_key, ByteView msg, ByteView ctx, PreHash ph, ByteView addrnd) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    return sign_prefixed(set, secret_key, prehash_prefix(msg, ctx, ph), {}, addrnd);
}

Result<bool> hash_verify(ParamSet set, ByteView public_key, ByteView msg, ByteView sig, ByteView ctx, PreHash ph) {
    if (ctx.size() > kMaxContextBytes) return fail(errc::kContextTooLong, "the context string is at most 255 bytes");
    return verify_prefixed(set, public_key, prehash_prefix(msg, ctx, ph), {}, sig);
}

}  // namespace luxl2::crypto::slhdsa
