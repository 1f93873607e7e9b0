// BLS12-381 constants over Fp2 (Montgomery form): the G2 generator (pairing-friendly-curves draft),
// Frobenius coefficients xi^(k(p-1)/6) for xi = 1 + u, the psi endomorphism constants of RFC 9380
// Appendix G.3, and the simplified SWU curve E2' and its 3-isogeny map of RFC 9380 Section 8.8.2 and
// Appendix E.3.
#pragma once

namespace luxl2::crypto::bls::detail {

inline constexpr Fp2 kG2x = Fp2{Fp{{0xf5f28fa202940a10, 0xb3f5fb2687b4961a, 0xa1a893b53e2ae580, 0x9894999d1a3caee9,
                                    0x6f67b7631863366b, 0x058191924350bcd7}},
                                Fp{{0xa5a9c0759e23f606, 0xaaa0c59dbccd60c3, 0x3bb17e18e2867806, 0x1b1ab6cc8541b367,
                                    0xc2b6ed0ef2158547, 0x11922a097360edf3}}};
inline constexpr Fp2 kG2y = Fp2{Fp{{0x4c730af860494c4a, 0x597cfa1f5e369c5a, 0xe7e6856caa0a635a, 0xbbefb5e96e0d495f,
                                    0x07d3a975f0ef25a2, 0x0083fd8e7e80dae5}},
                                Fp{{0xadc0fc92df64b05d, 0x18aa270a2b1461dc, 0x86adac6a3be4eba0, 0x79495c4ec93da33a,
                                    0xe7175850a43ccaed, 0x0b2bc2a163de1bf2}}};
inline constexpr Fp2 kFrob1_1 = Fp2{Fp{{0x07089552b319d465, 0xc6695f92b50a8313, 0x97e83cccd117228f, 0xa35baecab2dc29ee,
                                        0x1ce393ea5daace4d, 0x08f2220fb0fb66eb}},
                                    Fp{{0xb2f66aad4ce5d646, 0x5842a06bfc497cec, 0xcf4895d42599d394, 0xc11b9cba40a8e8d0,
                                        0x2e3813cbe5a0de89, 0x110eefda88847faf}}};  // xi^(1(p-1)/6)
inline constexpr Fp2 kFrob1_2 = Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
                                        0x0000000000000000, 0x0000000000000000}},
                                    Fp{{0xcd03c9e48671f071, 0x5dab22461fcda5d2, 0x587042afd3851b95, 0x8eb60ebe01bacb9e,
                                        0x03f97d6e83d050d2, 0x18f0206554638741}}};  // xi^(2(p-1)/6)
inline constexpr Fp2 kFrob1_3 = Fp2{Fp{{0x7bcfa7a25aa30fda, 0xdc17dec12a927e7c, 0x2f088dd86b4ebef1, 0xd1ca2087da74d4a7,
                                        0x2da2596696cebc1d, 0x0e2b7eedbbfd87d2}},
                                    Fp{{0x7bcfa7a25aa30fda, 0xdc17dec12a927e7c, 0x2f088dd86b4ebef1, 0xd1ca2087da74d4a7,
                                        0x2da2596696cebc1d, 0x0e2b7eedbbfd87d2}}};  // xi^(3(p-1)/6)
inline constexpr Fp2 kFrob1_4 = Fp2{Fp{{0x890dc9e4867545c3, 0x2af322533285a5d5, 0x50880866309b7e2c, 0xa20d1b8c7e881024,
                                        0x14e4f04fe2db9068, 0x14e56d3f1564853a}},
                                    Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
                                        0x0000000000000000, 0x0000000000000000}}};  // xi^(4(p-1)/6)
inline constexpr Fp2 kFrob1_5 = Fp2{Fp{{0x82d83cf50dbce43f, 0xa2813e53df9d018f, 0xc6f0caa53c65e181, 0x7525cf528d50fe95,
                                        0x4a85ed50f4798a6b, 0x171da0fd6cf8eebd}},
                                    Fp{{0x3726c30af242c66c, 0x7c2ac1aad1b6fe70, 0xa04007fbba4b14a2, 0xef517c3266341429,
                                        0x0095ba654ed2226b, 0x02e370eccc86f7dd}}};  // xi^(5(p-1)/6)
