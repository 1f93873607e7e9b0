// sign_transaction → encode → decode → recover gives the signer, for every type (legacy before and
// after EIP-155, 1, 2, 3, 4), on random transactions with extreme values; JSON round trips for
// legacy/1/2; and the rejection of malformed signatures.
#include <gtest/gtest.h>

#include <random>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/transaction_json.hpp"
#include "testing.hpp"

namespace luxl2::format {
namespace {

using namespace luxl2::literals;

class Gen {
public:
    explicit Gen(std::uint64_t seed) : g_(seed) {}
    std::uint64_t u64() {
        switch (g_() % 5) {
            case 0: return 0;
            case 1: return ~0ULL - 1;  // 2^64 - 1 is reserved by EIP-2681
            case 2: return g_() % 256;
            default: return g_() >> (g_() % 64);
        }
    }
    U256 u256() {
        switch (g_() % 5) {
            case 0: return U256{0};
            case 1: return U256::max();
            case 2: return U256{g_() % 256};
            default: return U256::from_words(g_(), g_(), g_(), g_()) >> static_cast<unsigned>(g_() % 256);
        }
    }
    Bytes bytes(std::size_t max) {
        Bytes b(g_() % 3 == 0 ? 0 : g_() % max);
        for (auto& x : b) x = static_cast<std::uint8_t>(g_() % 3 == 0 ? 0 : g_());
        return b;
    }
    template <std::size_t N>
    FixedBytes<N> fixed() {
        FixedBytes<N> f;
        for (auto& x : f.bytes) x = static_cast<std::uint8_t>(g_());
        return f;
    }
    bool coin() { return g_() % 2 == 0; }
    std::uint64_t below(std::uint64_t n) { return g_() % n; }

private:
    std::mt19937_64 g_;
};

Transaction random_tx(Gen& g, TxType type, bool legacy_chain_id) {
    Transaction tx;
    tx.type = type;
    if (type != TxType::kLegacy || legacy_chain_id) tx.chain_id = g.coin() ? U256(1) : U256(g.u64() / 2 + 1);
    tx.nonce = g.u64();
    tx.gas_limit = g.u64();
    if (type == TxType::kLegacy || type == TxType::kAccessList) {
        tx.gas_price = g.u256();
    } else {
        tx.max_priority_fee_per_gas = g.u256();
        tx.max_fee_per_gas = g.u256();
    }
    if (!g.coin() || type == TxType::kBlob || type == TxType::kSetCode) tx.to = g.fixed<20>();
    tx.value = g.u256();
    tx.data = g.bytes(g.coin() ? 40 : 3000);
    if (type != TxType::kLegacy) {
        const std::uint64_t entries = g.below(4);
        for (std::uint64_t i = 0; i < entries; ++i) {
            AccessListEntry e;
            e.address = g.fixed<20>();
            const std::uint64_t keys = g.below(4);
            for (std::uint64_t k = 0; k < keys; ++k) e.storage_keys.push_back(g.fixed<32>());
            tx.access_list.push_back(e);
        }
    }
    if (type == TxType::kBlob) {
        tx.max_fee_per_blob_gas = g.u256();
        const std::uint64_t n = 1 + g.below(6);
        for (std::uint64_t i = 0; i < n; ++i) {
            Hash32 h = g.fixed<32>();
            h[0] = 0x01;  // EIP-4844 versioned hash
            tx.blob_versioned_hashes.push_back(h);
        }
    }
    if (type == TxType::kSetCode) {
        const std::uint64_t n = 1 + g.below(3);
        for (std::uint64_t i = 0; i < n; ++i)
            tx.authorization_list.push_back(
                {g.u256(), g.fixed<20>(), g.u64(), static_cast<std::uint8_t>(g.below(2)), g.u256(), g.u256()});
    }
    return tx;
}

TEST(TransactionSign, SignDecodeRecoverEveryType) {
    Gen g(0x5eed);
    struct Kind {
        TxType type;
        bool chain_id;
        const char* name;
    };
    const Kind kinds[] = {
        {TxType::kLegacy, false, "legacy pre-EIP-155"},
        {TxType::kLegacy, true, "legacy EIP-155"},
        {TxType::kAccessList, true, "EIP-2930"},
        {TxType::kDynamicFee, true, "EIP-1559"},
        {TxType::kBlob, true, "EIP-4844"},
        {TxType::kSetCode, true, "EIP-7702"},
    };
    for (const auto& kind : kinds)
        for (int i = 0; i < 60; ++i) {
            Bytes seed(32);
            for (auto& b : seed) b = static_cast<std::uint8_t>(g.below(256));
            seed[0] = 0x01;  // keeps the key below n
            const auto key = crypto::SecretKey::from_bytes(seed);
            ASSERT_TRUE(key.has_value());
            const Address signer = crypto::to_address(crypto::public_key(*key));

            Transaction tx = random_tx(g, kind.type, kind.chain_id);
            sign_transaction(tx, *key);
            EXPECT_TRUE(crypto::is_low_s(tx.s));
            if (kind.type == TxType::kLegacy && !kind.chain_id) {
                EXPECT_TRUE(tx.v == U256(27) || tx.v == U256(28)) << tx.v.to_string();
            } else if (kind.type == TxType::kLegacy) {
                EXPECT_EQ((tx.v - U256(35)) / U256(2), *tx.chain_id);
            } else {
                EXPECT_LE(tx.v, U256(1));
            }

            const Bytes raw = encode_transaction(tx);
            const auto dec = decode_transaction(raw);
            ASSERT_TRUE(dec.has_value()) << kind.name << ": " << dec.error().to_string();
            EXPECT_EQ(*dec, tx) << kind.name;
            EXPECT_EQ(encode_transaction(*dec), raw) << kind.name;
            EXPECT_EQ(signing_hash(*dec), signing_hash(tx));
            const auto sender = recover_sender(*dec);
            ASSERT_TRUE(sender.has_value()) << kind.name << ": " << sender.error().to_string();
            EXPECT_EQ(*sender, signer) << kind.name;

            // Any change to a signed field changes the recovered sender.
            Transaction changed = *dec;
            changed.nonce ^= 1;
            const auto other = recover_sender(changed);
            if (other) {
                EXPECT_NE(*other, signer) << kind.name;
            }

            if (kind.type <= TxType::kDynamicFee) {
                const auto back = transaction_from_json(nlohmann::json::parse(to_json(*dec, signer).dump()));
                ASSERT_TRUE(back.has_value()) << kind.name << ": " << back.error().to_string();
                EXPECT_EQ(encode_transaction(*back), raw) << kind.name;
            }
        }
}

// Unsigned JSON (as `luxl2 tx sign` reads it) → sign → the same transaction as signing the struct.
TEST(TransactionSign, JsonThenSign) {
    const auto key =
        crypto::SecretKey::from_bytes("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"_hex);
    ASSERT_TRUE(key.has_value());
    const Address signer = crypto::to_address(crypto::public_key(*key));
    const char* docs[] = {
        R"({"nonce":"0x0","gasPrice":"0x4a817c800","gas":"0x5208","to":"0x3535353535353535353535353535353535353535","value":"0xde0b6b3a7640000","input":"0x"})",
        R"({"chainId":"0x1","nonce":"0x9","gasPrice":"0x4a817c800","gas":21000,"to":"0x3535353535353535353535353535353535353535","value":"1000000000000000000","data":"0x"})",
        R"({"type":"0x1","chainId":"0x1","nonce":"0x1","gasPrice":"0x1","gas":"0x10000","to":null,"value":"0x0","input":"0x6000","accessList":[{"address":"0x0000000000000000000000000000000000000001","storageKeys":["0x0000000000000000000000000000000000000000000000000000000000000001"]}]})",
        R"({"chainId":"0x2a","nonce":"0x2","maxFeePerGas":"0x77359400","maxPriorityFeePerGas":"0x3b9aca00","gasLimit":"0x5208","to":"0x0000000000000000000000000000000000000002","value":"0x1"})",
    };
    const TxType want[] = {TxType::kLegacy, TxType::kLegacy, TxType::kAccessList, TxType::kDynamicFee};
    for (std::size_t i = 0; i < std::size(docs); ++i) {
        auto tx = transaction_from_json(nlohmann::json::parse(docs[i]));
        ASSERT_TRUE(tx.has_value()) << docs[i] << ": " << tx.error().to_string();
        EXPECT_EQ(tx->type, want[i]);
        sign_transaction(*tx, *key);
        const auto dec = decode_transaction(encode_transaction(*tx));
        ASSERT_TRUE(dec.has_value());
        EXPECT_EQ(*recover_sender(*dec), signer) << docs[i];
    }
}

// EIP-155's worked example: nonce 9, gasPrice 20 gwei, gas 21000, to 0x3535..35, value 1 ether,
// chainId 1, key 0x4646..46 → signing hash and v/r/s as the EIP lists them.
TEST(TransactionSign, Eip155Example) {
    Transaction tx;
    tx.chain_id = U256(1);
    tx.nonce = 9;
    tx.gas_price = U256(20'000'000'000ULL);
    tx.gas_limit = 21000;
    tx.to = *from_hex_fixed<20>("0x3535353535353535353535353535353535353535");
    tx.value = U256(1'000'000'000'000'000'000ULL);
    EXPECT_EQ(to_hex(signing_hash(tx)), "0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x46));
    ASSERT_TRUE(key.has_value());
    sign_transaction(tx, *key);
    EXPECT_EQ(tx.v, U256(37));
    EXPECT_EQ(tx.r.to_string(), "18515461264373351373200002665853028612451056578545711640558177340181847433846");
    EXPECT_EQ(tx.s.to_string(), "46948507304638947509940763649030358759909902576025900602547168820602576006531");
    EXPECT_EQ(
        to_hex(encode_transaction(tx)),
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc"
        "2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b"
        "6d83");
}

TEST(TransactionSign, RejectsMalformedSignatures) {
    Gen g(9);
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x11));
    ASSERT_TRUE(key.has_value());
    Transaction base = random_tx(g, TxType::kDynamicFee, true);
    sign_transaction(base, *key);
    ASSERT_TRUE(recover_sender(base).has_value());
    const U256 bad[] = {U256{0}, crypto::kSecp256k1N, U256::max()};
    for (const U256& v : bad) {
        Transaction t = base;
        t.r = v;
        EXPECT_EQ(luxl2::testing::error_code(recover_sender(t)), txerrc::invalid_signature);
        t = base;
        t.s = v;
        EXPECT_EQ(luxl2::testing::error_code(recover_sender(t)), txerrc::invalid_signature);
    }
    Transaction high = base;
    high.s = crypto::kSecp256k1N - base.s;
    EXPECT_EQ(luxl2::testing::error_code(recover_sender(high)), txerrc::invalid_signature);  // EIP-2
    Transaction badv = base;
    badv.v = U256(2);
    EXPECT_EQ(luxl2::testing::error_code(recover_sender(badv)), txerrc::invalid_signature);

    Transaction legacy = random_tx(g, TxType::kLegacy, false);
    sign_transaction(legacy, *key);
    for (std::uint64_t v : {0u, 1u, 26u, 29u, 34u}) {
        Transaction t = legacy;
        t.v = U256(v);
        EXPECT_FALSE(recover_sender(t).has_value()) << v;
    }
}

}  // namespace
}  // namespace luxl2::format

