// Small RLP list helpers for the l1 module's encodings (types.hpp) and its stored records: append
// fields to a payload, wrap it as a list; read fields back from a list payload in order.
#pragma once

#include <string>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/l1/types.hpp"

namespace luxl2::l1::detail {

[[nodiscard]] inline Bytes wrap_list(const Bytes& payload) {
    Bytes out;
    out.reserve(rlp::header_length(payload.size()) + payload.size());
    rlp::encode_header(out, {true, payload.size()});
    append(out, payload);
    return out;
}

/// Reads fields of one RLP list in order; every error carries `code` and the record's name.
class Fields {
public:
    Fields(ByteView payload, std::string_view code, std::string_view what) : p_(payload), code_(code), what_(what) {}

    /// Opens the single list that spans all of `in`.
    [[nodiscard]] static Result<Fields> open(ByteView in, std::string_view code, std::string_view what) {
        auto list = rlp::decode_list(in);
        if (!list) return fail(code, std::string(what) + ": " + list.error().to_string());
        if (!in.empty()) return fail(code, std::string(what) + ": trailing bytes");
        return Fields(*list, code, what);
    }
    [[nodiscard]] Result<Fields> list() {
        auto l = rlp::decode_list(p_);
        if (!l) return bad(l.error());
        return Fields(*l, code_, what_);
    }
    [[nodiscard]] Result<std::uint64_t> u64() {
        auto v = rlp::decode_uint64(p_);
        if (!v) return bad(v.error());
        return *v;
    }
    [[nodiscard]] Result<U256> u256() {
        auto v = rlp::decode_u256(p_);
        if (!v) return bad(v.error());
        return *v;
    }
    template <std::size_t N>
    [[nodiscard]] Result<FixedBytes<N>> fixed() {
        auto v = rlp::decode_fixed<N>(p_);
        if (!v) return bad(v.error());
        return *v;
    }
    [[nodiscard]] Result<Bytes> bytes(std::size_t max) {
        auto v = rlp::decode_string(p_);
        if (!v) return bad(v.error());
        if (v->size() > max) return fail(code_, std::string(what_) + ": a byte field exceeds " + std::to_string(max));
        return Bytes(v->begin(), v->end());
    }
    /// Fails unless every field was read.
    [[nodiscard]] Result<void> end() const {
        if (!p_.empty()) return fail(code_, std::string(what_) + ": too many fields");
        return {};
    }

private:
    std::unexpected<Error> bad(const Error& e) const { return fail(code_, std::string(what_) + ": " + e.to_string()); }
    ByteView p_;
    std::string_view code_;
    std::string_view what_;
};

/// rlp([sender, target, value, gasLimit, data, nonce]) and its reader (types.cpp).
[[nodiscard]] Bytes encode_message(const L2Message& m);
/// The RLP items of a batch header without its signature (not wrapped in a list).
[[nodiscard]] Bytes header_payload(const BatchHeader& h);
[[nodiscard]] Result<L2Message> read_message(Fields& f);

}  // namespace luxl2::l1::detail
