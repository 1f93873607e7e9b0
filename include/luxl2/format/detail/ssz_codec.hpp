// SSZ over the field schema (schema.hpp): every described struct is an SSZ container of its fields in
// schema order, so the SSZ form follows the structs like the other encodings do. Kinds map as:
//   U256, BalanceDelta (zigzag)   uint256         std::uint64_t       uint64
//   bool                          boolean         std::uint8_t, enum  uint8
//   FixedBytes<N>                 ByteVector[N]   Bytes, std::string  ByteList[ssz_bytes_limit]
//   std::vector<E>                List[E, kSszMaxList]
//   std::optional<Address>        Union[None, ByteVector[20]]
// docs/format/ssz.md spells the resulting L2Block schema out.
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "luxl2/codec/ssz.hpp"
#include "luxl2/format/balance_delta.hpp"
#include "luxl2/format/detail/kinds.hpp"
#include "luxl2/format/limits.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

/// SSZ limits of the LP-505 schema: every byte string is a ByteList[2^24] (16 MiB, as
/// Limits::max_field_bytes) and every list a List[T, 2^20] (as Limits::max_list), L2Block.transactions
/// included. They are part of the hash_tree_root (merkleization pads to them).
inline constexpr std::uint64_t kSszMaxBytes = std::uint64_t{1} << 24;
inline constexpr std::uint64_t kSszMaxList = std::uint64_t{1} << 20;

/// The ByteList limit of byte field `field` of struct `type`: kSszMaxBytes but for TransactionData's
/// payload, signature and metadata (limits.hpp), which every transaction of a block pays for in
/// padding hashes (a ByteList[2^24] has a tree of depth 19 under its length).
[[nodiscard]] constexpr std::uint64_t ssz_bytes_limit(std::string_view type, std::string_view field) noexcept {
    if (type == "TransactionData") {
        if (field == "payload") return kTxPayloadMaxBytes;
        if (field == "signature") return kTxSignatureMaxBytes;
        if (field == "metadata") return kTxMetadataMaxBytes;
    }
    return kSszMaxBytes;
}

namespace detail::ssz_map {

template <class T>
const ssz::TypeRef& type_of();

template <class T>
ssz::TypeRef build_type() {
    if constexpr (std::is_same_v<T, U256> || std::is_same_v<T, BalanceDelta>)
        return ssz::uint256();
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return ssz::uint64();
    else if constexpr (std::is_same_v<T, bool>)
        return ssz::boolean();
    else if constexpr (is_small_v<T>)
        return ssz::uint8();
    else if constexpr (is_fixed<T>::value)
        return ssz::byte_vector(T::size_bytes);
    else if constexpr (std::is_same_v<T, std::string> || is_bytes_v<T>)
        return ssz::byte_list(kSszMaxBytes);
    else if constexpr (std::is_same_v<T, std::optional<Address>>)
        return ssz::union_of({nullptr, ssz::byte_vector(20)});
    else if constexpr (is_vector<T>::value)
        return ssz::list(type_of<typename T::value_type>(), kSszMaxList);
    else {
        static_assert(Described<T>, "field kind without an SSZ mapping");
        std::vector<ssz::Field> fields;
        const T probe{};
        Schema<T>::fields(probe, [&fields](std::string_view name, const auto& f) {
            using F = std::remove_cvref_t<decltype(f)>;
            const std::uint64_t bytes_limit = ssz_bytes_limit(Schema<T>::name, name);
            if constexpr (std::is_same_v<F, std::string> || is_bytes_v<F>)
                if (bytes_limit != kSszMaxBytes) {
                    fields.push_back({std::string(name), ssz::byte_list(bytes_limit)});
                    return;
                }
            fields.push_back({std::string(name), type_of<F>()});
        });
        return ssz::container(std::move(fields));
    }
}

/// The SSZ type of a C++ field kind, built once.
template <class T>
const ssz::TypeRef& type_of() {
    static const ssz::TypeRef t = build_type<T>();
    return t;
}

template <class T>
Result<void> encode(Bytes& out, const T& v);

template <class E>
Result<void> encode_list(Bytes& out, const std::vector<E>& v) {
    if (v.size() > kSszMaxList)
        return fail(ssz::errc::limit, std::to_string(v.size()) + " items exceed the SSZ list limit 2^20");
    if (type_of<E>()->fixed) {
        for (const auto& e : v) LUXL2_CHECK(encode(out, e));
        return {};
    }
    ssz::OffsetScope scope(out);
    for (std::size_t i = 0; i < v.size(); ++i) scope.offset();
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (!scope.next()) return fail(ssz::errc::size, "serialization exceeds 2^32 bytes");
        if (auto r = encode(out, v[i]); !r) {
            r.error().at("[" + std::to_string(i) + "]");
            return r;
        }
    }
    scope.finish();
    return {};
}

