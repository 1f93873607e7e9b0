// Dynamic SSZ values: decode through a View of validated bytes, encode with offsets.
#include "luxl2/codec/ssz_value.hpp"

#include <string>

namespace luxl2::ssz {
namespace {

Value from_view(const View& v) {
    const Type& t = v.type();
    Value out;
    switch (t.kind) {
        case Kind::uint:
        case Kind::boolean: out.number = v.u256(); break;
        case Kind::bitvector:
        case Kind::bitlist: {
            const std::uint64_t n = v.count();
            out.bits.resize(n);
            for (std::uint64_t i = 0; i < n; ++i) out.bits[i] = v.bit(i);
            break;
        }
        case Kind::vector:
        case Kind::list: {
            const std::uint64_t n = v.count();
            out.items.reserve(n);
            for (std::uint64_t i = 0; i < n; ++i) out.items.push_back(from_view(v.at(i)));
            break;
        }
        case Kind::container:
            out.items.reserve(t.fields.size());
            for (std::size_t i = 0; i < t.fields.size(); ++i) out.items.push_back(from_view(v.field(i)));
            break;
        case Kind::union_:
            out.selector = v.selector();
            if (t.options[out.selector]) out.items.push_back(from_view(v.value()));
            break;
    }
    return out;
}

Result<void> mismatch(const Type& t, std::string what) {
    return fail(errc::mismatch, "value does not fit " + t.to_string() + ": " + what);
}

Result<void> encode_elements(const Type& e, const std::vector<Value>& items, Bytes& out) {
    if (e.fixed) {
        for (const auto& it : items) LUXL2_CHECK(encode(e, it, out));
        return {};
    }
    OffsetScope scope(out);
    for (std::size_t i = 0; i < items.size(); ++i) scope.offset();
    for (const auto& it : items) {
        if (!scope.next()) return fail(errc::size, "serialization exceeds 2^32 bytes");
        LUXL2_CHECK(encode(e, it, out));
    }
    scope.finish();
    return {};
}

}  // namespace

Result<Value> decode(const Type& t, ByteView b) {
    LUXL2_CHECK(validate(t, b));
    return from_view(View(t, b));
}

Result<void> encode(const Type& t, const Value& v, Bytes& out) {
    switch (t.kind) {
        case Kind::uint: {
            if (v.number.bit_length() > 8 * t.n) return mismatch(t, "number too large");
            const auto le = v.number.w;
            for (std::uint64_t i = 0; i < t.n; ++i)
                out.push_back(static_cast<std::uint8_t>(le[i / 8] >> (8 * (i % 8))));
            return {};
        }
        case Kind::boolean:
            if (v.number > U256(1)) return mismatch(t, "boolean other than 0 or 1");
            out.push_back(static_cast<std::uint8_t>(v.number.low64()));
            return {};
        case Kind::bitvector:
            if (v.bits.size() != t.n) return mismatch(t, std::to_string(v.bits.size()) + " bits");
            put_bitvector(out, v.bits);
            return {};
        case Kind::bitlist:
            if (v.bits.size() > t.n) return fail(errc::limit, "bitlist longer than its limit " + std::to_string(t.n));
            put_bitlist(out, v.bits);
            return {};
        case Kind::vector:
            if (v.items.size() != t.n) return mismatch(t, std::to_string(v.items.size()) + " elements");
            return encode_elements(*t.elem, v.items, out);
        case Kind::list:
            if (v.items.size() > t.n) return fail(errc::limit, "list longer than its limit " + std::to_string(t.n));
            return encode_elements(*t.elem, v.items, out);
        case Kind::container: {
            if (v.items.size() != t.fields.size()) return mismatch(t, std::to_string(v.items.size()) + " fields");
            OffsetScope scope(out);
            for (std::size_t i = 0; i < t.fields.size(); ++i) {
                if (t.fields[i].type->fixed) {
                    LUXL2_CHECK(encode(*t.fields[i].type, v.items[i], out));
                } else {
                    scope.offset();
                }
            }
            for (std::size_t i = 0; i < t.fields.size(); ++i) {
                if (t.fields[i].type->fixed) continue;
                if (!scope.next()) return fail(errc::size, "serialization exceeds 2^32 bytes");
                LUXL2_CHECK(encode(*t.fields[i].type, v.items[i], out));
            }
            scope.finish();
            return {};
        }
        case Kind::union_: {
            if (v.selector >= t.options.size()) return mismatch(t, "selector out of range");
            const auto& opt = t.options[v.selector];
            out.push_back(v.selector);
            if (!opt) {
                if (!v.items.empty()) return mismatch(t, "None with a value");
                return {};
            }
            if (v.items.size() != 1) return mismatch(t, "union without its value");
            return encode(*opt, v.items[0], out);
        }
    }
    return mismatch(t, "unknown kind");
}

Result<Bytes> encode(const Type& t, const Value& v) {
    Bytes out;
    LUXL2_CHECK(encode(t, v, out));
    return out;
}

Value default_value(const Type& t) {
    Value out;
    switch (t.kind) {
        case Kind::uint:
        case Kind::boolean:
        case Kind::bitlist:
        case Kind::list: break;
        case Kind::bitvector: out.bits.assign(t.n, false); break;
        case Kind::vector: out.items.assign(t.n, default_value(*t.elem)); break;
        case Kind::container:
            for (const auto& f : t.fields) out.items.push_back(default_value(*f.type));
            break;
        case Kind::union_:
            if (t.options[0]) out.items.push_back(default_value(*t.options[0]));
            break;
    }
    return out;
}

}  // namespace luxl2::ssz
