#include "luxl2/crypto/pq_algorithm.hpp"

#include <gtest/gtest.h>

namespace luxl2::crypto {
namespace {

TEST(PqAlgorithm, MapsLp505NamesToStandards) {
    EXPECT_EQ(pq_scheme(PostQuantumAlgorithm::DILITHIUM3).value()->name, "ml-dsa-65");
    EXPECT_EQ(pq_security_level(PostQuantumAlgorithm::DILITHIUM3).value(), 3u);
    EXPECT_EQ(pq_scheme(PostQuantumAlgorithm::SPHINCS_SHAKE256).value()->name, "slh-dsa-shake-256s");
    EXPECT_EQ(pq_scheme(PostQuantumAlgorithm::SPHINCS_SHAKE256, "128f").value()->name, "slh-dsa-shake-128f");
    EXPECT_EQ(pq_security_level(PostQuantumAlgorithm::SPHINCS_SHAKE256, "128f").value(), 1u);
    EXPECT_EQ(pq_security_level(PostQuantumAlgorithm::SPHINCS_SHAKE256, "192s").value(), 3u);
    EXPECT_EQ(pq_security_level(PostQuantumAlgorithm::SPHINCS_SHAKE256).value(), 5u);
    EXPECT_FALSE(pq_scheme(PostQuantumAlgorithm::SPHINCS_SHAKE256, "128x").has_value());
    EXPECT_EQ(pq_scheme_for_lengths(PostQuantumAlgorithm::SPHINCS_SHAKE256, 32, 17088).value()->name,
              "slh-dsa-shake-128f");
    EXPECT_EQ(pq_scheme_for_lengths(PostQuantumAlgorithm::DILITHIUM3, 1952, 3309).value()->name, "ml-dsa-65");
    EXPECT_FALSE(pq_scheme_for_lengths(PostQuantumAlgorithm::DILITHIUM3, 1952, 3308).has_value());
}

TEST(PqAlgorithm, RefusesWithReasons) {
    auto falcon = pq_scheme(PostQuantumAlgorithm::FALCON512);
    ASSERT_FALSE(falcon.has_value());
    EXPECT_EQ(falcon.error().code, errc::kPqNotImplemented);
    auto rainbow = pq_scheme(PostQuantumAlgorithm::Rainbow);
    ASSERT_FALSE(rainbow.has_value());
    EXPECT_EQ(rainbow.error().code, errc::kPqBroken);
    EXPECT_NE(rainbow.error().message.find("key-recovery"), std::string::npos);
    auto mceliece = pq_security_level(PostQuantumAlgorithm::McEliece);
    ASSERT_FALSE(mceliece.has_value());
    EXPECT_EQ(mceliece.error().code, errc::kPqNotASignature);
    EXPECT_NE(mceliece.error().message.find("key-encapsulation"), std::string::npos);
    EXPECT_EQ(pq_algorithm_from_ordinal(1).value(), PostQuantumAlgorithm::DILITHIUM3);
    EXPECT_FALSE(pq_algorithm_from_ordinal(5).has_value());
}

}  // namespace
}  // namespace luxl2::crypto
