// The schema (and so every encoding) of the shared compression types of compression_types.hpp.
#pragma once

#include "luxl2/format/compression_types.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

template <>
struct Schema<CompressionConfig> {
    static constexpr std::string_view name = "CompressionConfig";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("algorithm", s.algorithm);
        v("compressionLevel", s.compression_level);
        v("dictionarySize", s.dictionary_size);
        v("dictionary", s.dictionary);
    }
};

template <>
struct Schema<CompressedBlock> {
    static constexpr std::string_view name = "CompressedBlock";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("uncompressedHash", s.uncompressed_hash);
        v("uncompressedSize", s.uncompressed_size);
        v("compression", s.compression);
        v("compressedData", s.compressed_data);
    }
};

}  // namespace luxl2::format
