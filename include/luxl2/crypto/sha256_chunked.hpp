// SHA-256 of several equal-length messages side by side, and a chunked SHA-256 tree built on it for
// hashing megabytes faster than one SHA-256 stream can.
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto {

/// `n` messages of `len` bytes each: out[i] receives SHA-256(in[i][0..len)). With SHA-NI up to four
/// messages run interleaved (one message's rounds are a dependency chain; four fill the SHA unit),
/// about 2.5x the throughput of a single stream. out[i] must not overlap any in[j].
void sha256_same_length(const std::uint8_t* const* in, std::size_t len, std::uint8_t* const* out,
                        std::size_t n) noexcept;

/// Allows (default) or forbids the build of the lanes that uses AVX-512VL registers (when the CPU has
/// them; identical results), process-wide. For tests and benchmarks.
void allow_sha256_lanes_avx512(bool allow) noexcept;

/// The chunked SHA-256 tree (docs/format/columnar.md, "Hash"): the input S is cut into chunks of
/// kChunk bytes (the last one shorter, none for an empty S), and
///   H(S) = SHA-256(u64be(|S|) ‖ SHA-256(chunk_0) ‖ … ‖ SHA-256(chunk_{m-1})).
/// Independent chunks hash in parallel lanes. Input may arrive in pieces of any size: whole groups of
/// chunks are hashed where they lie, only the remainder is staged.
class Sha256Chunked {
public:
    static constexpr std::size_t kChunk = 16 * 1024;
    static constexpr std::size_t kLanes = 4;

    void update(ByteView data);
    [[nodiscard]] Hash32 finish();

private:
    void hash_chunks(const std::uint8_t* p, std::size_t chunks);

    Bytes digests_;  // 32 bytes per chunk hashed so far
    Bytes stage_;    // fewer than kLanes * kChunk bytes waiting
    std::uint64_t total_ = 0;
};

/// The tree hash of one contiguous input.
[[nodiscard]] Hash32 sha256_chunked(ByteView data);

}  // namespace luxl2::crypto
