// The registry of allow-listed codecs and the dispatch to their backends.
#include "luxl2/compress/codec.hpp"

#include <array>
#include <string>

#include "backends.hpp"

namespace luxl2::compress {
namespace {

using CT = CompressionType;
constexpr std::array<CodecInfo, 10> kCodecs{{
    {"none", CT::kNone, Variant::kDefault, 0, 0, 0, false},
    {"gzip", CT::kGzip, Variant::kDefault, 1, 9, 6, false},
    {"zlib", CT::kGzip, Variant::kZlib, 1, 9, 6, false},
    {"snappy", CT::kSnappy, Variant::kDefault, 0, 0, 0, false},
    {"zstd", CT::kZstandard, Variant::kDefault, 1, 22, 3, true},
    {"zstd-long", CT::kZstandard, Variant::kZstdLong, 1, 22, 3, true},
    {"lz4", CT::kLZ4, Variant::kDefault, 1, 1, 1, false},
    {"lz4hc", CT::kLZ4, Variant::kLz4Hc, 1, 12, 9, false},
    {"brotli", CT::kBrotli, Variant::kDefault, 0, 11, 6, false},
    {"custom", CT::kCustom, Variant::kDefault, 0, 0, 0, false},
}};

// Expansion bounds of the formats without a streaming decoder here: a snappy copy op of 2 bytes
// yields at most 11 bytes and one of 3 bytes at most 64 (so < 22:1); an LZ4 sequence adds at most
// 255 output bytes per input byte of its length extension; the custom coder is Huffman (<= 8:1)
// over RLE, whose repeat op is unbounded, so it streams instead.
constexpr std::uint64_t kSnappyRatio = 22;
constexpr std::uint64_t kLz4Ratio = 256;

}  // namespace

std::span<const CodecInfo> codecs() noexcept {
    return kCodecs;
}

const CodecInfo* find_codec(std::string_view name) noexcept {
    for (const auto& c : kCodecs)
        if (c.name == name) return &c;
    return nullptr;
}

const CodecInfo& codec_info(CompressionType type, Variant variant) noexcept {
    for (const auto& c : kCodecs)
        if (c.type == type && c.variant == variant) return c;
    for (const auto& c : kCodecs)
        if (c.type == type) return c;
    return kCodecs[0];
}

Result<CodecSpec> parse_codec(std::string_view name, std::optional<int> level) {
    const CodecInfo* c = find_codec(name);
    if (c == nullptr)
        return fail(errc::codec_not_allowed,
                    "unknown codec '" + std::string(name) +
                        "' (none, gzip, zlib, snappy, zstd, zstd-long, lz4, lz4hc, brotli, custom)");
    CodecSpec s{c->type, c->variant, c->default_level};
    if (level) {
        if (*level < c->min_level || *level > c->max_level)
            return fail(errc::bad_level, std::string(c->name) + " levels are " + std::to_string(c->min_level) + ".." +
                                             std::to_string(c->max_level));
        s.level = *level;
    }
    return s;
}

std::optional<std::uint64_t> max_expansion(CompressionType type, std::uint64_t n) noexcept {
    switch (type) {
        case CT::kNone: return n;
        case CT::kSnappy: return n * kSnappyRatio + 16;
        case CT::kLZ4: return n * kLz4Ratio + 16;
        default: return std::nullopt;
    }
}

Result<Bytes> compress_raw(const CodecSpec& spec, ByteView in, const DictionaryRef* dict) {
    const CodecInfo& info = codec_info(spec.type, spec.variant);
    if (info.type != spec.type) return fail(errc::codec_not_allowed, "codec type not in the registry");
    if (dict != nullptr && !info.supports_dictionary)
        return fail(errc::dictionary_not_supported, std::string(info.name) + " takes no dictionary");
    const int level = spec.level == 0 ? info.default_level : spec.level;
    if (level < info.min_level || level > info.max_level) return fail(errc::bad_level, "level out of range");
    switch (spec.type) {
        case CT::kNone: return Bytes(in.begin(), in.end());
        case CT::kGzip: return detail::zlib_compress(in, spec.variant != Variant::kZlib, level);
        case CT::kSnappy: return detail::snappy_compress(in);
        case CT::kZstandard: return detail::zstd_compress(in, level, spec.variant == Variant::kZstdLong, dict);
        case CT::kLZ4: return detail::lz4_compress(in, spec.variant == Variant::kLz4Hc, level);
        case CT::kBrotli: return detail::brotli_compress(in, level);
        case CT::kCustom: return detail::custom_compress(in);
    }
    return fail(errc::codec_not_allowed, "codec type not in the registry");
}

Result<Bytes> decompress_raw(CompressionType type, ByteView in, std::uint64_t expected, std::uint64_t max_output,
                             const DictionaryRef* dict) {
    if (static_cast<unsigned>(type) > static_cast<unsigned>(CT::kCustom))
        return fail(errc::codec_not_allowed,
                    "compression type " + std::to_string(static_cast<unsigned>(type)) + " is not allow-listed");
    if (expected > max_output)
        return fail(errc::size_limit, "declared size " + std::to_string(expected) + " passes the limit of " +
                                          std::to_string(max_output) + " bytes (refused decompression bomb)");
    if (const auto bound = max_expansion(type, in.size()); bound && expected > *bound)
        return fail(errc::size_limit, "declared size " + std::to_string(expected) + " is more than " +
                                          std::to_string(in.size()) +
                                          " compressed bytes can produce (refused decompression bomb)");
    if (dict != nullptr && type != CT::kZstandard)
        return fail(errc::dictionary_not_supported, "only zstd streams take a dictionary");
    Result<Bytes> out = fail(errc::codec_not_allowed, "unreachable");
    switch (type) {
        case CT::kNone:
            if (in.size() != expected) return fail(errc::size_mismatch, "stored bytes differ from the declared size");
            return Bytes(in.begin(), in.end());
        case CT::kGzip: out = detail::zlib_decompress(in, expected); break;
        case CT::kSnappy: out = detail::snappy_decompress(in, expected); break;
        case CT::kZstandard: out = detail::zstd_decompress(in, expected, dict); break;
        case CT::kLZ4: out = detail::lz4_decompress(in, expected); break;
        case CT::kBrotli: out = detail::brotli_decompress(in, expected); break;
        case CT::kCustom: out = detail::custom_decompress(in, expected); break;
    }
    if (out && out->size() != expected)
        return fail(errc::size_mismatch,
                    "stream gave " + std::to_string(out->size()) + " bytes, declared " + std::to_string(expected));
    return out;
}

Result<void> decompress_raw_into(CompressionType type, ByteView in, std::span<std::uint8_t> out) {
    if (type == CT::kZstandard) return detail::zstd_decompress_into(in, out);
    LUXL2_TRY(d, decompress_raw(type, in, out.size(), out.size()));
    std::copy(d.begin(), d.end(), out.begin());
    return {};
}

namespace detail {

std::span<std::uint8_t> BoundedOutput::room() {
    if (len_ >= cap_) return {};
    if (len_ == buf_.size()) {
        const std::uint64_t grown = std::max<std::uint64_t>({buf_.size() * 2, 64 * 1024, first_});
        buf_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(grown, cap_)));
    }
    return std::span<std::uint8_t>(buf_.data() + len_, buf_.size() - len_);
}

}  // namespace detail
}  // namespace luxl2::compress
