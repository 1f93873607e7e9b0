#include "luxl2/xrollup/batch.hpp"

#include "luxl2/format/hashing.hpp"
#include "luxl2/merkle/tree.hpp"
#include "luxl2/xrollup/pack.hpp"

namespace luxl2::xrollup {
namespace {

Hash32 message_leaf(const format::CrossRollupMessage& m) {
    const Hash32 h = format::message_hash(m);
    return merkle::leaf_hash(ByteView{h.data(), h.size()});
}

std::vector<Hash32> message_leaves(std::span<const format::CrossRollupMessage> messages) {
    std::vector<Hash32> leaves;
    leaves.reserve(messages.size());
    for (const auto& m : messages) leaves.push_back(message_leaf(m));
    return leaves;
}

}  // namespace

Hash32 message_batch_root(std::span<const format::CrossRollupMessage> messages) {
    const auto leaves = message_leaves(messages);
    return merkle::root_of_leaf_hashes(leaves);
}

Result<format::MessageBatch> batch_messages(std::span<const format::CrossRollupMessage> messages,
                                            const U256& block_height) {
    if (messages.size() > kMaxBatchMessages)
        return fail(errc::too_many_messages,
                    std::to_string(messages.size()) + " messages, the limit is " + std::to_string(kMaxBatchMessages));
    format::MessageBatch batch;
    batch.block_height = block_height;
    batch.messages.assign(messages.begin(), messages.end());
    const auto leaves = message_leaves(messages);
    batch.batch_hash = merkle::root_of_leaf_hashes(leaves);
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
        auto& m = batch.messages[i];
        m.message_hash = format::message_hash(m);
        LUXL2_TRY(proof, merkle::generate_proof(leaves, i));
        m.proof = merkle::encode(proof);
    }
    return batch;
}

Result<merkle::MultiProof> prove_message(std::span<const format::CrossRollupMessage> messages, std::uint64_t index) {
    const auto leaves = message_leaves(messages);
    return merkle::generate_proof(leaves, index);
}

bool verify_message_inclusion(const format::CrossRollupMessage& message, const Hash32& root,
                              const merkle::MultiProof& proof, std::uint64_t expected_leaf_count) {
    if (proof.indices.size() != 1) return false;
    if (expected_leaf_count != 0 && proof.leaf_count != expected_leaf_count) return false;
    return merkle::verify_proof(root, proof, message_leaf(message));
}

bool verify_message_inclusion(const format::CrossRollupMessage& message, const Hash32& root,
                              std::uint64_t expected_leaf_count) {
    auto proof = merkle::decode_multiproof(message.proof);
    return proof && verify_message_inclusion(message, root, *proof, expected_leaf_count);
}

Result<void> verify_batch(const format::MessageBatch& batch) {
    if (batch.messages.size() > kMaxBatchMessages)
        return fail(errc::too_many_messages, std::to_string(batch.messages.size()) + " messages");
    std::vector<Hash32> leaves;
    leaves.reserve(batch.messages.size());
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
        const Hash32 h = format::message_hash(batch.messages[i]);
        if (h != batch.messages[i].message_hash)
            return fail(errc::hash_mismatch, "message " + std::to_string(i) + ": messageHash does not match");
        leaves.push_back(merkle::leaf_hash(ByteView{h.data(), h.size()}));
    }
    if (merkle::root_of_leaf_hashes(leaves) != batch.batch_hash)
        return fail(errc::bad_batch_hash, "batchHash is not the root of the message hashes");
    const auto count = static_cast<std::uint64_t>(leaves.size());
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
        const auto& m = batch.messages[i];
        if (m.proof.empty()) continue;
        auto proof = merkle::decode_multiproof(m.proof);
        if (!proof || proof->indices.size() != 1 || proof->indices[0] != i || proof->leaf_count != count ||
            !merkle::verify_proof(batch.batch_hash, *proof, leaves[i]))
            return fail(errc::not_included, "message " + std::to_string(i) + ": proof does not verify");
    }
    return {};
}

}  // namespace luxl2::xrollup