template <class T>
Result<void> encode_struct(Bytes& out, const T& v) {
    // Fixed part (fixed fields and offsets) in order, then the variable fields in the same order.
    ssz::OffsetScope scope(out);
    Result<void> st{};
    Schema<T>::fields(v, [&](std::string_view name, const auto& f) {
        using F = std::remove_cvref_t<decltype(f)>;
        if (!st) return;
        if (!type_of<F>()->fixed) {
            scope.offset();
        } else if (auto r = encode(out, f); !r) {
            r.error().at(name);
            st = std::move(r);
        }
    });
    Schema<T>::fields(v, [&](std::string_view name, const auto& f) {
        using F = std::remove_cvref_t<decltype(f)>;
        if (!st || type_of<F>()->fixed) return;
        if (!scope.next()) {
            st = fail(ssz::errc::size, "serialization exceeds 2^32 bytes");
            return;
        }
        if constexpr (std::is_same_v<F, std::string> || is_bytes_v<F>) {
            const std::uint64_t limit = ssz_bytes_limit(Schema<T>::name, name);
            if (f.size() > limit) {
                st = fail(ssz::errc::limit,
                          std::to_string(f.size()) + " bytes exceed the SSZ ByteList limit " + std::to_string(limit));
                st.error().at(name);
                return;
            }
        }
        if (auto r = encode(out, f); !r) {
            r.error().at(name);
            st = std::move(r);
        }
    });
    if (st) scope.finish();
    return st;
}

template <class T>
Result<void> encode(Bytes& out, const T& v) {
    if constexpr (std::is_same_v<T, U256>)
        ssz::put_u256(out, v);
    else if constexpr (std::is_same_v<T, BalanceDelta>) {
        if (!v.canonical()) return fail(errc::invalid, "balance delta is -0 or out of range");
        ssz::put_u256(out, v.zigzag());
    } else if constexpr (std::is_same_v<T, std::uint64_t>)
        ssz::put_u64(out, v);
    else if constexpr (std::is_same_v<T, bool>)
        ssz::put_bool(out, v);
    else if constexpr (is_small_v<T>)
        ssz::put_u8(out, static_cast<std::uint8_t>(v));
    else if constexpr (is_fixed<T>::value)
        ssz::put_bytes(out, v.view());
    else if constexpr (std::is_same_v<T, std::string> || is_bytes_v<T>) {
        if (v.size() > kSszMaxBytes)
            return fail(ssz::errc::limit, std::to_string(v.size()) + " bytes exceed the SSZ ByteList limit 2^24");
        out.insert(out.end(), v.begin(), v.end());
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        ssz::put_u8(out, v ? 1 : 0);
        if (v) ssz::put_bytes(out, v->view());
    } else if constexpr (is_vector<T>::value)
        return encode_list(out, v);
    else
        return encode_struct(out, v);
    return {};
}

/// Decodes from a View of bytes already accepted by ssz::validate for type_of<T>(); applies the
/// run-time Limits (field bytes, list items) on top of the schema's own.
template <class T>
Result<T> decode(const ssz::View& v, const Limits& lim, std::size_t list_limit = 0);

