// LP-505 "Batch Aggregation": building (create_batch) and checking (verify_batch) BatchedBlocks.
//   batchRoot        = merkle::root_of_leaf_hashes(leaf_hash(block_hash(b)) for each block)
//                      (format::batch_root, the positional keccak tree of merkle/tree.hpp)
//   l1SubmissionHash = keccak256(l1_payload(batch)), l1_payload = canonical RLP of the batch with
//                      l1SubmissionHash set to zero (docs/format/frames.md)
// Strategy bounds: maxBlocks (count, ≥ 1), maxSize (bytes of the L1 payload, ≥ 1), maxDelay (seconds
// between the first and the last block's timestamps; zero means no bound).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/batch_types.hpp"
#include "luxl2/format/block.hpp"

namespace luxl2::batch {

namespace errc {
inline constexpr std::string_view empty = "batch.empty";                      // no blocks
inline constexpr std::string_view too_many_blocks = "batch.too_many_blocks";  // > maxBlocks
inline constexpr std::string_view too_large = "batch.too_large";              // payload > maxSize
inline constexpr std::string_view too_slow = "batch.too_slow";                // timestamp span > maxDelay
inline constexpr std::string_view not_consecutive = "batch.not_consecutive";  // block numbers
inline constexpr std::string_view bad_range = "batch.bad_range";              // start/end vs blocks
inline constexpr std::string_view broken_chain = "batch.broken_chain";        // parent hash
inline constexpr std::string_view bad_block = "batch.bad_block";              // a block's own roots/signature
inline constexpr std::string_view bad_root = "batch.bad_root";                // batchRoot
inline constexpr std::string_view bad_submission_hash = "batch.bad_submission_hash";
inline constexpr std::string_view proof_missing = "batch.proof_missing";        // aggregateProofs without proof
inline constexpr std::string_view proof_unexpected = "batch.proof_unexpected";  // proof without aggregateProofs
inline constexpr std::string_view bad_proof = "batch.bad_proof";
inline constexpr std::string_view unknown_signer = "batch.unknown_signer";  // no registered key
}  // namespace errc

/// Checks an aggregated proof over the batch's blocks. `hashes[i]` is block_hash of block i and
/// `sequencers[i]` its header's sequencer. Returns an error (never throws) when the proof fails.
class ProofVerifier {
public:
    virtual ~ProofVerifier() = default;
    [[nodiscard]] virtual Result<void> verify(std::span<const Hash32> hashes, std::span<const Address> sequencers,
                                              ByteView proof) const = 0;
};

/// The canonical RLP of `b` with l1SubmissionHash zeroed: the bytes l1SubmissionHash commits to.
[[nodiscard]] Bytes l1_payload(const format::BatchedBlocks& b);
[[nodiscard]] Hash32 l1_submission_hash(const format::BatchedBlocks& b);

/// Builds a batch of `blocks` (moved in). Refuses: no blocks (batch.empty), more than maxBlocks,
/// non-consecutive numbers or a broken parent chain, a timestamp span above maxDelay, a payload above
/// maxSize. With aggregateProofs, `proof` (e.g. bls_aggregate_proof) becomes aggregatedProof and must
/// not be empty; without it, `proof` must be empty.
[[nodiscard]] Result<format::BatchedBlocks> create_batch(std::vector<format::L2Block> blocks,
                                                         const format::AggregationStrategy& strategy,
                                                         ByteView proof = {});

/// Checks everything create_batch promises plus each block's own integrity (format::validate: its
/// transactions root, messages and roots it defines; the sequencer signature), startBlock/endBlock,
/// batchRoot and l1SubmissionHash, and the aggregated proof through `verifier` when the strategy asks
/// for one (a proof present with aggregateProofs off, or no verifier given, is refused).
[[nodiscard]] Result<void> verify_batch(const format::BatchedBlocks& b, const format::AggregationStrategy& strategy,
                                        const ProofVerifier* verifier = nullptr);

}  // namespace luxl2::batch
