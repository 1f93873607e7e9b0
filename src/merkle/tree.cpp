#include "luxl2/merkle/tree.hpp"

#include <vector>

#include "luxl2/crypto/keccak.hpp"

namespace luxl2::merkle {

Hash32 leaf_hash(ByteView data) noexcept {
    auto h = crypto::keccak256_hasher();
    const std::uint8_t prefix = 0x00;
    h.absorb(ByteView(&prefix, 1));
    h.absorb(data);
    Hash32 out;
    h.squeeze(out.bytes);
    return out;
}

Hash32 node_hash(const Hash32& left, const Hash32& right) noexcept {
    std::uint8_t buf[65];
    buf[0] = 0x01;
    std::copy(left.bytes.begin(), left.bytes.end(), buf + 1);
    std::copy(right.bytes.begin(), right.bytes.end(), buf + 33);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Hash32 empty_root() noexcept {
    return crypto::keccak256({});
}

Hash32 root_of_leaf_hashes(std::span<const Hash32> leaves) {
    if (leaves.empty()) return empty_root();
    std::vector<Hash32> level(leaves.begin(), leaves.end());
    while (level.size() > 1) {
        std::size_t out = 0;
        for (std::size_t i = 0; i + 1 < level.size(); i += 2) level[out++] = node_hash(level[i], level[i + 1]);
        if (level.size() % 2 == 1) level[out++] = level.back();
        level.resize(out);
    }
    return level[0];
}

Hash32 root(std::span<const ByteView> leaves) {
    std::vector<Hash32> hashes;
    hashes.reserve(leaves.size());
    for (const auto& l : leaves) hashes.push_back(leaf_hash(l));
    return root_of_leaf_hashes(hashes);
}

Hash32 root(std::span<const Bytes> leaves) {
    std::vector<Hash32> hashes;
    hashes.reserve(leaves.size());
    for (const auto& l : leaves) hashes.push_back(leaf_hash(l));
    return root_of_leaf_hashes(hashes);
}

}  // namespace luxl2::merkle
