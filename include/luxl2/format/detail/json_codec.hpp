// The JSON form over the schema: objects keyed by the spec's camelCase names; integers as JSON-RPC
// quantities ("0x0", "0x1f": 0x-hex without leading zeros), the balance delta as a signed quantity
// ("-0x1f"), bytes and fixed-size values as 0x-hex, an absent address as null. Reading is strict:
// unknown keys, non-canonical quantities and wrong sizes are errors; missing keys take the default
// value, so that a reader tolerates data written before a field existed.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/detail/kinds.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format::detail::jsonc {

template <class T>
[[nodiscard]] nlohmann::json to_json(const T& v) {
    if constexpr (std::is_same_v<T, U256>)
        return v.to_hex();
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return U256(v).to_hex();
    else if constexpr (std::is_same_v<T, bool>)
        return v;
    else if constexpr (is_small_v<T>)
        return U256(static_cast<std::uint64_t>(v)).to_hex();
    else if constexpr (is_fixed<T>::value)
        return to_hex(v.view());
    else if constexpr (is_bytes_v<T>)
        return to_hex(ByteView(v));
    else if constexpr (std::is_same_v<T, std::string>)
        return v;
    else if constexpr (std::is_same_v<T, std::optional<Address>>)
        return v ? nlohmann::json(to_hex(v->view())) : nlohmann::json(nullptr);
    else if constexpr (std::is_same_v<T, BalanceDelta>)
        return v.to_hex();
    else if constexpr (is_list_v<T>) {
        auto a = nlohmann::json::array();
        for (const auto& e : v) a.push_back(to_json(e));
        return a;
    } else {
        auto o = nlohmann::json::object();
        Schema<T>::fields(v, [&o](std::string_view name, const auto& f) { o[std::string(name)] = to_json(f); });
        return o;
    }
}

/// A canonical JSON-RPC quantity.
inline Result<U256> quantity(const nlohmann::json& j) {
    if (!j.is_string()) return fail(errc::json, "expected a 0x-hex quantity string");
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() < 3 || s[0] != '0' || s[1] != 'x')
        return fail(errc::json, "expected a 0x-hex quantity, got \"" + s + "\"");
    if (s.size() > 3 && s[2] == '0') return fail(errc::json, "quantity \"" + s + "\" has leading zeros");
    for (std::size_t i = 2; i < s.size(); ++i)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return fail(errc::json, "quantity \"" + s + "\" is not lower-case hex");
    return U256::from_hex(s);
}

inline Result<Bytes> hex_bytes(const nlohmann::json& j, const Limits& lim) {
    if (!j.is_string()) return fail(errc::json, "expected a 0x-hex string");
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s[0] != '0' || s[1] != 'x') return fail(errc::json, "expected 0x-prefixed hex");
    if ((s.size() - 2) / 2 > lim.max_field_bytes) return fail(errc::too_large, "bytes exceed the field limit");
    auto b = from_hex(s);
    if (!b) return fail(errc::json, b.error().message);
    return b;
}

template <class T>
Result<void> from_json(const nlohmann::json& j, T& out, const Limits& lim, ErrorPath& path,
                       std::size_t list_limit = 0) {
    if constexpr (std::is_same_v<T, U256>) {
        LUXL2_TRY(v, quantity(j));
        out = v;
    } else if constexpr (std::is_same_v<T, std::uint64_t> || is_small_v<T>) {
        LUXL2_TRY(v, quantity(j));
        const std::uint64_t max = std::is_same_v<T, std::uint64_t> ? ~0ULL : 0xffULL;
        if (!v.fits_u64() || v.low64() > max) return fail(errc::json, "quantity out of range");
        out = static_cast<T>(v.low64());
    } else if constexpr (std::is_same_v<T, bool>) {
        if (!j.is_boolean()) return fail(errc::json, "expected true or false");
        out = j.get<bool>();
    } else if constexpr (is_fixed<T>::value) {
        LUXL2_TRY(b, hex_bytes(j, lim));
        if (b.size() != T::size_bytes)
            return fail(errc::json,
                        "expected " + std::to_string(T::size_bytes) + " bytes, got " + std::to_string(b.size()));
        out = T::from_view(b);
    } else if constexpr (is_bytes_v<T>) {
        LUXL2_TRY(b, hex_bytes(j, lim));
        if (list_limit != 0 && b.size() > list_limit) return fail(errc::too_large, "bytes exceed the field limit");
        out = std::move(b);
    } else if constexpr (std::is_same_v<T, std::string>) {
        if (!j.is_string()) return fail(errc::json, "expected a string");
        if (j.get_ref<const std::string&>().size() > lim.max_field_bytes)
            return fail(errc::too_large, "string exceeds the field limit");
        out = j.get<std::string>();
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        if (j.is_null()) {
            out.reset();
        } else {
            LUXL2_TRY(b, hex_bytes(j, lim));
            if (b.size() != 20) return fail(errc::json, "an address is 20 bytes");
            out = Address::from_view(b);
        }
    } else if constexpr (std::is_same_v<T, BalanceDelta>) {
        if (!j.is_string()) return fail(errc::json, "expected a signed 0x-hex quantity");
        LUXL2_TRY(d, BalanceDelta::from_hex(j.get_ref<const std::string&>()));
        out = d;
    } else if constexpr (is_list_v<T>) {
        if (!j.is_array()) return fail(errc::json, "expected an array");
        const std::size_t limit = list_limit ? list_limit : lim.max_list;
        if (j.size() > limit) return fail(errc::too_large, std::to_string(j.size()) + " items exceed the limit");
        out.clear();
        out.resize(j.size());
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (auto r = from_json(j[i], out[i], lim, path); !r) {
                path.index(i);
                return r;
            }
        }
    } else {
        if (!j.is_object()) return fail(errc::json, "expected an object");
        Result<void> res;
        std::size_t known = 0;
        Schema<T>::fields(out, [&](std::string_view name, auto& f) {
            if (!res) return;
            const auto it = j.find(std::string(name));
            if (it == j.end()) return;
            ++known;
            res = from_json(*it, f, lim, path, field_limit_for(Schema<T>::name, name, lim));
            if (!res) path.name(name);
        });
        if (!res) return res;
        if (known != j.size()) {
            for (const auto& [k, _] : j.items()) {
                bool found = false;
                Schema<T>::fields(out, [&](std::string_view name, auto&) { found = found || name == k; });
                if (!found) return fail(errc::json, "unknown key \"" + k + "\" in " + std::string(Schema<T>::name));
            }
        }
    }
    return {};
}

}  // namespace luxl2::format::detail::jsonc