namespace luxl2::format {
namespace {

// A legacy JSON transaction's chain id must agree with its v: otherwise the signing hash (and so the
// recovered sender) would silently differ from the wire transaction's.
TEST(TransactionJson, LegacyChainIdFollowsV) {
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x22));
    ASSERT_TRUE(key.has_value());
    const Address signer = crypto::to_address(crypto::public_key(*key));
    Transaction pre155;
    pre155.nonce = 1;
    pre155.gas_limit = 21000;
    pre155.to = Address{};
    sign_transaction(pre155, *key);
    nlohmann::json j = to_json(pre155);
    EXPECT_FALSE(j.contains("chainId"));

    j["chainId"] = "0x1";  // contradicts v = 27/28
    auto r = transaction_from_json(j);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(luxl2::testing::error_code(r), "json.invalid");
    j["chainId"] = "0x0";  // ethers' convention for an unprotected transaction
    r = transaction_from_json(j);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    EXPECT_FALSE(r->chain_id.has_value());
    EXPECT_EQ(*recover_sender(*r), signer);

    Transaction eip155 = pre155;
    eip155.chain_id = U256(5);
    sign_transaction(eip155, *key);
    j = to_json(eip155);
    EXPECT_EQ(j.at("chainId"), "0x5");
    j.erase("chainId");  // derived from v
    r = transaction_from_json(j);
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->chain_id, U256(5));
    EXPECT_EQ(*recover_sender(*r), signer);
    j["chainId"] = "0x1";
    EXPECT_FALSE(transaction_from_json(j).has_value());

    // The largest legacy chain id whose v = chainId * 2 + 36 still fits in 256 bits, and one more.
    const U256 max_legacy_chain = (U256::max() - U256(36)) / U256(2);
    nlohmann::json unsigned_tx = {{"chainId", max_legacy_chain.to_hex()}, {"gas", "0x5208"}, {"to", nullptr}};
    auto big = transaction_from_json(unsigned_tx);
    ASSERT_TRUE(big.has_value()) << big.error().to_string();
    sign_transaction(*big, *key);
    const auto big_dec = decode_transaction(encode_transaction(*big));
    ASSERT_TRUE(big_dec.has_value());
    EXPECT_EQ(big_dec->chain_id, max_legacy_chain);
    EXPECT_EQ(*recover_sender(*big_dec), signer);
    unsigned_tx["chainId"] = (max_legacy_chain + U256(1)).to_hex();
    EXPECT_EQ(luxl2::testing::error_code(transaction_from_json(unsigned_tx)), "json.invalid");

    Transaction typed;
    typed.type = TxType::kDynamicFee;
    typed.chain_id = U256(1);
    typed.gas_limit = 21000;
    sign_transaction(typed, *key);
    j = to_json(typed);
    j["yParity"] = typed.y_parity ? "0x0" : "0x1";
    EXPECT_FALSE(transaction_from_json(j).has_value());
    j.erase("v");
    r = transaction_from_json(j);
    ASSERT_TRUE(r.has_value());
    EXPECT_NE(r->y_parity, typed.y_parity);
}

