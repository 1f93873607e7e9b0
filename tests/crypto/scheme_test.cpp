// The signature-scheme registry: every scheme signs and verifies through its table entry, and
// rejects tampered messages, signatures and malformed inputs.
#include "luxl2/crypto/scheme.hpp"

#include <gtest/gtest.h>

#include <random>

#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace luxl2::crypto {
namespace {

TEST(SchemeRegistry, FindsByName) {
    ASSERT_FALSE(signature_schemes().empty());
    for (const SignatureScheme* s : signature_schemes()) {
        ASSERT_NE(s, nullptr);
        EXPECT_EQ(find_scheme(s->name), s);
        EXPECT_GE(s->nist_level, 1u);
        EXPECT_LE(s->nist_level, 5u);
    }
    EXPECT_EQ(find_scheme("no-such-scheme"), nullptr);
    EXPECT_NE(find_scheme("secp256k1"), nullptr);
}

TEST(SchemeRegistry, SignVerifyEveryScheme) {
    std::mt19937_64 g(5);
    for (const SignatureScheme* s : signature_schemes()) {
        for (int i = 0; i < 10; ++i) {
            Bytes seed(s->seed_size == 0 ? 32 : s->seed_size);
            for (auto& b : seed) b = static_cast<std::uint8_t>(g());
            seed[0] = 0x01;  // stays a valid secp256k1 scalar
            auto kp = s->keygen(seed);
            ASSERT_TRUE(kp.has_value()) << s->name << ": " << kp.error().to_string();
            EXPECT_EQ(kp->public_key.size(), s->public_key_size) << s->name;
            Bytes msg(g() % 200);
            for (auto& b : msg) b = static_cast<std::uint8_t>(g());
            const auto sig = s->sign(kp->secret_key, msg, {}, true);
            ASSERT_TRUE(sig.has_value()) << s->name;
            EXPECT_LE(sig->size(), s->signature_size) << s->name;
            EXPECT_TRUE(s->verify(kp->public_key, msg, *sig, {}).value_or(false)) << s->name;

            Bytes other = msg;
            other.push_back(0);
            const auto wrong_msg = s->verify(kp->public_key, other, *sig, {});
            EXPECT_TRUE(wrong_msg.has_value() && !*wrong_msg) << s->name;
            Bytes bad_sig = *sig;
            bad_sig[g() % 32] ^= 1;  // inside r
            const auto r = s->verify(kp->public_key, msg, bad_sig, {});
            EXPECT_TRUE(!r.has_value() || !*r) << s->name;
            EXPECT_FALSE(s->verify(kp->public_key, msg, Bytes(7, 1), {}).value_or(false)) << s->name;
            EXPECT_FALSE(s->verify(Bytes(5, 2), msg, *sig, {}).value_or(false)) << s->name;
            if (!s->supports_context) {
                EXPECT_FALSE(s->sign(kp->secret_key, msg, Bytes{1}, true).has_value()) << s->name;
            }
            secure_wipe(kp->secret_key.data(), kp->secret_key.size());
        }
    }
}

}  // namespace
}  // namespace luxl2::crypto
