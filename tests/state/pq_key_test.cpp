// The opted-in flag of a bound post-quantum key in the account encoding.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/state/account.hpp"

namespace luxl2::state {
namespace {

TEST(AccountPqKey, OptInFlagIsAThirdItemPresentOnlyWhenSet) {
    Account a;
    a.nonce = 1;
    a.pq_key = PqKey{2, Bytes(1952, 0x42), false};
    const Bytes plain = encode_account(a);
    EXPECT_EQ(decode_account(plain).value(), a);
    a.pq_key->ecdsa_disabled = true;
    const Bytes flagged = encode_account(a);
    EXPECT_EQ(flagged.size(), plain.size() + 1);
    EXPECT_EQ(flagged.back(), 0x01);
    EXPECT_EQ(decode_account(flagged).value(), a);
    // false is absence: an explicit 0x80 (or any other value) is not canonical.
    Bytes zero_flag = flagged;
    zero_flag.back() = 0x80;
    EXPECT_EQ(decode_account(zero_flag).error().code, errc::bad_account);
    Bytes two = flagged;
    two.back() = 0x02;
    EXPECT_EQ(decode_account(two).error().code, errc::bad_account);
}

}  // namespace
}  // namespace luxl2::state
