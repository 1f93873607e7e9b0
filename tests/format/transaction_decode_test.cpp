// decode_transaction's envelope and shape rules, each with its error code.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/transaction.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

using namespace luxl2::literals;

Transaction signed_tx(TxType type) {
    Transaction tx;
    tx.type = type;
    tx.chain_id = U256(1);
    tx.gas_limit = 21000;
    if (type == TxType::kLegacy || type == TxType::kAccessList)
        tx.gas_price = U256(2);
    else
        tx.max_fee_per_gas = U256(2);
    tx.to = Address{};
    if (type == TxType::kBlob) {
        Hash32 h;
        h[0] = 1;
        tx.blob_versioned_hashes = {h};
    }
    if (type == TxType::kSetCode) tx.authorization_list.push_back({U256(1), Address{}, 0, 0, U256(1), U256(1)});
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x66));
    sign_transaction(tx, *key);
    return tx;
}

TEST(TransactionDecode, Envelope) {
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(Bytes{})), rlp::errc::input_too_short);
    for (std::uint8_t t :
         {std::uint8_t{0x00}, std::uint8_t{0x05}, std::uint8_t{0x50}, std::uint8_t{0x7e}, std::uint8_t{0x7f}})
        EXPECT_EQ(luxl2::testing::error_code(decode_transaction(Bytes{t, 0xc0})), txerrc::type_not_supported) << int{t};
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction("80"_hex)),
              txerrc::type_not_supported);  // a string, not a list
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction("b8"_hex)), txerrc::type_not_supported);

    const Bytes legacy = encode_transaction(signed_tx(TxType::kLegacy));
    ASSERT_TRUE(decode_transaction(legacy).has_value());
    Bytes trailing = legacy;
    trailing.push_back(0x00);
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(trailing)), rlp::errc::trailing_bytes);
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(ByteView(legacy).first(legacy.size() - 1))),
              rlp::errc::input_too_short);
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction("c0"_hex)), txerrc::field_count);
    TxLimits small;
    small.max_bytes = legacy.size() - 1;
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(legacy, small)), rlp::errc::too_large);
}

TEST(TransactionDecode, EveryTypeRoundTrips) {
    for (TxType t : {TxType::kLegacy, TxType::kAccessList, TxType::kDynamicFee, TxType::kBlob, TxType::kSetCode}) {
        const Transaction tx = signed_tx(t);
        const Bytes raw = encode_transaction(tx);
        if (t != TxType::kLegacy) {
            EXPECT_EQ(raw[0], static_cast<std::uint8_t>(t));
        }
        const auto dec = decode_transaction(raw);
        ASSERT_TRUE(dec.has_value()) << static_cast<int>(t) << ": " << dec.error().to_string();
        EXPECT_EQ(*dec, tx);
        EXPECT_EQ(transaction_hash(*dec), crypto::keccak256(raw));
    }
}

TEST(TransactionDecode, BlobAndSetCodeCannotCreate) {
    for (TxType t : {TxType::kBlob, TxType::kSetCode}) {
        Transaction tx = signed_tx(t);
        tx.to.reset();
        const auto r = decode_transaction(encode_transaction(tx));
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(luxl2::testing::error_code(r), txerrc::invalid_field);
    }
}

TEST(TransactionDecode, FieldShapes) {
    // Extra and missing fields: append/drop one item inside the list of a type-2 transaction.
    const Transaction tx = signed_tx(TxType::kDynamicFee);
    Bytes fields;
    {
        const Bytes raw = encode_transaction(tx);
        ByteView in = ByteView(raw).subspan(1);
        const auto payload = rlp::decode_list(in);
        ASSERT_TRUE(payload.has_value());
        fields.assign(payload->begin(), payload->end());
    }
    auto wrap = [](ByteView payload) {
        Bytes out = {0x02};
        rlp::encode_header(out, {true, payload.size()});
        append(out, payload);
        return out;
    };
    Bytes extra = fields;
    extra.push_back(0x80);
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(wrap(extra))), txerrc::field_count);
    // Drop the final item (s, one 0xa0-prefixed 32-byte string or shorter).
    ByteView scan = fields;
    std::size_t last_start = 0;
    while (!scan.empty()) {
        last_start = fields.size() - scan.size();
        auto h = rlp::decode_header(scan);
        ASSERT_TRUE(h.has_value());
        scan = scan.subspan(h->payload_length);
    }
    EXPECT_EQ(luxl2::testing::error_code(decode_transaction(wrap(ByteView(fields).first(last_start)))),
              txerrc::field_count);

    // A 19- and a 21-byte `to`.
    for (std::size_t n : {19u, 21u}) {
        Bytes bad;
        rlp::encode(bad, U256(1));           // chainId
        rlp::encode(bad, std::uint64_t{0});  // nonce
        rlp::encode(bad, U256(0));
        rlp::encode(bad, U256(0));
        rlp::encode(bad, std::uint64_t{21000});
        rlp::encode(bad, Bytes(n, 0x11));
        rlp::encode(bad, U256(0));
        rlp::encode(bad, Bytes{});
        rlp::encode_header(bad, {true, 0});
        rlp::encode(bad, std::uint64_t{0});
        rlp::encode(bad, U256(1));
        rlp::encode(bad, U256(1));
        const auto r = decode_transaction(wrap(bad));
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(luxl2::testing::error_code(r), txerrc::invalid_field) << n;
        EXPECT_NE(r.error().message.find("to"), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace luxl2::format
