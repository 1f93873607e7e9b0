#include <gtest/gtest.h>

#include "luxl2/exec/compressed.hpp"
#include "luxl2/node/mempool.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;

struct MempoolTest : ::testing::Test {
    state::MemoryKvStore kv;
    state::KvStateReader state{kv};
    PoolEnv env;

    void SetUp() override {
        env.base_fee = gwei(1);
        env.rules.fork = format::Fork::kCancun;
        env.rules.chain_id = U256(1337);
        state::WriteBatch wb;
        for (std::size_t i = 0; i < 4; ++i) {
            state::Account a;
            a.balance = ether(100);
            wb.put(state::account_db_key(dev()[i].address), state::encode_account(a));
        }
        ASSERT_TRUE(kv.write(wb, true));
    }
    void set_nonce(std::size_t who, std::uint64_t nonce) {
        state::Account a;
        a.balance = ether(100);
        a.nonce = nonce;
        state::WriteBatch wb;
        wb.put(state::account_db_key(dev()[who].address), state::encode_account(a));
        ASSERT_TRUE(kv.write(wb, true));
    }
    Result<void> add(Mempool& pool, const format::Transaction& tx) {
        return pool.add(exec::SignedTx{tx, format::recover_sender(tx).value(), format::transaction_hash(tx)},
                        format::encode_transaction(tx), state, env);
    }
    static std::string message(const Result<void>& r) { return r ? std::string() : r.error().message; }
};

TEST_F(MempoolTest, PendingAndQueued) {
    Mempool pool;
    ASSERT_TRUE(add(pool, transfer(0, 0, addr(1), 1)));
    ASSERT_TRUE(add(pool, transfer(0, 1, addr(1), 1)));
    ASSERT_TRUE(add(pool, transfer(0, 3, addr(1), 1)));  // gap at 2: queued
    EXPECT_EQ(pool.counts(state), (std::pair<std::size_t, std::size_t>{2, 1}));
    EXPECT_EQ(pool.pending_nonce(dev()[0].address, 0), 2u);
    EXPECT_EQ(pool.select(state, env.base_fee, 30'000'000).size(), 2u);
    ASSERT_TRUE(add(pool, transfer(0, 2, addr(1), 1)));  // fills the gap: all four pending
    EXPECT_EQ(pool.counts(state), (std::pair<std::size_t, std::size_t>{4, 0}));
    EXPECT_EQ(pool.pending_nonce(dev()[0].address, 0), 4u);
}

