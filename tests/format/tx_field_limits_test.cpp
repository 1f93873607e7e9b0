// TransactionData's byte fields have realistic limits (limits.hpp), the same in every encoding: the
// SSZ ByteList limits of docs/format/ssz.md and the defaults of format::Limits.
#include <gtest/gtest.h>

#include "luxl2/format/codec.hpp"
#include "luxl2/format/detail/ssz_codec.hpp"
#include "luxl2/format/testing.hpp"

namespace luxl2::format {
namespace {

TEST(TxFieldLimits, EveryEncodingAcceptsUpToTheLimitAndNoMore) {
    struct Case {
        Bytes TransactionData::*field;
        std::size_t limit;
    };
    for (const Case& k :
         {Case{&TransactionData::payload, kTxPayloadMaxBytes}, Case{&TransactionData::signature, kTxSignatureMaxBytes},
          Case{&TransactionData::metadata, kTxMetadataMaxBytes}}) {
        TransactionData tx;
        tx.tx_type = 0x02;
        tx.*k.field = Bytes(k.limit, 0x5A);
        ASSERT_TRUE(rlp_decode<TransactionData>(rlp_encode(tx)));
        ASSERT_TRUE(binary_decode<TransactionData>(binary_encode(tx)));
        ASSERT_TRUE(protobuf_decode<TransactionData>(protobuf_encode(tx)));
        ASSERT_TRUE(from_json<TransactionData>(to_json(tx)));
        auto ssz = ssz_encode(tx);
        ASSERT_TRUE(ssz);
        ASSERT_TRUE(ssz_decode<TransactionData>(*ssz));

        (tx.*k.field).push_back(0x5A);
        EXPECT_EQ(rlp_decode<TransactionData>(rlp_encode(tx)).error().code, errc::too_large);
        EXPECT_EQ(binary_decode<TransactionData>(binary_encode(tx)).error().code, errc::too_large);
        EXPECT_EQ(protobuf_decode<TransactionData>(protobuf_encode(tx)).error().code, errc::too_large);
        EXPECT_EQ(from_json<TransactionData>(to_json(tx)).error().code, errc::too_large);
        EXPECT_EQ(ssz_encode(tx).error().code, ssz::errc::limit);
        // A caller may lower a limit, not only use the default.
        Limits lim;
        lim.max_field_bytes = 100;
        (tx.*k.field).resize(101);
        EXPECT_FALSE(rlp_decode<TransactionData>(rlp_encode(tx), lim));
    }
    // Other byte fields keep the general limit.
    L2Block b;
    b.witness = Bytes(kTxPayloadMaxBytes + 1, 1);
    EXPECT_TRUE(rlp_decode<L2Block>(rlp_encode(b)));
    EXPECT_TRUE(ssz_encode(b));
}

}  // namespace
}  // namespace luxl2::format
