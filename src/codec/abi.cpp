#include "luxl2/codec/abi.hpp"

#include <charconv>
#include <optional>

#include "luxl2/core/hex.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::codec::abi {
namespace {

enum class Kind { Address, Bool, Uint, Int, FixedBytes, Bytes, String };

struct Type {
    Kind kind;
    unsigned size = 0;  // bits for uint/int, bytes for bytesN
};

bool parse_size(std::string_view digits, unsigned& out) {
    if (digits.empty() || digits[0] == '0') return false;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && p == digits.data() + digits.size();
}

std::optional<Type> parse_type(std::string_view t) {
    if (t == "address") return Type{Kind::Address};
    if (t == "bool") return Type{Kind::Bool};
    if (t == "string") return Type{Kind::String};
    if (t == "bytes") return Type{Kind::Bytes};
    if (t == "uint") return Type{Kind::Uint, 256};
    if (t == "int") return Type{Kind::Int, 256};
    unsigned n = 0;
    if (t.starts_with("uint") && parse_size(t.substr(4), n) && n % 8 == 0 && n <= 256) return Type{Kind::Uint, n};
    if (t.starts_with("int") && parse_size(t.substr(3), n) && n % 8 == 0 && n <= 256) return Type{Kind::Int, n};
    if (t.starts_with("bytes") && parse_size(t.substr(5), n) && n <= 32) return Type{Kind::FixedBytes, n};
    return std::nullopt;
}

bool is_dynamic(const Type& t) {
    return t.kind == Kind::Bytes || t.kind == Kind::String;
}

Error bad(std::string_view type, const std::string& value, std::string why) {
    return Error{errc::invalid_value, std::string(type) + " value '" + value.substr(0, 80) + "': " + why};
}

void put_word(Bytes& out, const U256& v) {
    const auto w = v.to_be_bytes();
    out.insert(out.end(), w.begin(), w.end());
}

void put_padded(Bytes& out, ByteView data) {
    append(out, data);
    out.resize(out.size() + (32 - data.size() % 32) % 32, 0);
}

// The 32-byte head word of a static value.
Result<std::array<std::uint8_t, 32>> static_word(const Type& t, std::string_view tname, const std::string& v) {
    std::array<std::uint8_t, 32> w{};
    switch (t.kind) {
        case Kind::Address: {
            auto b = from_hex(v);
            if (!b || b->size() != 20 || !(v.starts_with("0x") || v.starts_with("0X")))
                return std::unexpected(bad(tname, v, "expected 0x and 20 bytes of hex"));
            std::copy(b->begin(), b->end(), w.begin() + 12);
            return w;
        }
        case Kind::Bool:
            if (v == "true")
                w[31] = 1;
            else if (v != "false")
                return std::unexpected(bad(tname, v, "expected true or false"));
            return w;
        case Kind::FixedBytes: {
            auto b = from_hex(v);
            if (!b || b->size() != t.size)
                return std::unexpected(bad(tname, v, "expected " + std::to_string(t.size) + " bytes of hex"));
            std::copy(b->begin(), b->end(), w.begin());
            return w;
        }
        case Kind::Uint: {
            auto x = U256::from_string(v);
            if (!x) return std::unexpected(bad(tname, v, x.error().message));
            if (x->bit_length() > t.size) return std::unexpected(bad(tname, v, "out of range"));
            return x->to_be_bytes();
        }
        case Kind::Int: {
            const bool neg = v.starts_with('-');
            auto x = U256::from_string(std::string_view(v).substr(neg ? 1 : 0));
            if (!x) return std::unexpected(bad(tname, v, x.error().message));
            // Range: -2^(N-1) <= v < 2^(N-1).
            const U256 limit = U256(1) << (t.size - 1);
            if (neg ? (*x > limit) : (*x >= limit)) return std::unexpected(bad(tname, v, "out of range"));
            return (neg ? U256(0) - *x : *x).to_be_bytes();
        }
        default: break;
    }
    return std::unexpected(bad(tname, v, "not a static type"));
}

}  // namespace

bool is_supported(std::string_view type) {
    return parse_type(type).has_value();
}

Result<Bytes> encode(std::span<const std::string> types, std::span<const std::string> values) {
    if (types.size() != values.size())
        return fail(errc::arity,
                    std::to_string(types.size()) + " types for " + std::to_string(values.size()) + " values");
    std::vector<Type> parsed;
    for (const auto& t : types) {
        auto p = parse_type(t);
        if (!p) return fail(errc::unsupported_type, "unsupported ABI type '" + t + "'");
        parsed.push_back(*p);
    }
    Bytes head, tail;
    const std::size_t head_size = 32 * types.size();
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        if (is_dynamic(parsed[i])) {
            Bytes data;
            if (parsed[i].kind == Kind::String) {
                data.assign(values[i].begin(), values[i].end());
            } else {
                auto b = from_hex(values[i]);
                if (!b) return std::unexpected(bad(types[i], values[i], b.error().message));
                data = std::move(*b);
            }
            put_word(head, U256(head_size + tail.size()));
            put_word(tail, U256(data.size()));
            put_padded(tail, data);
        } else {
            LUXL2_TRY(w, static_word(parsed[i], types[i], values[i]));
            head.insert(head.end(), w.begin(), w.end());
        }
    }
    append(head, tail);
    return head;
}

}  // namespace luxl2::codec::abi
