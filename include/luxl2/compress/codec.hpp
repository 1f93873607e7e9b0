// The codec registry: the allow-listed general-purpose compressors of LP-505 ("Compression Schemes")
// over raw bytes, with decompression that enforces an output limit while it streams.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/compression_types.hpp"

namespace luxl2::compress {

using format::CompressionType;

/// Stable error codes of the compression engine.
namespace errc {
inline constexpr std::string_view codec_not_allowed = "compress.codec_not_allowed";  // unknown or disabled codec
inline constexpr std::string_view bad_level = "compress.bad_level";
inline constexpr std::string_view size_limit = "compress.size_limit";        // output would pass the limit (bomb)
inline constexpr std::string_view size_mismatch = "compress.size_mismatch";  // output differs from the declared size
inline constexpr std::string_view hash_mismatch = "compress.hash_mismatch";
inline constexpr std::string_view corrupt = "compress.corrupt";  // the codec rejected the stream
inline constexpr std::string_view trailing_bytes = "compress.trailing_bytes";
inline constexpr std::string_view bad_envelope = "compress.bad_envelope";
inline constexpr std::string_view bad_version = "compress.bad_version";
inline constexpr std::string_view dictionary_unknown = "compress.dictionary_unknown";
inline constexpr std::string_view dictionary_mismatch = "compress.dictionary_mismatch";  // bytes do not hash to the id
inline constexpr std::string_view dictionary_not_supported = "compress.dictionary_not_supported";
inline constexpr std::string_view too_many_elements = "compress.too_many_elements";  // custom decoders' counts
inline constexpr std::string_view internal = "compress.internal";  // a library failed while compressing
}  // namespace errc

/// How a codec is run when compressing. Decompression needs only the CompressionType: gzip and zlib
/// streams are told apart by their headers, LZ4 fast and HC write the same block format, and zstd's
/// long mode only widens the window (bounded by the output limit when reading).
enum class Variant : std::uint8_t {
    kDefault = 0,
    kZlib = 1,     // Gzip: a raw RFC 1950 zlib stream instead of an RFC 1952 gzip member
    kLz4Hc = 2,    // LZ4: the high-compression encoder
    kZstdLong = 3  // Zstandard: long-distance matching with a 128 MiB window
};

struct CodecSpec {
    CompressionType type = CompressionType::kNone;
    Variant variant = Variant::kDefault;
    int level = 0;  // 0: the codec's default
    friend bool operator==(const CodecSpec&, const CodecSpec&) = default;
};

/// One row of the registry.
struct CodecInfo {
    std::string_view name;  // CLI name: none, gzip, zlib, snappy, zstd, zstd-long, lz4, lz4hc, brotli, custom
    CompressionType type;
    Variant variant;
    int min_level;
    int max_level;
    int default_level;
    bool supports_dictionary;
};

/// Every allow-listed codec, in a fixed order.
[[nodiscard]] std::span<const CodecInfo> codecs() noexcept;
/// The registry row for a name ("zstd"), or nullopt.
[[nodiscard]] const CodecInfo* find_codec(std::string_view name) noexcept;
/// The registry row for a spec's type and variant.
[[nodiscard]] const CodecInfo& codec_info(CompressionType type, Variant variant = Variant::kDefault) noexcept;
/// Builds a spec from a CLI name and an optional level; rejects unknown names and levels out of range.
[[nodiscard]] Result<CodecSpec> parse_codec(std::string_view name, std::optional<int> level = std::nullopt);

/// A dictionary as the codecs see it: its bytes, already verified against its id by the store.
struct DictionaryRef {
    Hash32 id;  // keccak256 of bytes
    ByteView bytes;
};

/// Compresses `in` with `spec` (level 0 = default). `dict` is only accepted by codecs that support one.
[[nodiscard]] Result<Bytes> compress_raw(const CodecSpec& spec, ByteView in, const DictionaryRef* dict = nullptr);

/// Decompresses a stream of `type` that must give exactly `expected_size` bytes. Refuses, before any
/// allocation, an `expected_size` above `max_output` or above what the codec can possibly produce
/// from `in.size()` bytes (snappy, LZ4 and the custom coder have a bounded expansion ratio); streams
/// the others into a buffer that grows only as output appears and stops as soon as it would pass
/// `expected_size`. Also rejects codec headers that disagree with `expected_size` and trailing input.
[[nodiscard]] Result<Bytes> decompress_raw(CompressionType type, ByteView in, std::uint64_t expected_size,
                                           std::uint64_t max_output, const DictionaryRef* dict = nullptr);

/// The same into `out`, which the stream must fill exactly: zstd frames that declare their size are
/// decoded in one pass straight into `out`; other codecs go through decompress_raw and a copy. The
/// caller has sized `out`, so it applies the rule decompress_raw keeps: no buffer of a merely claimed
/// size (allocate `out` only when the input could plausibly produce it, e.g. a few times its size).
[[nodiscard]] Result<void> decompress_raw_into(CompressionType type, ByteView in, std::span<std::uint8_t> out);

/// An allocator that leaves the elements a vector grows by uninitialised: for buffers whose every
/// byte is written right after they grow (decoded columns and transactions), saving a zero-fill pass.
template <class T>
struct UninitAllocator : std::allocator<T> {
    template <class U>
    struct rebind {
        using other = UninitAllocator<U>;
    };
    UninitAllocator() noexcept = default;
    template <class U>
    UninitAllocator(const UninitAllocator<U>&) noexcept {}  // NOLINT(google-explicit-constructor)
    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
/// Bytes whose growth leaves the new bytes uninitialised (see UninitAllocator).
using RawBuffer = std::vector<std::uint8_t, UninitAllocator<std::uint8_t>>;

/// The largest output a valid stream of `type` can produce from `compressed_size` bytes, or nullopt
/// when the format has no useful bound (deflate, zstd and brotli are checked while streaming).
[[nodiscard]] std::optional<std::uint64_t> max_expansion(CompressionType type, std::uint64_t compressed_size) noexcept;

}  // namespace luxl2::compress