TEST_F(MempoolTest, SelectionIsFeeOrderedWithinNonceOrder) {
    Mempool pool;
    // Sender 0: tips 1 then 5 gwei; sender 1: tip 3 gwei; sender 2: tip 2 gwei.
    ASSERT_TRUE(add(pool, transfer(0, 0, addr(1), 1, gwei(10), gwei(1))));
    ASSERT_TRUE(add(pool, transfer(0, 1, addr(1), 1, gwei(10), gwei(5))));
    ASSERT_TRUE(add(pool, transfer(1, 0, addr(1), 1, gwei(10), gwei(3))));
    ASSERT_TRUE(add(pool, transfer(2, 0, addr(1), 1, gwei(10), gwei(2))));
    const auto sel = pool.select(state, env.base_fee, 30'000'000);
    ASSERT_EQ(sel.size(), 4u);
    // 1 (3 gwei), 2 (2 gwei), then sender 0's head (1 gwei) which unlocks its 5-gwei successor.
    EXPECT_EQ(sel[0].sender, dev()[1].address);
    EXPECT_EQ(sel[1].sender, dev()[2].address);
    EXPECT_EQ(sel[2].sender, dev()[0].address);
    EXPECT_EQ(sel[2].tx.nonce, 0u);
    EXPECT_EQ(sel[3].tx.nonce, 1u);
    // Gas limit: only two 21000-gas transfers fit.
    EXPECT_EQ(pool.select(state, env.base_fee, 42'000).size(), 2u);
    // A base fee above a sender's fee cap skips that sender.
    EXPECT_EQ(pool.select(state, gwei(11), 30'000'000).size(), 0u);
}

TEST_F(MempoolTest, RefusalsUseGethMessages) {
    Mempool pool;
    const auto tx = transfer(0, 0, addr(1), 1);
    ASSERT_TRUE(add(pool, tx));
    EXPECT_EQ(message(add(pool, tx)), "already known");
    set_nonce(1, 5);
    EXPECT_TRUE(message(add(pool, transfer(1, 4, addr(1), 1))).starts_with("nonce too low"))
        << message(add(pool, transfer(1, 4, addr(1), 1)));
    EXPECT_TRUE(message(add(pool, transfer(2, 0, addr(1), ether(100))))
                    .starts_with("insufficient funds for gas * price + value"));
    auto low_gas = transfer(2, 0, addr(1), 1);
    low_gas.gas_limit = 20'999;
    format::sign_transaction(low_gas, dev_key(2));
    EXPECT_TRUE(message(add(pool, low_gas)).starts_with("intrinsic gas too low"));
    EXPECT_TRUE(message(add(pool, transfer(2, 0, addr(1), 1, gwei(1) - U256(1), 0)))
                    .starts_with("max fee per gas less than block base fee"));
    auto create = transfer(2, 0, addr(1), 1);
    create.to.reset();
    format::sign_transaction(create, dev_key(2));
    EXPECT_EQ(add(pool, create).error().code, exec::errc::contract_creation_unsupported);
    auto huge = transfer(2, 0, addr(1), 1);
    huge.gas_limit = 30'000'001;
    format::sign_transaction(huge, dev_key(2));
    EXPECT_EQ(message(add(pool, huge)), "exceeds block gas limit");
    EXPECT_EQ(pool.size(), 1u);
}

TEST_F(MempoolTest, ReplacementNeedsTenPercentOnBothCaps) {
    Mempool pool;
    ASSERT_TRUE(add(pool, transfer(0, 0, addr(1), 1, gwei(100), gwei(10))));
    EXPECT_EQ(message(add(pool, transfer(0, 0, addr(1), 2, gwei(109), gwei(11)))),
              "replacement transaction underpriced");
    EXPECT_EQ(message(add(pool, transfer(0, 0, addr(1), 2, gwei(110), gwei(10)))),
              "replacement transaction underpriced");
    const auto better = transfer(0, 0, addr(1), 3, gwei(110), gwei(11));
    ASSERT_TRUE(add(pool, better));
    EXPECT_EQ(pool.size(), 1u);
    const auto sel = pool.select(state, env.base_fee, 30'000'000);
    ASSERT_EQ(sel.size(), 1u);
    EXPECT_EQ(sel[0].hash, format::transaction_hash(better));
}

TEST_F(MempoolTest, LimitsAndEviction) {
    Mempool per_sender(MempoolConfig{2, 100, 10});
    ASSERT_TRUE(add(per_sender, transfer(0, 0, addr(1), 1)));
    ASSERT_TRUE(add(per_sender, transfer(0, 1, addr(1), 1)));
    EXPECT_EQ(message(add(per_sender, transfer(0, 2, addr(1), 1))), "account limit exceeded");

    Mempool total(MempoolConfig{16, 3, 10});
    ASSERT_TRUE(add(total, transfer(0, 0, addr(1), 1, gwei(5))));
    ASSERT_TRUE(add(total, transfer(1, 0, addr(1), 1, gwei(3))));
    ASSERT_TRUE(add(total, transfer(2, 0, addr(1), 1, gwei(4))));
    // Not better than the cheapest: refused.
    EXPECT_EQ(message(add(total, transfer(3, 0, addr(1), 1, gwei(3)))), "txpool is full");
    // Better: the cheapest (sender 1) is evicted.
    ASSERT_TRUE(add(total, transfer(3, 0, addr(1), 1, gwei(6))));
    EXPECT_EQ(total.size(), 3u);
    EXPECT_EQ(total.get(format::transaction_hash(transfer(1, 0, addr(1), 1, gwei(3)))), nullptr);
}

TEST_F(MempoolTest, ResetDropsIncludedAndRejected) {
    Mempool pool;
    ASSERT_TRUE(add(pool, transfer(0, 0, addr(1), 1)));
    ASSERT_TRUE(add(pool, transfer(0, 1, addr(1), 1)));
    const auto other = transfer(1, 0, addr(1), 1);
    ASSERT_TRUE(add(pool, other));
    set_nonce(0, 1);  // as if nonce 0 was included
    pool.reset(state, {format::transaction_hash(other)});
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_EQ(pool.counts(state), (std::pair<std::size_t, std::size_t>{1, 0}));
}

}  // namespace
}  // namespace luxl2::node

