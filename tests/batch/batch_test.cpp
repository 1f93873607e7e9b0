// create_batch / verify_batch: a valid chain round-trips; each rule broken on its own is refused
// with its own code.
#include <gtest/gtest.h>

#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/bls_proof.hpp"
#include "luxl2/batch/chain.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::batch {
namespace {

crypto::SecretKey seq_key() {
    auto k = crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'s', 'e', 'q'}).view());
    if (!k) throw std::runtime_error("key");
    return std::move(*k);
}

format::AggregationStrategy strategy(bool proofs = false) {
    return format::AggregationStrategy{U256(16), U256(64u << 20), U256(60), false, proofs};
}

std::vector<format::L2Block> chain(std::size_t n = 4) {
    ChainSpec spec;
    spec.blocks = n;
    spec.first_number = 100;
    return make_chain(spec, seq_key());
}

void expect_code(const Result<void>& r, std::string_view code) {
    ASSERT_FALSE(r) << "expected " << code;
    EXPECT_EQ(r.error().code, code) << r.error().to_string();
}

TEST(Batch, CreateThenVerify) {
    auto blocks = chain();
    const Hash32 first = format::block_hash(blocks.front().header);
    auto b = create_batch(blocks, strategy());
    ASSERT_TRUE(b) << b.error().to_string();
    EXPECT_EQ(b->start_block, U256(100));
    EXPECT_EQ(b->end_block, U256(103));
    EXPECT_EQ(b->blocks.size(), 4u);
    EXPECT_EQ(format::block_hash(b->blocks.front().header), first);
    EXPECT_EQ(b->batch_root, format::batch_root(b->blocks));
    EXPECT_EQ(b->l1_submission_hash, crypto::keccak256(l1_payload(*b)));
    EXPECT_NE(b->l1_submission_hash, Hash32{});
    auto ok = verify_batch(*b, strategy());
    EXPECT_TRUE(ok) << ok.error().to_string();
}

TEST(Batch, CreateRefusesWhatTheStrategyForbids) {
    EXPECT_EQ(create_batch({}, strategy()).error().code, errc::empty);
    auto s = strategy();
    s.max_blocks = U256(3);
    EXPECT_EQ(create_batch(chain(), s).error().code, errc::too_many_blocks);
    s = strategy();
    s.max_size = U256(1000);
    EXPECT_EQ(create_batch(chain(), s).error().code, errc::too_large);
    s = strategy();
    s.max_delay = U256(5);  // 4 blocks 2 s apart span 6 s
    EXPECT_EQ(create_batch(chain(), s).error().code, errc::too_slow);
    EXPECT_EQ(create_batch(chain(), strategy(true)).error().code, errc::proof_missing);
    const Bytes junk{1, 2, 3};
    EXPECT_EQ(create_batch(chain(), strategy(false), junk).error().code, errc::proof_unexpected);
    s = strategy();
    s.max_blocks = U256(0);
    EXPECT_FALSE(create_batch(chain(), s));
}

TEST(Batch, CreateRefusesBrokenChains) {
    const auto key = seq_key();
    auto gap = chain();
    gap[2].header.block_number = U256(500);
    reseal(gap[2], key);
    EXPECT_EQ(create_batch(gap, strategy()).error().code, errc::not_consecutive);
    auto unlinked = chain();
    unlinked[1].header.parent_hash[0] ^= 1;
    reseal(unlinked[1], key);
    EXPECT_EQ(create_batch(unlinked, strategy()).error().code, errc::broken_chain);
}

class VerifyRule : public ::testing::Test {
protected:
    void SetUp() override {
        auto b = create_batch(chain(), strategy());
        ASSERT_TRUE(b);
        batch = std::move(*b);
    }
    /// Recomputes what the mutation should not be caught by (root, submission hash).
    void refresh() {
        batch.batch_root = format::batch_root(batch.blocks);
        batch.l1_submission_hash = l1_submission_hash(batch);
    }
    format::BatchedBlocks batch;
    crypto::SecretKey key = seq_key();
};

TEST_F(VerifyRule, Numbers) {
    batch.blocks[3].header.block_number = U256(200);
    reseal(batch.blocks[3], key);
    refresh();
    expect_code(verify_batch(batch, strategy()), errc::not_consecutive);
}

TEST_F(VerifyRule, ParentChain) {
    batch.blocks[2].header.parent_hash = Hash32{};
    reseal(batch.blocks[2], key);
    refresh();
    expect_code(verify_batch(batch, strategy()), errc::broken_chain);
}

TEST_F(VerifyRule, StartAndEnd) {
    batch.start_block = U256(99);
    batch.l1_submission_hash = l1_submission_hash(batch);
    expect_code(verify_batch(batch, strategy()), errc::bad_range);
    SetUp();
    batch.end_block = U256(104);
    batch.l1_submission_hash = l1_submission_hash(batch);
    expect_code(verify_batch(batch, strategy()), errc::bad_range);
}

TEST_F(VerifyRule, TransactionsRoot) {
    // The last block, so no child's parent hash changes.
    batch.blocks[3].header.transactions_root[5] ^= 0x40;
    reseal(batch.blocks[3], key);
    refresh();
    expect_code(verify_batch(batch, strategy()), errc::bad_block);
}

TEST_F(VerifyRule, TransactionTampered) {
    ASSERT_FALSE(batch.blocks[3].transactions.empty());
    batch.blocks[3].transactions.pop_back();
    refresh();
    expect_code(verify_batch(batch, strategy()), errc::bad_block);
}

TEST_F(VerifyRule, BlockHashSignature) {
    // A header changed after signing: its signature no longer covers its hash.
    batch.blocks[3].header.extra_data[0] ^= 1;
    refresh();
    expect_code(verify_batch(batch, strategy()), errc::bad_block);
}

TEST_F(VerifyRule, BatchRoot) {
    batch.batch_root[0] ^= 1;
    batch.l1_submission_hash = l1_submission_hash(batch);
    expect_code(verify_batch(batch, strategy()), errc::bad_root);
}

TEST_F(VerifyRule, SubmissionHash) {
    batch.l1_submission_hash[31] ^= 1;
    expect_code(verify_batch(batch, strategy()), errc::bad_submission_hash);
}

TEST_F(VerifyRule, StrategyBounds) {
    auto s = strategy();
    s.max_blocks = U256(2);
    expect_code(verify_batch(batch, s), errc::too_many_blocks);
    s = strategy();
    s.max_size = U256(100);
    expect_code(verify_batch(batch, s), errc::too_large);
    s = strategy();
    s.max_delay = U256(1);
    expect_code(verify_batch(batch, s), errc::too_slow);
    expect_code(verify_batch(batch, strategy(true)), errc::proof_missing);
}

TEST_F(VerifyRule, Empty) {
    batch.blocks.clear();
    expect_code(verify_batch(batch, strategy()), errc::empty);
}

TEST_F(VerifyRule, UnexpectedProof) {
    batch.aggregated_proof = Bytes{1};
    batch.l1_submission_hash = l1_submission_hash(batch);
    expect_code(verify_batch(batch, strategy()), errc::proof_unexpected);
}

}  // namespace
}  // namespace luxl2::batch
