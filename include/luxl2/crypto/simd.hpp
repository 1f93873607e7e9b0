// Runtime choice between the portable code and the AVX2 code of the post-quantum schemes (the
// ML-DSA NTT, pointwise products and matrix rows, the parsing of its rejection sampling, and the four-way Keccak used
// by ML-DSA and SLH-DSA, which uses AVX-512VL instructions on 256-bit vectors when the CPU has them). AVX2 runs when
// the CPU has it and it is allowed (the default); every path gives identical results, and the tests run the vectors
// through each.
#pragma once

namespace luxl2::crypto {

/// Allows (default) or forbids the AVX2 paths, process-wide. For tests and benchmarks.
void allow_avx2(bool allow) noexcept;
/// Whether the AVX2 paths run now.
[[nodiscard]] bool avx2_active() noexcept;
/// Allows (default) or forbids the AVX-512VL form of the four-way Keccak (used, when the CPU has
/// it, in place of the AVX2 form; identical results). For tests and benchmarks.
void allow_avx512(bool allow) noexcept;
/// Whether the AVX-512VL four-way Keccak runs now.
[[nodiscard]] bool avx512_active() noexcept;

}  // namespace luxl2::crypto
