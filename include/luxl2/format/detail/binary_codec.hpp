// The compact binary form over the schema (docs/format/binary.md): no tags and no lengths for
// structs; each struct starts with a presence bitmap (bit i of byte i/8 = field i differs from its
// default) and only present fields follow, in schema order. Integers take a one-byte-prefix form,
// bytes and lists a LEB128 length or count, fixed-size values are raw, a present boolean is its
// bit alone. In a block of version ≥ 2 every struct ends with an extension area (a varint length
// and the fields later versions appended), which a reader of an older version skips.
#pragma once

#include <bit>
#include <optional>
#include <string>

#include "luxl2/core/endian.hpp"
#include "luxl2/format/detail/kinds.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format::detail::binc {

/// Integers (uint64 and uint256) use a one-byte-prefix form: 0x00..0xDF is the value itself;
/// 0xE0 + (n − 1) is followed by the value in n = 1..32 big-endian bytes, minimal (no leading zero
/// byte, and n = 1 only for values ≥ 0xE0). Never longer than RLP's integer, often shorter.
inline constexpr std::uint8_t kIntDirectMax = 0xDF;

inline void put_int(Bytes& out, std::uint64_t v) {
    if (v <= kIntDirectMax) {
        out.push_back(static_cast<std::uint8_t>(v));
        return;
    }
    const unsigned n = static_cast<unsigned>((64 - std::countl_zero(v) + 7) / 8);
    out.push_back(static_cast<std::uint8_t>(0xE0 + n - 1));
    for (unsigned i = n; i > 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * (i - 1))));
}

inline void put_int(Bytes& out, const U256& v) {
    if (v.fits_u64()) {
        put_int(out, v.low64());
        return;
    }
    const unsigned n = v.byte_length();
    out.push_back(static_cast<std::uint8_t>(0xE0 + n - 1));
    std::uint8_t be[32];
    v.to_be32(be);
    out.insert(out.end(), be + (32 - n), be + 32);
}

/// Reads the prefix form; `max_bytes` is 8 for uint64 and 32 for uint256.
inline Result<U256> get_int(ByteView& in, unsigned max_bytes) {
    if (in.empty()) return fail(errc::truncated, "input ends inside an integer");
    const std::uint8_t b = in[0];
    if (b <= kIntDirectMax) {
        in = in.subspan(1);
        return U256(b);
    }
    const unsigned n = b - 0xE0u + 1;
    if (n > max_bytes)
        return fail(errc::malformed, "integer of " + std::to_string(n) + " bytes exceeds " + std::to_string(max_bytes));
    if (in.size() < 1 + n) return fail(errc::truncated, "input ends inside an integer");
    if (in[1] == 0) return fail(errc::non_canonical, "integer has a leading zero byte");
    if (n == 1 && in[1] <= kIntDirectMax) return fail(errc::non_canonical, "integer below 0xE0 in long form");
    auto v = U256::from_be_bytes(in.subspan(1, n));
    in = in.subspan(1 + n);
    return v;
}

/// From this format version on, every struct in a block (after its header's version field) ends
/// with a varint length and that many bytes of extension: the fields appended by versions after 1.
/// Fixed forever, whatever kFormatVersion becomes; version-1 blocks have no extension areas.
inline constexpr std::uint64_t kExtensionAreaFrom = 2;

/// `version` is the enclosing block's format version once its header's version field is written
/// (0 before), as in decoding.
template <class T>
void encode_value(Bytes& out, const T& v, std::uint64_t& version);
template <class T>
void encode_value(Bytes& out, const T& v) {
    std::uint64_t version = 0;
    encode_value(out, v, version);
}

template <class T>
void encode_struct(Bytes& out, const T& v, std::uint64_t& version) {
    const std::size_t nf = field_count<T>();
    const std::size_t bm = out.size();
    out.resize(bm + (nf + 7) / 8, 0);
    std::size_t i = 0;
    Schema<T>::fields(v, [&](std::string_view, const auto& f) {
        using F = std::remove_cvref_t<decltype(f)>;
        if (!is_default(f)) {
            out[bm + i / 8] = static_cast<std::uint8_t>(out[bm + i / 8] | (1u << (i % 8)));
            if constexpr (!std::is_same_v<F, bool>) encode_value(out, f, version);
        }
        if constexpr (CarriesVersion<T> && std::is_same_v<F, std::uint64_t>)
            if (i == 0) version = f;
        ++i;
    });
    // This code knows no field after version 1's, so its extension areas are empty.
    if (version >= kExtensionAreaFrom) out.push_back(0);
}

