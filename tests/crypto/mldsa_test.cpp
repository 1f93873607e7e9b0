// ML-DSA against the NIST ACVP vectors (internal interface) and Wycheproof (external interface, μ).
#include <gtest/gtest.h>

#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/mldsa.hpp"
#include "luxl2/crypto/simd.hpp"
#include "testing.hpp"

namespace luxl2::crypto::mldsa {
namespace {

Bytes hex(const nlohmann::json& j) {
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value());
    return b.value_or(Bytes{});
}

Level level_of(const std::string& name) {
    if (name == "ML-DSA-44") return Level::ml_dsa_44;
    if (name == "ML-DSA-65") return Level::ml_dsa_65;
    if (name == "ML-DSA-87") return Level::ml_dsa_87;
    ADD_FAILURE() << "unknown parameter set " << name;
    return Level::ml_dsa_44;
}

std::filesystem::path acvp(const char* what) {
    return testing::data_dir() / "post-quantum/ml-dsa/acvp" / what / "internalProjection.json";
}
std::filesystem::path wycheproof(const std::string& name) {
    return testing::data_dir() / "post-quantum/ml-dsa/wycheproof" / name;
}

void acvp_keygen() {
    const auto j = testing::read_json(acvp("ML-DSA-keyGen-FIPS204"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const Level lv = level_of(g["parameterSet"]);
        for (const auto& t : g["tests"]) {
            auto kp = keygen(lv, hex(t["seed"]));
            ASSERT_TRUE(kp.has_value());
            EXPECT_EQ(to_hex(kp->public_key), to_hex(hex(t["pk"]))) << "tcId " << t["tcId"];
            EXPECT_EQ(to_hex(kp->secret_key), to_hex(hex(t["sk"]))) << "tcId " << t["tcId"];
            ++n;
        }
    }
    EXPECT_EQ(n, 75);
}

void acvp_siggen() {
    const auto j = testing::read_json(acvp("ML-DSA-sigGen-FIPS204"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const Level lv = level_of(g["parameterSet"]);
        const bool det = g["deterministic"];
        for (const auto& t : g["tests"]) {
            const Bytes rnd = det ? Bytes(32, 0) : hex(t["rnd"]);
            auto sig = sign_internal(lv, hex(t["sk"]), hex(t["message"]), rnd);
            ASSERT_TRUE(sig.has_value()) << sig.error().to_string();
            EXPECT_EQ(to_hex(*sig), to_hex(hex(t["signature"]))) << "tcId " << t["tcId"];
            ++n;
        }
    }
    EXPECT_EQ(n, 60);
}

void acvp_sigver() {
    const auto j = testing::read_json(acvp("ML-DSA-sigVer-FIPS204"));
    int n = 0, passed = 0;
    for (const auto& g : j["testGroups"]) {
        const Level lv = level_of(g["parameterSet"]);
        const Bytes pk = hex(g["pk"]);
        for (const auto& t : g["tests"]) {
            auto ok = verify_internal(lv, pk, hex(t["message"]), hex(t["signature"]));
            const bool got = ok.has_value() && *ok;
            EXPECT_EQ(got, t["testPassed"].get<bool>()) << "tcId " << t["tcId"] << " " << t["reason"];
            ++n;
            passed += got;
        }
    }
    EXPECT_EQ(n, 45);
    EXPECT_EQ(passed, 9);
}

TEST(MlDsaAcvp, KeyGen) {
    acvp_keygen();
}
TEST(MlDsaAcvp, SigGen) {
    acvp_siggen();
}
TEST(MlDsaAcvp, SigVer) {
    acvp_sigver();
}

// The portable NTT path, whatever the CPU: the same vectors must pass (the default run uses AVX2
// when the CPU has it).
class MlDsaPortable : public ::testing::Test {
protected:
    void SetUp() override { crypto::allow_avx2(false); }
    void TearDown() override { crypto::allow_avx2(true); }
};
TEST_F(MlDsaPortable, AcvpKeyGen) {
    ASSERT_FALSE(crypto::avx2_active());
    acvp_keygen();
}
TEST_F(MlDsaPortable, AcvpSigGen) {
    acvp_siggen();
}
TEST_F(MlDsaPortable, AcvpSigVer) {
    acvp_sigver();
}

// Wycheproof sign files: key from the seed (or the expanded key), deterministic unless rnd is given;
// "Internal" cases sign μ directly.
void run_sign_file(const std::string& file, Level lv, bool seeded, int expected) {
    const auto j = testing::read_json(wycheproof(file));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        Bytes sk;
        bool key_ok = true;
        if (seeded) {
            auto kp = keygen(lv, hex(g["privateSeed"]));
            key_ok = kp.has_value();
            if (key_ok) {
                sk = kp->secret_key;
                EXPECT_EQ(to_hex(kp->public_key), to_hex(hex(g["publicKey"])));
            }
        } else {
            sk = hex(g["privateKey"]);
        }
        for (const auto& t : g["tests"]) {
            ++n;
            const bool valid = t["result"] == "valid";
            const Bytes rnd = t.contains("rnd") ? hex(t["rnd"]) : Bytes(32, 0);
            const Bytes ctx = t.contains("ctx") ? hex(t["ctx"]) : Bytes{};
            Result<Bytes> sig = fail("test.no_key", "no key");
            if (key_ok) {
                if (t.contains("msg"))
                    sig = sign(lv, sk, hex(t["msg"]), ctx, rnd);
                else
                    sig = sign_mu(lv, sk, hex(t["mu"]), rnd);
            }
            if (!valid) {
                EXPECT_FALSE(sig.has_value()) << file << " tcId " << t["tcId"] << " " << t["comment"];
                continue;
            }
            ASSERT_TRUE(sig.has_value()) << file << " tcId " << t["tcId"] << " " << sig.error().to_string();
            EXPECT_EQ(to_hex(*sig), to_hex(hex(t["sig"]))) << file << " tcId " << t["tcId"] << " " << t["comment"];
            if (t.contains("mu") && t.contains("msg")) {
                // The μ the file states is the one we sign: check through the μ interface too.
                auto again = sign_mu(lv, sk, hex(t["mu"]), rnd);
                ASSERT_TRUE(again.has_value());
                EXPECT_EQ(to_hex(*again), to_hex(*sig));
            }
        }
    }
    EXPECT_EQ(n, expected) << file;
}

TEST(MlDsaWycheproof, Sign44Seed) {
    run_sign_file("mldsa_44_sign_seed_test.json", Level::ml_dsa_44, true, 86);
}
TEST(MlDsaWycheproof, Sign65Seed) {
    run_sign_file("mldsa_65_sign_seed_test.json", Level::ml_dsa_65, true, 105);
}
TEST(MlDsaWycheproof, Sign87Seed) {
    run_sign_file("mldsa_87_sign_seed_test.json", Level::ml_dsa_87, true, 96);
}
TEST(MlDsaWycheproof, Sign44NoSeed) {
    run_sign_file("mldsa_44_sign_noseed_test.json", Level::ml_dsa_44, false, 73);
}

void run_verify_file(const std::string& file, Level lv, int expected) {
    const auto j = testing::read_json(wycheproof(file));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const Bytes pk = hex(g["publicKey"]);
        for (const auto& t : g["tests"]) {
            ++n;
            const Bytes ctx = t.contains("ctx") ? hex(t["ctx"]) : Bytes{};
            Result<bool> ok = t.contains("msg") ? verify(lv, pk, hex(t["msg"]), hex(t["sig"]), ctx)
                                                : verify_mu(lv, pk, hex(t["mu"]), hex(t["sig"]));
            const bool got = ok.has_value() && *ok;
            EXPECT_EQ(got, t["result"] == "valid") << file << " tcId " << t["tcId"] << " " << t["comment"];
        }
    }
    EXPECT_EQ(n, expected) << file;
}

TEST(MlDsaWycheproof, Verify44) {
    run_verify_file("mldsa_44_verify_test.json", Level::ml_dsa_44, 180);
}
TEST(MlDsaWycheproof, Verify65) {
    run_verify_file("mldsa_65_verify_test.json", Level::ml_dsa_65, 210);
}
TEST(MlDsaWycheproof, Verify87) {
    run_verify_file("mldsa_87_verify_test.json", Level::ml_dsa_87, 241);
}
TEST_F(MlDsaPortable, Wycheproof65) {
    run_sign_file("mldsa_65_sign_seed_test.json", Level::ml_dsa_65, true, 105);
    run_verify_file("mldsa_65_verify_test.json", Level::ml_dsa_65, 210);
}

TEST(MlDsa, ContextAndPreHashRoundTrip) {
    for (Level lv : {Level::ml_dsa_44, Level::ml_dsa_65, Level::ml_dsa_87}) {
        const Bytes seed(32, 7), rnd(32, 0), msg = {1, 2, 3}, ctx = {9, 9};
        auto kp = keygen(lv, seed);
        ASSERT_TRUE(kp.has_value());
        auto sig = sign(lv, kp->secret_key, msg, ctx, rnd);
        ASSERT_TRUE(sig.has_value());
        EXPECT_TRUE(verify(lv, kp->public_key, msg, *sig, ctx).value());
        EXPECT_FALSE(verify(lv, kp->public_key, msg, *sig, {}).value());
        EXPECT_FALSE(verify(lv, kp->public_key, Bytes{1, 2, 4}, *sig, ctx).value());
        for (auto ph : {PreHash::sha256, PreHash::sha512, PreHash::sha3_256, PreHash::shake128, PreHash::shake256}) {
            auto hs = hash_sign(lv, kp->secret_key, msg, ctx, ph, rnd);
            ASSERT_TRUE(hs.has_value());
            EXPECT_TRUE(hash_verify(lv, kp->public_key, msg, *hs, ctx, ph).value());
            EXPECT_FALSE(verify(lv, kp->public_key, msg, *hs, ctx).value());  // pure and pre-hash differ
            EXPECT_FALSE(hash_verify(lv, kp->public_key, msg, *hs, ctx, PreHash::sha384).value());
        }
        EXPECT_FALSE(sign(lv, kp->secret_key, msg, Bytes(256, 0), rnd).has_value());
        EXPECT_FALSE(keygen(lv, Bytes(31, 0)).has_value());
    }
}

}  // namespace
}  // namespace luxl2::crypto::mldsa
