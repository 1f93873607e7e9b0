// Positional multiproofs (merkle/proof.hpp). The first byte picks a mode:
//   even: the rest is an encoded proof. Decoding never crashes; what decodes re-encodes to the same
//         bytes; a proof that verifies against a fixed tree is exactly the proof we generate for its
//         indices (proofs are unique).
//   odd:  the rest chooses a tree size, indices and a bit to flip in the encoded proof; the intact proof
//         verifies and the flipped one does not (unless the flip only changed the leaf count, which the
//         root does not commit to; see proof.hpp).
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"

using namespace luxl2;
using namespace luxl2::merkle;

namespace {

std::vector<Hash32> leaves_of(std::uint64_t n) {
    std::vector<Hash32> out;
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint8_t d[3] = {static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8), 0x5a};
        out.push_back(leaf_hash(ByteView(d, 3)));
    }
    return out;
}

constexpr std::uint64_t kFixed = 37;

void decode_mode(ByteView in) {
    static const auto leaves = leaves_of(kFixed);
    static const Hash32 root = root_of_leaf_hashes(leaves);
    ProofLimits limits;
    limits.max_indices = 256;
    limits.max_hashes = 4096;
    auto p = decode_multiproof(in, limits);
    if (!p) return;
    const Bytes again = encode(*p);
    LUXL2_ASSERT(equal(again, in));
    if (p->leaf_count != kFixed) return;
    std::vector<Hash32> chosen;
    for (auto i : p->indices) chosen.push_back(leaves[i]);
    if (verify_multiproof(root, *p, chosen)) {
        auto expect = generate_multiproof(leaves, p->indices);
        LUXL2_ASSERT(expect && *expect == *p);
    }
}

void flip_mode(ByteView in) {
    if (in.size() < 4) return;
    const std::uint64_t n = 1 + (static_cast<std::uint64_t>(in[0]) | static_cast<std::uint64_t>(in[1]) << 8) % 600;
    const auto leaves = leaves_of(n);
    std::vector<std::uint64_t> idx;
    for (std::size_t i = 4; i < in.size() && idx.size() < 64; ++i) idx.push_back((in[i] * 7919u + i) % n);
    if (idx.empty()) idx.push_back(in[2] % n);
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    auto p = generate_multiproof(leaves, idx);
    LUXL2_ASSERT(p.has_value());
    std::vector<Hash32> chosen;
    for (auto i : idx) chosen.push_back(leaves[i]);
    const Hash32 root = root_of_leaf_hashes(leaves);
    LUXL2_ASSERT(verify_multiproof(root, *p, chosen));
    Bytes enc = encode(*p);
    const std::size_t bit = (static_cast<std::size_t>(in[2]) << 8 | in[3]) % (enc.size() * 8);
    enc[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    auto d = decode_multiproof(enc);
    if (!d || d->leaf_count != n) return;
    std::vector<Hash32> ls = chosen;
    ls.resize(d->indices.size(), chosen[0]);
    LUXL2_ASSERT(!verify_multiproof(root, *d, ls));
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
