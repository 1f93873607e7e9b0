// Private: the small value codings shared by the columnar, indexed-body and state-delta coders.
#pragma once

#include <cstdint>
#include <string>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::compress::detail {

/// A column being read: every read checks what is left and consumes.
struct Reader {
    ByteView in;
    std::string_view name;

    [[nodiscard]] Error short_read() const { return Error{errc::corrupt, std::string(name) + ": column ends early"}; }
    Result<std::uint8_t> byte() {
        if (in.empty()) return std::unexpected(short_read());
        const std::uint8_t b = in[0];
        in = in.subspan(1);
        return b;
    }
    Result<std::uint64_t> varint() {
        // Most entries are one byte: taken here without the general decoder's call.
        if (!in.empty() && in[0] < 0x80) {
            const std::uint8_t b = in[0];
            in = in.subspan(1);
            return b;
        }
        auto v = get_varint(in);
        if (!v) return std::unexpected(Error{errc::corrupt, std::string(name) + ": " + v.error().message});
        return *v;
    }
    Result<ByteView> take(std::uint64_t n) {
        if (n > in.size()) return std::unexpected(short_read());
        const ByteView out = in.first(static_cast<std::size_t>(n));
        in = in.subspan(static_cast<std::size_t>(n));
        return out;
    }
    template <std::size_t N>
    Result<FixedBytes<N>> fixed() {
        LUXL2_TRY(v, take(N));
        return FixedBytes<N>::from_view(v);
    }
};

/// U256 as u8 length (0..32) ‖ minimal big-endian bytes.
inline void put_compact_u256(Bytes& out, const U256& v) {
    const Bytes b = v.to_be_trimmed();
    out.push_back(static_cast<std::uint8_t>(b.size()));
    append(out, b);
}
inline Result<U256> get_compact_u256(Reader& r) {
    LUXL2_TRY(len, r.byte());
    if (len > 32) return fail(errc::corrupt, std::string(r.name) + ": integer longer than 32 bytes");
    LUXL2_TRY(b, r.take(len));
    if (len > 0 && b[0] == 0) return fail(errc::corrupt, std::string(r.name) + ": integer with a leading zero");
    return U256::from_be_bytes(b);
}

/// Decimal float: u8 h ‖ mantissa, value = m * 10^(h & 0x7f). h bit 7 clear: m as a varint; set: u8
/// length (9..32) ‖ minimal big-endian m (m >= 2^64). Canonical: m not divisible by 10, zero as 00 00.
/// The split form writes h to `head` and the mantissa to `mant` (two columns compress better than one).
void put_decfloat(Bytes& head, Bytes& mant, const U256& v);
Result<U256> get_decfloat(Reader& head, Reader& mant);
inline void put_decfloat(Bytes& out, const U256& v) {
    put_decfloat(out, out, v);
}
inline Result<U256> get_decfloat(Reader& r) {
    return get_decfloat(r, r);
}

/// Zigzag for signed deltas.
inline std::uint64_t zigzag(std::uint64_t delta) noexcept {
    const auto s = static_cast<std::int64_t>(delta);
    return (static_cast<std::uint64_t>(s) << 1) ^ static_cast<std::uint64_t>(s >> 63);
}
inline std::uint64_t unzigzag(std::uint64_t z) noexcept {
    return (z >> 1) ^ (~(z & 1) + 1);
}

/// One column's coding: the smallest of the candidates offered to `consider`, or the raw bytes when
/// none is smaller. Written as u8 type ‖ varint(raw size) ‖ [varint(coded size) unless stored raw]
/// ‖ bytes (docs/format/columnar.md).
class ColumnChoice {
public:
    explicit ColumnChoice(ByteView raw) : raw_(raw) {}
    /// Keeps `coded` when it is smaller than the best so far (a failed coding is ignored).
    void consider(CompressionType type, Result<Bytes> coded) {
        if (coded && coded->size() < (type_ == CompressionType::kNone ? raw_.size() : best_.size())) {
            best_ = std::move(*coded);
            type_ = type;
        }
    }
    [[nodiscard]] CompressionType type() const noexcept { return type_; }
    /// Appends the column to `out`.
    void write(Bytes& out) const {
        out.push_back(static_cast<std::uint8_t>(type_));
        put_varint(out, raw_.size());
        if (type_ == CompressionType::kNone) {
            out.insert(out.end(), raw_.begin(), raw_.end());
        } else {
            put_varint(out, best_.size());
            out.insert(out.end(), best_.begin(), best_.end());
        }
    }

private:
    ByteView raw_;
    Bytes best_;
    CompressionType type_ = CompressionType::kNone;
};

}  // namespace luxl2::compress::detail
