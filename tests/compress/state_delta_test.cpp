#include <gtest/gtest.h>

#include "luxl2/compress/synthetic.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::compress {
namespace {

TEST(StateDelta, SyntheticBatchRoundTripsAndShrinks) {
    const auto st = synthetic_state_deltas(1000, 42);
    auto enc = compress_state_deltas(st.accounts, st.storage);
    ASSERT_TRUE(enc) << enc.error().to_string();
    auto dec = decompress_state_deltas(*enc, st.view());
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(dec->accounts, st.accounts);
    EXPECT_EQ(dec->storage, st.storage);
    const Bytes naive = st.naive_encoding();
    EXPECT_LT(enc->size() * 3, naive.size());
}

TEST(StateDelta, KnownKeysBecomeIndicesInTheNextBatch) {
    const auto st = synthetic_state_deltas(300, 7, 50, 3);
    StateKeyIndex known;
    auto first = encode_state_deltas(st.accounts, st.storage, known);
    known.extend(st.accounts, st.storage);
    auto second = encode_state_deltas(st.accounts, st.storage, known);
    ASSERT_TRUE(first && second);
    EXPECT_LT(second->size() * 2, first->size());
    auto dec = decode_state_deltas(*second, st.view(), known);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(dec->storage, st.storage);
    // Without the index the references dangle.
    EXPECT_FALSE(decode_state_deltas(*second, st.view()));
}

TEST(StateDelta, PacksByOperationAndRejectsNonCanonicalInput) {
    const Address a = Address::from_view(Bytes(20, 0x11));
    const AccountChange c{a, U256(1'000'000'000), U256(999'999'990), 5, 6};
    auto enc = encode_state_deltas({c}, {});
    ASSERT_TRUE(enc);
    // version, 1 account, new (0) + address, mask 3, sub 10 (len 1, op 2), nonce: replace by 6 (len 1,
    // op 0; ties with add 1 and replace wins), 0 slots
    Bytes expect{1, 1, 0};
    append(expect, a);
    append(expect, Bytes{3, 0x06, 10, 0x04, 6, 0});
    EXPECT_EQ(*enc, expect);
    StateView view{[&](const Address&) {
                       return std::pair<U256, std::uint64_t>{U256(1'000'000'000), 5};
                   },
                   [](const Address&, const Hash32&) { return U256{}; }};
    auto dec = decode_state_deltas(*enc, view);
    ASSERT_TRUE(dec);
    EXPECT_EQ(dec->accounts[0], c);
    Bytes longer{1, 1, 0};  // the balance as a 4-byte replace where a 1-byte subtract does
    append(longer, a);
    append(longer, Bytes{3, 0x10, 0x3b, 0x9a, 0xc9, 0xf6, 0x04, 6, 0});
    EXPECT_FALSE(decode_state_deltas(longer, view));
    EXPECT_EQ(encode_state_deltas({c, c}, {}).error().code, errc::corrupt);  // repeated key
    Bytes bomb{1};
    put_varint(bomb, 1ull << 40);
    EXPECT_EQ(decode_state_deltas(bomb, view).error().code, errc::too_many_elements);
}

}  // namespace
}  // namespace luxl2::compress
