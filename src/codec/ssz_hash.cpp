// hash_tree_root straight from serialized bytes: basic data is packed as it lies in the
// serialization, so only composite elements need a buffer of child roots.
#include <cstring>
#include <vector>

#include "luxl2/codec/ssz.hpp"
#include "ssz_batch.hpp"
#include "ssz_scratch.hpp"

namespace luxl2::ssz {
namespace {

// Elements' roots are computed together (roots_batch), so the hashing runs on many lanes.
Hash32 composite_root(const View& v, std::uint64_t count, std::uint64_t limit) {
    std::vector<ByteView> elems(count);
    for (std::uint64_t i = 0; i < count; ++i) elems[i] = v.at(i).bytes();
    detail::Scratch s(count * 32);
    detail::roots_batch(*v.type().elem, elems, s.data());
    return merkleize_in_place(s.data(), count, limit);
}

Hash32 bitlist_root(const View& v) {
    // pack_bits: the bits without the delimiter, in (len + 7) / 8 bytes.
    const std::uint64_t len = v.count();
    const std::uint64_t nb = (len + 7) / 8;
    detail::Scratch s(nb);
    std::memcpy(s.data(), v.bytes().data(), nb);
    if (len % 8 != 0) s.data()[nb - 1] = static_cast<std::uint8_t>(s.data()[nb - 1] & ~(1u << (len % 8)));
    return mix_in_length(merkleize(ByteView(s.data(), nb), v.type().chunks), len);
}

}  // namespace

Hash32 hash_tree_root(const View& v) {
    const Type& t = v.type();
    const ByteView b = v.bytes();
    switch (t.kind) {
        case Kind::uint:
        case Kind::boolean: {
            Hash32 out;
            std::memcpy(out.data(), b.data(), b.size());
            return out;
        }
        case Kind::bitvector: return merkleize(b, t.chunks);
        case Kind::bitlist: return bitlist_root(v);
        case Kind::vector:
            if (t.elem->basic()) return merkleize(b, t.chunks);
            return composite_root(v, t.n, t.n);
        case Kind::list:
            if (t.elem->basic()) return mix_in_length(merkleize(b, t.chunks), b.size() / t.elem->size);
            {
                const std::uint64_t n = v.count();
                return mix_in_length(composite_root(v, n, t.chunks), n);
            }
        case Kind::container: {
            const std::size_t n = t.fields.size();
            detail::Scratch s(n * 32);
            for (std::size_t i = 0; i < n; ++i) {
                const Hash32 r = hash_tree_root(v.field(i));
                std::memcpy(s.data() + i * 32, r.data(), 32);
            }
            return merkleize_in_place(s.data(), n, n);
        }
        case Kind::union_:
            if (!t.options[v.selector()]) return mix_in_selector(Hash32{}, 0);
            return mix_in_selector(hash_tree_root(v.value()), v.selector());
    }
    LUXL2_ASSERT(false && "unknown SSZ kind");
    return {};
}

Result<Hash32> hash_tree_root(const Type& t, ByteView b) {
    LUXL2_CHECK(validate(t, b));
    return hash_tree_root(View(t, b));
}

}  // namespace luxl2::ssz
