// Snappy (raw format, varint length preamble) and LZ4 (block format; the length is the envelope's).
// Neither streams here: both lengths are checked against the envelope and the ratio bound first.
#include <lz4.h>
#include <lz4hc.h>
#include <snappy.h>

#include <limits>

#include "backends.hpp"

namespace luxl2::compress::detail {

Result<Bytes> snappy_compress(ByteView in) {
    Bytes out(snappy::MaxCompressedLength(in.size()));
    std::size_t n = 0;
    snappy::RawCompress(reinterpret_cast<const char*>(in.data()), in.size(), reinterpret_cast<char*>(out.data()), &n);
    out.resize(n);
    return out;
}

Result<Bytes> snappy_decompress(ByteView in, std::uint64_t expected) {
    std::size_t len = 0;
    const char* p = reinterpret_cast<const char*>(in.data());
    if (!snappy::GetUncompressedLength(p, in.size(), &len)) return fail(errc::corrupt, "snappy: bad length preamble");
    if (len != expected)
        return fail(
            len > expected ? errc::size_limit : errc::size_mismatch,
            "snappy preamble declares " + std::to_string(len) + " bytes, the envelope " + std::to_string(expected));
    Bytes out(len);
    if (!snappy::RawUncompress(p, in.size(), reinterpret_cast<char*>(out.data())))
        return fail(errc::corrupt, "snappy: corrupt stream");
    return out;
}

Result<Bytes> lz4_compress(ByteView in, bool hc, int level) {
    if (in.size() > LZ4_MAX_INPUT_SIZE) return fail(errc::internal, "lz4: input too large");
    if (in.empty()) return Bytes{};  // the empty block: no sequences at all
    Bytes out(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(in.size()))));
    const char* src = reinterpret_cast<const char*>(in.data());
    char* dst = reinterpret_cast<char*>(out.data());
    const int n = hc ? LZ4_compress_HC(src, dst, static_cast<int>(in.size()), static_cast<int>(out.size()), level)
                     : LZ4_compress_default(src, dst, static_cast<int>(in.size()), static_cast<int>(out.size()));
    if (n <= 0 && !in.empty()) return fail(errc::internal, "lz4 compression failed");
    out.resize(static_cast<std::size_t>(std::max(n, 0)));
    return out;
}

Result<Bytes> lz4_decompress(ByteView in, std::uint64_t expected) {
    if (in.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        expected > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        return fail(errc::size_limit, "lz4 block too large");
    if (expected == 0) {
        if (!in.empty()) return fail(errc::trailing_bytes, "lz4: bytes in an empty block");
        return Bytes{};
    }
    Bytes out(static_cast<std::size_t>(expected));
    const int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in.data()), reinterpret_cast<char*>(out.data()),
                                      static_cast<int>(in.size()), static_cast<int>(out.size()));
    if (n < 0) return fail(errc::corrupt, "lz4: corrupt block or output past its declared size");
    if (static_cast<std::uint64_t>(n) != expected) return fail(errc::size_mismatch, "lz4 block shorter than declared");
    return out;
}

}  // namespace luxl2::compress::detail