namespace luxl2::node {
namespace {

using namespace testing;

// 0x53 entries: claims of (sender, nonce), fee order among the other transactions, stale removal.
struct MempoolCompressedTest : MempoolTest {
    // A pooled 0x53 from dev accounts' addresses standing in for BLS accounts (the pool checks no
    // signature: the node verified it before add_compressed).
    static exec::SignedTx compressed(std::vector<std::pair<std::size_t, std::uint64_t>> inner, U256 tip,
                                     std::uint8_t tag, U256 fee_cap = gwei(10)) {
        compress::CompressedBatch b{U256(1337), {}};
        for (const auto& [who, nonce] : inner) {
            compress::InnerTx t;
            t.from = dev()[who].address;
            t.nonce = nonce;
            t.max_fee_per_gas = fee_cap;
            t.max_priority_fee_per_gas = tip;
            t.gas_limit = 100'000;
            t.to = addr(tag);
            b.txs.push_back(t);
        }
        exec::SignedTx s{exec::compressed_fee_view(b), b.txs.front().from, Hash32{}};
        s.hash[0] = tag;
        s.lp505 = format::TransactionData{};
        s.lp505->tx_type = format::lp505_type::kCompressed;
        s.compressed = std::make_shared<const compress::CompressedBatch>(std::move(b));
        return s;
    }
};

TEST_F(MempoolCompressedTest, ClaimsOrderAndStaleRemoval) {
    Mempool pool;
    ASSERT_TRUE(pool.add_compressed(compressed({{0, 0}, {1, 0}, {0, 1}}, gwei(1), 1), Bytes(100)));
    auto clash = pool.add_compressed(compressed({{1, 0}}, gwei(5), 2), Bytes(100));  // tip up, fee cap not
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, poolerrc::replacement_underpriced);
    EXPECT_FALSE(pool.add_compressed(compressed({{0, 0}, {1, 0}, {0, 1}}, gwei(1), 1), Bytes(100)));  // known
    ASSERT_TRUE(pool.add_compressed(compressed({{2, 0}}, gwei(3), 3), Bytes(100)));
    ASSERT_TRUE(add(pool, transfer(3, 0, addr(9), 1, gwei(10), gwei(2))));
    EXPECT_EQ(pool.pending_nonce(dev()[0].address, 0), 2u);
    EXPECT_EQ(pool.pending_nonce(dev()[1].address, 0), 1u);
    EXPECT_EQ(pool.size(), 3u);
    // By tip: the 0x53 at 3 gwei, the transfer at 2, the 0x53 at 1.
    auto sel = pool.select(state, env.base_fee, 30'000'000);
    ASSERT_EQ(sel.size(), 3u);
    EXPECT_EQ(sel[0].hash[0], 3);
    EXPECT_EQ(sel[1].tx.nonce, 0u);
    EXPECT_FALSE(sel[1].compressed);
    EXPECT_EQ(sel[2].hash[0], 1);
    EXPECT_EQ(sel[2].tx.gas_limit, 300'000u);  // the sum of the inner gas limits
    // A 0x53 whose first nonce is not its sender's state nonce is not selected; after the state moves
    // past one of its nonces it is dropped.
    set_nonce(2, 1);
    sel = pool.select(state, env.base_fee, 30'000'000);
    EXPECT_EQ(sel.size(), 2u);
    pool.reset(state);
    EXPECT_EQ(pool.size(), 2u);
    EXPECT_EQ(pool.pending_nonce(dev()[2].address, 1), 1u);
    // Dropped by hash after a block refused it for good.
    Hash32 h{};
    h[0] = 1;
    pool.reset(state, {h});
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_EQ(pool.pending_nonce(dev()[0].address, 0), 0u);
    EXPECT_TRUE(pool.add_compressed(compressed({{1, 0}}, gwei(5), 2), Bytes(100)));  // the claim is free again
    // A replacement overlapping two pooled 0x53s pays 10% more than each and drops both whole.
    ASSERT_TRUE(pool.add_compressed(compressed({{0, 0}}, gwei(1), 4), Bytes(100)));
    ASSERT_TRUE(pool.add_compressed(compressed({{0, 0}, {1, 0}}, gwei(6), 5, gwei(11)), Bytes(100)));
    EXPECT_EQ(pool.size(), 2u);  // it and the ECDSA transfer
    Hash32 replaced{};
    replaced[0] = 2;
    EXPECT_FALSE(pool.get(replaced));
    EXPECT_EQ(pool.pending_nonce(dev()[0].address, 0), 1u);
}

}  // namespace
}  // namespace luxl2::node
