// The post-quantum and hybrid entries of the signature registry: sizes agree with the standards,
// every scheme round-trips, deterministic signing is deterministic, and malformed input is an error.
#include <gtest/gtest.h>

#include <string>

#include "luxl2/crypto/hybrid.hpp"
#include "luxl2/crypto/mldsa.hpp"
#include "luxl2/crypto/scheme.hpp"
#include "luxl2/crypto/slhdsa.hpp"

namespace luxl2::crypto {
namespace {

TEST(SchemePq, DescriptorsMatchTheStandards) {
    for (auto [name, lv] :
         {std::pair{"ml-dsa-44", mldsa::Level::ml_dsa_44}, std::pair{"ml-dsa-65", mldsa::Level::ml_dsa_65},
          std::pair{"ml-dsa-87", mldsa::Level::ml_dsa_87}}) {
        const auto* s = find_scheme(name);
        ASSERT_NE(s, nullptr);
        EXPECT_EQ(s->public_key_size, mldsa::params(lv).public_key_bytes);
        EXPECT_EQ(s->signature_size, mldsa::params(lv).signature_bytes);
        EXPECT_EQ(s->nist_level, mldsa::params(lv).nist_category);
        EXPECT_EQ(s->seed_size, 32u);
    }
    for (std::size_t i = 0; i < 12; ++i) {
        const auto& p = slhdsa::params(static_cast<slhdsa::ParamSet>(i));
        std::string name(p.name);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto* s = find_scheme(name);
        ASSERT_NE(s, nullptr) << name;
        EXPECT_EQ(s->public_key_size, p.public_key_bytes) << name;
        EXPECT_EQ(s->signature_size, p.signature_bytes) << name;
        EXPECT_EQ(s->seed_size, 3 * std::size_t{p.n}) << name;
        EXPECT_EQ(s->nist_level, p.nist_category) << name;
    }
    EXPECT_NE(find_scheme("hybrid-secp256k1-ml-dsa-65"), nullptr);
}

void round_trip(const char* name) {
    const auto* s = find_scheme(name);
    ASSERT_NE(s, nullptr);
    Bytes seed(s->seed_size, 0x11);
    auto kp = s->keygen(seed);
    ASSERT_TRUE(kp.has_value()) << kp.error().to_string();
    EXPECT_EQ(kp->public_key.size(), s->public_key_size);
    const Bytes msg = {1, 2, 3}, ctx = {7};
    auto d1 = s->sign(kp->secret_key, msg, ctx, true);
    auto d2 = s->sign(kp->secret_key, msg, ctx, true);
    auto h1 = s->sign(kp->secret_key, msg, ctx, false);
    ASSERT_TRUE(d1 && d2 && h1);
    EXPECT_EQ(*d1, *d2) << name;
    EXPECT_NE(*d1, *h1) << name;
    EXPECT_TRUE(s->verify(kp->public_key, msg, *d1, ctx).value()) << name;
    EXPECT_TRUE(s->verify(kp->public_key, msg, *h1, ctx).value()) << name;
    EXPECT_FALSE(s->verify(kp->public_key, msg, *d1, {}).value()) << name;
    EXPECT_FALSE(s->verify(kp->public_key, Bytes{1, 2}, *d1, ctx).value()) << name;
    Bytes bad = *d1;
    bad[bad.size() - 40] ^= 0x80;
    auto r = s->verify(kp->public_key, msg, bad, ctx);
    EXPECT_TRUE(!r || !*r) << name;
    EXPECT_FALSE(s->verify(kp->public_key, msg, ByteView(*d1).first(d1->size() - 1), ctx).has_value()) << name;
    EXPECT_FALSE(s->verify(ByteView(kp->public_key).first(10), msg, *d1, ctx).has_value()) << name;
    EXPECT_FALSE(s->keygen(Bytes(s->seed_size + 1, 1)).has_value()) << name;
    EXPECT_FALSE(s->sign(kp->secret_key, msg, Bytes(256, 0), true).has_value()) << name;
}

TEST(SchemePq, MlDsa44) {
    round_trip("ml-dsa-44");
}
TEST(SchemePq, MlDsa65) {
    round_trip("ml-dsa-65");
}
TEST(SchemePq, MlDsa87) {
    round_trip("ml-dsa-87");
}
TEST(SchemePq, SlhDsaShake128f) {
    round_trip("slh-dsa-shake-128f");
}
TEST(SchemePq, SlhDsaSha2_192f) {
    round_trip("slh-dsa-sha2-192f");
}
TEST(SchemePq, SlhDsaSha2_128s) {
    round_trip("slh-dsa-sha2-128s");
}
TEST(SchemePq, Hybrid) {
    round_trip("hybrid-secp256k1-ml-dsa-65");
}

TEST(SchemePq, HybridNeedsBothHalves) {
    const Bytes seed(64, 0x22), msg = {9};
    auto kp = hybrid::keygen(seed).value();
    auto sig = hybrid::sign(kp.secret_key, msg, {}, Bytes(32, 0)).value();
    // Swap in an ML-DSA-65 signature by the same PQ key over another message: the ECDSA half alone
    // must not carry the signature.
    auto other = hybrid::sign(kp.secret_key, Bytes{8}, {}, Bytes(32, 0)).value();
    Bytes mixed(sig.begin(), sig.begin() + 65);
    mixed.insert(mixed.end(), other.begin() + 65, other.end());
    EXPECT_FALSE(hybrid::verify(kp.public_key, msg, mixed, {}).value());
    Bytes mixed2(other.begin(), other.begin() + 65);
    mixed2.insert(mixed2.end(), sig.begin() + 65, sig.end());
    EXPECT_FALSE(hybrid::verify(kp.public_key, msg, mixed2, {}).value());
    EXPECT_TRUE(hybrid::verify(kp.public_key, msg, sig, {}).value());
    // The ML-DSA half signs the domain-separated message, not the bare one.
    auto d = hybrid::domain_message(msg, {}).value();
    EXPECT_TRUE(
        mldsa::verify(mldsa::Level::ml_dsa_65, ByteView(kp.public_key).subspan(64), d, ByteView(sig).subspan(65), {})
            .value());
}

}  // namespace
}  // namespace luxl2::crypto
