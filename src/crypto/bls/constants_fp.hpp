// BLS12-381 constants over Fp and Fr, as little-endian 64-bit limbs. Field elements are in
// Montgomery form (value·2^384 mod p) unless marked canonical. Sources: the curve parameters of
// draft-irtf-cfrg-pairing-friendly-curves (p, r, the generators) and values derived from them
// (Montgomery constants, cube root of unity).
#pragma once

namespace luxl2::crypto::bls::detail {

inline constexpr u64 kP[6] = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                              0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};
inline constexpr u64 kPInv = 0x89f3fffcfffcfffd;  // -p^-1 mod 2^64
inline constexpr u64 kPHalf[6] = {0xdcff7fffffffd555, 0x0f55ffff58a9ffff, 0xb39869507b587b12,
                                  0xb23ba5c279c2895f, 0x258dd3db21a5d66b, 0x0d0088f51cbff34d};  // (p-1)/2, canonical
inline constexpr Fp kOne = Fp{{0x760900000002fffd, 0xebf4000bc40c0002, 0x5f48985753c758ba, 0x77ce585370525745,
                               0x5c071a97a256ec6d, 0x15f65ec3fa80e493}};
inline constexpr Fp kR2 = Fp{{0xf4df1f341c341746, 0x0a76e6a609d104f1, 0x8de5476c4c95b6d5, 0x67eb88a9939d83c0,
                              0x9a793e85b519952d, 0x11988fe592cae3aa}};  // R^2 mod p (R = 2^384)
inline constexpr Fp kR2Shift256 = Fp{{0xfb73eaead26ebe58, 0x861c23693de6a351, 0x76e5bc3ff951c543, 0xcc0868ce6a76590c,
                                      0xf0a85a3f35446d0b, 0x0010a8c1a49a064f}};  // 2^256·R^2 mod p
inline constexpr Fp kInv2 = Fp{{0x1804000000015554, 0x855000053ab00001, 0x633cb57c253c276f, 0x6e22d1ec31ebb502,
                                0xd3916126f2d14ca2, 0x17fbb8571a006596}};
inline constexpr Fp kSqrtMinus125 =
    Fp{{0xe4132bbd838cf70a, 0x01d769ac83772c19, 0xa83dd6e974c22e45, 0xbc8ec3e777b08dff, 0xc035c2042ecf5da3,
        0x073929e97f0850bf}};  // sqrt(-125): -125 = -norm(Z)^3 for the SSWU Z = -(2 + u)
inline constexpr Fp kBeta =
    Fp{{0x30f1361b798a64e8, 0xf3b8ddab7ece5a2a, 0x16a8ca3ac61577f7, 0xc26a2ff874fd029b, 0x3636b76660701c6e,
        0x051ba4ab241b6160}};  // cube root of unity with phi(P) = [-x^2]P on G1
inline constexpr Fp kG1x = Fp{{0x5cb38790fd530c16, 0x7817fc679976fff5, 0x154f95c7143ba1c1, 0xf0ae6acdf3d0e747,
                               0xedce6ecc21dbf440, 0x120177419e0bfb75}};
inline constexpr Fp kG1y = Fp{{0xbaac93d50ce72271, 0x8c22631a7918fd8e, 0xdd595f13570725ce, 0x51ac582950405194,
                               0x0e1c8c3fad0059c0, 0x0bbc3efc5008a26a}};
inline constexpr Fp kFrob2_1 = Fp{{0xecfb361b798dba3a, 0xc100ddb891865a2c, 0x0ec08ff1232bda8e, 0xd5c13cc6f1ca4721,
                                   0x47222a47bf7b5c04, 0x0110f184e51c5f59}};  // xi^(1(p^2-1)/6)
inline constexpr Fp kFrob2_2 = Fp{{0x30f1361b798a64e8, 0xf3b8ddab7ece5a2a, 0x16a8ca3ac61577f7, 0xc26a2ff874fd029b,
                                   0x3636b76660701c6e, 0x051ba4ab241b6160}};  // xi^(2(p^2-1)/6)
inline constexpr Fp kFrob2_3 = Fp{{0x43f5fffffffcaaae, 0x32b7fff2ed47fffd, 0x07e83a49a2e99d69, 0xeca8f3318332bb7a,
                                   0xef148d1ea0f4c069, 0x040ab3263eff0206}};  // xi^(3(p^2-1)/6)
inline constexpr Fp kFrob2_4 = Fp{{0xcd03c9e48671f071, 0x5dab22461fcda5d2, 0x587042afd3851b95, 0x8eb60ebe01bacb9e,
                                   0x03f97d6e83d050d2, 0x18f0206554638741}};  // xi^(4(p^2-1)/6)
inline constexpr Fp kFrob2_5 = Fp{{0x890dc9e4867545c3, 0x2af322533285a5d5, 0x50880866309b7e2c, 0xa20d1b8c7e881024,
                                   0x14e4f04fe2db9068, 0x14e56d3f1564853a}};  // xi^(5(p^2-1)/6)
inline constexpr u64 kR[4] = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805, 0x73eda753299d7d48};
inline constexpr u64 kRInv = 0xfffffffeffffffff;
inline constexpr Fr kFrR2 =
    Fr{{0xc999e990f3f29c6d, 0x2b6cedcb87925c23, 0x05d314967254398f, 0x0748d9d99f59ff11}};  // 2^512 mod r
inline constexpr Fr kFrR3 =
    Fr{{0xc62c1807439b73af, 0x1b3e0d188cf06990, 0x73d13c71c7b5f418, 0x6e2a5bb9c8db33e9}};  // 2^768 mod r
inline constexpr Fr kFrOne =
    Fr{{0x00000001fffffffe, 0x5884b7fa00034802, 0x998c4fefecbc4ff5, 0x1824b159acc5056f}};  // 2^256 mod r

}  // namespace luxl2::crypto::bls::detail
