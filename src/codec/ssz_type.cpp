// SSZ type descriptors: the factories and the derived sizes and chunk counts.
#include <algorithm>
#include <array>
#include <limits>

#include "luxl2/codec/ssz.hpp"

namespace luxl2::ssz {
namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
// Offsets are uint32, so no serialization of a type that may sit behind an offset can reach 2^32;
// fixed sizes beyond that are rejected as illegal here rather than overflowing later.
constexpr std::uint64_t kMaxFixed = 0xffffffffu;

std::uint64_t sat_add(std::uint64_t a, std::uint64_t b) {
    return a > kMax - b ? kMax : a + b;
}
std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) {
    return (a != 0 && b > kMax / a) ? kMax : a * b;
}

std::shared_ptr<Type> make(Kind k) {
    auto t = std::make_shared<Type>();
    t->kind = k;
    return t;
}

Result<TypeRef> illegal(std::string msg) {
    return fail(errc::illegal_type, std::move(msg));
}

}  // namespace

int Type::field_index(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == name) return static_cast<int>(i);
    return -1;
}

std::string Type::to_string() const {
    switch (kind) {
        case Kind::uint: return "uint" + std::to_string(n * 8);
        case Kind::boolean: return "boolean";
        case Kind::bitvector: return "Bitvector[" + std::to_string(n) + "]";
        case Kind::bitlist: return "Bitlist[" + std::to_string(n) + "]";
        case Kind::vector: return "Vector[" + elem->to_string() + ", " + std::to_string(n) + "]";
        case Kind::list: return "List[" + elem->to_string() + ", " + std::to_string(n) + "]";
        case Kind::container: {
            std::string s = "Container(";
            for (std::size_t i = 0; i < fields.size(); ++i)
                s += (i ? ", " : "") + fields[i].name + ": " + fields[i].type->to_string();
            return s + ")";
        }
        case Kind::union_: {
            std::string s = "Union[";
            for (std::size_t i = 0; i < options.size(); ++i)
                s += (i ? ", " : "") + (options[i] ? options[i]->to_string() : std::string("None"));
            return s + "]";
        }
    }
    return "?";
}

Result<TypeRef> try_uintn(unsigned bits) {
    static const std::array<TypeRef, 6> cache = [] {
        std::array<TypeRef, 6> c;
        for (std::size_t i = 0; i < 6; ++i) {
            auto t = make(Kind::uint);
            t->n = std::uint64_t{1} << i;
            t->size = t->min_bytes = t->max_bytes = t->n;
            t->chunks = 1;
            c[i] = t;
        }
        return c;
    }();
    for (std::size_t i = 0; i < 6; ++i)
        if (bits == 8u << i) return cache[i];
    return illegal("uint" + std::to_string(bits) + " is not one of uint8 .. uint256");
}

TypeRef uintn(unsigned bits) {
    auto t = try_uintn(bits);
    LUXL2_ASSERT(t.has_value());
    return *t;
}

TypeRef boolean() {
    static const TypeRef t = [] {
        auto b = make(Kind::boolean);
        b->n = 1;
        b->size = b->min_bytes = b->max_bytes = 1;
        b->chunks = 1;
        return b;
    }();
    return t;
}

Result<TypeRef> try_bitvector(std::uint64_t n) {
    if (n == 0) return illegal("Bitvector[0] is illegal");
    if (n > kMaxFixed) return illegal("Bitvector too large");
    auto t = make(Kind::bitvector);
    t->n = n;
    t->size = t->min_bytes = t->max_bytes = (n + 7) / 8;
    t->chunks = (n + 255) / 256;
    return TypeRef(t);
}

Result<TypeRef> try_bitlist(std::uint64_t limit) {
    if (limit > kMax - 255) return illegal("Bitlist limit too large");
    auto t = make(Kind::bitlist);
    t->n = limit;
    t->fixed = false;
    t->min_bytes = 1;
    t->max_bytes = limit / 8 + 1;
    t->chunks = (limit + 255) / 256;
    return TypeRef(t);
}