template <class T>
void encode_value(Bytes& out, const T& v, std::uint64_t& version) {
    if constexpr (std::is_same_v<T, U256> || std::is_same_v<T, std::uint64_t>)
        put_int(out, v);
    else if constexpr (std::is_same_v<T, bool>)
        out.push_back(v ? 1 : 0);
    else if constexpr (is_small_v<T>)
        out.push_back(static_cast<std::uint8_t>(v));
    else if constexpr (is_fixed<T>::value)
        append(out, v.view());
    else if constexpr (is_bytes_v<T>) {
        put_varint(out, v.size());
        append(out, v);
    } else if constexpr (std::is_same_v<T, std::string>) {
        put_varint(out, v.size());
        out.insert(out.end(), v.begin(), v.end());
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        // Only reached as a present field (an optional is never a list element).
        append(out, v->view());
    } else if constexpr (std::is_same_v<T, BalanceDelta>)
        put_int(out, v.zigzag());
    else if constexpr (is_list_v<T>) {
        put_varint(out, v.size());
        const std::uint64_t outer = version;  // each block of a list has its own version
        for (const auto& e : v) {
            encode_value(out, e, version);
            version = outer;
        }
    } else
        encode_struct(out, v, version);
}

struct Ctx {
    const Limits& lim;
    const std::uint8_t* base;
    ErrorPath path;
    std::size_t depth = 0;
    std::uint64_t version = 0;  // of the enclosing block, once its header's version is read; 0 = none
};

inline std::unexpected<Error> at(Ctx& c, ByteView in, Error e) {
    c.path.offset = static_cast<std::size_t>(in.data() - c.base);
    return std::unexpected(std::move(e));
}
inline std::unexpected<Error> at(Ctx& c, ByteView in, std::string_view code, std::string msg) {
    return at(c, in, Error{code, std::move(msg)});
}

/// The fewest bytes one list element of type T takes: a bound that makes a count claim checkable
/// against the remaining input before anything is allocated.
template <class T>
[[nodiscard]] std::size_t min_size() {
    if constexpr (is_fixed<T>::value)
        return T::size_bytes;
    else if constexpr (Described<T>)
        return (field_count<T>() + 7) / 8;
    else
        return 1;
}

/// `list_limit`: a field's own limit (field_limit_for), items for a list, bytes for a byte string; 0
/// for the default.
template <class T>
Result<void> decode_value(ByteView& in, T& out, Ctx& c, std::size_t list_limit = 0);

template <class T>
Result<void> decode_struct(ByteView& in, T& out, Ctx& c) {
    const std::size_t nf = field_count<T>();
    const std::size_t nb = (nf + 7) / 8;
    if (in.size() < nb) return at(c, in, errc::truncated, "input ends inside a presence bitmap");
    const ByteView bitmap = in.first(nb);
    if (nf % 8 != 0 && (bitmap[nb - 1] >> (nf % 8)) != 0)
        return at(c, in, errc::malformed,
                  "presence bitmap names fields " + std::string(Schema<T>::name) + " does not have");
    in = in.subspan(nb);
    Result<void> res;
    std::size_t i = 0;
    Schema<T>::fields(out, [&](std::string_view name, auto& f) {
        using F = std::remove_cvref_t<decltype(f)>;
        const bool present = (bitmap[i / 8] >> (i % 8)) & 1;
        ++i;
        if (!res) return;
        if (!present) {
            set_zero(f);
            if constexpr (CarriesVersion<T> && std::is_same_v<F, std::uint64_t>)
                if (i == 1) c.version = 0;
            return;
        }
        if constexpr (std::is_same_v<F, bool>) {
            f = true;
        } else if constexpr (std::is_same_v<F, std::optional<Address>>) {
            if (in.size() < 20) {
                res = at(c, in, errc::truncated, "input ends inside an address");
            } else {
                f = Address::from_view(in.first(20));
                in = in.subspan(20);
            }
        } else {
            const ByteView start = in;
            res = decode_value(in, f, c, field_limit_for(Schema<T>::name, name, c.lim));
            if (res && is_default(f))
                res = at(c, start, errc::non_canonical, "a present field holds its default value");
            if constexpr (CarriesVersion<T> && std::is_same_v<F, std::uint64_t>)
                if (res && i == 1) c.version = f;
        }
        if (!res) c.path.name(name);
    });
    if (!res || c.version < kExtensionAreaFrom) return res;
    const ByteView start = in;
    auto n = get_varint(in);
    if (!n) return at(c, start, errc::malformed, n.error().message);
    if (*n > in.size()) return at(c, start, errc::truncated, "extension area runs past the input");
    // Fields of a version this reader knows would have been read above: only a newer one may add.
    if (*n != 0 && c.version <= kFormatVersion)
        return at(c, start, errc::non_canonical, std::string(Schema<T>::name) + " has extra fields");
    in = in.subspan(static_cast<std::size_t>(*n));
    return res;
}

