// Private: one function pair per codec family, behind the registry in codec.cpp.
#pragma once

#include <cstdint>

#include "luxl2/compress/codec.hpp"

namespace luxl2::compress::detail {

/// An output buffer that grows only as output appears and never past `cap` bytes.
class BoundedOutput {
public:
    /// `first`: the size of the first allocation when it is known to be sane, e.g. a small multiple of
    /// the compressed input actually present (never a size the input merely claims).
    explicit BoundedOutput(std::uint64_t cap, std::uint64_t first = 0) : cap_(cap), first_(first) {}
    /// Room for more output: at least one byte unless the cap is reached (then empty).
    std::span<std::uint8_t> room();
    void produced(std::size_t n) noexcept { len_ += n; }
    [[nodiscard]] std::size_t size() const noexcept { return len_; }
    [[nodiscard]] bool full() const noexcept { return len_ >= cap_; }
    Bytes take() && {
        buf_.resize(len_);
        return std::move(buf_);
    }

private:
    Bytes buf_;
    std::size_t len_ = 0;
    std::uint64_t cap_;
    std::uint64_t first_;
};

Result<Bytes> zlib_compress(ByteView in, bool gzip, int level);
Result<Bytes> zlib_decompress(ByteView in, std::uint64_t expected);

Result<Bytes> zstd_compress(ByteView in, int level, bool long_mode, const DictionaryRef* dict);
Result<Bytes> zstd_decompress(ByteView in, std::uint64_t expected, const DictionaryRef* dict);
/// One frame that declares exactly out.size() bytes, decoded in one pass into `out`.
Result<void> zstd_decompress_into(ByteView in, std::span<std::uint8_t> out);

Result<Bytes> snappy_compress(ByteView in);
Result<Bytes> snappy_decompress(ByteView in, std::uint64_t expected);

Result<Bytes> lz4_compress(ByteView in, bool hc, int level);
Result<Bytes> lz4_decompress(ByteView in, std::uint64_t expected);

Result<Bytes> brotli_compress(ByteView in, int level);
Result<Bytes> brotli_decompress(ByteView in, std::uint64_t expected);

Result<Bytes> custom_compress(ByteView in);
Result<Bytes> custom_decompress(ByteView in, std::uint64_t expected);

}  // namespace luxl2::compress::detail
