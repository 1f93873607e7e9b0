#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/eth_block.hpp"
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "testing.hpp"

namespace luxl2::compress {
namespace {

std::vector<Bytes> mainnet_txs(bool transfers_only = false) {
    const auto text = testing::read_text(testing::data_dir() / "eth-mainnet/derived/mainnet_txs.csv");
    auto corpus = parse_tx_corpus(text);
    EXPECT_TRUE(corpus) << corpus.error().to_string();
    std::vector<Bytes> out;
    for (auto& t : *corpus)
        if (!transfers_only || is_plain_transfer(t.raw)) out.push_back(std::move(t.raw));
    return out;
}

TEST(Columnar, RealMainnetRoundTripsByteForByte) {
    const auto txs = mainnet_txs();
    ASSERT_EQ(txs.size(), 3542u);
    ColumnarStats stats;
    auto enc = encode_columnar(txs, {}, {}, &stats);
    ASSERT_TRUE(enc) << enc.error().to_string();
    std::size_t raw = 0;
    for (const auto& t : txs) raw += t.size();
    EXPECT_EQ(stats.fallback_txs, 0u);  // the 11 blob and 2 set-code transactions have columns too
    EXPECT_LT(enc->size(), raw);
    auto dec = decode_columnar(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    ASSERT_EQ(dec->size(), txs.size());
    for (std::size_t i = 0; i < txs.size(); ++i) ASSERT_TRUE(equal(dec->raw(i), txs[i])) << i;
}

TEST(Columnar, SignatureFreeModeCarriesSendersAndWhatWasSigned) {
    const auto txs = mainnet_txs();
    std::vector<Address> senders;
    std::vector<Bytes> some;
    for (std::size_t i = 0; i < txs.size(); i += 7) {
        auto tx = format::decode_transaction(txs[i]);
        ASSERT_TRUE(tx);
        auto s = format::recover_sender(*tx);
        if (!s) continue;
        some.push_back(txs[i]);
        senders.push_back(*s);
    }
    ColumnarOptions opt;
    opt.signature_free = true;
    auto enc = encode_columnar(some, opt, senders);
    ASSERT_TRUE(enc) << enc.error().to_string();
    auto with_sigs = encode_columnar(some);
    ASSERT_TRUE(with_sigs);
    EXPECT_LT(enc->size(), with_sigs->size());
    auto dec = decode_columnar(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_TRUE(dec->signature_free);
    EXPECT_EQ(dec->senders, senders);
    for (std::size_t i = 0; i < some.size(); ++i) {
        auto orig = format::decode_transaction(some[i]);
        auto got = dec->tx(i);
        ASSERT_TRUE(got) << got.error().to_string();
        EXPECT_EQ(format::signing_hash(*got), format::signing_hash(*orig)) << i;
        EXPECT_TRUE(got->r.is_zero() && got->s.is_zero());
    }
    EXPECT_EQ(encode_columnar(some, opt, {}).error().code, errc::bad_envelope);  // senders required
}

std::vector<Bytes> blob_and_set_code_txs() {
    std::vector<Bytes> out;
    for (auto& raw : mainnet_txs())
        if (!raw.empty() && (raw[0] == 0x03 || raw[0] == 0x04)) out.push_back(std::move(raw));
    return out;
}

// EIP-4844 (type 3) and EIP-7702 (type 4) transactions of mainnet get columns (blob fee in `fee`; blob
// hashes and authorizations in `access`, authority addresses in the address table), not verbatim
// copies, and come back byte for byte, with and without signatures.
TEST(Columnar, RealBlobAndSetCodeTransactionsAreColumnsAndRoundTrip) {
    const auto txs = blob_and_set_code_txs();
    ASSERT_EQ(txs.size(), 13u);  // 11 blob, 2 set-code (SOURCE.md)
    std::size_t verbatim_bytes = 0;
    for (const auto& t : txs) verbatim_bytes += t.size();
    ColumnarStats stats;
    auto enc = encode_columnar(txs, {}, {}, &stats);
    ASSERT_TRUE(enc) << enc.error().to_string();
    EXPECT_EQ(stats.fallback_txs, 0u);
    EXPECT_LT(enc->size(), verbatim_bytes);
    auto dec = decode_columnar(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(dec->raw_all(), txs);
    std::size_t blob_hashes = 0, auths = 0;
    std::vector<Address> senders;
    for (std::size_t i = 0; i < txs.size(); ++i) {
        auto orig = format::decode_transaction(txs[i]);
        auto got = dec->tx(i);
        ASSERT_TRUE(orig && got);
        EXPECT_EQ(*got, *orig) << i;
        blob_hashes += got->blob_versioned_hashes.size();
        auths += got->authorization_list.size();
        auto s = format::recover_sender(*orig);
        ASSERT_TRUE(s);
        senders.push_back(*s);
    }
    EXPECT_GT(blob_hashes, 0u);
    EXPECT_GT(auths, 0u);
    // Signature-free: what each sender signed, and the authorizations' own signatures, survive.
    ColumnarOptions opt;
    opt.signature_free = true;
    auto sf = encode_columnar(txs, opt, senders);
    ASSERT_TRUE(sf);
    auto sfdec = decode_columnar(*sf);
    ASSERT_TRUE(sfdec) << sfdec.error().to_string();
    EXPECT_EQ(sfdec->senders, senders);
    for (std::size_t i = 0; i < txs.size(); ++i) {
        auto orig = format::decode_transaction(txs[i]);
        auto got = sfdec->tx(i);
        ASSERT_TRUE(got);
        EXPECT_EQ(format::signing_hash(*got), format::signing_hash(*orig)) << i;
        EXPECT_EQ(got->authorization_list, orig->authorization_list) << i;
        EXPECT_TRUE(got->r.is_zero() && got->s.is_zero());
    }
    // Mixed into a batch of other transactions, in their places.
    auto all = mainnet_txs();
    const std::vector<Bytes> mixed(all.end() - 300, all.end());
    auto menc = encode_columnar(mixed, {}, {}, &stats);
    ASSERT_TRUE(menc);
    auto mdec = decode_columnar(*menc);
    ASSERT_TRUE(mdec) << mdec.error().to_string();
    EXPECT_EQ(mdec->raw_all(), mixed);
}

// A blob or set-code transaction always has a recipient: a kind byte flagging a creation is refused.
TEST(Columnar, BlobTransactionFlaggedAsCreationIsRefused) {
    const auto txs = blob_and_set_code_txs();
    for (const auto& t : txs) {
        const std::vector<Bytes> one{t};
        ColumnarStats stats;
        auto enc = encode_columnar(one, {}, {}, &stats);
        ASSERT_TRUE(enc);
        ASSERT_TRUE(decode_columnar(*enc));
        // A one-transaction batch stores its kind column raw, right after the header: codec 0 ‖
        // length 1 ‖ the kind byte.
        Bytes bad = *enc;
        const std::size_t at = stats.header_bytes;
        ASSERT_EQ(bad[at], 0);
        ASSERT_EQ(bad[at + 1], 1);
        ASSERT_EQ(bad[at + 2] & 0x07, t[0]);
        bad[at + 2] |= 0x10;  // contract creation
        auto refused = decode_columnar(bad);
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, errc::corrupt);
    }
}

TEST(Columnar, EveryFlippedByteIsCaughtOrHarmless) {
    const auto all = mainnet_txs();
    const std::vector<Bytes> txs(all.begin(), all.begin() + 40);
    auto enc = encode_columnar(txs);
    ASSERT_TRUE(enc);
    for (std::size_t i = 0; i < enc->size(); i += 3) {
        Bytes bad = *enc;
        bad[i] ^= 0x5a;
        auto dec = decode_columnar(bad);
        if (dec) {
            EXPECT_EQ(dec->raw_all(), txs) << "byte " << i;  // only a byte with no effect may pass
        }
    }
    Bytes longer = *enc;
    longer.push_back(0);
    EXPECT_EQ(decode_columnar(longer).error().code, errc::trailing_bytes);
    ColumnarLimits tight;
    tight.max_output = 1000;
    EXPECT_EQ(decode_columnar(*enc, tight).error().code, errc::size_limit);
    tight = {};
    tight.max_txs = 10;
    EXPECT_EQ(decode_columnar(*enc, tight).error().code, errc::too_many_elements);
}

TEST(Columnar, SyntheticContractCallsRoundTripAndBeatZstd) {
    const auto calls = synthetic_contract_calls(500, 9);
    std::vector<Bytes> txs;
    Bytes concat;
    for (const auto& t : calls) txs.push_back(t.raw), append(concat, t.raw);
    auto enc = encode_columnar(txs);
    ASSERT_TRUE(enc);
    auto dec = decode_columnar(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(dec->raw_all(), txs);
    auto z = compress_raw({CompressionType::kZstandard, Variant::kDefault, 19}, concat);
    EXPECT_LT(enc->size(), z->size());
}

// LP-505 "Transaction Compression Tests": 100 EIP-1559 transfers of 1 ether to one address, gas 21000,
// 100 gwei, nonces 0..99, from one sender: the batch is under a tenth of the originals. With ECDSA
// signatures (64 random bytes each) that cannot hold; signature-free it does.
TEST(Columnar, SpecBatchOfSimilarTransactions) {
    auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x42));
    ASSERT_TRUE(key);
    const Address sender = crypto::to_address(crypto::public_key(*key));
    const Address common = Address::from_view(Bytes(20, 0xcc));
    std::vector<Bytes> txs;
    std::size_t original = 0;
    for (std::uint64_t i = 0; i < 100; ++i) {
        format::Transaction tx;
        tx.type = format::TxType::kDynamicFee;
        tx.chain_id = U256(1);
        tx.nonce = i;
        tx.to = common;
        tx.value = U256(1'000'000'000'000'000'000ull);
        tx.gas_limit = 21000;
        tx.max_fee_per_gas = U256(100'000'000'000ull);
        tx.max_priority_fee_per_gas = U256(1'000'000'000ull);
        format::sign_transaction(tx, *key);
        txs.push_back(format::encode_transaction(tx));
        original += txs.back().size();
    }
    ColumnarOptions opt;
    opt.signature_free = true;
    auto enc = encode_columnar(txs, opt, std::vector<Address>(100, sender));
    ASSERT_TRUE(enc);
    EXPECT_LT(enc->size(), original / 10);
    auto signed_batch = encode_columnar(txs);
    EXPECT_GT(signed_batch->size(), 6400u);  // the signatures alone
    auto common_fields = extract_common_fields(txs);
    ASSERT_TRUE(common_fields);
    // The common part holds the shared recipient and the gas limit 21000 (in the gas dictionary).
    const Bytes& c = common_fields->common;
    EXPECT_NE(std::search(c.begin(), c.end(), common.bytes.begin(), common.bytes.end()), c.end());
    Bytes gas;
    put_varint(gas, 21000);
    EXPECT_NE(std::search(c.begin(), c.end(), gas.begin(), gas.end()), c.end());
    ASSERT_EQ(common_fields->deltas.size(), 100u);
    for (const auto& d : common_fields->deltas) EXPECT_LT(d.size(), 100u);
}

// Zero words cost one tag byte each but decode to 32 bytes: the decoder bounds what it produces, not
// only the columns it reads.
TEST(Columnar, ZeroWordCalldataBombIsRefused) {
    auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x07));
    format::Transaction tx;
    tx.type = format::TxType::kDynamicFee;
    tx.chain_id = U256(1);
    tx.to = Address::from_view(Bytes(20, 0x22));
    tx.gas_limit = 30'000'000;
    tx.data = Bytes(4 + 32 * 32768, 0);  // 1 MiB of zero words
    tx.data[0] = 0x12;
    format::sign_transaction(tx, *key);
    const std::vector<Bytes> txs{format::encode_transaction(tx)};
    auto enc = encode_columnar(txs);
    ASSERT_TRUE(enc);
    EXPECT_LT(enc->size(), 1000u);
    ColumnarLimits limits;
    limits.max_output = 64 * 1024;
    auto dec = decode_columnar(*enc, limits);
    ASSERT_FALSE(dec);
    EXPECT_EQ(dec.error().code, errc::size_limit);
    ASSERT_TRUE(decode_columnar(*enc));  // within the default limit it decodes
}

TEST(Blocks, SixteenRealBlocksRoundTripByteForByte) {
    std::vector<Bytes> blocks;
    for (const auto& e : std::filesystem::directory_iterator(testing::data_dir() / "eth-mainnet/derived/full_blocks"))
        if (e.path().extension() == ".rlp") {
            const auto s = testing::read_text(e.path());
            blocks.emplace_back(s.begin(), s.end());
        }
    ASSERT_EQ(blocks.size(), 16u);
    auto enc = compress_eth_blocks(blocks);
    ASSERT_TRUE(enc) << enc.error().to_string();
    auto dec = decompress_eth_blocks(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(*dec, blocks);
}

}  // namespace
}  // namespace luxl2::compress
