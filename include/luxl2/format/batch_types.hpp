// LP-505 "Batch Aggregation" values: BatchedBlocks, AggregationStrategy, MerkleMultiProof. Building
// and verifying batches is the batch module's; these are the values and their encodings.
#pragma once

#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/block.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

struct BatchedBlocks {
    U256 start_block;
    U256 end_block;  // inclusive: blocks.size() == end_block − start_block + 1
    Hash32 batch_root;  // merkle root over the blocks' hashes
    std::vector<L2Block> blocks;
    Bytes aggregated_proof;
    Hash32 l1_submission_hash;
    friend bool operator==(const BatchedBlocks&, const BatchedBlocks&) = default;
};

struct AggregationStrategy {
    U256 max_blocks;
    U256 max_size;   // bytes
    U256 max_delay;  // seconds
    bool compress_first = false;
    bool aggregate_proofs = false;
    friend bool operator==(const AggregationStrategy&, const AggregationStrategy&) = default;
};

struct MerkleMultiProof {
    Hash32 root;
    std::vector<Hash32> leaves;
    std::vector<std::vector<Hash32>> proofs;  // one sibling path per leaf
    std::vector<U256> indices;                // leaf positions, one per leaf
    friend bool operator==(const MerkleMultiProof&, const MerkleMultiProof&) = default;
};

template <>
struct Schema<BatchedBlocks> {
    static constexpr std::string_view name = "BatchedBlocks";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("startBlock", s.start_block);
        v("endBlock", s.end_block);
        v("batchRoot", s.batch_root);
        v("blocks", s.blocks);
        v("aggregatedProof", s.aggregated_proof);
        v("l1SubmissionHash", s.l1_submission_hash);
    }
};

template <>
struct Schema<AggregationStrategy> {
    static constexpr std::string_view name = "AggregationStrategy";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("maxBlocks", s.max_blocks);
        v("maxSize", s.max_size);
        v("maxDelay", s.max_delay);
        v("compressFirst", s.compress_first);
        v("aggregateProofs", s.aggregate_proofs);
    }
};

template <>
struct Schema<MerkleMultiProof> {
    static constexpr std::string_view name = "MerkleMultiProof";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("root", s.root);
        v("leaves", s.leaves);
        v("proofs", s.proofs);
        v("indices", s.indices);
    }
};

}  // namespace luxl2::format
