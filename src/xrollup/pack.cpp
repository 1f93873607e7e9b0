#include "luxl2/xrollup/pack.hpp"

#include <algorithm>
#include <cstring>

#include "luxl2/format/hashing.hpp"

namespace luxl2::xrollup {
namespace {

constexpr unsigned kMaxUvarBytes = 37;  // ceil(256 / 7)

std::size_t uvar_size(const U256& v) {
    const unsigned bits = v.bit_length();
    return bits == 0 ? 1 : (bits + 6) / 7;
}

void put_uvar(Bytes& out, std::uint64_t v) {
    put_uvar256(out, U256{v});
}

Result<std::size_t> get_length(ByteView& in, std::size_t max, std::string_view what) {
    LUXL2_TRY(n, get_uvar256(in));
    if (!n.fits_u64() || n.low64() > max)
        return fail(errc::too_large, std::string(what) + " length over the limit of " + std::to_string(max));
    const auto len = static_cast<std::size_t>(n.low64());
    if (len > in.size()) return fail(errc::truncated, std::string(what) + " truncated");
    return len;
}

}  // namespace

void put_uvar256(Bytes& out, const U256& v) {
    // 64-bit fast path: every chain id and nonce in practice.
    if (v.fits_u64()) {
        std::uint64_t x = v.low64();
        while (x >= 0x80) {
            out.push_back(static_cast<std::uint8_t>(x | 0x80));
            x >>= 7;
        }
        out.push_back(static_cast<std::uint8_t>(x));
        return;
    }
    U256 x = v;
    const U256 low7{0x7F};
    while (x > low7) {
        out.push_back(static_cast<std::uint8_t>((x & low7).low64() | 0x80));
        x >>= 7;
    }
    out.push_back(static_cast<std::uint8_t>(x.low64()));
}

Result<U256> get_uvar256(ByteView& in) {
    U256 v;
    for (unsigned i = 0; i < kMaxUvarBytes; ++i) {
        if (i >= in.size()) return fail(errc::truncated, "truncated varint");
        const std::uint8_t b = in[i];
        const std::uint64_t group = b & 0x7F;
        // The 37th byte holds bits 252..255: only its low 4 bits may be set.
        if (i == kMaxUvarBytes - 1 && (b & 0xF0) != 0) return fail(errc::bad_varint, "varint exceeds 256 bits");
        v = v | (U256{group} << (7 * i));
        if ((b & 0x80) == 0) {
            if (b == 0 && i > 0) return fail(errc::bad_varint, "non-minimal varint");
            in = in.subspan(i + 1);
            return v;
        }
    }
    return fail(errc::bad_varint, "varint exceeds 256 bits");
}

std::size_t packed_size(const format::CrossRollupMessage& m) {
    return 1 + uvar_size(m.source_chain_id) + uvar_size(m.target_chain_id) + 20 + 20 + uvar_size(m.nonce) +
           uvar_size(U256{m.payload.size()}) + m.payload.size() + uvar_size(U256{m.proof.size()}) + m.proof.size();
}

void pack_message(Bytes& out, const format::CrossRollupMessage& m) {
    out.reserve(out.size() + packed_size(m));
    out.push_back(kPackVersion);
    put_uvar256(out, m.source_chain_id);
    put_uvar256(out, m.target_chain_id);
    append(out, m.sender.view());
    append(out, m.target.view());
    put_uvar256(out, m.nonce);
    put_uvar(out, m.payload.size());
    out.insert(out.end(), m.payload.begin(), m.payload.end());
    put_uvar(out, m.proof.size());
    out.insert(out.end(), m.proof.begin(), m.proof.end());
}

Bytes pack_message(const format::CrossRollupMessage& m) {
    Bytes out;
    pack_message(out, m);
    return out;
}

Result<format::CrossRollupMessage> unpack_message(ByteView& in, const PackLimits& limits) {
    if (in.empty()) return fail(errc::truncated, "empty input");
    if (in[0] != kPackVersion)
        return fail(errc::bad_version, "unknown packed-message version " + std::to_string(in[0]));
    ByteView p = in.subspan(1);
    format::CrossRollupMessage m;
    auto at = [](Error e, std::string_view field) { return std::unexpected(std::move(e.at(field))); };
    if (auto r = get_uvar256(p); r)
        m.source_chain_id = *r;
    else
        return at(std::move(r.error()), "sourceChainId");
    if (auto r = get_uvar256(p); r)
        m.target_chain_id = *r;
    else
        return at(std::move(r.error()), "targetChainId");
    if (p.size() < 40) return fail(errc::truncated, "sender/target truncated");
    std::copy_n(p.begin(), 20, m.sender.data());
    std::copy_n(p.begin() + 20, 20, m.target.data());
    p = p.subspan(40);
    if (auto r = get_uvar256(p); r)
        m.nonce = *r;
    else
        return at(std::move(r.error()), "nonce");
    LUXL2_TRY(payload_len, get_length(p, limits.max_payload, "payload"));
    m.payload.assign(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(payload_len));
    p = p.subspan(payload_len);
    LUXL2_TRY(proof_len, get_length(p, limits.max_proof, "proof"));
    m.proof.assign(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(proof_len));
    p = p.subspan(proof_len);
    m.message_hash = format::message_hash(m);
    in = p;
    return m;
}

Result<format::CrossRollupMessage> unpack_message_exact(ByteView in, const PackLimits& limits) {
    LUXL2_TRY(m, unpack_message(in, limits));
    if (!in.empty()) return fail(errc::trailing_bytes, std::to_string(in.size()) + " trailing bytes after the message");
    return m;
}

Result<void> check_message_hash(const format::CrossRollupMessage& m) {
    if (m.message_hash == Hash32{}) return {};
    if (m.message_hash != format::message_hash(m))
        return fail(errc::hash_mismatch, "messageHash does not match the message's content");
    return {};
}

}  // namespace luxl2::xrollup
