// Gzip (RFC 1952) and zlib (RFC 1950) over deflate, with zlib's streaming inflate.
#include <zlib.h>

#include <limits>

#include "backends.hpp"

namespace luxl2::compress::detail {
namespace {
constexpr int kWindowBits = 15;
constexpr int kGzipHeader = 16;  // windowBits + 16: write a gzip member
constexpr int kAutoHeader = 32;  // windowBits + 32: read either header
}  // namespace

Result<Bytes> zlib_compress(ByteView in, bool gzip, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, kWindowBits + (gzip ? kGzipHeader : 0), 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return fail(errc::internal, "deflateInit2 failed");
    Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
    zs.next_in = const_cast<Bytef*>(in.data());  // zlib's API is not const-correct; it does not write
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto n = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return fail(errc::internal, "deflate did not finish");
    out.resize(n);
    return out;
}

Result<Bytes> zlib_decompress(ByteView in, std::uint64_t expected) {
    if (in.size() > std::numeric_limits<uInt>::max()) return fail(errc::corrupt, "deflate stream too large");
    z_stream zs{};
    if (inflateInit2(&zs, kWindowBits + kAutoHeader) != Z_OK) return fail(errc::internal, "inflateInit2 failed");
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    BoundedOutput out(expected + 1);
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        auto room = out.room();
        if (room.empty()) {
            inflateEnd(&zs);
            return fail(errc::size_limit, "deflate stream expands past its declared size (refused decompression bomb)");
        }
        zs.next_out = room.data();
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(room.size(), std::numeric_limits<uInt>::max()));
        const uInt before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.produced(before - zs.avail_out);
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && !(rc == Z_BUF_ERROR && zs.avail_in != 0)) {
            inflateEnd(&zs);
            return fail(errc::corrupt, std::string("inflate: ") + (zs.msg ? zs.msg : "truncated stream"));
        }
    }
    const bool trailing = zs.avail_in != 0;
    inflateEnd(&zs);
    if (trailing) return fail(errc::trailing_bytes, "bytes after the deflate stream");
    if (out.size() > expected)
        return fail(errc::size_limit, "deflate stream expands past its declared size (refused decompression bomb)");
    return std::move(out).take();
}

}  // namespace luxl2::compress::detail