inline constexpr Fp2 kPsiX = Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
                                     0x0000000000000000, 0x0000000000000000}},
                                 Fp{{0x890dc9e4867545c3, 0x2af322533285a5d5, 0x50880866309b7e2c, 0xa20d1b8c7e881024,
                                     0x14e4f04fe2db9068, 0x14e56d3f1564853a}}};  // 1/xi^((p-1)/3)
inline constexpr Fp2 kPsiY = Fp2{Fp{{0x3e2f585da55c9ad1, 0x4294213d86c18183, 0x382844c88b623732, 0x92ad2afd19103e18,
                                     0x1d794e4fac7cf0b9, 0x0bd592fc7d825ec8}},
                                 Fp{{0x7bcfa7a25aa30fda, 0xdc17dec12a927e7c, 0x2f088dd86b4ebef1, 0xd1ca2087da74d4a7,
                                     0x2da2596696cebc1d, 0x0e2b7eedbbfd87d2}}};  // 1/xi^((p-1)/2)
inline constexpr Fp2 kSswuA = Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
                                      0x0000000000000000, 0x0000000000000000}},
                                  Fp{{0xe53a000003135242, 0x01080c0fdef80285, 0xe7889edbe340f6bd, 0x0b51375126310601,
                                      0x02d6985717c744ab, 0x1220b4e979ea5467}}};
inline constexpr Fp2 kSswuB = Fp2{Fp{{0x22ea00000cf89db2, 0x6ec832df71380aa4, 0x6e1b94403db5a66e, 0x75bf3c53a79473ba,
                                      0x3dd3a569412c0a34, 0x125cdb5e74dc4fd1}},
                                  Fp{{0x22ea00000cf89db2, 0x6ec832df71380aa4, 0x6e1b94403db5a66e, 0x75bf3c53a79473ba,
                                      0x3dd3a569412c0a34, 0x125cdb5e74dc4fd1}}};
inline constexpr Fp2 kSswuZ = Fp2{Fp{{0x87ebfffffff9555c, 0x656fffe5da8ffffa, 0x0fd0749345d33ad2, 0xd951e663066576f4,
                                      0xde291a3d41e980d3, 0x0815664c7dfe040d}},
                                  Fp{{0x43f5fffffffcaaae, 0x32b7fff2ed47fffd, 0x07e83a49a2e99d69, 0xeca8f3318332bb7a,
                                      0xef148d1ea0f4c069, 0x040ab3263eff0206}}};
inline constexpr Fp2 kSswuMinusBOverA = Fp2{Fp{{0x903c555555474fb3, 0x5f98cc95ce451105, 0x9f8e582eefe0fade,
                                                0xc68946b6aebbd062, 0x467a4ad10ee6de53, 0x0e7146f483e23a05}},
                                            Fp{{0x29c2aaaaaab85af8, 0xbf133368e30eeefa, 0xc7a27a7206cffb45,
                                                0x9dee04ce44c9425c, 0x04a15ce53464ce83, 0x0b8fcaf5b59dac95}}};
inline constexpr Fp2 kSswuBOverZA = Fp2{Fp{{0xf2d8444444414324, 0x2585c28393a69d00, 0x5dd35cd05d972c42,
                                            0xfd963b744ea89b53, 0x07f5d9fd91c1fa91, 0x127db28a3ce062c4}},
                                        Fp{{0x55743333333b3695, 0xeb72b871590828fc, 0x1c186171cb4d5da5,
                                            0x34a33031ee956644, 0xc971692a149d16d0, 0x168a1e1ff5de8b82}}};
