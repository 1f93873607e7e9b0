// Batched merkleization across values of one type (see ssz_batch.hpp).
#include "ssz_batch.hpp"

#include <cstring>
#include <vector>

#include "luxl2/crypto/sha256.hpp"

namespace luxl2::ssz::detail {
namespace {

// Buffers reused across calls on this thread (merkleize_batch and mix_lengths do not recurse), so a
// block's thousands of small lists cost no allocation once the buffers have grown.
struct BatchScratch {
    std::vector<std::uint8_t> nodes;  // each item's nodes, in place level after level
    std::vector<std::uint8_t> tails;  // the last, zero-padded pair of chunks of items that need one
    std::vector<const std::uint8_t*> in;
    std::vector<std::uint8_t*> out;
    std::vector<std::size_t> count, region;
};
BatchScratch& scratch() {
    thread_local BatchScratch s;
    return s;
}

// Merkleizes each of `datas` (packed bytes, right-padded with zeros to whole chunks) to depth `depth`
// and writes root i to out[32 i]. Equivalent to merkleize(datas[i], 2^depth) for each i.
// Level 0 hashes full 64-byte pairs where they lie in `datas` (only a partial last pair is copied,
// to be zero-padded); every later level reduces each item's nodes in place, its odd last node paired
// with the zero subtree of the level. Each level is one multi-lane SHA-256 call over all items.
void merkleize_batch(std::span<const ByteView> datas, unsigned depth, std::uint8_t* out) {
    const std::size_t n = datas.size();
    if (depth == 0) {
        for (std::size_t i = 0; i < n; ++i) {
            std::memset(out + 32 * i, 0, 32);
            std::memcpy(out + 32 * i, datas[i].data(), datas[i].size());
        }
        return;
    }
    BatchScratch& s = scratch();
    s.count.resize(n);
    s.region.resize(n);
    std::size_t slots = 0, pairs = 0, tails = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = (datas[i].size() + 63) / 64;  // level-1 nodes
        s.count[i] = c;
        s.region[i] = slots;
        slots += c + 1;  // one spare slot for the zero node an odd level needs
        pairs += c;
        if (datas[i].size() % 64 != 0) ++tails;
    }
    if (s.nodes.size() < 32 * slots) s.nodes.resize(32 * slots);
    if (s.tails.size() < 64 * tails) s.tails.resize(64 * tails);
    if (s.in.size() < pairs) {
        s.in.resize(pairs);
        s.out.resize(pairs);
    }
    std::uint8_t* const nodes = s.nodes.data();
    std::size_t m = 0, t = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const ByteView d = datas[i];
        std::uint8_t* base = nodes + 32 * s.region[i];
        const std::size_t full = d.size() / 64;
        for (std::size_t k = 0; k < full; ++k, ++m) {
            s.in[m] = d.data() + 64 * k;
            s.out[m] = base + 32 * k;
        }
        if (d.size() % 64 != 0) {
            std::uint8_t* tail = s.tails.data() + 64 * t++;
            const std::size_t rest = d.size() - 64 * full;
            std::memset(tail, 0, 64);  // fixed size: two vector stores, not a byte loop
            std::memcpy(tail, d.data() + 64 * full, rest);
            s.in[m] = tail;
            s.out[m] = base + 32 * full;
            ++m;
        }
    }
    crypto::sha256_64_ptrs(s.in.data(), s.out.data(), m);

    for (unsigned level = 1; level < depth; ++level) {
        const Hash32& z = zero_hash(level);
        m = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t c = s.count[i];
            if (c == 0) continue;
            std::uint8_t* base = nodes + 32 * s.region[i];
            if (c % 2 != 0) std::memcpy(base + 32 * c, z.data(), 32);
            const std::size_t up = (c + 1) / 2;
            for (std::size_t k = 0; k < up; ++k, ++m) {
                s.in[m] = base + 64 * k;
                s.out[m] = base + 32 * k;
            }
            s.count[i] = up;
        }
        crypto::sha256_64_ptrs(s.in.data(), s.out.data(), m);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t* root = s.count[i] == 0 ? zero_hash(depth).data() : nodes + 32 * s.region[i];
        std::memcpy(out + 32 * i, root, 32);
    }
}

// The fields of a validated container serialization `b`: field f to out[f * stride]. Variable-size
// fields end where the next one starts (offsets are increasing, checked by validate).
void split_fields(const Type& t, ByteView b, ByteView* out, std::size_t stride) {
    const std::size_t nf = t.fields.size();
    std::size_t pending = nf;  // a variable field whose end is the next offset
    std::uint64_t pending_start = 0;
    for (std::size_t f = 0; f < nf; ++f) {
        const Type& ft = *t.fields[f].type;
        const std::uint64_t pos = t.field_pos[f];
        if (ft.fixed) {
            out[f * stride] = b.subspan(pos, ft.size);
            continue;
        }
        const std::uint64_t start = load_le32(b.data() + pos);
        if (pending != nf) out[pending * stride] = b.subspan(pending_start, start - pending_start);
        pending = f;
        pending_start = start;
    }
    if (pending != nf) out[pending * stride] = b.subspan(pending_start);
}

// roots[i] = mix_in_length(roots[i], lengths[i]), all at once.
void mix_lengths(std::uint8_t* roots, std::span<const std::uint64_t> lengths) {
    auto& blocks = scratch().tails;
    if (blocks.size() < 64 * lengths.size()) blocks.resize(64 * lengths.size());
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        std::uint8_t* b = blocks.data() + 64 * i;
        std::memcpy(b, roots + 32 * i, 32);
        store_le64(b + 32, lengths[i]);
        std::memset(b + 40, 0, 24);
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
            // Every field of every item in one pass over the offsets: fields[f * n + i].
            std::vector<ByteView> fields(nf * n);
            for (std::size_t i = 0; i < n; ++i) split_fields(t, items[i], fields.data() + i, n);
            std::vector<ByteView> views(n);
            for (std::size_t f = 0; f < nf; ++f) {
                const std::span<const ByteView> field_views(fields.data() + f * n, n);
                roots_batch(*t.fields[f].type, field_views, tmp.data());
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