TEST(TransactionValidate, BlobAndSetCodeShape) {
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x33));
    ASSERT_TRUE(key.has_value());
    Transaction blob;
    blob.type = TxType::kBlob;
    blob.chain_id = U256(1);
    blob.gas_limit = 21000;
    blob.max_fee_per_gas = U256(10);
    blob.to = Address{};
    Hash32 h;
    h[0] = 0x01;
    blob.blob_versioned_hashes = {h};
    sign_transaction(blob, *key);
    const Rules cancun{Fork::kCancun, U256(1)};
    EXPECT_TRUE(validate_transaction(blob, cancun).has_value());
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(blob, Rules{Fork::kShanghai, U256(1)})),
              txerrc::type_not_supported);
    Transaction no_blobs = blob;
    no_blobs.blob_versioned_hashes.clear();
    sign_transaction(no_blobs, *key);
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(no_blobs, cancun)), txerrc::invalid_field);
    Transaction bad_version = blob;
    bad_version.blob_versioned_hashes[0][0] = 0x02;
    sign_transaction(bad_version, *key);
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(bad_version, cancun)), txerrc::invalid_field);

    Transaction setcode;
    setcode.type = TxType::kSetCode;
    setcode.chain_id = U256(1);
    setcode.gas_limit = 100000;
    setcode.to = Address{};
    setcode.authorization_list.push_back({U256(1), Address{}, 0, 0, U256(1), U256(1)});
    sign_transaction(setcode, *key);
    const Rules prague{Fork::kPrague, U256(1)};
    EXPECT_TRUE(validate_transaction(setcode, prague).has_value());
    EXPECT_EQ(intrinsic_gas(setcode, prague), 21000u + 25000u);
    Transaction no_auth = setcode;
    no_auth.authorization_list.clear();
    sign_transaction(no_auth, *key);
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(no_auth, prague)), txerrc::invalid_field);
}

