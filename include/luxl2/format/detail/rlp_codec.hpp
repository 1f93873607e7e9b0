// RLP over the schema: a struct is a list of its fields in schema order, a vector a list, an
// integer (uint64, U256, enum, bool) a canonical RLP integer, fixed bytes a string of exactly N
// bytes, an optional address the empty string or 20 bytes, a balance delta its zigzag integer.
#pragma once

#include <optional>
#include <string>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/format/detail/kinds.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format::detail::rlpc {

template <class T>
[[nodiscard]] std::size_t payload_length(const T& v);

/// The full length (header and payload) of a field's item.
template <class T>
[[nodiscard]] std::size_t length(const T& v) {
    if constexpr (std::is_same_v<T, U256>)
        return rlp::length(v);
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return rlp::length(v);
    else if constexpr (std::is_same_v<T, bool>)
        return 1;
    else if constexpr (is_small_v<T>)
        return rlp::length(static_cast<std::uint64_t>(v));
    else if constexpr (is_fixed<T>::value)
        return rlp::length(v.view());
    else if constexpr (is_bytes_v<T>)
        return rlp::length(ByteView(v));
    else if constexpr (std::is_same_v<T, std::string>)
        return rlp::length(ByteView(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
    else if constexpr (std::is_same_v<T, std::optional<Address>>)
        return v ? 21 : 1;
    else if constexpr (std::is_same_v<T, BalanceDelta>)
        return rlp::length(v.zigzag());
    else {
        const std::size_t p = payload_length(v);
        return rlp::header_length(p) + p;
    }
}

/// The payload length of a list item (a struct or a vector).
template <class T>
std::size_t payload_length(const T& v) {
    std::size_t n = 0;
    if constexpr (is_list_v<T>) {
        for (const auto& e : v) n += length(e);
    } else {
        Schema<T>::fields(v, [&n](std::string_view, const auto& f) { n += length(f); });
    }
    return n;
}

template <class T>
void encode(Bytes& out, const T& v) {
    if constexpr (std::is_same_v<T, U256> || std::is_same_v<T, std::uint64_t>)
        rlp::encode(out, v);
    else if constexpr (std::is_same_v<T, bool>)
        out.push_back(v ? 0x01 : 0x80);
    else if constexpr (is_small_v<T>)
        rlp::encode(out, static_cast<std::uint64_t>(v));
    else if constexpr (is_fixed<T>::value)
        rlp::encode(out, v.view());
    else if constexpr (is_bytes_v<T>)
        rlp::encode(out, ByteView(v));
    else if constexpr (std::is_same_v<T, std::string>)
        rlp::encode(out, ByteView(reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
    else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        if (v)
            rlp::encode(out, v->view());
        else
            out.push_back(0x80);
    } else if constexpr (std::is_same_v<T, BalanceDelta>)
        rlp::encode(out, v.zigzag());
    else if constexpr (is_list_v<T>) {
        rlp::encode_header(out, {true, payload_length(v)});
        for (const auto& e : v) encode(out, e);
    } else {
        rlp::encode_header(out, {true, payload_length(v)});
        Schema<T>::fields(v, [&out](std::string_view, const auto& f) { encode(out, f); });
    }
}

struct Ctx {
    const Limits& lim;
    const std::uint8_t* base;
    ErrorPath path;
    std::size_t depth = 0;
    std::uint64_t version = 0;  // of the enclosing block, once its header's version is read; 0 = none
};

/// Records where a leaf failed and passes its error on.
inline std::unexpected<Error> at(Ctx& c, ByteView in, Error e) {
    c.path.offset = static_cast<std::size_t>(in.data() - c.base);
    return std::unexpected(std::move(e));
}
inline std::unexpected<Error> at(Ctx& c, ByteView in, std::string_view code, std::string msg) {
    return at(c, in, Error{code, std::move(msg)});
}

/// Number of items in a list payload, found by walking headers only (nothing is allocated).
inline Result<std::size_t> count_items(ByteView payload) {
    std::size_t n = 0;
    while (!payload.empty()) {
        auto h = rlp::decode_header(payload);
        if (!h) return std::unexpected(std::move(h.error()));
        payload = payload.subspan(h->payload_length);
        ++n;
    }
    return n;
}

/// `list_limit`: a field's own limit (field_limit_for), items for a list, bytes for a byte string; 0
/// for the default.
template <class T>
Result<void> decode(ByteView& in, T& out, Ctx& c, std::size_t list_limit = 0);

template <class T>
Result<void> decode(ByteView& in, T& out, Ctx& c, std::size_t list_limit) {
    const ByteView start = in;  // errors point at the item's first byte
    if constexpr (std::is_same_v<T, U256>) {
        auto r = rlp::decode_u256(in);
        if (!r) return at(c, start, std::move(r.error()));
        out = *r;
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        auto r = rlp::decode_uint64(in);
        if (!r) return at(c, start, std::move(r.error()));
        out = *r;
    } else if constexpr (std::is_same_v<T, bool>) {
        auto r = rlp::decode_uint64(in);
        if (!r) return at(c, start, std::move(r.error()));
        if (*r > 1) return at(c, start, errc::malformed, "a boolean must be 0 or 1");
        out = *r == 1;
    } else if constexpr (is_small_v<T>) {
        auto r = rlp::decode_uint64(in);
        if (!r) return at(c, start, std::move(r.error()));
        if (*r > 0xff) return at(c, start, errc::malformed, "value exceeds one byte");
        out = static_cast<T>(*r);
    } else if constexpr (is_fixed<T>::value) {
        auto r = rlp::decode_fixed<T::size_bytes>(in);
        if (!r) return at(c, start, std::move(r.error()));
        out = *r;
    } else if constexpr (is_bytes_v<T> || std::is_same_v<T, std::string>) {
        auto r = rlp::decode_string(in);
        if (!r) return at(c, start, std::move(r.error()));
        if (r->size() > (list_limit ? list_limit : c.lim.max_field_bytes))
            return at(c, start, errc::too_large, std::to_string(r->size()) + " bytes exceed the field limit");
        if constexpr (std::is_same_v<T, std::string>)
            if (!valid_utf8(*r)) return at(c, start, errc::malformed, "a string must be UTF-8");
        out.assign(r->begin(), r->end());
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        auto r = rlp::decode_string(in);
        if (!r) return at(c, start, std::move(r.error()));
        if (r->empty())
            out.reset();
        else if (r->size() == 20)
            out = Address::from_view(*r);
        else
            return at(c, start, errc::malformed, "an address must be empty or 20 bytes");
    } else if constexpr (std::is_same_v<T, BalanceDelta>) {
        auto r = rlp::decode_u256(in);
        if (!r) return at(c, start, std::move(r.error()));
        auto d = BalanceDelta::from_zigzag(*r);
        if (!d) return at(c, start, std::move(d.error()));
        out = *d;
    } else {
        if (++c.depth > c.lim.max_depth) return at(c, start, errc::too_large, "nested too deeply");
        auto payload = rlp::decode_list(in);
        if (!payload) return at(c, start, std::move(payload.error()));
        ByteView p = *payload;
        if constexpr (is_list_v<T>) {
            auto n = count_items(p);
            if (!n) return at(c, start, std::move(n.error()));
            const std::size_t limit = list_limit ? list_limit : c.lim.max_list;
            if (*n > limit)
                return at(c, start, errc::too_large,
                          std::to_string(*n) + " items exceed the limit of " + std::to_string(limit));
            out.clear();
            out.resize(*n);
            const std::uint64_t outer = c.version;  // each block of a list has its own version
            for (std::size_t i = 0; i < *n; ++i) {
                if (auto r = decode(p, out[i], c); !r) {
                    c.path.index(i);
                    return r;
                }
                c.version = outer;
            }
        } else {
            Result<void> res;
            Schema<T>::fields(out, [&](std::string_view name, auto& f) {
                if (!res) return;
                if (p.empty()) {
                    res = at(c, p, errc::malformed, "missing field");
                    c.path.name(name);
                    return;
                }
                res = decode(p, f, c, field_limit_for(Schema<T>::name, name, c.lim));
                if (!res) {
                    c.path.name(name);
                    return;
                }
                if constexpr (CarriesVersion<T> && std::is_same_v<std::remove_cvref_t<decltype(f)>, std::uint64_t>)
                    if (name == "version") c.version = f;
            });
            if (!res) return res;
            if (!p.empty()) {
                // Fields a newer version appended: well-formed items, skipped (canonical.md, "Versions").
                if (c.version <= kFormatVersion)
                    return at(c, p, errc::malformed, std::string(Schema<T>::name) + " has extra fields");
                if (auto n = count_items(p); !n) return at(c, p, std::move(n.error()));
            }
        }
        --c.depth;
    }
    return {};
}

}  // namespace luxl2::format::detail::rlpc
