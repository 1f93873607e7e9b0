// The account-migration rules (quantum_migration.hpp), each over a plain map of accounts.
#include "luxl2/exec/quantum_migration.hpp"

#include <gtest/gtest.h>

#include <map>

#include "luxl2/crypto/scheme.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/quantum_sig.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::exec {
namespace {

class MapAccounts final : public QuantumAccounts {
public:
    Result<std::optional<QuantumBinding>> binding(const Address& a) const override {
        auto it = map.find(a);
        if (it == map.end()) return std::optional<QuantumBinding>{};
        return std::optional<QuantumBinding>{it->second};
    }
    Result<void> set_binding(const Address& a, const QuantumBinding& b) override {
        ++writes;
        map[a] = b;
        return {};
    }
    std::map<Address, QuantumBinding> map;
    int writes = 0;
};

constexpr std::uint8_t kMlDsa65 = format::pq_scheme::kMlDsa65;

struct Migration : ::testing::Test {
    MapAccounts st;
    crypto::SecretKey ecdsa = crypto::SecretKey::from_bytes(Bytes(32, 0x21)).value();
    Address alice = crypto::to_address(crypto::public_key(ecdsa));
    Address mallory = crypto::to_address(crypto::public_key(crypto::SecretKey::from_bytes(Bytes(32, 0x22)).value()));
    crypto::KeyPair pq = *crypto::find_scheme("ml-dsa-65")->keygen(Bytes(32, 0x31));
    crypto::KeyPair pq2 = *crypto::find_scheme("ml-dsa-65")->keygen(Bytes(32, 0x32));

    TxAuthority ecdsa_only() const { return TxAuthority{true, std::nullopt}; }
    TxAuthority hybrid(const crypto::KeyPair& k) const {
        return TxAuthority{true, QuantumBinding{kMlDsa65, k.public_key, false}};
    }
};

TEST_F(Migration, Rule1BindingNeedsTheAccountsOwnEcdsaSignature) {
    EXPECT_FALSE(*is_quantum_ready(st, alice));
    auto r = upgrade_to_quantum(st, alice, mallory, kMlDsa65, pq.public_key, false);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::upgrade_unauthorised);
    EXPECT_FALSE(*is_quantum_ready(st, alice));
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false));
    EXPECT_TRUE(*is_quantum_ready(st, alice));
    EXPECT_EQ(st.map.at(alice), (QuantumBinding{kMlDsa65, pq.public_key, false}));
    // Unknown schemes and empty keys are refused.
    EXPECT_EQ(upgrade_to_quantum(st, mallory, mallory, 0x7f, pq.public_key, false).error().code,
              errc::pq_unsupported_scheme);
    EXPECT_EQ(upgrade_to_quantum(st, mallory, mallory, kMlDsa65, {}, false).error().code, errc::pq_unsupported_scheme);
}

TEST_F(Migration, Rule2NoRebindingSameKeyIsANoOp) {
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false));
    const int writes = st.writes;
    EXPECT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false));
    EXPECT_EQ(st.writes, writes);
    auto r = upgrade_to_quantum(st, alice, alice, kMlDsa65, pq2.public_key, false);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::pq_already_bound);
    EXPECT_EQ(st.map.at(alice).public_key, pq.public_key);
}

TEST_F(Migration, Rule3OptInRefusesEcdsaOnlyAndIsFinal) {
    // Not bound: ECDSA-only passes. Bound but not opted in: still passes.
    EXPECT_TRUE(check_authority(st, alice, ecdsa_only()));
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false));
    EXPECT_TRUE(check_authority(st, alice, ecdsa_only()));
    // Opting in later, with the same key.
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, true));
    EXPECT_TRUE(st.map.at(alice).ecdsa_disabled);
    auto r = check_authority(st, alice, ecdsa_only());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::ecdsa_disabled);
    EXPECT_NE(r.error().message.find("ECDSA-only transaction refused"), std::string::npos);
    // Transactions carrying the bound key still pass.
    EXPECT_TRUE(check_authority(st, alice, hybrid(pq)));
    // Opting out is refused; opting in again is a no-op.
    EXPECT_EQ(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false).error().code,
              errc::pq_opt_out_refused);
    EXPECT_TRUE(st.map.at(alice).ecdsa_disabled);
    EXPECT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, true));
    // Other accounts are unaffected.
    EXPECT_TRUE(check_authority(st, mallory, ecdsa_only()));
}

