// BLS12-381: every file of ethereum/bls12-381-tests v0.1.1 and of the Wycheproof BLS suites
// (../shared/data/bls12-381). A malformed input (an Error) counts as "invalid".
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls12_381.hpp"
#include "testing.hpp"

namespace luxl2 {
namespace {

namespace fs = std::filesystem;
namespace bls = crypto::bls;
using nlohmann::json;

fs::path eth_dir() {
    return testing::data_dir() / "bls12-381" / "ethereum-bls12-381-tests-v0.1.1";
}
fs::path wyche_dir() {
    return testing::data_dir() / "bls12-381" / "wycheproof";
}

std::vector<fs::path> files(const std::string& handler) {
    std::vector<fs::path> out;
    const auto dir = eth_dir() / handler;
    if (fs::exists(dir))
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

Bytes hex(const json& j) {
    auto b = from_hex(j.get<std::string>());
    EXPECT_TRUE(b.has_value()) << j;
    return b ? *b : Bytes{};
}

ByteView str_bytes(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

bool as_bool(const Result<bool>& r) {
    return r.has_value() && *r;
}

std::vector<ByteView> views(const std::vector<Bytes>& v) {
    return {v.begin(), v.end()};
}

std::vector<Bytes> hex_list(const json& arr) {
    std::vector<Bytes> out;
    for (const auto& e : arr) out.push_back(hex(e));
    return out;
}

TEST(BlsEthereum, Sign) {
    const auto fl = files("sign");
    ASSERT_EQ(fl.size(), 10u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto sk = hex(j["input"]["privkey"]);
        const auto msg = hex(j["input"]["message"]);
        const auto sig = bls::sign(sk, msg);
        if (j["output"].is_null()) {
            EXPECT_FALSE(sig.has_value()) << f;
        } else {
            ASSERT_TRUE(sig.has_value()) << f;
            EXPECT_EQ(to_hex(*sig), j["output"].get<std::string>()) << f;
            // The public key of this key verifies the signature we made.
            const auto pk = bls::sk_to_pk(sk);
            ASSERT_TRUE(pk.has_value());
            EXPECT_TRUE(as_bool(bls::verify(*pk, msg, *sig))) << f;
        }
    }
}

TEST(BlsEthereum, Verify) {
    const auto fl = files("verify");
    ASSERT_EQ(fl.size(), 29u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto r = bls::verify(hex(j["input"]["pubkey"]), hex(j["input"]["message"]), hex(j["input"]["signature"]));
        EXPECT_EQ(as_bool(r), j["output"].get<bool>()) << f;
    }
}

TEST(BlsEthereum, Aggregate) {
    const auto fl = files("aggregate");
    ASSERT_EQ(fl.size(), 6u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto sigs = hex_list(j["input"]);
        const auto agg = bls::aggregate(views(sigs));
        if (j["output"].is_null()) {
            EXPECT_FALSE(agg.has_value()) << f;
        } else {
            ASSERT_TRUE(agg.has_value()) << f;
            EXPECT_EQ(to_hex(*agg), j["output"].get<std::string>()) << f;
        }
    }
}

TEST(BlsEthereum, FastAggregateVerify) {
    const auto fl = files("fast_aggregate_verify");
    ASSERT_EQ(fl.size(), 12u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto pks = hex_list(j["input"]["pubkeys"]);
        const auto r = bls::fast_aggregate_verify(views(pks), hex(j["input"]["message"]), hex(j["input"]["signature"]));
        EXPECT_EQ(as_bool(r), j["output"].get<bool>()) << f;
    }
}

TEST(BlsEthereum, AggregateVerify) {
    const auto fl = files("aggregate_verify");
    ASSERT_EQ(fl.size(), 5u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto pks = hex_list(j["input"]["pubkeys"]);
        const auto msgs = hex_list(j["input"]["messages"]);
        const auto r = bls::aggregate_verify(views(pks), views(msgs), hex(j["input"]["signature"]));
        EXPECT_EQ(as_bool(r), j["output"].get<bool>()) << f;
    }
}

TEST(BlsEthereum, BatchVerify) {
    const auto fl = files("batch_verify");
    ASSERT_EQ(fl.size(), 2u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto pks = hex_list(j["input"]["pubkeys"]);
        const auto msgs = hex_list(j["input"]["messages"]);
        const auto sigs = hex_list(j["input"]["signatures"]);
        ASSERT_EQ(pks.size(), msgs.size());
        ASSERT_EQ(pks.size(), sigs.size());
        std::vector<bls::BatchItem> items;
        for (std::size_t i = 0; i < pks.size(); ++i) items.push_back({pks[i], msgs[i], sigs[i]});
        EXPECT_EQ(as_bool(bls::batch_verify(items)), j["output"].get<bool>()) << f;
    }
}

/// "0x<c0>,0x<c1>" -> c1 ‖ c0 as 96 bytes
std::string fp2_hex(const std::string& s) {
    const auto comma = s.find(',');
    auto c0 = s.substr(2, comma - 2);
    auto c1 = s.substr(comma + 3);
    return c1 + c0;
}

TEST(BlsEthereum, HashToG2) {
    const auto fl = files("hash_to_G2");
    ASSERT_EQ(fl.size(), 4u);
    static constexpr std::string_view dst = "QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_";
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto msg = j["input"]["msg"].get<std::string>();
        const auto h = bls::hash_to_g2(str_bytes(msg), str_bytes(std::string(dst)));
        ASSERT_TRUE(h.has_value());
        const std::string want =
            fp2_hex(j["output"]["x"].get<std::string>()) + fp2_hex(j["output"]["y"].get<std::string>());
        EXPECT_EQ(to_hex(*h, false), want) << f;
    }
}

TEST(BlsEthereum, DeserializationG1) {
    const auto fl = files("deserialization_G1");
    ASSERT_EQ(fl.size(), 13u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto in = hex(j["input"]["pubkey"]);
        EXPECT_EQ(bls::validate_g1(in).has_value() && in.size() == 48, j["output"].get<bool>()) << f;
    }
}

TEST(BlsEthereum, DeserializationG2) {
    const auto fl = files("deserialization_G2");
    ASSERT_EQ(fl.size(), 15u);
    for (const auto& f : fl) {
        const auto j = testing::read_json(f);
        const auto in = hex(j["input"]["signature"]);
        EXPECT_EQ(bls::validate_g2(in).has_value() && in.size() == 96, j["output"].get<bool>()) << f;
    }
}

TEST(BlsWycheproof, PopVerify) {
    const auto j = testing::read_json(wyche_dir() / "bls_sig_g2_pop_verify_test.json");
    const std::string dst = j["testGroups"][0]["ciphersuite"].get<std::string>();
    ASSERT_EQ(dst, bls::kDstSignature);
    std::size_t n = 0;
    for (const auto& g : j["testGroups"]) {
        const auto pk = hex(g["publicKey"]["pk"]);
        for (const auto& t : g["tests"]) {
            const auto r = bls::verify(pk, hex(t["msg"]), hex(t["sig"]));
            EXPECT_EQ(as_bool(r), t["result"] == "valid") << t["tcId"] << " " << t["comment"];
            ++n;
        }
    }
    EXPECT_EQ(n, j["numberOfTests"].get<std::size_t>());
}

TEST(BlsWycheproof, BasicVerify) {
    const auto j = testing::read_json(wyche_dir() / "bls_sig_g2_basic_verify_test.json");
    std::size_t n = 0;
    for (const auto& g : j["testGroups"]) {
        const std::string dst = g["ciphersuite"].get<std::string>();
        const auto pk = hex(g["publicKey"]["pk"]);
        for (const auto& t : g["tests"]) {
            const auto r = bls::core_verify(pk, hex(t["msg"]), hex(t["sig"]), str_bytes(dst));
            EXPECT_EQ(as_bool(r), t["result"] == "valid") << t["tcId"] << " " << t["comment"];
            ++n;
        }
    }
    EXPECT_EQ(n, j["numberOfTests"].get<std::size_t>());
}

TEST(BlsWycheproof, AggregateVerify) {
    const auto j = testing::read_json(wyche_dir() / "bls_sig_g2_aggregate_verify_test.json");
    std::size_t n = 0;
    for (const auto& g : j["testGroups"]) {
        const std::string dst = g["ciphersuite"].get<std::string>();
        for (const auto& t : g["tests"]) {
            const auto pks = hex_list(t["pubkeys"]);
            const auto msgs = hex_list(t["messages"]);
            const auto r = bls::core_aggregate_verify(views(pks), views(msgs), hex(t["sig"]), str_bytes(dst));
            EXPECT_EQ(as_bool(r), t["result"] == "valid") << t["tcId"] << " " << t["comment"];
            ++n;
        }
    }
    EXPECT_EQ(n, j["numberOfTests"].get<std::size_t>());
}

TEST(BlsWycheproof, HashToG2) {
    const auto j = testing::read_json(wyche_dir() / "bls_hash_to_g2_test.json");
    std::size_t n = 0;
    for (const auto& g : j["testGroups"]) {
        const std::string dst = g["dst"].get<std::string>();
        for (const auto& t : g["tests"]) {
            const auto msg = hex(t["msg"]);
            const auto h = bls::hash_to_g2_compressed(msg, str_bytes(dst));
            ASSERT_TRUE(h.has_value());
            EXPECT_EQ(to_hex(*h, false), t["expected"].get<std::string>()) << t["tcId"] << " " << t["comment"];
            ++n;
        }
    }
    EXPECT_EQ(n, j["numberOfTests"].get<std::size_t>());
}

}  // namespace
}  // namespace luxl2