inline constexpr Fp2 kIsoXNum[4] = {
    Fp2{Fp{{0x47f671c71ce05e62, 0x06dd57071206393e, 0x7c80cd2af3fd71a2, 0x048103ea9e6cd062, 0xc54516acc8d037f6,
            0x13808f550920ea41}},
        Fp{{0x47f671c71ce05e62, 0x06dd57071206393e, 0x7c80cd2af3fd71a2, 0x048103ea9e6cd062, 0xc54516acc8d037f6,
            0x13808f550920ea41}}},
    Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}},
        Fp{{0x5fe55555554c71d0, 0x873fffdd236aaaa3, 0x6a6b4619b26ef918, 0x21c2888408874945, 0x2836cda7028cabc5,
            0x0ac73310a7fd5abd}}},
    Fp2{Fp{{0x0a0c5555555971c3, 0xdb0c00101f9eaaae, 0xb1fb2f941d797997, 0xd3960742ef416e1c, 0xb70040e2c20556f4,
            0x149d7861e581393b}},
        Fp{{0xaff2aaaaaaa638e8, 0x439fffee91b55551, 0xb535a30cd9377c8c, 0x90e144420443a4a2, 0x941b66d3814655e2,
            0x0563998853fead5e}}},
    Fp2{Fp{{0x40aac71c71c725ed, 0x190955557a84e38e, 0xd817050a8f41abc3, 0xd86485d4c87f6fb1, 0x696eb479f885d059,
            0x198e1a74328002d2}},
        Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}}},
};
inline constexpr Fp2 kIsoXDen[2] = {
    Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}},
        Fp{{0x1f3affffff13ab97, 0xf25bfc611da3ff3e, 0xca3757cb3819b208, 0x3e6427366f8cec18, 0x03977bc86095b089,
            0x04f69db13f39a952}}},
    Fp2{Fp{{0x447600000027552e, 0xdcb8009a43480020, 0x6f7ee9ce4a6e8b59, 0xb10330b7c0a95bc6, 0x6140b1fcfb1e54b7,
            0x0381be097f0bb4e1}},
        Fp{{0x7588ffffffd8557d, 0x41f3ff646e0bffdf, 0xf7b1e8d2ac426aca, 0xb3741acd32dbb6f8, 0xe9daf5b9482d581f,
            0x167f53e0ba7431b8}}},
};
inline constexpr Fp2 kIsoYNum[4] = {
    Fp2{Fp{{0x96d8f684bdfc77be, 0xb530e4f43b66d0e2, 0x184a88ff379652fd, 0x57cb23ecfae804e1, 0x0fd2e39eada3eba9,
            0x08c8055e31c5d5c3}},
        Fp{{0x96d8f684bdfc77be, 0xb530e4f43b66d0e2, 0x184a88ff379652fd, 0x57cb23ecfae804e1, 0x0fd2e39eada3eba9,
            0x08c8055e31c5d5c3}}},
    Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}},
        Fp{{0xbf0a71c71c91b406, 0x4d6d55d28b7638fd, 0x9d82f98e5f205aee, 0xa27aa27b1d1a18d5, 0x02c3b2b2d2938e86,
            0x0c7d13420b09807f}}},
    Fp2{Fp{{0xd7f9555555531c74, 0x21cffff748daaaa8, 0x5a9ad1866c9bbe46, 0x4870a2210221d251, 0x4a0db369c0a32af1,
            0x02b1ccc429ff56af}},
        Fp{{0xe205aaaaaaac8e37, 0xfcdc000768795556, 0x0c96011a8a1537dd, 0x1c06a963f163406e, 0x010df44c82a881e6,
            0x174f45260f808feb}}},
    Fp2{Fp{{0xa470bda12f67f35c, 0xc0fe38e23327b425, 0xc9d3d0f2c6f0678d, 0x1c55c9935b5a982e, 0x27f6c0e2f0746764,
            0x117c5e6e28aa9054}},
        Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}}},
};
inline constexpr Fp2 kIsoYDen[3] = {
    Fp2{Fp{{0x0162fffffa765adf, 0x8f7bea480083fb75, 0x561b3c2259e93611, 0x11e19fc1a9c875d5, 0xca713efc00367660,
            0x03c6a03d41da1151}},
        Fp{{0x0162fffffa765adf, 0x8f7bea480083fb75, 0x561b3c2259e93611, 0x11e19fc1a9c875d5, 0xca713efc00367660,
            0x03c6a03d41da1151}}},
    Fp2{Fp{{0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000,
            0x0000000000000000}},
        Fp{{0x5db0fffffd3b02c5, 0xd713f52358ebfdba, 0x5ea60761a84d161a, 0xbb2c75a34ea6c44a, 0x0ac6735921c1119b,
            0x0ee3d913bdacfbf6}}},
    Fp2{Fp{{0x66b10000003affc5, 0xcb1400e764ec0030, 0xa73e5eb56fa5d106, 0x8984c913a0fe09a9, 0x11e10afb78ad7f13,
            0x05429d0e3e918f52}},
        Fp{{0x534dffffffc4aae6, 0x5397ff174c67ffcf, 0xbff273eb870b251d, 0xdaf2827152870915, 0x393a9cbaca9e2dc3,
            0x14be74dbfaee5748}}},
};

}  // namespace luxl2::crypto::bls::detail
