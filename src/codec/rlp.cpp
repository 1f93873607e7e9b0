#include "luxl2/codec/rlp.hpp"

#include <bit>
#include <limits>

namespace luxl2::rlp {
namespace {

unsigned be_length(std::uint64_t v) noexcept {
    return v == 0 ? 0 : static_cast<unsigned>((64 - std::countl_zero(v) + 7) / 8);
}

void put_be(Bytes& out, std::uint64_t v, unsigned n) {
    for (unsigned i = n; i > 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * (i - 1))));
}

// Reads a big-endian length of `n` bytes (1..8) that must not start with zero.
Result<std::uint64_t> read_length(ByteView& in, unsigned n) {
    if (n > 8) return fail(errc::overflow, "length of length " + std::to_string(n) + " exceeds 8 bytes");
    if (in.size() < n) return fail(errc::input_too_short, "input ends inside a length prefix");
    if (in[0] == 0) return fail(errc::leading_zero, "length prefix has a leading zero byte");
    std::uint64_t len = 0;
    for (unsigned i = 0; i < n; ++i) len = (len << 8) | in[i];
    // No buffer can be larger than PTRDIFF_MAX bytes; rejecting such lengths here also keeps the
    // conversion to size_t exact where size_t is 32 bits.
    if (len > static_cast<std::uint64_t>(std::numeric_limits<std::ptrdiff_t>::max()))
        return fail(errc::overflow, "length " + std::to_string(len) + " exceeds any addressable input");
    in = in.subspan(n);
    if (len < 56)
        return fail(errc::non_canonical_size, "long form used for a payload of " + std::to_string(len) + " bytes");
    return len;
}

Result<Item> decode_item_at(ByteView& in, const Limits& limits, std::size_t depth) {
    LUXL2_TRY(h, decode_header(in));
    Item item;
    item.is_list = h.list;
    if (!h.list) {
        item.bytes.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(h.payload_length));
        in = in.subspan(h.payload_length);
        return item;
    }
    if (depth >= limits.max_depth)
        return fail(errc::too_deep, "lists nested deeper than " + std::to_string(limits.max_depth));
    ByteView payload = in.subspan(0, h.payload_length);
    in = in.subspan(h.payload_length);
    while (!payload.empty()) {
        if (item.items.size() >= limits.max_items)
            return fail(errc::too_large, "list has more than " + std::to_string(limits.max_items) + " items");
        auto child = decode_item_at(payload, limits, depth + 1);
        if (!child) {
            // The whole input was long enough (checked for the list), so running out here means an
            // item claims more bytes than its list has left.
            if (child.error().code == errc::input_too_short)
                return fail(errc::list_length_mismatch, "an item runs past the end of its list");
            return std::unexpected(std::move(child.error()));
        }
        item.items.push_back(std::move(*child));
    }
    return item;
}

}  // namespace

std::size_t header_length(std::size_t payload_length) noexcept {
    return payload_length < 56 ? 1 : 1 + be_length(payload_length);
}

void encode_header(Bytes& out, Header h) {
    const std::uint8_t base = h.list ? 0xc0 : 0x80;
    if (h.payload_length < 56) {
        out.push_back(static_cast<std::uint8_t>(base + h.payload_length));
    } else {
        const unsigned n = be_length(h.payload_length);
        out.push_back(static_cast<std::uint8_t>(base + 55 + n));
        put_be(out, h.payload_length, n);
    }
}

void encode(Bytes& out, ByteView s) {
    if (s.size() == 1 && s[0] < 0x80) {
        out.push_back(s[0]);
        return;
    }
    encode_header(out, {false, s.size()});
    append(out, s);
}

void encode(Bytes& out, std::uint64_t v) {
    if (v != 0 && v < 0x80) {
        out.push_back(static_cast<std::uint8_t>(v));
        return;
    }
    const unsigned n = be_length(v);
    out.push_back(static_cast<std::uint8_t>(0x80 + n));
    put_be(out, v, n);
}

void encode(Bytes& out, const U256& v) {
    if (v.fits_u64()) return encode(out, v.low64());
    const auto full = v.to_be_bytes();
    const unsigned n = v.byte_length();
    out.push_back(static_cast<std::uint8_t>(0x80 + n));
    out.insert(out.end(), full.end() - n, full.end());
}

