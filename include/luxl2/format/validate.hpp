// Invariants of the LP-505 values, beyond what decoding guarantees. Each returns the first broken
// invariant (code format.invalid) with the field path.
#pragma once

#include "luxl2/core/error.hpp"
#include "luxl2/format/batch_types.hpp"
#include "luxl2/format/block.hpp"
#include "luxl2/format/compression_types.hpp"
#include "luxl2/format/quantum.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::format {

/// Header: a known version, gasUsed ≤ gasLimit, a signature empty or 65 bytes.
[[nodiscard]] Result<void> validate(const BlockHeader& h);
/// Block: its header; each transaction's payload has its type's shape; transactionsRoot matches;
/// the state transition ends in header.stateRoot; its messages and metadata are valid.
[[nodiscard]] Result<void> validate(const L2Block& b);
[[nodiscard]] Result<void> validate(const TransactionData& tx);
[[nodiscard]] Result<void> validate(const StateTransition& s);
/// A canonical balance delta (no −0, magnitude < 2^255).
[[nodiscard]] Result<void> validate(const AccountDelta& d);
/// keys.size() == values.size(), keys strictly increasing (so each key appears once).
[[nodiscard]] Result<void> validate(const StorageDelta& d);
/// totalInferences ≥ Σ inferenceCount; resources valid.
[[nodiscard]] Result<void> validate(const ComputeMetadata& m);
[[nodiscard]] Result<void> validate(const ModelExecution& e);
/// gpuUtilization ≤ 10000 basis points.
[[nodiscard]] Result<void> validate(const ResourceUsage& r);
/// accuracy ≤ 10000 basis points.
[[nodiscard]] Result<void> validate(const ModelMetrics& m);
/// acceleratorType printable ASCII of at most 64 characters.
[[nodiscard]] Result<void> validate(const ComputeRequirements& r);
/// source ≠ target chain; messageHash == message_hash(m).
[[nodiscard]] Result<void> validate(const CrossRollupMessage& m);
/// batchHash == messages_root(messages); every message valid.
[[nodiscard]] Result<void> validate(const MessageBatch& b);
/// path of ≥ 2 chains, fees.size() == path.size() − 1, no chain twice.
[[nodiscard]] Result<void> validate(const RoutingInfo& r);
/// endBlock ≥ startBlock, blocks.size() == endBlock − startBlock + 1, consecutive numbers, parent
/// links, batchRoot == batch_root(blocks).
[[nodiscard]] Result<void> validate(const BatchedBlocks& b);
/// maxBlocks ≥ 1, maxSize ≥ 1.
[[nodiscard]] Result<void> validate(const AggregationStrategy& s);
/// one proof and one index per leaf, indices strictly increasing.
[[nodiscard]] Result<void> validate(const MerkleMultiProof& p);
/// algorithm one of SPHINCS/Dilithium/Falcon (Rainbow and McEliece rejected), non-empty key and
/// signature, securityLevel a NIST category (1..5).
[[nodiscard]] Result<void> validate(const QuantumSignature& s);
/// classicalSig 65 bytes (or empty when !requireBoth), quantumSig valid.
[[nodiscard]] Result<void> validate(const HybridSignature& s);
/// algorithm known; level 1..22 for a compressor that has levels; dictionarySize == dictionary.size().
[[nodiscard]] Result<void> validate(const CompressionConfig& c);
/// compression known.
[[nodiscard]] Result<void> validate(const CompressedBlock& c);
[[nodiscard]] Result<void> validate(const StandardTransaction& t);
[[nodiscard]] Result<void> validate(const AIInferenceTransaction& t);
[[nodiscard]] Result<void> validate(const TrainingTransaction& t);

}  // namespace luxl2::format
