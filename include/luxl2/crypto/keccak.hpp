// Keccak-f[1600] and the sponges built on it: Ethereum's keccak256 (original Keccak padding 0x01),
// FIPS 202 SHA3-256/512 (0x06) and SHAKE128/256 (0x1F) with incremental absorb and squeeze.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto {

/// The Keccak-f[1600] permutation (24 rounds) on 25 little-endian lanes, A[x + 5y].
/// Dispatches at start-up to the fastest variant this CPU runs; all variants give identical results.
void keccak_f1600(std::uint64_t state[25]) noexcept;
/// The portable variant, always available (and tested against the dispatched one).
void keccak_f1600_portable(std::uint64_t state[25]) noexcept;
/// Whether keccak_f1600 uses the x86-64-v3 (BMI1/BMI2) variant on this machine now.
[[nodiscard]] bool keccak_f1600_has_x86_64_v3() noexcept;
/// Allows (default) or forbids that variant, process-wide, so tests can run the portable code (and
/// SLH-DSA's one-block kernels, chosen with it) on a CPU that has BMI1/BMI2.
void allow_keccak_f1600_x86_64_v3(bool allow) noexcept;

/// A Keccak sponge: absorb any number of times, then squeeze any number of times. Absorbing after
/// the first squeeze is a programmer error (asserted).
class Sponge {
public:
    /// `rate_bytes` < 200 and a multiple of 8; `domain` is the padding's first byte (0x01 Keccak,
    /// 0x06 SHA-3, 0x1F SHAKE).
    Sponge(std::size_t rate_bytes, std::uint8_t domain) noexcept;
    ~Sponge() { secure_wipe(state_, sizeof state_); }
    Sponge(const Sponge&) = default;
    Sponge& operator=(const Sponge&) = default;

    void absorb(ByteView data) noexcept;
    void squeeze(std::span<std::uint8_t> out) noexcept;
    void reset() noexcept;

private:
    void pad_and_switch() noexcept;

    std::uint64_t state_[25];
    std::size_t rate_;
    std::size_t pos_ = 0;  // byte offset within the current block
    std::uint8_t domain_;
    bool squeezing_ = false;
};

/// Incremental hashers with the standard parameters.
[[nodiscard]] inline Sponge keccak256_hasher() noexcept {
    return Sponge(136, 0x01);
}
[[nodiscard]] inline Sponge sha3_256_hasher() noexcept {
    return Sponge(136, 0x06);
}
[[nodiscard]] inline Sponge sha3_512_hasher() noexcept {
    return Sponge(72, 0x06);
}
[[nodiscard]] inline Sponge shake128_hasher() noexcept {
    return Sponge(168, 0x1F);
}
[[nodiscard]] inline Sponge shake256_hasher() noexcept {
    return Sponge(136, 0x1F);
}

[[nodiscard]] Hash32 keccak256(ByteView data) noexcept;
[[nodiscard]] Hash32 sha3_256(ByteView data) noexcept;
[[nodiscard]] std::array<std::uint8_t, 64> sha3_512(ByteView data) noexcept;
void shake128(ByteView data, std::span<std::uint8_t> out) noexcept;
void shake256(ByteView data, std::span<std::uint8_t> out) noexcept;

}  // namespace luxl2::crypto
