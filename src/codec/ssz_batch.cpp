// Batched merkleization across values of one type (see ssz_batch.hpp).
#include "ssz_batch.hpp"

#include <cstring>
#include <vector>

#include "luxl2/crypto/sha256.hpp"

namespace luxl2::ssz::detail {
namespace {

// Merkleizes each of `datas` (packed bytes, right-padded with zeros to whole chunks) to depth `depth`
// and writes root i to out[32 i]. Equivalent to merkleize(datas[i], 2^depth) for each i.
void merkleize_batch(std::span<const ByteView> datas, unsigned depth, std::uint8_t* out) {
    const std::size_t n = datas.size();
    if (depth == 0) {
        for (std::size_t i = 0; i < n; ++i) {
            std::memset(out + 32 * i, 0, 32);
            std::memcpy(out + 32 * i, datas[i].data(), datas[i].size());
        }
        return;
    }
    // Level 0 → 1: each item's chunks in pairs, zero-padded (the zero chunk is zero_hash(0)).
    std::vector<std::size_t> count(n), offset(n);
    std::size_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t chunks = (datas[i].size() + 31) / 32;
        count[i] = (chunks + 1) / 2;
        offset[i] = total;
        total += count[i];
    }
    std::vector<std::uint8_t> blocks(64 * total, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (!datas[i].empty()) std::memcpy(blocks.data() + 64 * offset[i], datas[i].data(), datas[i].size());
    std::vector<std::uint8_t> nodes(32 * total);
    crypto::sha256_64_many(blocks.data(), total, nodes.data());

    for (unsigned level = 1; level < depth; ++level) {
        const Hash32& z = zero_hash(level);
        std::size_t next_total = 0;
        for (std::size_t i = 0; i < n; ++i) next_total += (count[i] + 1) / 2;
        blocks.resize(64 * next_total);
        std::size_t at = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (count[i] == 0) continue;
            std::memcpy(blocks.data() + 32 * at, nodes.data() + 32 * offset[i], 32 * count[i]);
            std::size_t written = count[i];
            if (count[i] % 2 != 0) {
                std::memcpy(blocks.data() + 32 * (at + written), z.data(), 32);
                ++written;
            }
            offset[i] = at / 2;
            count[i] = written / 2;
            at += written;
        }
        nodes.resize(32 * next_total);
        crypto::sha256_64_many(blocks.data(), next_total, nodes.data());
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (count[i] == 0)
            std::memcpy(out + 32 * i, zero_hash(depth).data(), 32);
        else
            std::memcpy(out + 32 * i, nodes.data() + 32 * offset[i], 32);
    }
}

// roots[i] = mix_in_length(roots[i], lengths[i]), all at once.
void mix_lengths(std::uint8_t* roots, std::span<const std::uint64_t> lengths) {
    std::vector<std::uint8_t> blocks(64 * lengths.size(), 0);
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        std::memcpy(blocks.data() + 64 * i, roots + 32 * i, 32);
        store_le64(blocks.data() + 64 * i + 32, lengths[i]);
    }
    crypto::sha256_64_many(blocks.data(), lengths.size(), roots);
}

}  // namespace

void roots_batch(const Type& t, std::span<const ByteView> items, std::uint8_t* out) {
    const std::size_t n = items.size();
    if (n == 0) return;
    switch (t.kind) {
        case Kind::uint:
        case Kind::boolean:
            for (std::size_t i = 0; i < n; ++i) {
                std::memset(out + 32 * i, 0, 32);
                std::memcpy(out + 32 * i, items[i].data(), items[i].size());
            }
            return;
        case Kind::bitvector: merkleize_batch(items, depth_for(t.chunks), out); return;
        case Kind::bitlist: {
            // pack_bits: without the delimiter bit.
            std::vector<Bytes> packed(n);
            std::vector<ByteView> views(n);
            std::vector<std::uint64_t> lengths(n);
            for (std::size_t i = 0; i < n; ++i) {
                const View v(t, items[i]);
                lengths[i] = v.count();
                packed[i].assign(items[i].begin(),
                                 items[i].begin() + static_cast<std::ptrdiff_t>((lengths[i] + 7) / 8));
                if (lengths[i] % 8 != 0)
                    packed[i].back() = static_cast<std::uint8_t>(packed[i].back() & ~(1u << (lengths[i] % 8)));
                views[i] = packed[i];
            }
            merkleize_batch(views, depth_for(t.chunks), out);
            mix_lengths(out, lengths);
            return;
        }
        case Kind::vector:
        case Kind::list: {
            std::vector<std::uint64_t> lengths(n);
            if (t.elem->basic()) {
                merkleize_batch(items, depth_for(t.chunks), out);
                if (t.kind == Kind::list) {
                    for (std::size_t i = 0; i < n; ++i) lengths[i] = items[i].size() / t.elem->size;
                    mix_lengths(out, lengths);
                }
                return;
            }
            // All elements of all items in one batch, then each item's element roots as its chunks.
            std::vector<ByteView> elems;
            for (std::size_t i = 0; i < n; ++i) {
                const View v(t, items[i]);
                lengths[i] = v.count();
                for (std::uint64_t k = 0; k < lengths[i]; ++k) elems.push_back(v.at(k).bytes());
            }
            std::vector<std::uint8_t> roots(32 * elems.size());
            roots_batch(*t.elem, elems, roots.data());
            std::vector<ByteView> chunks(n);
            std::size_t at = 0;
            for (std::size_t i = 0; i < n; ++i) {
                chunks[i] = ByteView(roots.data() + 32 * at, 32 * lengths[i]);
                at += lengths[i];
            }
            merkleize_batch(chunks, depth_for(t.chunks), out);
            if (t.kind == Kind::list) mix_lengths(out, lengths);
            return;
        }
        case Kind::container: {
            const std::size_t nf = t.fields.size();
            std::vector<std::uint8_t> field_roots(32 * nf * n);
            std::vector<std::uint8_t> tmp(32 * n);
            std::vector<ByteView> views(n);
            for (std::size_t f = 0; f < nf; ++f) {
                for (std::size_t i = 0; i < n; ++i) views[i] = View(t, items[i]).field(f).bytes();
                roots_batch(*t.fields[f].type, views, tmp.data());
                for (std::size_t i = 0; i < n; ++i)
                    std::memcpy(field_roots.data() + 32 * (i * nf + f), tmp.data() + 32 * i, 32);
            }
            for (std::size_t i = 0; i < n; ++i) views[i] = ByteView(field_roots.data() + 32 * nf * i, 32 * nf);
            merkleize_batch(views, depth_for(nf), out);
            return;
        }
        case Kind::union_:
            for (std::size_t i = 0; i < n; ++i) {
                const Hash32 r = hash_tree_root(View(t, items[i]));
                std::memcpy(out + 32 * i, r.data(), 32);
            }
            return;
    }
}

}  // namespace luxl2::ssz::detail
