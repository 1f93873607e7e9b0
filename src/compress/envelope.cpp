#include "luxl2/compress/envelope.hpp"

#include <string>

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {
namespace {

constexpr std::uint8_t kFlagDictionary = 0x01;
constexpr unsigned kVariantShift = 1;  // bits 1..2: the Variant used (informational)
constexpr std::uint8_t kKnownFlags = 0x07;

}  // namespace

Result<format::CompressedBlock> compress_block(ByteView data, const CodecSpec& spec, const Dictionary* dict) {
    format::CompressedBlock b;
    b.uncompressed_hash = crypto::keccak256(data);
    b.uncompressed_size = U256(data.size());
    b.compression = spec.type;
    const DictionaryRef ref = dict != nullptr ? dict->ref() : DictionaryRef{};
    LUXL2_TRY(stream, compress_raw(spec, data, dict != nullptr ? &ref : nullptr));
    const auto variant = static_cast<std::uint8_t>((static_cast<unsigned>(spec.variant) & 3u) << kVariantShift);
    b.compressed_data.reserve(stream.size() + 33);
    b.compressed_data.push_back(static_cast<std::uint8_t>(variant | (dict != nullptr ? kFlagDictionary : 0)));
    if (dict != nullptr) append(b.compressed_data, dict->id);
    append(b.compressed_data, stream);
    return b;
}

Result<format::CompressedBlock> compress_block(ByteView data, const format::CompressionConfig& config) {
    if (!config.compression_level.fits_u64() || config.compression_level.low64() > 22)
        return fail(errc::bad_level, "compression level out of range");
    CodecSpec spec{config.algorithm, Variant::kDefault, static_cast<int>(config.compression_level.low64())};
    if (config.dictionary.empty()) return compress_block(data, spec);
    Dictionary d{crypto::keccak256(config.dictionary), 0, config.dictionary};
    return compress_block(data, spec, &d);
}

Result<Bytes> decompress_block(const format::CompressedBlock& b, const DecompressOptions& opt) {
    if (static_cast<unsigned>(b.compression) > static_cast<unsigned>(format::CompressionType::kCustom))
        return fail(
            errc::codec_not_allowed,
            "compression type " + std::to_string(static_cast<unsigned>(b.compression)) + " is not allow-listed");
    if (!b.uncompressed_size.fits_u64() || b.uncompressed_size.low64() > opt.max_output)
        return fail(errc::size_limit, "declared size " + b.uncompressed_size.to_string() + " passes the limit of " +
                                          std::to_string(opt.max_output) + " bytes (refused decompression bomb)");
    ByteView in = b.compressed_data;
    if (in.empty()) return fail(errc::bad_envelope, "missing codec flags");
    const std::uint8_t flags = in[0];
    in = in.subspan(1);
    if ((flags & ~kKnownFlags) != 0) return fail(errc::bad_envelope, "unknown codec flags");
    const Dictionary* dict = nullptr;
    if ((flags & kFlagDictionary) != 0) {
        if (in.size() < 32) return fail(errc::bad_envelope, "truncated dictionary id");
        const Hash32 id = Hash32::from_view(in.first(32));
        in = in.subspan(32);
        dict = opt.dictionaries != nullptr ? opt.dictionaries->find(id) : nullptr;
        if (dict == nullptr) return fail(errc::dictionary_unknown, "dictionary " + to_hex(id) + " is not in the store");
    }
    const DictionaryRef ref = dict != nullptr ? dict->ref() : DictionaryRef{};
    LUXL2_TRY(out, decompress_raw(b.compression, in, b.uncompressed_size.low64(), opt.max_output,
                                  dict != nullptr ? &ref : nullptr));
    if (crypto::keccak256(out) != b.uncompressed_hash)
        return fail(errc::hash_mismatch, "decompressed bytes do not hash to uncompressedHash");
    return out;
}

void encode_envelope(Bytes& out, const format::CompressedBlock& b) {
    out.push_back(kEnvelopeVersion);
    out.push_back(static_cast<std::uint8_t>(b.compression));
    LUXL2_ASSERT(b.uncompressed_size.fits_u64());
    put_varint(out, b.uncompressed_size.low64());
    append(out, b.uncompressed_hash);
    append(out, b.compressed_data);
}

Bytes encode_envelope(const format::CompressedBlock& b) {
    Bytes out;
    out.reserve(b.compressed_data.size() + 48);
    encode_envelope(out, b);
    return out;
}

Result<format::CompressedBlock> decode_envelope(ByteView in) {
    if (in.size() < 2) return fail(errc::bad_envelope, "truncated envelope");
    if (in[0] != kEnvelopeVersion)
        return fail(errc::bad_version, "envelope version " + std::to_string(in[0]) + " (expected 1)");
    if (in[1] > static_cast<std::uint8_t>(format::CompressionType::kCustom))
        return fail(errc::codec_not_allowed, "compression type " + std::to_string(in[1]) + " is not allow-listed");
    format::CompressedBlock b;
    b.compression = static_cast<format::CompressionType>(in[1]);
    in = in.subspan(2);
    LUXL2_TRY(size, get_varint(in));
    b.uncompressed_size = U256(size);
    if (in.size() < 32) return fail(errc::bad_envelope, "truncated hash");
    b.uncompressed_hash = Hash32::from_view(in.first(32));
    in = in.subspan(32);
    b.compressed_data.assign(in.begin(), in.end());
    return b;
}

Result<Bytes> decompress_envelope(ByteView in, const DecompressOptions& opt) {
    LUXL2_TRY(b, decode_envelope(in));
    return decompress_block(b, opt);
}

}  // namespace luxl2::compress
