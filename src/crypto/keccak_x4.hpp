// Private: four Keccak-f[1600] permutations side by side (AVX-512VL or AVX2 when the CPU has them,
// otherwise four scalar calls), and a four-lane SHAKE for equal-length inputs. ML-DSA expands its matrix and masks
// four polynomials at a time with it; SLH-DSA runs four hash chains, leaves or nodes at a time.
#pragma once

#include <cstddef>
#include <cstdint>

namespace luxl2::crypto {

/// Four interleaved states: lane i of instance j is s[i][j].
struct KeccakX4State {
    alignas(32) std::uint64_t s[25][4];
};

/// `lanes` (1-4): only instances 0..lanes−1 are needed; the portable form skips the others (their
/// contents are then unspecified), the vector forms permute all four at no extra cost.
void keccak_f1600_x4(KeccakX4State& st, std::size_t lanes = 4) noexcept;
void keccak_f1600_x4_portable(KeccakX4State& st, std::size_t lanes = 4) noexcept;
/// Whether keccak_f1600_x4 uses AVX2 (CPU support, and not disabled by `allow_keccak_x4_avx2`).
bool keccak_x4_avx2_enabled() noexcept;
void allow_keccak_x4_avx2(bool allow) noexcept;
/// Whether it uses the AVX-512VL form (rotate and ternary-logic instructions on 256-bit vectors):
/// CPU support, AVX2 allowed, and not disabled by `allow_keccak_x4_avx512`.
bool keccak_x4_avx512_enabled() noexcept;
void allow_keccak_x4_avx512(bool allow) noexcept;

/// Four SHAKE sponges over inputs of the same length `len`, absorbed at once.
class ShakeX4 {
public:
    /// rate 168 (SHAKE128) or 136 (SHAKE256). Only the first `lanes` outputs are meaningful (the
    /// portable permutation skips the rest).
    ShakeX4(std::size_t rate, const std::uint8_t* const in[4], std::size_t len, std::size_t lanes = 4) noexcept;
    ~ShakeX4();
    ShakeX4(const ShakeX4&) = delete;
    ShakeX4& operator=(const ShakeX4&) = delete;
    /// Squeezes `blocks` whole blocks (blocks · rate bytes) into each out[j].
    void squeeze_blocks(std::uint8_t* const out[4], std::size_t blocks) noexcept;

private:
    KeccakX4State st_;
    std::size_t rate_;
    std::size_t lanes_;
    bool fresh_ = true;  // the first squeezed block needs no permutation before it
};

/// SHAKE256 of in[j] (len < 136 bytes) into out[j] (out_len ≤ 136): one permutation for four.
/// `wipe` clears the state afterwards (when the inputs are secret).
void shake256_x4_one_block(std::uint8_t* const out[4], std::size_t out_len, const std::uint8_t* const in[4],
                           std::size_t len, bool wipe = false) noexcept;

}  // namespace luxl2::crypto
