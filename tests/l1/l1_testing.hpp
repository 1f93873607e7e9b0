// Shared fixture of the l1 tests: an initialized EmbeddedL1 in memory with funded accounts, and
// helpers that submit chained batches, propose outputs and build L2→L1 message trees.
#pragma once

#include <gtest/gtest.h>

#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::l1::testing {

inline U256 ether(std::uint64_t n) {
    return U256(n) * U256(1'000'000'000'000'000'000ULL);
}

inline crypto::SecretKey key(std::uint8_t i) {
    Hash32 k;
    k[31] = i;
    k[0] = 0x11;
    return crypto::SecretKey::from_bytes(k).value();
}
inline Address address_of(std::uint8_t i) {
    return crypto::to_address(crypto::public_key(key(i)));
}

inline Bytes sign(const Hash32& digest, std::uint8_t signer) {
    const auto sig = crypto::sign_recoverable(digest, key(signer));
    Bytes out(65);
    const auto r = sig.r.to_be_bytes();
    const auto s = sig.s.to_be_bytes();
    std::copy(r.begin(), r.end(), out.begin());
    std::copy(s.begin(), s.end(), out.begin() + 32);
    out[64] = static_cast<std::uint8_t>(27 + sig.recid);
    return out;
}

constexpr std::uint64_t kPeriod = 100;  // seconds
constexpr std::uint64_t kGenesisTime = 1'000;
constexpr std::uint64_t kBlockTime = 12;

struct Actors {
    Address sequencer = address_of(1);
    Address proposer = address_of(2);
    Address user = address_of(3);
    Address other = address_of(4);
};

inline EmbeddedL1Options options() {
    Actors a;
    EmbeddedL1Options o;
    for (const Address& x : {a.sequencer, a.proposer, a.user, a.other}) o.alloc.emplace_back(x, ether(1000));
    o.genesis_timestamp = kGenesisTime;
    o.block_time = kBlockTime;
    o.sync_writes = false;
    return o;
}

inline RollupConfig rollup_config() {
    Actors a;
    RollupConfig c;
    c.rollup_type = RollupType::kOptimistic;
    c.sequencer = a.sequencer;
    c.proposer = a.proposer;
    c.challenger = a.other;
    c.challenge_period = U256(kPeriod);
    c.min_stake = ether(1);
    c.genesis_state_root[0] = 0x99;
    return c;
}

/// A chain of L2→L1 messages (withdrawals) from one batch and their tree.
struct MessageTree {
    std::vector<L2Message> messages;
    std::vector<Hash32> leaves;
    Hash32 root;

    explicit MessageTree(std::size_t n, const Address& recipient, const U256& value) {
        for (std::size_t i = 0; i < n; ++i) {
            L2Message m;
            m.sender = recipient;
            m.target = recipient;
            m.value = value + U256(i);
            m.gas_limit = U256(100'000);
            m.nonce = U256(i);
            leaves.push_back(merkle::leaf_hash(message_hash(m)));
            messages.push_back(std::move(m));
        }
        root = merkle::root_of_leaf_hashes(leaves);
    }
    [[nodiscard]] MessageProof proof(std::size_t i, const Hash32& batch) const {
        MessageProof p;
        p.batch_hash = batch;
        p.message_hash = message_hash(messages[i]);
        p.merkle_proof = merkle::encode(merkle::generate_proof(leaves, i).value());
        p.message_index = U256(i);
        return p;
    }
};

class L1Test : public ::testing::Test {
protected:
    void SetUp() override {
        auto l1 = EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), options());
        ASSERT_TRUE(l1) << l1.error().to_string();
        l1_ = std::move(*l1);
        ASSERT_TRUE(l1_->initialize({a_.other, {}}, rollup_config()));
    }

    BatchHeader header(std::uint64_t n) {
        BatchHeader h;
        h.batch_number = U256(n);
        if (n > 0) h.parent_batch_hash = l1_->batch(n - 1).value().value().batch_hash;
        h.state_root[0] = static_cast<std::uint8_t>(n + 1);
        h.timestamp = U256(1'700'000'000 + n);
        h.l1_block_number = U256(l1_->head().value().number);
        h.sequencer = a_.sequencer;
        return h;
    }
    Hash32 submit(std::uint64_t n) {
        auto r = l1_->submit_batch({a_.sequencer, {}}, header(n), Bytes{1, 2, 3, static_cast<std::uint8_t>(n)});
        EXPECT_TRUE(r) << r.error().to_string();
        return r ? *r : Hash32{};
    }
    Result<void> propose(std::uint64_t n, const OutputProof& out = {}, U256 bond = ether(1)) {
        Hash32 root;
        root[0] = static_cast<std::uint8_t>(n + 1);
        return l1_->propose_state_root({a_.proposer, bond}, U256(n), root, encode_output_proof(out));
    }
    void wait_period() { ASSERT_TRUE(l1_->mine_block(l1_->head().value().timestamp + kPeriod)); }

    Actors a_;
    std::unique_ptr<EmbeddedL1> l1_;
};

inline void expect_refused(const auto& r, std::string_view code) {
    ASSERT_FALSE(r) << "expected refusal " << code;
    EXPECT_EQ(r.error().code, code) << r.error().to_string();
    EXPECT_FALSE(r.error().message.empty());
}

}  // namespace luxl2::l1::testing
