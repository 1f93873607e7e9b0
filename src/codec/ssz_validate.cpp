// Strict SSZ decoding: accept exactly the canonical serializations of a type.
#include <bit>
#include <string>

#include "luxl2/codec/ssz.hpp"

namespace luxl2::ssz {
namespace {

std::string sz(std::uint64_t v) {
    return std::to_string(v);
}

Result<void> check_bitlist(const Type& t, ByteView b) {
    if (b.empty()) return fail(errc::delimiter, "empty bitlist (no delimiter bit)");
    const std::uint8_t last = b.back();
    if (last == 0) return fail(errc::delimiter, "bitlist's last byte is zero (no delimiter bit)");
    const std::uint64_t bits = 8 * (b.size() - 1) + static_cast<std::uint64_t>(std::bit_width(last)) - 1;
    if (bits > t.n) return fail(errc::limit, "bitlist of " + sz(bits) + " bits exceeds its limit " + sz(t.n));
    return {};
}

// Elements of a vector or list of variable-size elements: a table of offsets, then the elements.
Result<void> check_variable_elements(const Type& t, ByteView b) {
    const Type& e = *t.elem;
    if (b.empty()) {
        if (t.kind == Kind::list) return {};
        return fail(errc::size, "empty " + t.to_string());
    }
    if (b.size() < kBytesPerOffset) return fail(errc::size, "truncated offset table");
    const std::uint32_t first = load_le32(b.data());
    if (first == 0 || first % kBytesPerOffset != 0 || first > b.size())
        return fail(errc::offset, "first offset " + sz(first) + " is not a valid end of the offset table");
    const std::uint64_t count = first / kBytesPerOffset;
    if (t.kind == Kind::vector && count != t.n)
        return fail(errc::offset,
                    "first offset " + sz(first) + " implies " + sz(count) + " elements, expected " + sz(t.n));
    if (t.kind == Kind::list && count > t.n)
        return fail(errc::limit, sz(count) + " elements exceed the list limit " + sz(t.n));
    std::uint64_t start = first;
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t end = b.size();
        if (i + 1 < count) {
            end = load_le32(b.data() + (i + 1) * kBytesPerOffset);
            if (end < start || end > b.size())
                return fail(errc::offset, "offset " + sz(i + 1) + " (" + sz(end) + ") out of order or range");
        }
        if (auto r = validate(e, b.subspan(start, end - start)); !r) {
            r.error().at("[" + sz(i) + "]");
            return r;
        }
        start = end;
    }
    return {};
}

Result<void> check_sequence(const Type& t, ByteView b) {
    const Type& e = *t.elem;
    if (!e.fixed) return check_variable_elements(t, b);
    const std::uint64_t es = e.size;
    std::uint64_t count = 0;
    if (t.kind == Kind::vector) {
        if (b.size() != t.size)
            return fail(errc::size, t.to_string() + " takes " + sz(t.size) + " bytes, got " + sz(b.size()));
        count = t.n;
    } else {
        if (b.size() % es != 0)
            return fail(errc::size, sz(b.size()) + " bytes is not a whole number of " + sz(es) + "-byte elements");
        count = b.size() / es;
        if (count > t.n) return fail(errc::limit, sz(count) + " elements exceed the list limit " + sz(t.n));
    }
    if (e.kind == Kind::uint) return {};  // every byte string of the right length is valid
    for (std::uint64_t i = 0; i < count; ++i) {
        if (auto r = validate(e, b.subspan(i * es, es)); !r) {
            r.error().at("[" + sz(i) + "]");
            return r;
        }
    }
    return {};
}

Result<void> check_container(const Type& t, ByteView b) {
    if (t.fixed) {
        if (b.size() != t.size)
            return fail(errc::size, "container takes " + sz(t.size) + " bytes, got " + sz(b.size()));
    } else if (b.size() < t.fixed_part) {
        return fail(errc::size, "container's fixed part takes " + sz(t.fixed_part) + " bytes, got " + sz(b.size()));
    }
    // Fixed fields first; then the variable ones, whose offsets must start right after the fixed part,
    // never decrease and stay within the scope, the last one ending at the scope's end.
    std::uint64_t prev_off = 0;
    std::size_t prev_field = 0;
    bool have_prev = false;
    for (std::size_t i = 0; i < t.fields.size(); ++i) {
        const Type& f = *t.fields[i].type;
        const std::uint64_t pos = t.field_pos[i];
        if (f.fixed) {
            if (auto r = validate(f, b.subspan(pos, f.size)); !r) {
                r.error().at(t.fields[i].name);
                return r;
            }
            continue;
        }
        const std::uint32_t off = load_le32(b.data() + pos);
        if (!have_prev) {
            if (off != t.fixed_part)
                return fail(errc::offset, "first offset (field " + t.fields[i].name + ") is " + sz(off) +
                                              ", expected the fixed size " + sz(t.fixed_part));
        } else {
            if (off < prev_off || off > b.size())
                return fail(errc::offset,
                            "offset of field " + t.fields[i].name + " (" + sz(off) + ") out of order or range");
            if (auto r = validate(*t.fields[prev_field].type, b.subspan(prev_off, off - prev_off)); !r) {
                r.error().at(t.fields[prev_field].name);
                return r;
            }
        }
        prev_off = off;
        prev_field = i;
        have_prev = true;
    }
    if (have_prev) {
        if (auto r = validate(*t.fields[prev_field].type, b.subspan(prev_off)); !r) {
            r.error().at(t.fields[prev_field].name);
            return r;
        }
    }
    return {};
}

Result<void> check_union(const Type& t, ByteView b) {
    if (b.empty()) return fail(errc::size, "empty union (no selector)");
    const std::uint8_t sel = b[0];
    if (sel >= t.options.size())
        return fail(errc::selector,
                    "union selector " + sz(sel) + " out of range (" + sz(t.options.size()) + " options)");
    const auto& opt = t.options[sel];
    if (!opt) {
        if (b.size() != 1) return fail(errc::size, "union None with " + sz(b.size() - 1) + " trailing bytes");
        return {};
    }
    if (auto r = validate(*opt, b.subspan(1)); !r) {
        r.error().at("union[" + sz(sel) + "]");
        return r;
    }
    return {};
}

}  // namespace

Result<void> validate(const Type& t, ByteView b) {
    switch (t.kind) {
        case Kind::uint:
            if (b.size() != t.size)
                return fail(errc::size, t.to_string() + " takes " + sz(t.size) + " bytes, got " + sz(b.size()));
            return {};
        case Kind::boolean:
            if (b.size() != 1) return fail(errc::size, "boolean takes 1 byte, got " + sz(b.size()));
            if (b[0] > 1) return fail(errc::boolean, "boolean byte " + sz(b[0]) + " is neither 0 nor 1");
            return {};
        case Kind::bitvector:
            if (b.size() != t.size)
                return fail(errc::size, t.to_string() + " takes " + sz(t.size) + " bytes, got " + sz(b.size()));
            if (t.n % 8 != 0 && (b.back() >> (t.n % 8)) != 0)
                return fail(errc::padding, "bits set past the length of " + t.to_string());
            return {};
        case Kind::bitlist: return check_bitlist(t, b);
        case Kind::vector:
        case Kind::list: return check_sequence(t, b);
        case Kind::container: return check_container(t, b);
        case Kind::union_: return check_union(t, b);
    }
    return fail(errc::illegal_type, "unknown type kind");
}

}  // namespace luxl2::ssz
