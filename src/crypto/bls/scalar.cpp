// Scalars modulo the group order r, with the shared Montgomery routines (4 limbs, R = 2^256).
#include "internal.hpp"

namespace luxl2::crypto::bls::detail {

bool scalar_from_be32(u64 out[4], const std::uint8_t in[32]) {
    u64 k[4];
    for (int i = 0; i < 4; ++i) {
        u64 v = 0;
        for (int b = 0; b < 8; ++b) v = (v << 8) | in[(3 - i) * 8 + b];
        k[i] = v;
    }
    u64 borrow = 0, acc = 0;
    for (int i = 0; i < 4; ++i) {
        (void)sbb(k[i], kR[i], borrow);
        acc |= k[i];
    }
    const bool ok = borrow != 0 && acc != 0;  // k < r and k != 0
    for (int i = 0; i < 4; ++i) out[i] = k[i];
    return ok;
}

void scalar_to_be32(std::uint8_t out[32], const u64 k[4]) {
    for (int i = 0; i < 4; ++i)
        for (int b = 0; b < 8; ++b) out[(3 - i) * 8 + b] = static_cast<std::uint8_t>(k[i] >> (56 - 8 * b));
}

void scalar_reduce_be(u64 out[4], ByteView in) {
    LUXL2_ASSERT(in.size() <= 64);
    // Split the big-endian integer into lo (last 32 bytes) + hi (the rest)·2^256.
    std::uint8_t buf[64] = {};
    for (std::size_t i = 0; i < in.size(); ++i) buf[64 - in.size() + i] = in[i];
    Fr lo{}, hi{};
    for (int i = 0; i < 4; ++i)
        for (int b = 0; b < 8; ++b) {
            lo.l[i] = (lo.l[i] << 8) | buf[32 + (3 - i) * 8 + b];
            hi.l[i] = (hi.l[i] << 8) | buf[(3 - i) * 8 + b];
        }
    // lo·R and hi·2^256·R in Montgomery form (hi < 2^256 = R keeps hi·R3 < r·R), sum, leave.
    Fr a, b, s;
    mont_mul_wide<4>(a.l, lo.l, kFrR2.l, kR, kRInv);
    mont_mul_wide<4>(b.l, hi.l, kFrR3.l, kR, kRInv);
    mod_add<4>(s.l, a.l, b.l, kR);
    static constexpr u64 raw_one[4] = {1, 0, 0, 0};
    mont_mul_wide<4>(out, s.l, raw_one, kR, kRInv);
    secure_wipe(buf, sizeof buf);
    secure_wipe(&lo, sizeof lo);
    secure_wipe(&hi, sizeof hi);
    secure_wipe(&a, sizeof a);
    secure_wipe(&b, sizeof b);
    secure_wipe(&s, sizeof s);
}

}  // namespace luxl2::crypto::bls::detail