TEST_F(Migration, Rule3OptInAtBindingTime) {
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, true));
    EXPECT_TRUE(*is_quantum_ready(st, alice));
    EXPECT_EQ(check_authority(st, alice, ecdsa_only()).error().code, errc::ecdsa_disabled);
}

TEST_F(Migration, Rule4HybridsFromABoundAccountUseTheBoundKey) {
    EXPECT_TRUE(check_authority(st, alice, hybrid(pq2)));  // unbound: any key
    ASSERT_TRUE(upgrade_to_quantum(st, alice, alice, kMlDsa65, pq.public_key, false));
    EXPECT_TRUE(check_authority(st, alice, hybrid(pq)));
    EXPECT_EQ(check_authority(st, alice, hybrid(pq2)).error().code, errc::pq_key_mismatch);
    auto other_scheme = hybrid(pq);
    other_scheme.pq->scheme = format::pq_scheme::kMlDsa87;
    EXPECT_EQ(check_authority(st, alice, other_scheme).error().code, errc::pq_key_mismatch);
    // Post-quantum-only transactions come from the key's own address: no rule applies.
    EXPECT_TRUE(check_authority(st, alice, TxAuthority{false, QuantumBinding{kMlDsa65, pq2.public_key, false}}));
}

TEST_F(Migration, Lp505UpgradeFromAHybridAuthorisation) {
    const U256 chain(7777);
    auto new_auth_for = [&](bool opt_in, std::uint64_t nonce) {
        // The message binds the key, so sign the quantum half first over a provisional container.
        format::QuantumSignature provisional{format::PostQuantumAlgorithm::kDilithium3, pq.public_key, {}, U256(3)};
        const Hash32 m = upgrade_message(chain, alice, nonce, opt_in, provisional);
        return *format::create_hybrid_signature(m, ecdsa, format::PostQuantumAlgorithm::kDilithium3, pq, {}, true);
    };
    auto auth = new_auth_for(true, 5);
    // Another account, nonce, chain or opt-in choice does not match what was signed.
    EXPECT_EQ(upgrade_to_quantum(st, chain, mallory, 5, auth, true).error().code, errc::upgrade_unauthorised);
    EXPECT_EQ(upgrade_to_quantum(st, chain, alice, 6, auth, true).error().code, errc::upgrade_unauthorised);
    EXPECT_EQ(upgrade_to_quantum(st, U256(1), alice, 5, auth, true).error().code, errc::upgrade_unauthorised);
    EXPECT_EQ(upgrade_to_quantum(st, chain, alice, 5, auth, false).error().code, errc::upgrade_unauthorised);
    // A half that does not verify, or requireBoth = false, is refused.
    auto broken = auth;
    broken.quantum_sig.signature[7] ^= 1;
    EXPECT_EQ(upgrade_to_quantum(st, chain, alice, 5, broken, true).error().code, errc::upgrade_unauthorised);
    auto lax = auth;
    lax.require_both = false;
    EXPECT_EQ(upgrade_to_quantum(st, chain, alice, 5, lax, true).error().code, errc::upgrade_unauthorised);
    EXPECT_FALSE(*is_quantum_ready(st, alice));
    // The real one.
    ASSERT_TRUE(upgrade_to_quantum(st, chain, alice, 5, auth, true));
    EXPECT_EQ(st.map.at(alice), (QuantumBinding{kMlDsa65, pq.public_key, true}));
    EXPECT_EQ(check_authority(st, alice, ecdsa_only()).error().code, errc::ecdsa_disabled);
}

}  // namespace
}  // namespace luxl2::exec
