// Block hash, roots and the sequencer's signature.
#include <gtest/gtest.h>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/testing.hpp"
#include "luxl2/format/validate.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::format {
namespace {

TEST(BlockHash, IsKeccakOfTheHeaderListWithoutTheSignature) {
    const auto b = testing::random_block(11, 5);
    const Bytes full = rlp_encode(b.header);
    auto item = rlp::decode_item(full);
    ASSERT_TRUE(item);
    item->items.pop_back();
    Bytes expect;
    rlp::encode(expect, *item);
    EXPECT_EQ(signed_header_bytes(b.header), expect);
    EXPECT_EQ(block_hash(b), crypto::keccak256(expect));
    auto other = b.header;
    other.signature.clear();
    EXPECT_EQ(block_hash(other), block_hash(b.header));
    other.gas_used += U256(1);
    EXPECT_NE(block_hash(other), block_hash(b.header));
}

TEST(BlockHash, SequencerSignatureVerifies) {
    auto b = testing::random_block(12, 5);
    auto signer = verify_header(b.header);
    ASSERT_TRUE(signer) << signer.error().to_string();
    EXPECT_EQ(*signer, b.header.sequencer);
    auto tampered = b.header;
    tampered.timestamp += U256(1);
    EXPECT_FALSE(verify_header(tampered));
    auto wrong = b.header;
    wrong.sequencer[0] ^= 1;
    EXPECT_EQ(verify_header(wrong).error().code, "format.wrong_signer");
    auto unsigned_header = b.header;
    unsigned_header.signature.clear();
    EXPECT_EQ(verify_header(unsigned_header).error().code, "format.bad_signature");
}

TEST(Roots, TransactionsRootIsTheMerkleRootOfCanonicalTransactions) {
    const auto b = testing::random_block(13, 9);
    std::vector<Bytes> leaves;
    for (const auto& tx : b.transactions) leaves.push_back(rlp_encode(tx));
    EXPECT_EQ(transactions_root(b.transactions), merkle::root(leaves));
    EXPECT_EQ(b.header.transactions_root, merkle::root(leaves));
    EXPECT_EQ(transactions_root({}), merkle::empty_root());
}

// A message root is over message hashes (which leave out messageHash and proof), so filling in each
// message's inclusion proof does not move the root it proves against (docs/format/canonical.md).
TEST(Roots, MessagesRootIsOverMessageHashes) {
    std::vector<CrossRollupMessage> ms(5);
    for (std::size_t i = 0; i < ms.size(); ++i) {
        ms[i].source_chain_id = U256(1);
        ms[i].target_chain_id = U256(2);
        ms[i].nonce = U256(i);
        ms[i].payload = Bytes(i * 10, static_cast<std::uint8_t>(i));
        ms[i].message_hash = message_hash(ms[i]);
    }
    std::vector<Hash32> leaves;
    for (const auto& m : ms) leaves.push_back(merkle::leaf_hash(message_hash(m).view()));
    const Hash32 root = messages_root(ms);
    EXPECT_EQ(root, merkle::root_of_leaf_hashes(leaves));
    EXPECT_EQ(messages_root({}), merkle::empty_root());
    MessageBatch batch{ms, root, U256(7), {}};
    EXPECT_TRUE(validate(batch));
    for (auto& m : batch.messages) m.proof = Bytes{1, 2, 3};  // any proof: the root does not move
    EXPECT_EQ(messages_root(batch.messages), root);
    EXPECT_TRUE(validate(batch));
    auto stale = ms;
    stale[0].message_hash = Hash32{};  // the field is not trusted: the hash is recomputed
    EXPECT_EQ(messages_root(stale), root);
    auto changed = ms;
    changed[3].payload.push_back(0);
    EXPECT_NE(messages_root(changed), root);
    batch.messages[3].payload.push_back(0);
    EXPECT_FALSE(validate(batch));
}

TEST(Validate, CatchesBrokenInvariants) {
    const auto good = testing::random_block(14, 30);
    ASSERT_TRUE(validate(good));
    auto b = good;
    b.header.gas_used = b.header.gas_limit + U256(1);
    EXPECT_FALSE(validate(b));
    b = good;
    b.transactions.pop_back();
    EXPECT_NE(validate(b).error().message.find("transactionsRoot"), std::string::npos);
    b = good;
    b.header.version = 2;
    EXPECT_EQ(validate(b).error().code, errc::unsupported);
    b = good;
    b.state_transition.new_state_root[0] ^= 1;
    EXPECT_FALSE(validate(b));
    b = good;
    ASSERT_GE(b.state_transition.account_deltas.size(), 2u);
    std::swap(b.state_transition.account_deltas[0], b.state_transition.account_deltas[1]);
    EXPECT_FALSE(validate(b));
    b = good;
    b.compute_metadata.resources.gpu_utilization = U256(10'001);
    EXPECT_FALSE(validate(b));

    RoutingInfo r{{U256(1), U256(2), U256(3)}, {U256(10), U256(20)}, U256(100), {}};
    EXPECT_TRUE(validate(r));
    r.fees.pop_back();
    EXPECT_FALSE(validate(r));
    QuantumSignature q{PostQuantumAlgorithm::kRainbow, {1}, {1}, U256(128)};
    EXPECT_FALSE(validate(q));
    q.algorithm = PostQuantumAlgorithm::kDilithium3;
    EXPECT_TRUE(validate(q));
    MerkleMultiProof mp{Hash32{}, {Hash32{}, Hash32{}}, {{}, {}}, {U256(2), U256(1)}};
    EXPECT_FALSE(validate(mp));
}

TEST(Roots, BatchRootAndValidBatch) {
    BatchedBlocks batch;
    auto b0 = testing::random_block(20, 3);
    auto b1 = testing::random_block(21, 3);
    b1.header.block_number = b0.header.block_number + U256(1);
    b1.header.parent_hash = block_hash(b0);
    b1.header.transactions_root = transactions_root(b1.transactions);
    batch.start_block = b0.header.block_number;
    batch.end_block = b1.header.block_number;
    batch.blocks = {b0, b1};
    batch.batch_root = batch_root(batch.blocks);
    EXPECT_TRUE(validate(batch)) << validate(batch).error().to_string();
    for (auto e : {0, 1, 2}) {
        Bytes bytes = e == 0 ? rlp_encode(batch) : e == 1 ? binary_encode(batch) : protobuf_encode(batch);
        auto back = e == 0   ? rlp_decode<BatchedBlocks>(bytes)
                    : e == 1 ? binary_decode<BatchedBlocks>(bytes)
                             : protobuf_decode<BatchedBlocks>(bytes);
        ASSERT_TRUE(back);
        EXPECT_EQ(*back, batch);
    }
}

}  // namespace
}  // namespace luxl2::format
