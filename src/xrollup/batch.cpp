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

// Every level of the tree, leaves first, built once so that n proofs cost O(n log n) rather than a
// tree per proof. Same shape as merkle/tree.hpp: an odd last node is promoted unchanged.
std::vector<std::vector<Hash32>> tree_levels(std::vector<Hash32> leaves) {
    std::vector<std::vector<Hash32>> levels;
    levels.push_back(std::move(leaves));
    while (levels.back().size() > 1) {
        const auto& below = levels.back();
        std::vector<Hash32> up;
        up.reserve((below.size() + 1) / 2);
        for (std::size_t i = 0; i + 1 < below.size(); i += 2) up.push_back(merkle::node_hash(below[i], below[i + 1]));
        if (below.size() % 2 == 1) up.push_back(below.back());
        levels.push_back(std::move(up));
    }
    return levels;
}

// The single-index proof of leaf `index`: its siblings from the leaves up (none where it is promoted),
// the consumption order merkle/proof.hpp defines for one index.
merkle::MultiProof proof_from_levels(const std::vector<std::vector<Hash32>>& levels, std::uint64_t index) {
    merkle::MultiProof p;
    p.leaf_count = levels.front().size();
    p.indices.push_back(index);
    std::uint64_t i = index;
    for (std::size_t l = 0; l + 1 < levels.size(); ++l, i /= 2)
        if ((i ^ 1) < levels[l].size()) p.hashes.push_back(levels[l][i ^ 1]);
    return p;
}

}  // namespace

Hash32 message_batch_root(std::span<const format::CrossRollupMessage> messages) {
    return format::messages_root(messages);
}

Result<format::MessageBatch> batch_messages(std::span<const format::CrossRollupMessage> messages,
                                            const U256& block_height) {
    if (messages.size() > kMaxBatchMessages)
        return fail(errc::too_many_messages,
                    std::to_string(messages.size()) + " messages, the limit is " + std::to_string(kMaxBatchMessages));
    format::MessageBatch batch;
    batch.block_height = block_height;
    batch.messages.assign(messages.begin(), messages.end());
    if (messages.empty()) {
        batch.batch_hash = merkle::empty_root();
        return batch;
    }
    const auto levels = tree_levels(message_leaves(messages));
    batch.batch_hash = levels.back().front();
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
        auto& m = batch.messages[i];
        m.message_hash = format::message_hash(m);
        m.proof = merkle::encode(proof_from_levels(levels, i));
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
