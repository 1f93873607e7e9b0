#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/hd_wallet.hpp"

namespace luxl2::crypto {
namespace {

using namespace luxl2::literals;

TEST(Bip39, SeedOfTheTestMnemonic) {
    // BIP-39 reference vector (Trezor's vectors.json, passphrase "TREZOR").
    const auto seed = bip39_seed(
        "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", "TREZOR");
    EXPECT_EQ(to_hex(ByteView(seed)),
              "0xc55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a"
              "3c4ab7c81b2f001698e7463b04");
}

TEST(Bip32, Vector1) {
    // BIP-32 test vector 1, chain m/0'/1/2'/2/1000000000.
    const Bytes seed = "0x000102030405060708090a0b0c0d0e0f"_hex;
    auto k = bip32_derive(seed, "m/0'/1/2'/2/1000000000");
    ASSERT_TRUE(k);
    EXPECT_EQ(to_hex(ByteView(k->data(), 32)), "0x471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8");
    auto m = bip32_master(seed);
    ASSERT_TRUE(m);
    EXPECT_EQ(to_hex(ByteView(m->key.data(), 32)),
              "0xe8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35");
    EXPECT_EQ(to_hex(m->chain_code), "0x873dff81c02f525623fd1fe5167eac3a55a049de3d314bb42ee227ffed37d508");
}

TEST(Bip32, RejectsBadPaths) {
    const Bytes seed(32, 1);
    EXPECT_FALSE(bip32_derive(seed, "44'/60'"));
    EXPECT_FALSE(bip32_derive(seed, "m/x"));
    EXPECT_FALSE(bip32_derive(seed, "m/2147483648"));
    EXPECT_FALSE(bip32_derive(seed, "m//1"));
    EXPECT_FALSE(bip32_master(Bytes(8, 1)));
}

}  // namespace
}  // namespace luxl2::crypto