Result<TypeRef> try_vector(TypeRef elem, std::uint64_t n) {
    LUXL2_ASSERT(elem != nullptr);
    if (n == 0) return illegal("Vector[" + elem->to_string() + ", 0] is illegal");
    auto t = make(Kind::vector);
    t->n = n;
    t->fixed = elem->fixed;
    if (elem->fixed) {
        if (sat_mul(n, elem->size) > kMaxFixed) return illegal("Vector too large");
        t->size = t->min_bytes = t->max_bytes = n * elem->size;
    } else {
        t->min_bytes = sat_mul(n, sat_add(kBytesPerOffset, elem->min_bytes));
        t->max_bytes = sat_mul(n, sat_add(kBytesPerOffset, elem->max_bytes));
    }
    if (elem->basic()) {
        t->chunks = (n * elem->size + 31) / 32;
    } else {
        t->chunks = n;
    }
    t->elem = std::move(elem);
    return TypeRef(t);
}

Result<TypeRef> try_list(TypeRef elem, std::uint64_t limit) {
    LUXL2_ASSERT(elem != nullptr);
    auto t = make(Kind::list);
    t->n = limit;
    t->fixed = false;
    t->min_bytes = 0;
    t->max_bytes = elem->fixed ? sat_mul(limit, elem->size) : sat_mul(limit, sat_add(kBytesPerOffset, elem->max_bytes));
    if (elem->basic()) {
        if (sat_mul(limit, elem->size) > kMax - 31) return illegal("List limit too large");
        t->chunks = (limit * elem->size + 31) / 32;
    } else {
        t->chunks = limit;
    }
    t->elem = std::move(elem);
    return TypeRef(t);
}

Result<TypeRef> try_container(std::vector<Field> fields) {
    if (fields.empty()) return illegal("a container with no fields is illegal");
    auto t = make(Kind::container);
    std::uint64_t pos = 0, min_var = 0, max_var = 0;
    bool fixed = true;
    for (const auto& f : fields) {
        LUXL2_ASSERT(f.type != nullptr);
        t->field_pos.push_back(pos);
        pos = sat_add(pos, f.type->part_size());
        if (!f.type->fixed) {
            fixed = false;
            ++t->var_fields;
            min_var = sat_add(min_var, f.type->min_bytes);
            max_var = sat_add(max_var, f.type->max_bytes);
        }
    }
    if (pos > kMaxFixed) return illegal("Container fixed part too large");
    t->fixed = fixed;
    t->fixed_part = pos;
    if (fixed) t->size = pos;
    t->min_bytes = sat_add(pos, min_var);
    t->max_bytes = sat_add(pos, max_var);
    t->chunks = fields.size();
    t->fields = std::move(fields);
    return TypeRef(t);
}

Result<TypeRef> try_union(std::vector<TypeRef> options) {
    if (options.empty()) return illegal("a union needs at least one option");
    if (options.size() > 128) return illegal("a union has at most 128 options (selectors 0..127)");
    if (!options[0] && options.size() < 2) return illegal("Union[None] needs a second option");
    auto t = make(Kind::union_);
    t->fixed = false;
    t->min_bytes = kMax;
    t->max_bytes = 1;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (!options[i]) {
            if (i != 0) return illegal("None is only legal as the first union option");
            t->min_bytes = 1;
            continue;
        }
        t->min_bytes = std::min(t->min_bytes, sat_add(1, options[i]->min_bytes));
        t->max_bytes = std::max(t->max_bytes, sat_add(1, options[i]->max_bytes));
    }
    t->chunks = 1;
    t->options = std::move(options);
    return TypeRef(t);
}

namespace {
TypeRef must(Result<TypeRef> r) {
    LUXL2_ASSERT(r.has_value());
    return *std::move(r);
}
}  // namespace

TypeRef bitvector(std::uint64_t n) {
    return must(try_bitvector(n));
}
TypeRef bitlist(std::uint64_t limit) {
    return must(try_bitlist(limit));
}
TypeRef vector(TypeRef elem, std::uint64_t n) {
    return must(try_vector(std::move(elem), n));
}
TypeRef list(TypeRef elem, std::uint64_t limit) {
    return must(try_list(std::move(elem), limit));
}
TypeRef container(std::vector<Field> fields) {
    return must(try_container(std::move(fields)));
}
TypeRef union_of(std::vector<TypeRef> options) {
    return must(try_union(std::move(options)));
}

}  // namespace luxl2::ssz
