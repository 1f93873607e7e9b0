// Private: fresh randomness from the OS for hedged signing (ML-DSA rnd, SLH-DSA addrnd).
#pragma once

#include <cstdint>
#include <span>

namespace luxl2::crypto {

/// Fills `out` from getrandom(2). A failing entropy source is fatal (asserted): signing must not
/// silently fall back to a predictable value.
void os_random(std::span<std::uint8_t> out) noexcept;

}  // namespace luxl2::crypto