template <class T>
Result<T> decode_struct(const ssz::View& v, const Limits& lim) {
    T out{};
    Result<void> st{};
    std::size_t i = 0;
    Schema<T>::fields(out, [&](std::string_view name, auto& f) {
        using F = std::remove_cvref_t<decltype(f)>;
        if (!st) return;
        const std::size_t limit = (Schema<T>::name == "L2Block" && name == "transactions") ? lim.max_transactions : 0;
        auto r = decode<F>(v.field(i++), lim, limit);
        if (!r) {
            r.error().at(name);
            st = std::unexpected(std::move(r.error()));
            return;
        }
        f = std::move(*r);
    });
    if (!st) return std::unexpected(std::move(st.error()));
    return out;
}

template <class T>
Result<T> decode(const ssz::View& v, const Limits& lim, std::size_t list_limit) {
    if constexpr (std::is_same_v<T, U256>)
        return v.u256();
    else if constexpr (std::is_same_v<T, BalanceDelta>)
        return BalanceDelta::from_zigzag(v.u256());
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return v.u64();
    else if constexpr (std::is_same_v<T, bool>)
        return v.boolean();
    else if constexpr (is_small_v<T>)
        return static_cast<T>(v.u64());
    else if constexpr (is_fixed<T>::value)
        return T::from_view(v.bytes());
    else if constexpr (std::is_same_v<T, std::string> || is_bytes_v<T>) {
        if (v.bytes().size() > lim.max_field_bytes) return fail(errc::too_large, "bytes exceed the field limit");
        return T(v.bytes().begin(), v.bytes().end());
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        if (v.selector() == 0) return std::optional<Address>{};
        return std::optional<Address>(Address::from_view(v.value().bytes()));
    } else if constexpr (is_vector<T>::value) {
        const std::uint64_t n = v.count();
        const std::size_t limit = list_limit ? list_limit : lim.max_list;
        if (n > limit)
            return fail(errc::too_large, std::to_string(n) + " items exceed the list limit " + std::to_string(limit));
        T out;
        out.reserve(static_cast<std::size_t>(n));
        for (std::uint64_t k = 0; k < n; ++k) {
            auto r = decode<typename T::value_type>(v.at(k), lim);
            if (!r) {
                r.error().at("[" + std::to_string(k) + "]");
                return std::unexpected(std::move(r.error()));
            }
            out.push_back(std::move(*r));
        }
        return out;
    } else
        return decode_struct<T>(v, lim);
}

}  // namespace detail::ssz_map

/// The SSZ schema of a described struct (an ssz::Type container; see docs/format/ssz.md).
template <Described T>
[[nodiscard]] const ssz::Type& ssz_type() {
    return *detail::ssz_map::type_of<T>();
}

/// SSZ serialization of a described struct. Fails (ssz.limit) when a byte string or list is longer
/// than the schema's limit, (format.invalid) for a non-canonical BalanceDelta.
template <Described T>
[[nodiscard]] Result<Bytes> ssz_encode(const T& v) {
    Bytes out;
    LUXL2_CHECK(detail::ssz_map::encode(out, v));
    return out;
}

/// Strict SSZ decoding (ssz::validate, then the Limits and the invariants the other decoders check:
/// BalanceDelta not -0). Errors carry the field path.
template <Described T>
[[nodiscard]] Result<T> ssz_decode(ByteView in, const Limits& lim = {}) {
    if (in.size() > lim.max_bytes)
        return fail(errc::too_large, "input exceeds " + std::to_string(lim.max_bytes) + " bytes");
    const ssz::Type& t = ssz_type<T>();
    LUXL2_CHECK(ssz::validate(t, in));
    return detail::ssz_map::decode<T>(ssz::View(t, in), lim);
}

/// hash_tree_root of the SSZ form.
template <Described T>
[[nodiscard]] Result<Hash32> ssz_hash_tree_root(const T& v) {
    LUXL2_TRY(bytes, ssz_encode(v));
    return ssz::hash_tree_root(ssz::View(ssz_type<T>(), bytes));
}

}  // namespace luxl2::format
