// Brotli (RFC 7932) with the standard window (at most 16 MiB; the large-window extension is refused).
#include <brotli/decode.h>
#include <brotli/encode.h>

#include <memory>

#include "backends.hpp"

namespace luxl2::compress::detail {

Result<Bytes> brotli_compress(ByteView in, int level) {
    std::size_t n = BrotliEncoderMaxCompressedSize(in.size());
    if (n == 0) n = in.size() + 1024;
    Bytes out(n);
    if (!BrotliEncoderCompress(level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, in.size(), in.data(), &n, out.data()))
        return fail(errc::internal, "brotli compression failed");
    out.resize(n);
    return out;
}

Result<Bytes> brotli_decompress(ByteView in, std::uint64_t expected) {
    struct Free {
        void operator()(BrotliDecoderState* s) const noexcept { BrotliDecoderDestroyInstance(s); }
    };
    std::unique_ptr<BrotliDecoderState, Free> st(BrotliDecoderCreateInstance(nullptr, nullptr, nullptr));
    if (!st) return fail(errc::internal, "brotli decoder allocation failed");
    std::size_t avail_in = in.size();
    const std::uint8_t* next_in = in.data();
    BoundedOutput out(expected + 1);
    for (;;) {
        auto room = out.room();
        if (room.empty())
            return fail(errc::size_limit, "brotli stream expands past its declared size (refused decompression bomb)");
        std::size_t avail_out = room.size();
        std::uint8_t* next_out = room.data();
        const auto rc = BrotliDecoderDecompressStream(st.get(), &avail_in, &next_in, &avail_out, &next_out, nullptr);
        out.produced(room.size() - avail_out);
        if (rc == BROTLI_DECODER_RESULT_SUCCESS) break;
        if (rc == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) return fail(errc::corrupt, "brotli: truncated stream");
        if (rc == BROTLI_DECODER_RESULT_ERROR)
            return fail(errc::corrupt,
                        std::string("brotli: ") + BrotliDecoderErrorString(BrotliDecoderGetErrorCode(st.get())));
    }
    if (avail_in != 0) return fail(errc::trailing_bytes, "bytes after the brotli stream");
    if (out.size() > expected)
        return fail(errc::size_limit, "brotli stream expands past its declared size (refused decompression bomb)");
    return std::move(out).take();
}

}  // namespace luxl2::compress::detail
