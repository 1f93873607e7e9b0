// SSZ merkleization primitives: zero hashes, merkleize with a limit, mix-ins.
#include <array>
#include <bit>
#include <cstring>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/crypto/sha256.hpp"
#include "ssz_scratch.hpp"

namespace luxl2::ssz {
namespace {

constexpr unsigned kMaxDepth = 64;

const std::array<Hash32, kMaxDepth + 1>& zero_hashes() {
    static const std::array<Hash32, kMaxDepth + 1> z = [] {
        std::array<Hash32, kMaxDepth + 1> h{};
        for (unsigned i = 0; i < kMaxDepth; ++i) h[i + 1] = hash_pair(h[i], h[i]);
        return h;
    }();
    return z;
}

// Reduces `n` chunks at `level` in place, pairing an odd last node with the zero subtree of its
// level, until one node is left at `depth`.
Hash32 reduce(std::uint8_t* buf, std::uint64_t n, unsigned level, unsigned depth) noexcept {
    const auto& z = zero_hashes();
    if (n == 0) return z[depth];
    std::array<std::uint8_t, 64> pair{};
    for (; level < depth; ++level) {
        const std::uint64_t full = n / 2;
        crypto::sha256_64_many(buf, full, buf);
        if (n % 2 != 0) {
            std::memcpy(pair.data(), buf + (n - 1) * 32, 32);
            std::memcpy(pair.data() + 32, z[level].data(), 32);
            crypto::sha256_64(pair.data(), buf + full * 32);
        }
        n = (n + 1) / 2;
    }
    LUXL2_ASSERT(n == 1);
    Hash32 out;
    std::memcpy(out.data(), buf, 32);
    return out;
}

}  // namespace

const Hash32& zero_hash(unsigned depth) noexcept {
    LUXL2_ASSERT(depth <= kMaxDepth);
    return zero_hashes()[depth];
}

unsigned depth_for(std::uint64_t n) noexcept {
    return n <= 1 ? 0u : static_cast<unsigned>(std::bit_width(n - 1));
}

Hash32 hash_pair(const Hash32& a, const Hash32& b) noexcept {
    std::array<std::uint8_t, 64> in{};
    std::memcpy(in.data(), a.data(), 32);
    std::memcpy(in.data() + 32, b.data(), 32);
    Hash32 out;
    crypto::sha256_64(in.data(), out.data());
    return out;
}

Hash32 mix_in_length(const Hash32& root, std::uint64_t length) noexcept {
    Hash32 len;
    store_le64(len.data(), length);
    return hash_pair(root, len);
}

Hash32 mix_in_selector(const Hash32& root, std::uint8_t selector) noexcept {
    Hash32 sel;
    sel[0] = selector;
    return hash_pair(root, sel);
}

Hash32 merkleize_in_place(std::uint8_t* chunks, std::uint64_t n, std::uint64_t limit) noexcept {
    LUXL2_ASSERT(n <= limit || (n <= 1 && limit == 0));
    return reduce(chunks, n, 0, depth_for(limit));
}

Hash32 merkleize(ByteView data, std::uint64_t limit) {
    const std::uint64_t n = (data.size() + 31) / 32;
    LUXL2_ASSERT(n <= limit || (n <= 1 && limit == 0));
    const unsigned depth = depth_for(limit);
    if (n == 0) return zero_hash(depth);
    if (depth == 0) {
        Hash32 out;
        std::memcpy(out.data(), data.data(), data.size());
        return out;
    }
    // The first layer is hashed straight from `data` (no padded copy); only the last, partial pair of
    // chunks is assembled with its zero padding.
    const std::uint64_t parents = (n + 1) / 2;
    detail::Scratch scratch(parents * 32);
    std::uint8_t* buf = scratch.data();
    const std::uint64_t full = data.size() / 64;
    crypto::sha256_64_many(data.data(), full, buf);
    if (full < parents) {
        std::array<std::uint8_t, 64> tail{};
        std::memcpy(tail.data(), data.data() + full * 64, data.size() - full * 64);
        crypto::sha256_64(tail.data(), buf + full * 32);
    }
    return reduce(buf, parents, 1, depth);
}

}  // namespace luxl2::ssz
