#include "luxl2/batch/batch.hpp"

#include <string>
#include <utility>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/validate.hpp"

namespace luxl2::batch {

namespace {

std::string at_block(std::size_t i) {
    return "blocks[" + std::to_string(i) + "]";
}

/// The rules shared by create_batch and verify_batch that need only the blocks: count, numbering,
/// parent links and the timestamp span.
Result<void> check_blocks(std::span<const format::L2Block> blocks, const format::AggregationStrategy& s) {
    if (blocks.empty()) return fail(errc::empty, "a batch needs at least one block");
    LUXL2_CHECK(format::validate(s));
    if (U256(blocks.size()) > s.max_blocks)
        return fail(errc::too_many_blocks, std::to_string(blocks.size()) + " blocks exceed maxBlocks");
    for (std::size_t i = 1; i < blocks.size(); ++i) {
        const auto& prev = blocks[i - 1].header;
        const auto& cur = blocks[i].header;
        if (prev.block_number == U256::max() || cur.block_number != prev.block_number + U256(1))
            return fail(errc::not_consecutive, at_block(i) + ".blockNumber does not follow the previous block");
        if (cur.parent_hash != format::block_hash(prev))
            return fail(errc::broken_chain, at_block(i) + ".parentHash is not the previous block's hash");
    }
    if (!s.max_delay.is_zero()) {
        const U256& first = blocks.front().header.timestamp;
        const U256& last = blocks.back().header.timestamp;
        if (last < first) return fail(errc::too_slow, "the last block is older than the first");
        if (last - first > s.max_delay) return fail(errc::too_slow, "timestamp span exceeds maxDelay");
    }
    return {};
}

Result<void> check_size(ByteView payload, const format::AggregationStrategy& s) {
    if (U256(payload.size()) > s.max_size)
        return fail(errc::too_large, "L1 payload of " + std::to_string(payload.size()) + " bytes exceeds maxSize");
    return {};
}

}  // namespace

Bytes l1_payload(const format::BatchedBlocks& b) {
    if (b.l1_submission_hash == Hash32{}) return format::canonical_encode(b);
    format::BatchedBlocks bare = b;
    bare.l1_submission_hash = Hash32{};
    return format::canonical_encode(bare);
}

Hash32 l1_submission_hash(const format::BatchedBlocks& b) {
    return crypto::keccak256(l1_payload(b));
}

Result<format::BatchedBlocks> create_batch(std::vector<format::L2Block> blocks,
                                           const format::AggregationStrategy& strategy, ByteView proof) {
    LUXL2_CHECK(check_blocks(blocks, strategy));
    if (strategy.aggregate_proofs && proof.empty())
        return fail(errc::proof_missing, "aggregateProofs is set but no proof was given");
    if (!strategy.aggregate_proofs && !proof.empty())
        return fail(errc::proof_unexpected, "a proof was given but aggregateProofs is off");
    format::BatchedBlocks b;
    b.start_block = blocks.front().header.block_number;
    b.end_block = blocks.back().header.block_number;
    b.batch_root = format::batch_root(blocks);
    b.blocks = std::move(blocks);
    b.aggregated_proof.assign(proof.begin(), proof.end());
    const Bytes payload = l1_payload(b);
    LUXL2_CHECK(check_size(payload, strategy));
    b.l1_submission_hash = crypto::keccak256(payload);
    return b;
}

Result<void> verify_batch(const format::BatchedBlocks& b, const format::AggregationStrategy& strategy,
                          const ProofVerifier* verifier) {
    LUXL2_CHECK(check_blocks(b.blocks, strategy));
    if (b.start_block != b.blocks.front().header.block_number)
        return fail(errc::bad_range, "startBlock is not the first block's number");
    if (b.end_block != b.blocks.back().header.block_number)
        return fail(errc::bad_range, "endBlock is not the last block's number");
    std::vector<Hash32> hashes;
    std::vector<Address> sequencers;
    hashes.reserve(b.blocks.size());
    sequencers.reserve(b.blocks.size());
    for (std::size_t i = 0; i < b.blocks.size(); ++i) {
        const auto& blk = b.blocks[i];
        if (auto r = format::validate(blk); !r) {
            Error e = std::move(r.error());
            return fail(errc::bad_block, at_block(i) + ": " + e.to_string());
        }
        if (!blk.header.signature.empty()) {
            if (auto r = format::verify_header(blk.header); !r)
                return fail(errc::bad_block, at_block(i) + ": " + r.error().to_string());
        }
        hashes.push_back(format::block_hash(blk.header));
        sequencers.push_back(blk.header.sequencer);
    }
    if (b.batch_root != format::batch_root(b.blocks)) return fail(errc::bad_root, "batchRoot is not the blocks' root");
    const Bytes payload = l1_payload(b);
    LUXL2_CHECK(check_size(payload, strategy));
    if (b.l1_submission_hash != crypto::keccak256(payload))
        return fail(errc::bad_submission_hash, "l1SubmissionHash is not keccak256 of the L1 payload");
    if (!strategy.aggregate_proofs) {
        if (!b.aggregated_proof.empty())
            return fail(errc::proof_unexpected, "aggregatedProof is set but aggregateProofs is off");
        return {};
    }
    if (b.aggregated_proof.empty())
        return fail(errc::proof_missing, "aggregateProofs is set but aggregatedProof is empty");
    if (verifier == nullptr) return fail(errc::bad_proof, "no proof verifier was given");
    return verifier->verify(hashes, sequencers, b.aggregated_proof);
}

}  // namespace luxl2::batch
