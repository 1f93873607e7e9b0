// LP-505 "Compression Schemes" data types. Shared by the block format (which encodes them) and the
// compression engine (which produces and reads them).
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::format {

/// LP-505 CompressionType, in the spec's order (the numeric values are part of every encoding).
enum class CompressionType : std::uint8_t {
    kNone = 0,
    kGzip = 1,
    kSnappy = 2,
    kZstandard = 3,
    kLZ4 = 4,
    kBrotli = 5,
    kCustom = 6,
};

struct CompressionConfig {
    CompressionType algorithm = CompressionType::kNone;
    U256 compression_level;  // codec-specific range (zstd 1-22, brotli 0-11, ...)
    U256 dictionary_size;
    Bytes dictionary;
    friend bool operator==(const CompressionConfig&, const CompressionConfig&) = default;
};

struct CompressedBlock {
    Hash32 uncompressed_hash;  // keccak256 of the uncompressed bytes
    U256 uncompressed_size;
    CompressionType compression = CompressionType::kNone;
    Bytes compressed_data;
    friend bool operator==(const CompressedBlock&, const CompressedBlock&) = default;
};

}  // namespace luxl2::format