// Before Homestead (EIP-2) a high-s signature is valid and recovers the same sender.
TEST(TransactionValidate, HighSOnlyBeforeHomestead) {
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x44));
    ASSERT_TRUE(key.has_value());
    const Address signer = crypto::to_address(crypto::public_key(*key));
    Transaction tx;
    tx.gas_limit = 21000;
    tx.to = Address{};
    sign_transaction(tx, *key);
    tx.s = crypto::kSecp256k1N - tx.s;
    tx.v = tx.v == U256(27) ? U256(28) : U256(27);
    tx.y_parity = !tx.y_parity;
    const auto frontier = validate_transaction(tx, Rules{Fork::kFrontier, std::nullopt});
    ASSERT_TRUE(frontier.has_value()) << frontier.error().to_string();
    EXPECT_EQ(*frontier, signer);
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(tx, Rules{Fork::kHomestead, std::nullopt})),
              txerrc::invalid_signature);
    EXPECT_EQ(luxl2::testing::error_code(recover_sender(tx)), txerrc::invalid_signature);
}

// Only gas * price must fit; value = 2^256 - 1 is a balance question (TransactionWithHighValue).
TEST(TransactionValidate, FeeOverflow) {
    const auto key = crypto::SecretKey::from_bytes(Bytes(32, 0x55));
    ASSERT_TRUE(key.has_value());
    Transaction tx;
    tx.chain_id = U256(1);
    tx.gas_limit = 21000;
    tx.gas_price = U256(1);
    tx.value = U256::max();
    tx.to = Address{};
    sign_transaction(tx, *key);
    EXPECT_TRUE(validate_transaction(tx, Rules{}).has_value());
    tx.gas_price = U256::max() / U256(21000) + U256(1);
    sign_transaction(tx, *key);
    EXPECT_EQ(luxl2::testing::error_code(validate_transaction(tx, Rules{})), txerrc::fee_overflow);
}

}  // namespace
}  // namespace luxl2::format
