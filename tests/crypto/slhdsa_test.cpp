// SLH-DSA against the NIST ACVP keyGen and sigVer vectors (internal interface). The passing sigVer
// cases carry sk and additionalRandomness, so they double as signing tests: the fast sets always,
// the slow 's' sets in the Long suite.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/simd.hpp"
#include "luxl2/crypto/slhdsa.hpp"
#include "testing.hpp"

namespace luxl2::crypto::slhdsa {
namespace {

Bytes hex(const nlohmann::json& j) {
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value());
    return b.value_or(Bytes{});
}

std::filesystem::path acvp(const char* what) {
    return testing::data_dir() / "post-quantum/slh-dsa/acvp" / what / "internalProjection.json";
}

bool long_tests() {
    const char* v = std::getenv("LUXL2_LONG_TESTS");
    return v && std::string(v) == "1";
}

// Runs every keyGen case; returns how many ran.
int keygen_cases() {
    const auto j = testing::read_json(acvp("SLH-DSA-keyGen-FIPS205"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const auto set = param_set_by_name(g["parameterSet"].get<std::string>());
        EXPECT_TRUE(set.has_value());
        if (!set) continue;
        for (const auto& t : g["tests"]) {
            Bytes seed = hex(t["skSeed"]);
            append(seed, hex(t["skPrf"]));
            append(seed, hex(t["pkSeed"]));
            auto kp = keygen(*set, seed);
            EXPECT_TRUE(kp.has_value());
            if (!kp) continue;
            EXPECT_EQ(to_hex(kp->secret_key), to_hex(hex(t["sk"]))) << "tcId " << t["tcId"];
            EXPECT_EQ(to_hex(kp->public_key), to_hex(hex(t["pk"]))) << "tcId " << t["tcId"];
            ++n;
        }
    }
    return n;
}

TEST(SlhDsaAcvp, KeyGen) {
    EXPECT_EQ(keygen_cases(), 40);
}

TEST(SlhDsaAcvp, SigVer) {
    const auto j = testing::read_json(acvp("SLH-DSA-sigVer-FIPS205"));
    int n = 0, passed = 0;
    for (const auto& g : j["testGroups"]) {
        const auto set = param_set_by_name(g["parameterSet"].get<std::string>());
        ASSERT_TRUE(set.has_value());
        for (const auto& t : g["tests"]) {
            auto ok = verify_internal(*set, hex(t["pk"]), hex(t["message"]), hex(t["signature"]));
            const bool got = ok.has_value() && *ok;
            EXPECT_EQ(got, t["testPassed"].get<bool>()) << "tcId " << t["tcId"] << " " << t["reason"];
            ++n;
            passed += got;
        }
    }
    EXPECT_EQ(n, 45);
    EXPECT_EQ(passed, 15);
}

// Re-signs each passing sigVer case with its sk and additionalRandomness; `slow` selects the 's' sets.
int resign_passing_cases(bool slow) {
    const auto j = testing::read_json(acvp("SLH-DSA-sigVer-FIPS205"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const auto name = g["parameterSet"].get<std::string>();
        const bool is_slow = name.back() == 's';
        if (is_slow != slow) continue;
        const auto set = param_set_by_name(name);
        for (const auto& t : g["tests"]) {
            if (!t["testPassed"].get<bool>()) continue;
            auto sig = sign_internal(*set, hex(t["sk"]), hex(t["message"]), hex(t["additionalRandomness"]));
            EXPECT_TRUE(sig.has_value());
            if (sig) {
                EXPECT_TRUE(to_hex(*sig) == to_hex(hex(t["signature"]))) << name << " tcId " << t["tcId"];
            }
            ++n;
        }
    }
    return n;
}

TEST(SlhDsaAcvp, SignFastSets) {
    EXPECT_EQ(resign_passing_cases(false), 9);
}

TEST(LongSlhDsaAcvp, SignSmallSets) {
    if (!long_tests()) GTEST_SKIP() << "set LUXL2_LONG_TESTS=1";
    EXPECT_EQ(resign_passing_cases(true), 6);
}

// Every parameter set: keygen, deterministic and randomised signing, pure with a context and
// pre-hash, and rejection of a wrong context, message or bit-flipped signature.
void round_trip(ParamSet set) {
    const Params& p = params(set);
    Bytes seed(3 * p.n);
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(i * 7 + 1);
    auto kp = keygen(set, seed);
    ASSERT_TRUE(kp.has_value());
    const Bytes msg = {'l', 'u', 'x'}, ctx = {1, 2, 3};
    auto sig = sign(set, kp->secret_key, msg, ctx, {});
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(sig->size(), p.signature_bytes);
    EXPECT_TRUE(verify(set, kp->public_key, msg, *sig, ctx).value());
    EXPECT_FALSE(verify(set, kp->public_key, msg, *sig, {}).value());
    EXPECT_FALSE(verify(set, kp->public_key, Bytes{'l', 'u', 'y'}, *sig, ctx).value());
    Bytes flipped = *sig;
    flipped[flipped.size() / 2] ^= 1;
    EXPECT_FALSE(verify(set, kp->public_key, msg, flipped, ctx).value());
    EXPECT_FALSE(verify(set, kp->public_key, msg, ByteView(*sig).first(sig->size() - 1), ctx).value());
    auto again = sign(set, kp->secret_key, msg, ctx, {});
    EXPECT_EQ(*again, *sig);  // deterministic
    auto hedged = sign(set, kp->secret_key, msg, ctx, Bytes(p.n, 0xAB));
    ASSERT_TRUE(hedged.has_value());
    EXPECT_NE(*hedged, *sig);
    EXPECT_TRUE(verify(set, kp->public_key, msg, *hedged, ctx).value());
    auto hs = hash_sign(set, kp->secret_key, msg, ctx, PreHash::sha256, {});
    ASSERT_TRUE(hs.has_value());
    EXPECT_TRUE(hash_verify(set, kp->public_key, msg, *hs, ctx, PreHash::sha256).value());
    EXPECT_FALSE(verify(set, kp->public_key, msg, *hs, ctx).value());
    EXPECT_FALSE(sign(set, kp->secret_key, msg, Bytes(256, 0), {}).has_value());
    EXPECT_FALSE(keygen(set, Bytes(3 * p.n - 1, 0)).has_value());
}

TEST(SlhDsa, RoundTripShake128f) {
    round_trip(ParamSet::shake_128f);
}
TEST(SlhDsa, RoundTripSha2_128f) {
    round_trip(ParamSet::sha2_128f);
}
TEST(SlhDsa, RoundTripShake192f) {
    round_trip(ParamSet::shake_192f);
}
TEST(SlhDsa, RoundTripSha2_256f) {
    round_trip(ParamSet::sha2_256f);
}

TEST(LongSlhDsa, RoundTripAllSets) {
    if (!long_tests()) GTEST_SKIP() << "set LUXL2_LONG_TESTS=1";
    for (std::size_t i = 0; i < 12; ++i) round_trip(static_cast<ParamSet>(i));
}

}  // namespace
}  // namespace luxl2::crypto::slhdsa

namespace luxl2::crypto::slhdsa {
namespace {

// The portable path (one scalar permutation per call instead of the four-way Keccak) on the same
// vectors: key generation, verification, and signing with the fast sets.
TEST(SlhDsaPortable, AcvpKeyGenSigVerAndFastSigning) {
    crypto::allow_avx2(false);
    ASSERT_FALSE(crypto::avx2_active());
    const auto j = testing::read_json(acvp("SLH-DSA-sigVer-FIPS205"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const auto set = param_set_by_name(g["parameterSet"].get<std::string>());
        for (const auto& t : g["tests"]) {
            auto ok = verify_internal(*set, hex(t["pk"]), hex(t["message"]), hex(t["signature"]));
            EXPECT_EQ(ok.has_value() && *ok, t["testPassed"].get<bool>()) << "tcId " << t["tcId"];
            ++n;
        }
    }
    EXPECT_EQ(n, 45);
    EXPECT_EQ(resign_passing_cases(false), 9);
    EXPECT_EQ(keygen_cases(), 40);
    crypto::allow_avx2(true);
}

// The same without the x86-64-v3 (BMI) build of the permutation and of the one-block SHAKE kernels:
// the code any x86-64 or other CPU runs.
TEST(SlhDsaPortable, AcvpWithoutBmi) {
    crypto::allow_avx2(false);
    crypto::allow_keccak_f1600_x86_64_v3(false);
    ASSERT_FALSE(crypto::keccak_f1600_has_x86_64_v3());
    const auto j = testing::read_json(acvp("SLH-DSA-sigVer-FIPS205"));
    int n = 0;
    for (const auto& g : j["testGroups"]) {
        const auto set = param_set_by_name(g["parameterSet"].get<std::string>());
        for (const auto& t : g["tests"]) {
            auto ok = verify_internal(*set, hex(t["pk"]), hex(t["message"]), hex(t["signature"]));
            EXPECT_EQ(ok.has_value() && *ok, t["testPassed"].get<bool>()) << "tcId " << t["tcId"];
            ++n;
        }
    }
    EXPECT_EQ(n, 45);
    EXPECT_EQ(resign_passing_cases(false), 9);
    crypto::allow_keccak_f1600_x86_64_v3(true);
    crypto::allow_avx2(true);
}

}  // namespace
}  // namespace luxl2::crypto::slhdsa
