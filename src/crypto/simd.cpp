#include "luxl2/crypto/simd.hpp"

#include "keccak_x4.hpp"
#include "mldsa_poly.hpp"

namespace luxl2::crypto {

void allow_avx2(bool allow) noexcept {
    mldsa_detail::allow_avx2(allow);
    allow_keccak_x4_avx2(allow);
}

void allow_avx512(bool allow) noexcept {
    allow_keccak_x4_avx512(allow);
}

bool avx512_active() noexcept {
    return keccak_x4_avx512_enabled();
}

bool avx2_active() noexcept {
    return mldsa_detail::avx2_enabled() && keccak_x4_avx2_enabled();
}

}  // namespace luxl2::crypto
