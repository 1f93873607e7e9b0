#include "luxl2/compress/records.hpp"

namespace luxl2::compress::detail {

// The same codec choice as the columnar transaction coder: Huffman over RLE for small near-constant
// columns, zstd (a high level on small columns, a fast one on large), none when nothing wins.
void write_record_columns(Bytes& out, std::span<const Bytes> columns) {
    for (const Bytes& raw : columns) {
        Bytes best;
        auto type = CompressionType::kNone;
        auto consider = [&](CompressionType t, Result<Bytes> r) {
            if (r && r->size() < (type == CompressionType::kNone ? raw.size() : best.size())) {
                best = std::move(*r);
                type = t;
            }
        };
        if (raw.size() >= 8 && raw.size() < 4096)
            consider(CompressionType::kCustom, compress_raw({CompressionType::kCustom, Variant::kDefault, 0}, raw));
        if (raw.size() >= 32)
            consider(CompressionType::kZstandard,
                     compress_raw({CompressionType::kZstandard, Variant::kDefault, raw.size() <= 65536 ? 12 : 3}, raw));
        out.push_back(static_cast<std::uint8_t>(type));
        put_varint(out, raw.size());
        if (type == CompressionType::kNone) {
            append(out, raw);
        } else {
            put_varint(out, best.size());
            append(out, best);
        }
    }
}

Result<std::vector<Bytes>> read_record_columns(ByteView& in, std::size_t count, std::uint64_t max_output) {
    std::vector<Bytes> cols;
    cols.reserve(count);  // count is the type's own column count, not taken from the input
    std::uint64_t budget = max_output;
    for (std::size_t c = 0; c < count; ++c) {
        if (in.empty()) return fail(errc::corrupt, "records: input ends before its columns");
        const std::uint8_t codec = in[0];
        in = in.subspan(1);
        LUXL2_TRY(raw_len, get_varint(in));
        if (raw_len > budget) return fail(errc::size_limit, "records: columns pass the output limit (refused bomb)");
        budget -= raw_len;
        if (codec == static_cast<std::uint8_t>(CompressionType::kNone)) {
            if (raw_len > in.size()) return fail(errc::corrupt, "records: column ends early");
            cols.emplace_back(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(raw_len));
            in = in.subspan(static_cast<std::size_t>(raw_len));
            continue;
        }
        if (codec != static_cast<std::uint8_t>(CompressionType::kZstandard) &&
            codec != static_cast<std::uint8_t>(CompressionType::kCustom))
            return fail(errc::codec_not_allowed, "records: codec not allowed for a column");
        LUXL2_TRY(stored, get_varint(in));
        if (stored > in.size()) return fail(errc::corrupt, "records: column ends early");
        LUXL2_TRY(d, decompress_raw(static_cast<CompressionType>(codec), in.first(static_cast<std::size_t>(stored)),
                                    raw_len, raw_len));
        cols.push_back(std::move(d));
        in = in.subspan(static_cast<std::size_t>(stored));
    }
    return cols;
}

}  // namespace luxl2::compress::detail
