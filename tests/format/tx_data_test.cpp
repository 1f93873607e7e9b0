// LP-505 transaction envelopes: round trips, senders, signing hashes, Ethereum bytes kept exact.
#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/testing.hpp"
#include "luxl2/format/tx_data.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

using namespace luxl2::literals;

crypto::SecretKey test_key() {
    return std::move(*crypto::SecretKey::from_bytes("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"_hex));
}

TEST(TxData, EveryGeneratedTransactionRoundTripsThroughItsEnvelope) {
    std::size_t seen[256] = {};
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        const auto b = testing::random_block(seed, 60);
        for (const auto& tx : b.transactions) {
            ++seen[tx.tx_type];
            ASSERT_TRUE(check_payload(tx)) << check_payload(tx).error().to_string();
            auto env = to_envelope(tx);
            ASSERT_TRUE(env);
            auto back = from_envelope(*env);
            ASSERT_TRUE(back) << back.error().to_string();
            TransactionData expect = tx;
            expect.metadata.clear();
            EXPECT_EQ(*back, expect);
            if (tx.tx_type != lp505_type::kCompressed) {
                EXPECT_TRUE(tx_sender(tx)) << int(tx.tx_type);
            }
        }
    }
    for (unsigned t : {0x00u, 0x01u, 0x02u, 0x50u, 0x51u, 0x52u, 0x53u, 0x54u, 0x7eu}) EXPECT_GT(seen[t], 0u) << int(t);
}

TEST(TxData, MainnetTransactionsKeepTheirExactBytes) {
    const auto text = luxl2::testing::read_text(luxl2::testing::data_dir() / "eth-mainnet/derived/mainnet_txs.csv");
    auto sample = testing::parse_eth_sample_csv(text);
    ASSERT_TRUE(sample) << sample.error().to_string();
    ASSERT_GT(sample->txs.size(), 3000u);
    for (const auto& raw : sample->txs) {
        auto tx = from_envelope(raw);
        ASSERT_TRUE(tx) << tx.error().to_string();
        EXPECT_EQ(tx->payload, raw);
        EXPECT_EQ(*to_envelope(*tx), raw);
        EXPECT_EQ(*tx_hash(*tx), crypto::keccak256(raw));
    }
}

TEST(TxData, AIInferenceSignatureRecoversTheSigner) {
    AIInferenceTransaction t;
    t.chain_id = U256(7777);
    t.nonce = 3;
    t.model = Address::from_view("0x00000000000000000000000000000000000000aa"_hex);
    t.input = "0x010203"_hex;
    t.max_gas = U256(1'000'000);
    t.max_price = U256(1'000'000'000);
    t.requirements.requires_gpu = true;
    t.requirements.accelerator_type = "h100";
    auto tx = make_tx_data(t);
    const auto key = test_key();
    sign_tx_data(tx, key);
    ASSERT_EQ(tx.signature.size(), 65u);
    EXPECT_EQ(*tx_sender(tx), crypto::to_address(crypto::public_key(key)));
    // The signing hash is keccak256(0x50 ‖ payload) and the payload is the RLP of the fields.
    Bytes pre{0x50};
    append(pre, rlp_encode(t));
    EXPECT_EQ(*tx_signing_hash(tx), crypto::keccak256(pre));
    EXPECT_EQ(*decode_tx_payload<AIInferenceTransaction>(tx), t);
    // Envelope: 0x50 ‖ rlp([fields…, signature]).
    const Bytes env = *to_envelope(tx);
    EXPECT_EQ(env[0], 0x50);
    auto item = rlp::decode_item(ByteView(env).subspan(1));
    ASSERT_TRUE(item);
    ASSERT_EQ(item->items.size(), 9u);
    EXPECT_EQ(item->items.back().bytes, tx.signature);
    // A tampered payload recovers someone else.
    auto other = tx;
    other.payload.back() ^= 1;
    auto s = tx_sender(other);
    EXPECT_TRUE(!s || *s != crypto::to_address(crypto::public_key(key)));
}

TEST(TxData, QuantumSenderIsDerivedFromSchemeAndKey) {
    testing::Rng r(1);
    QuantumTransaction q;
    q.chain_id = U256(7777);
    q.scheme = pq_scheme::kMlDsa65;
    q.public_key = r.bytes(1952);
    auto tx = make_tx_data(q, r.bytes(3309));
    ASSERT_TRUE(check_payload(tx));
    Bytes pre{pq_scheme::kMlDsa65};
    append(pre, q.public_key);
    EXPECT_EQ(*tx_sender(tx), Address::from_view(crypto::keccak256(pre).view().subspan(12)));
    auto short_sig = make_tx_data(q, r.bytes(3308));
    EXPECT_EQ(check_payload(short_sig).error().code, txdata_errc::bad_signature);
    q.public_key.pop_back();
    EXPECT_EQ(check_payload(make_tx_data(q, r.bytes(3309))).error().code, txdata_errc::bad_signature);
}

TEST(TxData, DepositIsTheOpStackLayout) {
    DepositTransaction d;
    d.source_hash = Hash32::from_view("0x1111111111111111111111111111111111111111111111111111111111111111"_hex);
    d.from = Address::from_view("0x2222222222222222222222222222222222222222"_hex);
    d.to = Address::from_view("0x3333333333333333333333333333333333333333"_hex);
    d.mint = U256(1);
    d.value = U256(1);
    d.gas = 21000;
    d.is_system_tx = false;
    auto tx = make_tx_data(d);
    const Bytes env = *to_envelope(tx);
    // 0x7E ‖ rlp([sourceHash, from, to, mint, value, gas, isSystemTx, data]).
    const Bytes expect = "0x7ef852a0111111111111111111111111111111111111111111111111111111111111111194222222222222222222222222222222222222222294333333333333333333333333333333333333333301018252088080"_hex;
    EXPECT_EQ(env, expect);
    EXPECT_EQ(*tx_sender(tx), d.from);
    EXPECT_FALSE(tx_signing_hash(tx));
    auto with_sig = tx;
    with_sig.signature = {1};
    EXPECT_FALSE(check_payload(with_sig));
}

TEST(TxData, RejectsMalformedEnvelopes) {
    EXPECT_EQ(from_envelope(Bytes{}).error().code, txdata_errc::malformed);
    EXPECT_EQ(from_envelope(Bytes{0x60, 0xc0}).error().code, txdata_errc::unknown_type);
    EXPECT_FALSE(from_envelope(Bytes{0x50, 0xc0}));
    EXPECT_FALSE(from_envelope(Bytes{0x50, 0xc1, 0x80}));
    EXPECT_FALSE(from_envelope(Bytes{0x02, 0xc0}));
    // A typed Ethereum payload under the wrong txType.
    const auto b = testing::random_block(3, 30);
    for (const auto& tx : b.transactions) {
        if (tx.tx_type != 2) continue;
        auto wrong = tx;
        wrong.tx_type = 1;
        EXPECT_EQ(check_payload(wrong).error().code, txdata_errc::wrong_type);
        break;
    }
}

}  // namespace
}  // namespace luxl2::format
