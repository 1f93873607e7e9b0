// Message batches: the root over message hashes, inclusion proofs, and batch checks.
#include <gtest/gtest.h>

#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/validate.hpp"
#include "luxl2/merkle/tree.hpp"
#include "luxl2/xrollup/batch.hpp"
#include "sample.hpp"

namespace luxl2::xrollup {
namespace {

std::vector<format::CrossRollupMessage> messages(std::size_t n) {
    std::vector<format::CrossRollupMessage> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(test::sample_message(i, i % 40));
    return out;
}

TEST(Batch, RootIsOverMessageHashes) {
    const auto ms = messages(5);
    std::vector<Hash32> leaves;
    for (const auto& m : ms) {
        const Hash32 h = format::message_hash(m);
        leaves.push_back(merkle::leaf_hash(ByteView{h.data(), h.size()}));
    }
    EXPECT_EQ(message_batch_root(ms), merkle::root_of_leaf_hashes(leaves));
    EXPECT_EQ(message_batch_root({}), merkle::empty_root());
}

TEST(Batch, EveryMessageProvesInclusion) {
    for (std::size_t n : {1u, 2u, 3u, 7u, 16u, 33u}) {
        const auto ms = messages(n);
        auto batch = batch_messages(ms, U256{42});
        ASSERT_TRUE(batch) << batch.error().to_string();
        EXPECT_EQ(batch->block_height, U256{42});
        EXPECT_EQ(batch->batch_hash, message_batch_root(ms));
        EXPECT_TRUE(verify_batch(*batch)) << n;
        for (std::size_t i = 0; i < n; ++i) {
            const auto& m = batch->messages[i];
            EXPECT_TRUE(verify_message_inclusion(m, batch->batch_hash, n)) << n << " " << i;
            EXPECT_TRUE(verify_message_inclusion(m, batch->batch_hash));
            auto p = prove_message(ms, i);
            ASSERT_TRUE(p);
            EXPECT_EQ(m.proof, merkle::encode(*p)) << n << " " << i;  // the batch's proofs are merkle's
            EXPECT_TRUE(verify_message_inclusion(ms[i], batch->batch_hash, *p, n));
            EXPECT_FALSE(verify_message_inclusion(ms[i], batch->batch_hash, *p, n + 1));
            // Another message's content against this proof fails.
            if (n > 1) {
                EXPECT_FALSE(verify_message_inclusion(ms[(i + 1) % n], batch->batch_hash, *p)) << n << " " << i;
            }
        }
    }
}

TEST(Batch, LargeBatchProofsMatchMerkle) {
    const auto ms = messages(1000);
    auto batch = batch_messages(ms, U256{9});
    ASSERT_TRUE(batch);
    EXPECT_TRUE(verify_batch(*batch));
    for (std::uint64_t i : {0u, 1u, 511u, 512u, 998u, 999u}) {
        auto p = prove_message(ms, i);
        ASSERT_TRUE(p);
        EXPECT_EQ(batch->messages[i].proof, merkle::encode(*p)) << i;
    }
}

// format::validate(MessageBatch) and xrollup agree: both commit to message hashes (format::messages_root).
TEST(Batch, FormatValidatesOurBatches) {
    for (std::size_t n : {0u, 1u, 5u, 32u}) {
        const auto ms = messages(n);
        auto batch = batch_messages(ms, U256{4});
        ASSERT_TRUE(batch);
        EXPECT_EQ(batch->batch_hash, format::messages_root(ms));
        EXPECT_EQ(message_batch_root(ms), format::messages_root(batch->messages));
        EXPECT_TRUE(format::validate(*batch)) << n;
        auto back = format::rlp_decode<format::MessageBatch>(format::rlp_encode(*batch));
        ASSERT_TRUE(back);
        EXPECT_TRUE(verify_batch(*back));
        EXPECT_TRUE(format::validate(*back));
    }
}

TEST(Batch, EmptyBatch) {
    auto batch = batch_messages({}, U256{3});
    ASSERT_TRUE(batch);
    EXPECT_EQ(batch->batch_hash, merkle::empty_root());
    EXPECT_TRUE(verify_batch(*batch));
}

TEST(Batch, TamperingIsDetected) {
    auto batch = batch_messages(messages(6), U256{1});
    ASSERT_TRUE(batch);
    {
        auto b = *batch;
        b.messages[2].payload.push_back(0);
        EXPECT_EQ(verify_batch(b).error().code, errc::hash_mismatch);
        b.messages[2].message_hash = format::message_hash(b.messages[2]);
        EXPECT_EQ(verify_batch(b).error().code, errc::bad_batch_hash);
        EXPECT_FALSE(verify_message_inclusion(b.messages[2], batch->batch_hash));
    }
    {
        auto b = *batch;
        b.batch_hash[31] ^= 1;
        EXPECT_EQ(verify_batch(b).error().code, errc::bad_batch_hash);
    }
    {
        auto b = *batch;
        std::swap(b.messages[0].proof, b.messages[1].proof);
        EXPECT_EQ(verify_batch(b).error().code, errc::not_included);
    }
    {
        auto b = *batch;
        b.messages[3].proof.back() ^= 0x40;
        EXPECT_EQ(verify_batch(b).error().code, errc::not_included);
    }
    // Every single bit flip of an encoded proof makes it fail against the batch.
    const auto& m = batch->messages[4];
    for (std::size_t bit = 0; bit < m.proof.size() * 8; ++bit) {
        auto t = m;
        t.proof[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        EXPECT_FALSE(verify_message_inclusion(t, batch->batch_hash, 6)) << bit;
    }
}

TEST(Batch, RejectsOutOfRange) {
    EXPECT_FALSE(prove_message({}, 0));
    EXPECT_FALSE(prove_message(messages(3), 3));
    const std::vector<format::CrossRollupMessage> too_many(kMaxBatchMessages + 1);
    EXPECT_EQ(batch_messages(too_many, U256{}).error().code, errc::too_many_messages);
}

}  // namespace
}  // namespace luxl2::xrollup