std::size_t length(ByteView s) noexcept {
    if (s.size() == 1 && s[0] < 0x80) return 1;
    return header_length(s.size()) + s.size();
}

std::size_t length(std::uint64_t v) noexcept {
    return (v != 0 && v < 0x80) ? 1 : 1 + be_length(v);
}

std::size_t length(const U256& v) noexcept {
    return v.fits_u64() ? length(v.low64()) : 1 + v.byte_length();
}

Result<Header> decode_header(ByteView& in) {
    if (in.empty()) return fail(errc::input_too_short, "input ends where an item was expected");
    const std::uint8_t b = in[0];
    Header h;
    if (b < 0x80) {
        h.payload_length = 1;
        return h;
    }
    in = in.subspan(1);
    if (b <= 0xb7) {
        h.payload_length = b - 0x80u;
        if (h.payload_length == 1 && !in.empty() && in[0] < 0x80)
            return fail(errc::non_canonical_single_byte, "single byte below 0x80 wrapped as a string");
    } else if (b <= 0xbf) {
        LUXL2_TRY(len, read_length(in, b - 0xb7u));
        h.payload_length = static_cast<std::size_t>(len);
    } else if (b <= 0xf7) {
        h.list = true;
        h.payload_length = b - 0xc0u;
    } else {
        h.list = true;
        LUXL2_TRY(len, read_length(in, b - 0xf7u));
        h.payload_length = static_cast<std::size_t>(len);
    }
    if (h.payload_length > in.size())
        return fail(errc::input_too_short, "item of " + std::to_string(h.payload_length) + " bytes but only " +
                                               std::to_string(in.size()) + " remain");
    return h;
}

Result<ByteView> decode_string(ByteView& in) {
    LUXL2_TRY(h, decode_header(in));
    if (h.list) return fail(errc::unexpected_list, "expected a string, found a list");
    const ByteView payload = in.subspan(0, h.payload_length);
    in = in.subspan(h.payload_length);
    return payload;
}

Result<ByteView> decode_list(ByteView& in) {
    LUXL2_TRY(h, decode_header(in));
    if (!h.list) return fail(errc::unexpected_string, "expected a list, found a string");
    const ByteView payload = in.subspan(0, h.payload_length);
    in = in.subspan(h.payload_length);
    return payload;
}

Result<std::uint64_t> decode_uint64(ByteView& in) {
    LUXL2_TRY(s, decode_string(in));
    if (s.size() > 8) return fail(errc::overflow, "integer of " + std::to_string(s.size()) + " bytes exceeds 64 bits");
    if (!s.empty() && s[0] == 0) return fail(errc::leading_zero, "integer has a leading zero byte");
    std::uint64_t v = 0;
    for (std::uint8_t byte : s) v = (v << 8) | byte;
    return v;
}

Result<U256> decode_u256(ByteView& in) {
    LUXL2_TRY(s, decode_string(in));
    if (s.size() > 32)
        return fail(errc::overflow, "integer of " + std::to_string(s.size()) + " bytes exceeds 256 bits");
    if (!s.empty() && s[0] == 0) return fail(errc::leading_zero, "integer has a leading zero byte");
    return U256::from_be_bytes(s);
}

Result<Item> decode_item(ByteView in, const Limits& limits) {
    if (in.size() > limits.max_bytes)
        return fail(errc::too_large, "input of " + std::to_string(in.size()) + " bytes exceeds the limit of " +
                                         std::to_string(limits.max_bytes));
    LUXL2_TRY(item, decode_item_at(in, limits, 0));
    if (!in.empty()) return fail(errc::trailing_bytes, std::to_string(in.size()) + " bytes after the item");
    return item;
}

void encode(Bytes& out, const Item& item) {
    if (!item.is_list) return encode(out, ByteView(item.bytes));
    Bytes payload;
    for (const Item& child : item.items) encode(payload, child);
    encode_header(out, {true, payload.size()});
    append(out, payload);
}

}  // namespace luxl2::rlp
