// U256: arithmetic against unsigned __int128 on values below 2^128, algebraic identities on full
// 256-bit values (division by 1..4-limb divisors, values near 2^256), overflow helpers, and the
// decimal/hex text forms.
#include "luxl2/core/u256.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "testing.hpp"

namespace luxl2 {
namespace {

__extension__ typedef unsigned __int128 u128;

U256 from128(u128 v) {
    return U256::from_words(0, 0, static_cast<std::uint64_t>(v >> 64), static_cast<std::uint64_t>(v));
}

// Random values with a random number of significant bits, so short and long operands both occur.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : g_(seed) {}
    std::uint64_t u64() { return g_(); }
    u128 u128_any() {
        const unsigned bits = static_cast<unsigned>(g_() % 129);
        u128 v = (static_cast<u128>(g_()) << 64) | g_();
        return bits == 128 ? v : (bits == 0 ? 0 : v >> (128 - bits));
    }
    // A 256-bit value with `limbs` significant limbs (1..4); the top limb is non-zero, often extreme.
    U256 limbs(unsigned n) {
        U256 r;
        for (unsigned i = 0; i < n; ++i) r.w[i] = pick_limb();
        if (r.w[n - 1] == 0) r.w[n - 1] = 1;
        return r;
    }
    U256 any() { return limbs(1 + static_cast<unsigned>(g_() % 4)); }

private:
    std::uint64_t pick_limb() {
        switch (g_() % 6) {
            case 0: return ~0ULL;
            case 1: return 1ULL << 63;
            case 2: return g_() >> (g_() % 64);
            default: return g_();
        }
    }
    std::mt19937_64 g_;
};

TEST(U256, DifferentialAgainstInt128) {
    Rng rng(0x1234);
    for (int i = 0; i < 200000; ++i) {
        const u128 a = rng.u128_any();
        const u128 b = rng.u128_any();
        const U256 A = from128(a), B = from128(b);
        ASSERT_EQ(A < B, a < b);
        ASSERT_EQ(A == B, a == b);
        // Sums and products of values below 2^128 may exceed 128 bits: compare the low 128 bits and
        // check the carry separately.
        const U256 sum = A + B;
        ASSERT_EQ(from128(a + b), sum & from128(~u128{0}));
        ASSERT_EQ(sum.w[2], (a + b < a) ? 1u : 0u);
        if (a >= b) {
            ASSERT_EQ(A - B, from128(a - b));
        }
        const u128 lo_a = a & ~std::uint64_t{0}, lo_b = b & ~std::uint64_t{0};
        ASSERT_EQ(from128(lo_a) * from128(lo_b), from128(lo_a * lo_b));
        ASSERT_EQ(A * B & from128(~u128{0}), from128(a * b));
        if (b != 0) {
            ASSERT_EQ(A / B, from128(a / b)) << i;
            ASSERT_EQ(A % B, from128(a % b)) << i;
        }
        const unsigned sh = static_cast<unsigned>(rng.u64() % 128);
        ASSERT_EQ(A >> sh, from128(a >> sh));
        ASSERT_EQ((A << sh) & from128(~u128{0}), from128(a << sh));
        ASSERT_EQ(A.to_string().size() > 0, true);
    }
}

TEST(U256, DivisionIdentityOnFullWidth) {
    Rng rng(0xdead);
    for (int i = 0; i < 200000; ++i) {
        const unsigned na = 1 + static_cast<unsigned>(i % 4);
        const unsigned nb = 1 + static_cast<unsigned>((i / 4) % 4);
        const U256 a = rng.limbs(na);
        const U256 b = rng.limbs(nb);
        const auto [q, r] = divmod(a, b);
        ASSERT_LT(r, b) << a.to_hex() << " / " << b.to_hex();
        U256 qb;
        ASSERT_FALSE(mul_overflow(q, b, qb));
        U256 back;
        ASSERT_FALSE(add_overflow(qb, r, back));
        ASSERT_EQ(back, a) << a.to_hex() << " / " << b.to_hex();
        ASSERT_EQ(a / b, q);
        ASSERT_EQ(a % b, r);
    }
}

// Knuth D's rare branches: a trial quotient that must be corrected twice and the add-back step.
// These operands make the top digits of the divisor extreme after normalisation.
TEST(U256, DivisionEdgeCases) {
    const U256 max = U256::max();
    const std::vector<U256> values = {
        U256{0},
        U256{1},
        U256{2},
        max,
        max - U256{1},
        U256{1} << 255,
        (U256{1} << 255) - U256{1},
        U256{1} << 128,
        (U256{1} << 128) - U256{1},
        (U256{1} << 128) + U256{1},
        U256{1} << 64,
        (U256{1} << 64) - U256{1},
        U256::from_words(0x8000000000000000ULL, 0, 0, 1),
        U256::from_words(0x7fffffffffffffffULL, ~0ULL, ~0ULL, ~0ULL),
        U256::from_words(0, 0x8000000000000000ULL, 0, 0),
        U256::from_words(0, 0x8000000000000000ULL, ~0ULL, ~0ULL),
        U256::from_words(1, 0, 0, 0),
        U256::from_words(0x8000000000000000ULL, 0x7fffffffffffffffULL, 0, 0),
        U256::from_words(0xffffffff00000000ULL, 0, 0xffffffffULL, 0),
        U256::from_words(0, 0, 1, ~0ULL),
        U256::from_words(0x0000000100000000ULL, 0, 0, 0),
        U256::from_words(~0ULL, 0, ~0ULL, 0),
        U256::from_words(0, ~0ULL, 0, ~0ULL),
    };
    for (const U256& a : values)
        for (const U256& b : values) {
            const auto [q, r] = divmod(a, b);
            if (b.is_zero()) {
                EXPECT_TRUE(q.is_zero() && r.is_zero());
                continue;
            }
            EXPECT_LT(r, b);
            U256 qb, back;
            EXPECT_FALSE(mul_overflow(q, b, qb));
            EXPECT_FALSE(add_overflow(qb, r, back));
            EXPECT_EQ(back, a) << a.to_hex() << " / " << b.to_hex();
        }
    EXPECT_EQ(max / max, U256{1});
    EXPECT_EQ(max % max, U256{0});
    EXPECT_EQ(max / U256{2}, (U256{1} << 255) - U256{1});
    EXPECT_EQ(max % U256{10}, U256{5});  // 2^256 - 1 ends in ...935
    EXPECT_EQ(U256{7} / U256{0}, U256{0});
    EXPECT_EQ(U256{7} % U256{0}, U256{0});
}

TEST(U256, AlgebraicIdentities) {
    Rng rng(42);
    for (int i = 0; i < 50000; ++i) {
        const U256 a = rng.any(), b = rng.any(), c = rng.any();
        ASSERT_EQ(a + b, b + a);
        ASSERT_EQ((a + b) - b, a);
        ASSERT_EQ(a * b, b * a);
        ASSERT_EQ(a * (b + c), a * b + a * c);  // mod 2^256
        ASSERT_EQ(a - a, U256{0});
        ASSERT_EQ(a + ~a, U256::max());
        ASSERT_EQ(U256{0} - a, ~a + U256{1});
        const unsigned s = static_cast<unsigned>(rng.u64() % 256);
        ASSERT_EQ(a << s, a * (U256{1} << s));
        ASSERT_EQ((a >> s) << s, a & ~((U256{1} << s) - U256{1}));
        ASSERT_EQ(a >> s, a / (U256{1} << s));
        ASSERT_EQ((a <=> b) == std::strong_ordering::less, b > a);
    }
}

TEST(U256, Shifts) {
    const U256 one{1};
    EXPECT_EQ(one << 0, one);
    EXPECT_EQ(one << 255, U256::from_words(0x8000000000000000ULL, 0, 0, 0));
    EXPECT_EQ(one << 256, U256{0});
    EXPECT_EQ(one << 1000, U256{0});
    EXPECT_EQ(U256::max() >> 255, one);
    EXPECT_EQ(U256::max() >> 256, U256{0});
    EXPECT_EQ(U256::max() >> 64, U256::from_words(0, ~0ULL, ~0ULL, ~0ULL));
    EXPECT_EQ(U256::max() << 64, U256::from_words(~0ULL, ~0ULL, ~0ULL, 0));
    EXPECT_EQ(U256::from_words(0, 0, 1, 0) >> 1, U256{0x8000000000000000ULL});
    EXPECT_EQ(U256{0x8000000000000000ULL} << 1, U256::from_words(0, 0, 1, 0));
    for (unsigned s = 0; s < 256; ++s) {
        EXPECT_EQ((one << s).bit_length(), s + 1);
        EXPECT_TRUE((one << s).bit(s));
        EXPECT_EQ((one << s) >> s, one);
    }
}

TEST(U256, Compare) {
    const U256 a = U256::from_words(1, 0, 0, 0);
    const U256 b = U256::from_words(0, ~0ULL, ~0ULL, ~0ULL);
    EXPECT_GT(a, b);
    EXPECT_LT(b, a);
    EXPECT_EQ(b + U256{1}, a);
    EXPECT_LT(U256{0}, U256{1});
    EXPECT_LE(U256::max(), U256::max());
    EXPECT_NE(U256::from_words(0, 0, 1, 0), U256{1});
}

TEST(U256, OverflowHelpers) {
    const U256 max = U256::max();
    U256 out;
    EXPECT_TRUE(add_overflow(max, U256{1}, out));
    EXPECT_EQ(out, U256{0});
    EXPECT_FALSE(add_overflow(max - U256{1}, U256{1}, out));
    EXPECT_EQ(out, max);
    EXPECT_TRUE(add_overflow(max, max, out));
    EXPECT_EQ(out, max - U256{1});
    EXPECT_TRUE(sub_overflow(U256{0}, U256{1}, out));
    EXPECT_EQ(out, max);
    EXPECT_FALSE(sub_overflow(U256{5}, U256{5}, out));
    EXPECT_EQ(out, U256{0});
    EXPECT_TRUE(sub_overflow(U256{1} << 128, (U256{1} << 128) + U256{1}, out));
    EXPECT_EQ(out, max);
    EXPECT_FALSE(mul_overflow(U256{1} << 128, (U256{1} << 127), out));
    EXPECT_EQ(out, U256{1} << 255);
    EXPECT_TRUE(mul_overflow(U256{1} << 128, U256{1} << 128, out));
    EXPECT_EQ(out, U256{0});
    EXPECT_TRUE(mul_overflow(max, U256{2}, out));
    EXPECT_EQ(out, max - U256{1});
    EXPECT_FALSE(mul_overflow(max, U256{1}, out));
    EXPECT_FALSE(mul_overflow(max, U256{0}, out));
    EXPECT_EQ(out, U256{0});
    // Only a high limb times a high limb overflows: (2^192) * (2^64) = 2^256.
    EXPECT_TRUE(mul_overflow(U256::from_words(1, 0, 0, 0), U256::from_words(0, 0, 1, 0), out));
    EXPECT_FALSE(mul_overflow(U256::from_words(0, 0, 0, ~0ULL), U256::from_words(0, 0, 0, ~0ULL), out));
    EXPECT_EQ(out, U256::from_words(0, 0, ~0ULL - 1, 1));

    // Random: overflow flag agrees with a wider computation via division.
    Rng rng(7);
    for (int i = 0; i < 20000; ++i) {
        const U256 a = rng.any(), b = rng.any();
        U256 p;
        const bool ov = mul_overflow(a, b, p);
        EXPECT_EQ(p, a * b);
        const bool fits = a.is_zero() || b <= max / a;
        ASSERT_EQ(ov, !fits) << a.to_hex() << " * " << b.to_hex();
        U256 s;
        ASSERT_EQ(add_overflow(a, b, s), b > max - a);
        ASSERT_EQ(sub_overflow(a, b, s), b > a);
    }
}

TEST(U256, DecimalRoundTrip) {
    EXPECT_EQ(U256{0}.to_string(), "0");
    EXPECT_EQ(U256{10'000'000'000'000'000'000ULL}.to_string(), "10000000000000000000");
    EXPECT_EQ(U256::max().to_string(),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    EXPECT_EQ((U256{1} << 64).to_string(), "18446744073709551616");
    EXPECT_EQ((U256{1} << 128).to_string(), "340282366920938463463374607431768211456");
    Rng rng(99);
    for (int i = 0; i < 20000; ++i) {
        const U256 a = rng.any();
        const auto back = U256::from_string(a.to_string());
        ASSERT_TRUE(back.has_value());
        ASSERT_EQ(*back, a);
        const u128 small = rng.u128_any();
        // Reference decimal of a 128-bit value.
        std::string ref;
        u128 t = small;
        do {
            ref.insert(ref.begin(), static_cast<char>('0' + static_cast<int>(t % 10)));
            t /= 10;
        } while (t != 0);
        ASSERT_EQ(from128(small).to_string(), ref);
    }
    EXPECT_EQ(*U256::from_string("007"), U256{7});
}

TEST(U256, HexRoundTrip) {
    EXPECT_EQ(U256{0}.to_hex(), "0x0");
    EXPECT_EQ(U256{0x1f}.to_hex(), "0x1f");
    EXPECT_EQ(U256::max().to_hex(), "0x" + std::string(64, 'f'));
    EXPECT_EQ(*U256::from_hex("0xFF"), U256{255});
    EXPECT_EQ(*U256::from_hex("ff"), U256{255});
    EXPECT_EQ(*U256::from_hex("0X00ff"), U256{255});
    EXPECT_EQ(*U256::from_hex("0x" + std::string(70, '0') + "1"), U256{1});  // leading zeros allowed
    EXPECT_EQ(*U256::from_string("0x10"), U256{16});
    Rng rng(5);
    for (int i = 0; i < 20000; ++i) {
        const U256 a = rng.any();
        ASSERT_EQ(*U256::from_hex(a.to_hex()), a);
        ASSERT_EQ(*U256::from_string(a.to_hex()), a);
        const auto be = a.to_be_bytes();
        ASSERT_EQ(*U256::from_be_bytes(be), a);
        ASSERT_EQ(U256::from_be32(be.data()), a);
        const Bytes trimmed = a.to_be_trimmed();
        ASSERT_EQ(trimmed.size(), a.byte_length());
        ASSERT_TRUE(trimmed.empty() || trimmed[0] != 0);
        ASSERT_EQ(*U256::from_be_bytes(trimmed), a);
    }
    EXPECT_TRUE(U256{0}.to_be_trimmed().empty());
}

TEST(U256, RejectsBadText) {
    const char* invalid[] = {"", "0x", "0X", "-1", "+1", " 1", "1 ", "1a", "12.5", "0x1g", "0xx1", "1e3", "٣"};
    for (const char* s : invalid) {
        const auto r = U256::from_string(s);
        ASSERT_FALSE(r.has_value()) << '"' << s << '"';
        EXPECT_EQ(luxl2::testing::error_code(r), "u256.invalid") << '"' << s << '"';
    }
    EXPECT_EQ(luxl2::testing::error_code(U256::from_hex("")), "u256.invalid");
    EXPECT_EQ(luxl2::testing::error_code(U256::from_hex("0xg")), "u256.invalid");
    EXPECT_EQ(luxl2::testing::error_code(U256::from_hex("-1")), "u256.invalid");
    // 2^256 exactly and above.
    EXPECT_EQ(luxl2::testing::error_code(
                  U256::from_string("115792089237316195423570985008687907853269984665640564039457584007913129639936")),
              "u256.overflow");
    EXPECT_EQ(luxl2::testing::error_code(
                  U256::from_string("999999999999999999999999999999999999999999999999999999999999999999999999999999")),
              "u256.overflow");
    EXPECT_TRUE(U256::from_string("115792089237316195423570985008687907853269984665640564039457584007913129639935")
                    .has_value());
    EXPECT_EQ(luxl2::testing::error_code(U256::from_hex("0x1" + std::string(64, '0'))), "u256.overflow");
    EXPECT_TRUE(U256::from_hex(std::string(64, 'f')).has_value());
    const Bytes b33(33, 1);
    EXPECT_EQ(luxl2::testing::error_code(U256::from_be_bytes(b33)), "u256.overflow");
}

}  // namespace
}  // namespace luxl2
