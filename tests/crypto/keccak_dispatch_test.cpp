// The dispatched Keccak-f[1600] (x86-64-v3 where the CPU has BMI1/BMI2) equals the portable one.
#include <gtest/gtest.h>

#include <random>

#include "luxl2/crypto/keccak.hpp"

namespace {

TEST(KeccakDispatch, VariantsAgreeOnRandomStates) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 1000; ++i) {
        std::uint64_t a[25], b[25];
        for (int j = 0; j < 25; ++j) a[j] = b[j] = rng();
        luxl2::crypto::keccak_f1600(a);
        luxl2::crypto::keccak_f1600_portable(b);
        ASSERT_TRUE(std::equal(a, a + 25, b)) << "state " << i;
    }
    RecordProperty("x86_64_v3", luxl2::crypto::keccak_f1600_has_x86_64_v3() ? "yes" : "no");
}

// Keccak-f[1600] applied to the all-zero state: the first lane of the result is a published value
// (the Keccak team's KeccakF-1600-IntermediateValues.txt, lanes 0 and 1 of the output).
TEST(KeccakDispatch, ZeroStatePermutation) {
    std::uint64_t s[25] = {};
    luxl2::crypto::keccak_f1600_portable(s);
    EXPECT_EQ(s[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(s[1], 0x84D5CCF933C0478AULL);
}

}  // namespace
