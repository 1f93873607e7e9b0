// State-tree proofs (merkle/sparse_proof.hpp) against a fixed tree of 200 keys. The first byte picks:
//   even: the rest is an encoded proof, the byte after it how many claims and which. Decoding never
//         crashes; what decodes re-encodes to the same bytes; and soundness: if the proof verifies,
//         every claim (some true, some false by construction) is true in the tree.
//   odd:  the rest picks keys (present and absent) and a bit to flip in their encoded proof; the
//         intact proof verifies, the flipped one does not.
#include <cstdint>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/sparse.hpp"

using namespace luxl2;
using namespace luxl2::merkle::smt;

namespace {

struct Fixed {
    SparseMerkleTree tree;
    std::vector<Hash32> pool;  // 200 present keys then 56 absent ones
    Fixed() {
        for (std::uint32_t i = 0; i < 256; ++i) {
            const std::uint8_t d[4] = {static_cast<std::uint8_t>(i), 1, 2, 3};
            Hash32 k = crypto::keccak256(ByteView(d, 4));
            if (i % 17 == 0 && i > 0) {  // neighbours differing only in the last bit
                k = pool.back();
                k[31] ^= 1;
            }
            pool.push_back(k);
            if (i < 200) tree.set(k, crypto::keccak256(k.view()));
        }
    }
};

const Fixed& fixed() {
    static const Fixed f;
    return f;
}

void decode_mode(ByteView in) {
    const auto& f = fixed();
    ProofLimits limits;
    limits.max_keys = 64;
    limits.max_siblings = 64 * 256;
    ByteView rest = in;
    auto p = decode(rest, limits);
    if (!p) return;
    const ByteView consumed = in.first(in.size() - rest.size());
    LUXL2_ASSERT(equal(encode(*p), consumed));
    // Claims chosen by the bytes after the proof: a key of the pool and whether to tell the truth.
    std::vector<Claim> claims;
    for (std::size_t i = 0; i < p->entries.size(); ++i) {
        const std::uint8_t b = i < rest.size() ? rest[i] : static_cast<std::uint8_t>(i);
        const Hash32& k = f.pool[b];
        const auto truth = f.tree.get(k);
        Hash32 v = truth.value_or(Hash32{});
        if (b & 1) v = truth ? Hash32{} : crypto::keccak256(k.view());  // a lie
        claims.push_back({k, v});
    }
    if (verify(f.tree.root(), *p, claims))
        for (const auto& c : claims) LUXL2_ASSERT(f.tree.get(c.key).value_or(Hash32{}) == c.value);
}

void flip_mode(ByteView in) {
    if (in.size() < 3) return;
    const auto& f = fixed();
    std::vector<Hash32> keys;
    for (std::size_t i = 2; i < in.size() && keys.size() < 16; ++i) keys.push_back(f.pool[in[i]]);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    auto p = f.tree.prove(keys);
    LUXL2_ASSERT(p.has_value());
    std::vector<Claim> claims;
    for (const auto& k : keys) claims.push_back({k, f.tree.get(k).value_or(Hash32{})});
    LUXL2_ASSERT(verify(f.tree.root(), *p, claims));
    Bytes enc = encode(*p);
    const std::size_t bit = (static_cast<std::size_t>(in[0]) << 8 | in[1]) % (enc.size() * 8);
    enc[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    auto d = decode_proof(enc);
    LUXL2_ASSERT(!(d && verify(f.tree.root(), *d, claims)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ByteView in(data + 1, size - 1);
    if (data[0] % 2 == 0)
        decode_mode(in);
    else
        flip_mode(in);
    return 0;
}
