#include "luxl2/merkle/sparse_proof.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <string>

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::merkle::smt {

Hash32 leaf_hash(const Hash32& key, const Hash32& value) noexcept {
    std::uint8_t buf[65];
    buf[0] = 0x00;
    std::copy(key.bytes.begin(), key.bytes.end(), buf + 1);
    std::copy(value.bytes.begin(), value.bytes.end(), buf + 33);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

const Hash32& default_hash(unsigned height) noexcept {
    static const std::array<Hash32, 257> table = [] {
        std::array<Hash32, 257> t{};
        for (std::size_t h = 1; h < t.size(); ++h) t[h] = node_hash(t[h - 1], t[h - 1]);
        return t;
    }();
    return table[height];
}

unsigned common_prefix(const Hash32& a, const Hash32& b) noexcept {
    for (unsigned w = 0; w < 4; ++w) {
        const std::uint64_t x = load_be64(a.data() + 8 * w) ^ load_be64(b.data() + 8 * w);
        if (x != 0) return 64 * w + static_cast<unsigned>(std::countl_zero(x));
    }
    return 256;
}

namespace {

class Folder {
public:
    Folder(const Proof& p, std::span<const Claim> c) : proof_(p), claims_(c) {}

    Result<Hash32> run() {
        LUXL2_TRY(h, fold(0, claims_.size(), 0));
        if (bit_pos_ != proof_.bits.size()) return fail(errc::malformed, "unused bitmap bits");
        if (sib_pos_ != proof_.siblings.size()) return fail(errc::surplus_siblings, "unused siblings");
        return h;
    }

private:
    Result<Hash32> terminal(std::size_t i, unsigned depth) const {
        const ProofEntry& e = proof_.entries[i];
        const Claim& c = claims_[i];
        const bool present = !c.value.is_zero();
        switch (e.kind) {
            case Terminal::Leaf:
                if (!present) return fail(errc::claim_mismatch, "an inclusion terminal for an absent claim");
                return leaf_hash(c.key, c.value);
            case Terminal::Empty:
                if (present) return fail(errc::claim_mismatch, "an empty terminal for a present claim");
                return default_hash(256 - depth);
            case Terminal::Other:
                if (present) return fail(errc::claim_mismatch, "another key's leaf for a present claim");
                if (e.other_key == c.key || e.other_value.is_zero() || common_prefix(e.other_key, c.key) < depth)
                    return fail(errc::claim_mismatch, "the other leaf does not sit on the key's path");
                return leaf_hash(e.other_key, e.other_value);
        }
        return fail(errc::malformed, "unknown terminal");
    }

    Result<Hash32> fold(std::size_t lo, std::size_t hi, unsigned depth) {
        std::size_t ending = 0;
        for (std::size_t i = lo; i < hi; ++i) {
            if (proof_.entries[i].depth < depth) return fail(errc::malformed, "terminal depths disagree");
            if (proof_.entries[i].depth == depth) ++ending;
        }
        if (ending > 0) {
            if (ending != hi - lo) return fail(errc::malformed, "keys end at different depths on one path");
            LUXL2_TRY(h, terminal(lo, depth));
            for (std::size_t i = lo + 1; i < hi; ++i) {
                LUXL2_TRY(o, terminal(i, depth));
                if (o != h) return fail(errc::malformed, "keys sharing a terminal disagree on it");
            }
            return h;
        }
        if (depth >= 256) return fail(errc::malformed, "a path runs past depth 256");
        std::size_t mid = lo;
        while (mid < hi && !key_bit(claims_[mid].key, depth)) ++mid;
        if (mid != lo && mid != hi) {
            LUXL2_TRY(l, fold(lo, mid, depth + 1));
            LUXL2_TRY(r, fold(mid, hi, depth + 1));
            return node_hash(l, r);
        }
        if (bit_pos_ >= proof_.bits.size()) return fail(errc::missing_siblings, "the bitmap ran out");
        Hash32 sib = default_hash(255 - depth);
        if (proof_.bits[bit_pos_++]) {
            if (sib_pos_ >= proof_.siblings.size()) return fail(errc::missing_siblings, "the siblings ran out");
            if (proof_.siblings[sib_pos_] == sib) return fail(errc::non_canonical, "an explicit empty sibling");
            sib = proof_.siblings[sib_pos_++];
        }
        LUXL2_TRY(c, fold(lo, hi, depth + 1));
        return mid == hi ? node_hash(c, sib) : node_hash(sib, c);
    }

    const Proof& proof_;
    std::span<const Claim> claims_;
    std::size_t bit_pos_ = 0;
    std::size_t sib_pos_ = 0;
};

}  // namespace

Result<Hash32> proof_root(const Proof& proof, std::span<const Claim> claims) {
    if (claims.empty()) return fail(errc::malformed, "no claims");
    if (claims.size() != proof.entries.size())
        return fail(errc::malformed, std::to_string(proof.entries.size()) + " terminals for " +
                                         std::to_string(claims.size()) + " claims");
    for (std::size_t i = 1; i < claims.size(); ++i) {
        if (claims[i].key == claims[i - 1].key) return fail(errc::duplicate_key, "a key is claimed twice");
        if (claims[i].key < claims[i - 1].key) return fail(errc::malformed, "claims must ascend by key");
    }
    for (const auto& e : proof.entries)
        if (e.depth > 256) return fail(errc::malformed, "terminal depth over 256");
    return Folder(proof, claims).run();
}

bool verify(const Hash32& root, const Proof& proof, std::span<const Claim> claims) {
    std::vector<Claim> sorted(claims.begin(), claims.end());
    std::sort(sorted.begin(), sorted.end(), [](const Claim& a, const Claim& b) { return a.key < b.key; });
    auto r = proof_root(proof, sorted);
    return r && *r == root;
}

// ---- binary encoding ----

namespace {
constexpr std::uint8_t kVersion = 0x01;
}

void encode(Bytes& out, const Proof& proof) {
    out.push_back(kVersion);
    put_varint(out, proof.entries.size());
    for (const auto& e : proof.entries) {
        out.push_back(static_cast<std::uint8_t>(e.kind));
        put_varint(out, e.depth);
        if (e.kind == Terminal::Other) {
            append(out, e.other_key.view());
            append(out, e.other_value.view());
        }
    }
    put_varint(out, proof.bits.size());
    const std::size_t at = out.size();
    out.resize(at + (proof.bits.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < proof.bits.size(); ++i)
        if (proof.bits[i]) out[at + i / 8] |= static_cast<std::uint8_t>(0x80u >> (i % 8));
    put_varint(out, proof.siblings.size());
    for (const auto& s : proof.siblings) append(out, s.view());
}

Bytes encode(const Proof& proof) {
    Bytes out;
    encode(out, proof);
    return out;
}

Result<Proof> decode(ByteView& in, const ProofLimits& limits) {
    if (in.empty()) return fail(errc::malformed, "empty proof");
    if (in[0] != kVersion) return fail(errc::bad_version, "unknown proof version " + std::to_string(in[0]));
    in = in.subspan(1);
    Proof p;
    LUXL2_TRY(n, get_varint(in));
    if (n == 0) return fail(errc::malformed, "a proof of no key");
    if (n > limits.max_keys) return fail(errc::too_large, std::to_string(n) + " keys is over the limit");
    if (n * 2 > in.size()) return fail(errc::malformed, "truncated terminals");
    p.entries.resize(n);
    for (auto& e : p.entries) {
        if (in.empty()) return fail(errc::malformed, "truncated terminal");
        if (in[0] > 2) return fail(errc::malformed, "unknown terminal kind " + std::to_string(in[0]));
        e.kind = static_cast<Terminal>(in[0]);
        in = in.subspan(1);
        LUXL2_TRY(d, get_varint(in));
        if (d > 256) return fail(errc::malformed, "terminal depth over 256");
        e.depth = static_cast<std::uint16_t>(d);
        if (e.kind == Terminal::Other) {
            if (in.size() < 64) return fail(errc::malformed, "truncated other leaf");
            e.other_key = Hash32::from_view(in.first(32));
            e.other_value = Hash32::from_view(in.subspan(32, 32));
            in = in.subspan(64);
        }
    }
    LUXL2_TRY(nbits, get_varint(in));
    if (nbits > 256 * n) return fail(errc::too_large, "more bitmap bits than the paths have levels");
    const std::size_t nbytes = (nbits + 7) / 8;
    if (nbytes > in.size()) return fail(errc::malformed, "truncated bitmap");
    p.bits.resize(nbits);
    std::size_t ones = 0;
    for (std::size_t i = 0; i < nbits; ++i) {
        p.bits[i] = (in[i / 8] & (0x80u >> (i % 8))) != 0;
        if (p.bits[i]) ++ones;
    }
    if (nbits % 8 != 0 && (in[nbytes - 1] & (0xFFu >> (nbits % 8))) != 0)
        return fail(errc::non_canonical, "non-zero bitmap padding");
    in = in.subspan(nbytes);
    LUXL2_TRY(nsib, get_varint(in));
    if (nsib != ones) return fail(errc::malformed, "sibling count differs from the bitmap");
    if (nsib > limits.max_siblings) return fail(errc::too_large, "too many siblings");
    if (nsib * 32 > in.size()) return fail(errc::malformed, "truncated siblings");
    p.siblings.resize(nsib);
    for (auto& s : p.siblings) {
        s = Hash32::from_view(in.first(32));
        in = in.subspan(32);
    }
    return p;
}

Result<Proof> decode_proof(ByteView in, const ProofLimits& limits) {
    LUXL2_TRY(p, decode(in, limits));
    if (!in.empty()) return fail(errc::trailing_bytes, std::to_string(in.size()) + " bytes after the proof");
    return p;
}

}  // namespace luxl2::merkle::smt
