// SHA-256 (FIPS 180-4 examples, NIST CSRC "Examples with Intermediate Values", SHA256.pdf /
// SHA2_Additional.pdf) and HMAC-SHA-256 (RFC 4231 test cases 1, 2 and 6).
#include "luxl2/crypto/sha256.hpp"

#include <gtest/gtest.h>

#include <string>

#include "luxl2/core/hex.hpp"

namespace luxl2::crypto {
namespace {

Bytes text(const std::string& s) {
    return Bytes(s.begin(), s.end());
}

TEST(Sha256, Fips180Examples) {
    EXPECT_EQ(to_hex(sha256(Bytes{})), "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(to_hex(sha256(text("abc"))), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(to_hex(sha256(text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "0x248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // One million 'a' (SHA2_Additional).
    EXPECT_EQ(to_hex(sha256(Bytes(1000000, 'a'))),
              "0xcdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(HmacSha256, Rfc4231) {
    EXPECT_EQ(to_hex(hmac_sha256(Bytes(20, 0x0b), text("Hi There"))),
              "0xb0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(to_hex(hmac_sha256(text("Jefe"), text("what do ya want for nothing?"))),
              "0x5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block is hashed first.
    EXPECT_EQ(to_hex(hmac_sha256(Bytes(131, 0xaa), text("Test Using Larger Than Block-Size Key - Hash Key First"))),
              "0x60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// Empty key and message (null data pointers): HMAC is still defined (key padded with zeros).
TEST(HmacSha256, EmptyKeyAndMessage) {
    EXPECT_EQ(to_hex(hmac_sha256(Bytes{}, Bytes{})),
              "0xb613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

}  // namespace
}  // namespace luxl2::crypto
