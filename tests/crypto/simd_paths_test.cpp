// The three Keccak/NTT paths (portable, AVX2, AVX-512VL four-way Keccak) give byte-identical
// keys and deterministic signatures, and each verifies the others', for ML-DSA and SLH-DSA-SHAKE.
#include <gtest/gtest.h>

#include "luxl2/crypto/scheme.hpp"
#include "luxl2/crypto/simd.hpp"

namespace luxl2::crypto {
namespace {

struct Outputs {
    KeyPair kp;
    Bytes sig;
};

Outputs run(std::string_view name, ByteView msg) {
    const auto* s = find_scheme(name);
    Bytes seed(s->seed_size);
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i * 29 + 3);
    auto kp = *s->keygen(seed);
    auto sig = *s->sign(kp.secret_key, msg, Bytes{1, 2, 3}, true);
    return {std::move(kp), std::move(sig)};
}

class SimdPaths : public ::testing::TestWithParam<const char*> {
protected:
    void TearDown() override {
        allow_avx2(true);
        allow_avx512(true);
    }
};

TEST_P(SimdPaths, SameBytesOnEveryPath) {
    const Bytes msg(100, 0x5a);
    allow_avx2(false);
    ASSERT_FALSE(avx2_active());
    const auto portable = run(GetParam(), msg);
    allow_avx2(true);
    allow_avx512(false);
    ASSERT_FALSE(avx512_active());
    const auto avx2 = run(GetParam(), msg);
    allow_avx512(true);
    const auto best = run(GetParam(), msg);
    if (!avx2_active()) GTEST_SKIP() << "no AVX2 on this CPU: only the portable path ran";
    EXPECT_EQ(avx2.kp.public_key, portable.kp.public_key);
    EXPECT_EQ(avx2.kp.secret_key, portable.kp.secret_key);
    EXPECT_EQ(avx2.sig, portable.sig);
    EXPECT_EQ(best.kp.public_key, portable.kp.public_key);
    EXPECT_EQ(best.sig, portable.sig);
    // Cross verification: a signature of one path verifies on another.
    const auto* s = find_scheme(GetParam());
    allow_avx2(false);
    EXPECT_TRUE(*s->verify(best.kp.public_key, msg, best.sig, Bytes{1, 2, 3}));
    allow_avx2(true);
    allow_avx512(false);
    EXPECT_TRUE(*s->verify(portable.kp.public_key, msg, portable.sig, Bytes{1, 2, 3}));
    EXPECT_FALSE(*s->verify(portable.kp.public_key, Bytes(100, 0x5b), portable.sig, Bytes{1, 2, 3}));
}

INSTANTIATE_TEST_SUITE_P(Schemes, SimdPaths,
                         ::testing::Values("ml-dsa-44", "ml-dsa-65", "ml-dsa-87", "slh-dsa-shake-128f",
                                           "slh-dsa-shake-192f", "slh-dsa-shake-256f"),
                         [](const ::testing::TestParamInfo<const char*>& p) {
                             std::string n(p.param);
                             std::erase(n, '-');
                             return n;
                         });

}  // namespace
}  // namespace luxl2::crypto
