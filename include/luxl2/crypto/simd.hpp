// Runtime choice between the portable code and the AVX2 code of the post-quantum schemes (the
// ML-DSA NTT and pointwise products, and the four-way Keccak used by ML-DSA and SLH-DSA). AVX2 runs
// when the CPU has it and it is allowed (the default); both paths give identical results, and the
// tests run the vectors through each.
#pragma once

namespace luxl2::crypto {

/// Allows (default) or forbids the AVX2 paths, process-wide. For tests and benchmarks.
void allow_avx2(bool allow) noexcept;
/// Whether the AVX2 paths run now.
[[nodiscard]] bool avx2_active() noexcept;

}  // namespace luxl2::crypto
