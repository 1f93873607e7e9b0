// SHA-256 and HMAC-SHA-256 through OpenSSL 3.
#pragma once

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto {

[[nodiscard]] Hash32 sha256(ByteView data) noexcept;
[[nodiscard]] Hash32 hmac_sha256(ByteView key, ByteView data) noexcept;

/// SHA-256 of exactly 64 bytes (two 32-byte Merkle children), the hot path of SSZ merkleization:
/// several times faster than `sha256` on such inputs (no EVP context, SHA-NI when the CPU has it,
/// the constant padding block's schedule precomputed).
void sha256_64(const std::uint8_t* in64, std::uint8_t* out32) noexcept;

/// `n` independent 64-byte hashes: out[32i..32i+32) = sha256_64(in[64i..64i+64)). `out` may equal
/// `in` (a Merkle layer reduced in place): block i is read before digest i is written. With SHA-NI,
/// up to four messages are hashed interleaved, about 2.5x the throughput of one at a time.
void sha256_64_many(const std::uint8_t* in, std::size_t n, std::uint8_t* out) noexcept;

/// The same with the blocks gathered and the digests scattered through pointers: out[i] receives
/// sha256_64(in[i]). Lets Merkle code hash 64-byte pairs where they lie (in a serialization, in each
/// list's node buffer) without copying them together first. out[i] may overlap in[j] only for j ≤ i
/// (in-place reduction of a layer: block j is read before digest i ≥ j is written).
void sha256_64_ptrs(const std::uint8_t* const* in, std::uint8_t* const* out, std::size_t n) noexcept;

}  // namespace luxl2::crypto