template <class T>
Result<void> decode_value(ByteView& in, T& out, Ctx& c, std::size_t list_limit) {
    const ByteView start = in;  // errors point at the value's first byte
    if constexpr (std::is_same_v<T, U256>) {
        auto r = get_int(in, 32);
        if (!r) return at(c, start, std::move(r.error()));
        out = *r;
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        auto r = get_int(in, 8);
        if (!r) return at(c, start, std::move(r.error()));
        out = r->low64();
    } else if constexpr (std::is_same_v<T, bool> || is_small_v<T>) {
        if (in.empty()) return at(c, in, errc::truncated, "input ends inside a byte field");
        if constexpr (std::is_same_v<T, bool>) {
            if (in[0] > 1) return at(c, in, errc::malformed, "a boolean must be 0 or 1");
            out = in[0] == 1;
        } else {
            out = static_cast<T>(in[0]);
        }
        in = in.subspan(1);
    } else if constexpr (is_fixed<T>::value) {
        if (in.size() < T::size_bytes) return at(c, in, errc::truncated, "input ends inside a fixed-size field");
        out = T::from_view(in.first(T::size_bytes));
        in = in.subspan(T::size_bytes);
    } else if constexpr (is_bytes_v<T> || std::is_same_v<T, std::string>) {
        auto n = get_varint(in);
        if (!n) return at(c, start, errc::malformed, n.error().message);
        if (*n > (list_limit ? list_limit : c.lim.max_field_bytes))
            return at(c, start, errc::too_large, std::to_string(*n) + " bytes exceed the field limit");
        if (*n > in.size()) return at(c, start, errc::truncated, "length runs past the input");
        if constexpr (std::is_same_v<T, std::string>)
            if (!valid_utf8(in.first(static_cast<std::size_t>(*n))))
                return at(c, start, errc::malformed, "a string must be UTF-8");
        out.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(*n));
        in = in.subspan(static_cast<std::size_t>(*n));
    } else if constexpr (std::is_same_v<T, BalanceDelta>) {
        auto r = get_int(in, 32);
        if (!r) return at(c, start, std::move(r.error()));
        auto d = BalanceDelta::from_zigzag(*r);
        if (!d) return at(c, start, std::move(d.error()));
        out = *d;
    } else {
        if (++c.depth > c.lim.max_depth) return at(c, start, errc::too_large, "nested too deeply");
        if constexpr (is_list_v<T>) {
            using E = typename T::value_type;
            auto n = get_varint(in);
            if (!n) return at(c, start, errc::malformed, n.error().message);
            const std::size_t limit = list_limit ? list_limit : c.lim.max_list;
            if (*n > limit)
                return at(c, start, errc::too_large,
                          std::to_string(*n) + " items exceed the limit of " + std::to_string(limit));
            if (*n > in.size() / min_size<E>()) return at(c, start, errc::truncated, "list count runs past the input");
            out.clear();
            out.resize(static_cast<std::size_t>(*n));
            const std::uint64_t outer = c.version;  // each block of a list has its own version
            for (std::size_t i = 0; i < out.size(); ++i) {
                if (auto r = decode_value(in, out[i], c); !r) {
                    c.path.index(i);
                    return r;
                }
                c.version = outer;
            }
        } else {
            LUXL2_CHECK(decode_struct(in, out, c));
        }
        --c.depth;
    }
    return {};
}

}  // namespace luxl2::format::detail::binc
