// Encodings of every LP-505 struct (any type with a Schema): RLP, compact binary, JSON and
// Protobuf, plus the block-level entry points by encoding name. Every decoder takes untrusted
// bytes and `Limits`, checks limits before allocating, rejects non-canonical input and trailing
// bytes, and names the field path and byte offset in its errors:
//   "format.non_canonical: transactions[3].payload at byte 1234: ..."
// Decoders do not call `validate` (a decoded value may break invariants; ask validate).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "luxl2/format/batch_types.hpp"
#include "luxl2/format/block.hpp"
#include "luxl2/format/compression_schema.hpp"
#include "luxl2/format/detail/binary_codec.hpp"
#include "luxl2/format/detail/json_codec.hpp"
#include "luxl2/format/detail/rlp_codec.hpp"
#include "luxl2/format/limits.hpp"
#include "luxl2/format/quantum.hpp"

namespace luxl2::format {

// ---- RLP: also the canonical encoding (docs/format/canonical.md) ---------------------------------

template <Described T>
void rlp_encode(Bytes& out, const T& v) {
    out.reserve(out.size() + detail::rlpc::length(v));
    detail::rlpc::encode(out, v);
}
template <Described T>
[[nodiscard]] Bytes rlp_encode(const T& v) {
    Bytes out;
    rlp_encode(out, v);
    return out;
}
template <Described T>
[[nodiscard]] Result<T> rlp_decode(ByteView in, const Limits& lim = {}) {
    if (in.size() > lim.max_bytes)
        return fail(errc::too_large, "input of " + std::to_string(in.size()) + " bytes exceeds the limit");
    detail::rlpc::Ctx c{lim, in.data(), {}, 0};
    T out{};
    ByteView p = in;
    if (auto r = detail::rlpc::decode(p, out, c); !r) return std::unexpected(c.path.finish(std::move(r.error())));
    if (!p.empty()) {
        c.path.offset = in.size() - p.size();
        return std::unexpected(
            c.path.finish(Error{errc::trailing_bytes, std::to_string(p.size()) + " bytes after the value"}));
    }
    return out;
}

// ---- compact binary (docs/format/binary.md) ------------------------------------------------------

template <Described T>
void binary_encode(Bytes& out, const T& v) {
    detail::binc::encode_value(out, v);
}
template <Described T>
[[nodiscard]] Bytes binary_encode(const T& v) {
    Bytes out;
    out.reserve(detail::rlpc::length(v));  // a close upper bound in practice (a hint only)
    detail::binc::encode_value(out, v);
    return out;
}
template <Described T>
[[nodiscard]] Result<T> binary_decode(ByteView in, const Limits& lim = {}) {
    if (in.size() > lim.max_bytes)
        return fail(errc::too_large, "input of " + std::to_string(in.size()) + " bytes exceeds the limit");
    detail::binc::Ctx c{lim, in.data(), {}, 0};
    T out{};
    ByteView p = in;
    if (auto r = detail::binc::decode_value(p, out, c); !r) return std::unexpected(c.path.finish(std::move(r.error())));
    if (!p.empty()) {
        c.path.offset = in.size() - p.size();
        return std::unexpected(
            c.path.finish(Error{errc::trailing_bytes, std::to_string(p.size()) + " bytes after the value"}));
    }
    return out;
}

// ---- JSON ------------------------------------------------------------------------------------------

template <Described T>
[[nodiscard]] nlohmann::json to_json(const T& v) {
    return detail::jsonc::to_json(v);
}
template <Described T>
[[nodiscard]] Result<T> from_json(const nlohmann::json& j, const Limits& lim = {}) {
    detail::ErrorPath path;
    T out{};
    if (auto r = detail::jsonc::from_json(j, out, lim, path); !r) {
        Error e = std::move(r.error());
        const std::string where = path.str();
        if (!where.empty()) e.at(where);
        return std::unexpected(std::move(e));
    }
    return out;
}
/// Parses JSON text (byte offset in syntax errors) and reads a T from it.
template <Described T>
[[nodiscard]] Result<T> from_json_text(std::string_view text, const Limits& lim = {}) {
    if (text.size() > lim.max_bytes) return fail(errc::too_large, "input exceeds the limit");
    auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) {
        // Re-parse with exceptions only on the error path, for nlohmann's byte position.
        try {
            [[maybe_unused]] const auto again = nlohmann::json::parse(text.begin(), text.end());
        } catch (const nlohmann::json::parse_error& e) {
            return fail(errc::json, "<root> at byte " + std::to_string(e.byte) + ": " + e.what());
        }
        return fail(errc::json, "invalid JSON");
    }
    return from_json<T>(j, lim);
}

// ---- Protobuf (proto/luxl2/v1/block.proto) ----------------------------------------------------------
// Implemented for every struct with a message in block.proto (all of this module's). Decoding is
// strict: unknown fields, duplicated or out-of-order fields and non-minimal varints are rejected by
// requiring that our re-encoding reproduces the input exactly.

template <Described T>
[[nodiscard]] Bytes protobuf_encode(const T& v);
template <Described T>
[[nodiscard]] Result<T> protobuf_decode(ByteView in, const Limits& lim = {});
/// The field names of message luxl2.v1.<message> by field number 1..n (empty if unknown): lets a
/// test check block.proto against the schema.
[[nodiscard]] std::vector<std::string> protobuf_field_names(std::string_view message);

// ---- blocks by encoding name (the CLI, benchmarks and tests) --------------------------------------

enum class Encoding : std::uint8_t { kJson, kRlp, kProtobuf, kBinary, kCanonical, kSsz };

/// "json", "rlp", "protobuf", "binary", "canonical", "ssz".
[[nodiscard]] std::string_view encoding_name(Encoding e) noexcept;
[[nodiscard]] Result<Encoding> parse_encoding(std::string_view name);

/// SSZ is provided by the SSZ schema (codec/ssz); until it is linked in, these hooks are empty and
/// the ssz encoding fails with errc::unsupported. The SSZ module registers itself by setting them.
struct SszHooks {
    Result<Bytes> (*encode)(const L2Block&) = nullptr;
    Result<L2Block> (*decode)(ByteView, const Limits&) = nullptr;
};
SszHooks& ssz_hooks() noexcept;

/// Encodes a block (JSON as compact text). kSsz fails when no SSZ hook is registered.
[[nodiscard]] Result<Bytes> encode_block(const L2Block& b, Encoding e);
[[nodiscard]] Result<L2Block> decode_block(ByteView in, Encoding e, const Limits& lim = {});

/// The canonical encoding (docs/format/canonical.md): the RLP form.
[[nodiscard]] inline Bytes canonical_encode(const L2Block& b) {
    return rlp_encode(b);
}
template <Described T>
[[nodiscard]] Bytes canonical_encode(const T& v) {
    return rlp_encode(v);
}

}  // namespace luxl2::format
