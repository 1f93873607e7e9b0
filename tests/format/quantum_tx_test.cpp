// The 0x54 Quantum transaction: signing hash, envelope round trip, sender rule, sign/verify for
// every implemented scheme, tampering, strict decoding and JSON.
#include "luxl2/format/quantum_tx.hpp"

#include <gtest/gtest.h>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::format {
namespace {

using namespace luxl2::literals;

QuantumTransaction sample(std::uint8_t scheme, ByteView public_key) {
    QuantumTransaction q;
    q.chain_id = U256(7777);
    q.nonce = 3;
    q.max_priority_fee_per_gas = U256(2'000'000'000);
    q.max_fee_per_gas = U256(30'000'000'000ULL);
    q.gas_limit = 200'000;
    q.to = Address::from_view("0x3535353535353535353535353535353535353535"_hex);
    q.value = U256(1'000'000'000'000'000ULL);
    q.data = "0xc0ffee"_hex;
    q.access_list.push_back({Address::from_view("0x1111111111111111111111111111111111111111"_hex), {Hash32{}}});
    q.scheme = scheme;
    q.public_key.assign(public_key.begin(), public_key.end());
    return q;
}

crypto::KeyPair keypair(std::uint8_t scheme, std::uint8_t fill) {
    const auto* s = *pq_scheme::registry_scheme(scheme);
    Bytes seed(s->seed_size, fill);
    if (scheme == pq_scheme::kHybridSecp256k1MlDsa65) seed[0] = 0x01;  // a valid secp256k1 scalar
    return *s->keygen(seed);
}

TEST(QuantumTx, SchemeTableMatchesTheRegistry) {
    for (unsigned id = 0; id < 256; ++id) {
        const auto sz = pq_scheme::sizes(static_cast<std::uint8_t>(id));
        const auto name = pq_scheme::registry_name(static_cast<std::uint8_t>(id));
        EXPECT_EQ(sz.has_value(), !name.empty()) << id;
        if (!sz) continue;
        EXPECT_EQ(pq_scheme::id_of(name), id);
        const auto* s = crypto::find_scheme(name);
        if (!s) {  // Falcon: named, sized, refused with a reason
            EXPECT_TRUE(name.starts_with("falcon")) << name;
            auto r = pq_scheme::registry_scheme(static_cast<std::uint8_t>(id));
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, quantum_tx_errc::unsupported_scheme);
            EXPECT_NE(r.error().message.find("not implemented"), std::string::npos);
            continue;
        }
        EXPECT_EQ(s->public_key_size, sz->public_key) << name;
        EXPECT_EQ(s->signature_size, sz->signature_max) << name;
        EXPECT_EQ(sz->signature_min, sz->signature_max) << name;
    }
    EXPECT_FALSE(pq_scheme::id_of("secp256k1"));
    EXPECT_EQ(pq_scheme::registry_scheme(0x7f).error().code, quantum_tx_errc::unsupported_scheme);
}

TEST(QuantumTx, SigningHashCoversTypeAndPayload) {
    const auto q = sample(pq_scheme::kMlDsa65, Bytes(1952, 9));
    Bytes pre{0x54};
    append(pre, rlp_encode(q));
    EXPECT_EQ(quantum_signing_hash(q), crypto::keccak256(pre));
    EXPECT_EQ(*tx_signing_hash(make_tx_data(q, Bytes(3309, 1))), quantum_signing_hash(q));
    // The scheme and the key are signed: changing either changes the hash.
    auto other = q;
    other.public_key[0] ^= 1;
    EXPECT_NE(quantum_signing_hash(other), quantum_signing_hash(q));
    other = q;
    other.scheme = pq_scheme::kMlDsa44;
    EXPECT_NE(quantum_signing_hash(other), quantum_signing_hash(q));
}

// Every implemented scheme: sign, envelope round trip, verify, sender, tampering.
class QuantumTxScheme : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(QuantumTxScheme, SignVerifyAndTamper) {
    const std::uint8_t id = GetParam();
    const auto kp = keypair(id, 0x42);
    const auto q = sample(id, kp.public_key);
    auto tx = sign_quantum_tx(q, kp.secret_key, true);
    ASSERT_TRUE(tx) << tx.error().to_string();
    EXPECT_EQ(tx->tx_type, 0x54);
    EXPECT_EQ(tx->signature.size(), pq_scheme::sizes(id)->signature_max);

    // Deterministic signing is reproducible.
    EXPECT_EQ(sign_quantum_tx(q, kp.secret_key, true)->signature, tx->signature);

    // Envelope round trip, then verification returns the sender.
    const Bytes env = *to_envelope(*tx);
    EXPECT_EQ(env[0], 0x54);
    auto back = from_envelope(env);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(*back, *tx);
    auto sender = verify_quantum_tx(*back);
    ASSERT_TRUE(sender) << sender.error().to_string();
    EXPECT_EQ(*sender, *tx_sender(*back));
    if (id == pq_scheme::kHybridSecp256k1MlDsa65) {
        // The hybrid acts for the Ethereum account of its secp256k1 half.
        EXPECT_EQ(*sender, Address::from_view(crypto::keccak256(ByteView(kp.public_key).first(64)).view().subspan(12)));
    } else {
        Bytes pre{id};
        append(pre, kp.public_key);
        EXPECT_EQ(*sender, Address::from_view(crypto::keccak256(pre).view().subspan(12)));
    }

    // The signature verifies with the scheme over the signing hash, as any implementation would check.
    const auto* s = *pq_scheme::registry_scheme(id);
    EXPECT_TRUE(*s->verify(kp.public_key, quantum_signing_hash(q).view(), tx->signature, {}));

    // Tampering: a payload field, a signature byte (start, middle, end), the key.
    auto changed = q;
    changed.value += U256(1);
    auto t1 = make_tx_data(changed, tx->signature);
    EXPECT_EQ(verify_quantum_tx(t1).error().code, quantum_tx_errc::bad_signature);
    for (std::size_t at : {std::size_t{0}, tx->signature.size() / 2, tx->signature.size() - 1}) {
        auto t2 = *tx;
        t2.signature[at] ^= 0x01;
        EXPECT_FALSE(verify_quantum_tx(t2)) << "byte " << at;
    }
    auto other_key = keypair(id, 0x43);
    auto t3 = make_tx_data(sample(id, other_key.public_key), tx->signature);
    EXPECT_FALSE(verify_quantum_tx(t3));

    // Signing with a secret key that is not publicKey's is refused before signing.
    auto wrong = sign_quantum_tx(sample(id, other_key.public_key), kp.secret_key, true);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, quantum_tx_errc::key_mismatch);

    // JSON round trip.
    auto j = quantum_tx_to_json(*tx);
    ASSERT_TRUE(j) << j.error().to_string();
    EXPECT_EQ((*j)["type"], "0x54");
    EXPECT_EQ((*j)["schemeName"], std::string(pq_scheme::registry_name(id)));
    EXPECT_EQ((*j)["from"], to_hex(*sender));
    auto from_json = quantum_tx_from_json(*j);
    ASSERT_TRUE(from_json) << from_json.error().to_string();
    EXPECT_EQ(*from_json, *tx);
}

// The small and fast sets of each family; the SLH-DSA "s" sets are exercised by 128s only (their
// signing is slow).
INSTANTIATE_TEST_SUITE_P(Schemes, QuantumTxScheme,
                         ::testing::Values(pq_scheme::kMlDsa44, pq_scheme::kMlDsa65, pq_scheme::kMlDsa87,
                                           pq_scheme::kSlhDsaShake128f, pq_scheme::kSlhDsaShake128s,
                                           pq_scheme::kSlhDsaShake192f, pq_scheme::kSlhDsaShake256f,
                                           pq_scheme::kSlhDsaSha2_128f, pq_scheme::kSlhDsaSha2_192f,
                                           pq_scheme::kSlhDsaSha2_256f, pq_scheme::kHybridSecp256k1MlDsa65),
                         [](const ::testing::TestParamInfo<std::uint8_t>& p) {
                             std::string n(pq_scheme::registry_name(p.param));
                             std::erase(n, '-');
                             return n;
                         });

TEST(QuantumTx, FalconDecodesButNeitherSignsNorVerifies) {
    const auto q = sample(pq_scheme::kFalcon512, Bytes(897, 5));
    auto tx = make_tx_data(q, Bytes(666, 1));
    ASSERT_TRUE(check_payload(tx));  // the shape is known
    auto v = verify_quantum_tx(tx);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, quantum_tx_errc::unsupported_scheme);
    EXPECT_EQ(sign_quantum_tx(q, Bytes(1281, 1)).error().code, quantum_tx_errc::unsupported_scheme);
}

TEST(QuantumTx, StrictDecoding) {
    const auto kp = keypair(pq_scheme::kMlDsa44, 1);
    const auto tx = *sign_quantum_tx(sample(pq_scheme::kMlDsa44, kp.public_key), kp.secret_key, true);
    const Bytes env = *to_envelope(tx);
    // Trailing bytes, truncation, an unknown scheme, a wrong-size key or signature.
    Bytes trailing = env;
    trailing.push_back(0);
    EXPECT_FALSE(from_envelope(trailing));
    EXPECT_FALSE(from_envelope(ByteView(env).first(env.size() - 1)));
    auto q = sample(0x7f, Bytes(1312, 1));
    EXPECT_FALSE(check_payload(make_tx_data(q, tx.signature)));
    q = sample(pq_scheme::kMlDsa44, Bytes(1311, 1));
    EXPECT_FALSE(check_payload(make_tx_data(q, tx.signature)));
    auto short_sig = tx;
    short_sig.signature.pop_back();
    EXPECT_EQ(check_payload(short_sig).error().code, txdata_errc::bad_signature);
    EXPECT_FALSE(from_envelope(*to_envelope(short_sig)));
    // A size limit below the transaction's size refuses it before decoding.
    TxLimits small;
    small.max_bytes = 1000;
    EXPECT_FALSE(from_envelope(env, small));
    // A non-canonical scheme integer (0x02 written as the string 0x81 0x02) is rejected.
    const Bytes payload = rlp_encode(sample(pq_scheme::kMlDsa65, Bytes(1952, 1)));
    ByteView in = payload;
    const Bytes inner = [&] {
        auto l = rlp::decode_list(in);
        return Bytes(l->begin(), l->end());
    }();
    const std::size_t at = inner.size() - (3 + 1952) - 1;
    ASSERT_EQ(inner[at], 0x02);
    Bytes bad_inner(inner.begin(), inner.begin() + static_cast<std::ptrdiff_t>(at));
    bad_inner.push_back(0x81);
    bad_inner.insert(bad_inner.end(), inner.begin() + static_cast<std::ptrdiff_t>(at), inner.end());
    TransactionData bad{0x54, {}, Bytes(3309, 1), {}};
    rlp::encode_header(bad.payload, {true, bad_inner.size()});
    append(bad.payload, bad_inner);
    EXPECT_FALSE(check_payload(bad));
    TransactionData good{0x54, payload, Bytes(3309, 1), {}};
    EXPECT_TRUE(check_payload(good));
}

TEST(QuantumTx, JsonIsStrict) {
    const auto kp = keypair(pq_scheme::kMlDsa44, 2);
    const auto tx = *sign_quantum_tx(sample(pq_scheme::kMlDsa44, kp.public_key), kp.secret_key, true);
    const auto j = *quantum_tx_to_json(tx);
    auto with = [&](const char* key, nlohmann::json v) {
        auto c = j;
        c[key] = std::move(v);
        return quantum_tx_from_json(c);
    };
    EXPECT_FALSE(with("type", "0x02"));
    EXPECT_FALSE(with("scheme", "0x7f"));
    EXPECT_FALSE(with("scheme", "rainbow"));
    EXPECT_FALSE(with("publicKey", "0x00"));
    EXPECT_FALSE(with("signature", "0x00"));
    EXPECT_FALSE(with("hash", to_hex(Hash32{})));
    EXPECT_FALSE(with("from", to_hex(Address{})));
    EXPECT_FALSE(with("nonce", "0x10000000000000000"));
    EXPECT_TRUE(with("scheme", "ml-dsa-44"));  // the registry name is accepted too
    auto no_chain = j;
    no_chain.erase("chainId");
    EXPECT_FALSE(quantum_tx_from_json(no_chain));
    auto unsigned_tx = j;
    unsigned_tx.erase("signature");
    EXPECT_FALSE(quantum_tx_from_json(unsigned_tx));
    EXPECT_TRUE(quantum_tx_fields_from_json(unsigned_tx));
}

}  // namespace
}  // namespace luxl2::format
