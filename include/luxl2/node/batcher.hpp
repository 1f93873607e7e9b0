// The batcher: takes sealed blocks in order, groups them by LP-505's AggregationStrategy (maxBlocks,
// maxSize bytes of batch data, maxDelay seconds since the oldest waiting block), encodes them
// (batch_data.hpp: compressed headers + columnar transactions), cuts the data into frames and
// submits it to the L1 as the sequencer.
//
// No duplicate, no gap, across failures and restarts: the cursor is the L1 itself. Before each
// batch the batcher reads the number of submitted batches and the last one's block range (clear text
// in its data); a submission that failed is rebuilt from the same blocks, one that succeeded just
// before a crash is seen on the L1 and not repeated, and the L1 refuses a batch number or parent hash
// that does not chain.
#pragma once

#include <optional>

#include "luxl2/batch/frames.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/batch_types.hpp"
#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

struct BatcherConfig {
    Address sequencer;
    std::uint64_t max_blocks = 64;
    std::size_t max_size = 120'000;  // bytes of batch data
    std::uint64_t max_delay = 10;    // seconds; 0: submit as soon as a block is sealed
    std::size_t frame_size = batch::kBlobUsableBytes;

    /// From LP-505's AggregationStrategy (each field clamped to 64 bits).
    [[nodiscard]] static BatcherConfig from(const format::AggregationStrategy& s, const Address& sequencer);
};

struct BatchReport {
    std::uint64_t batch_number = 0;
    std::uint64_t first_block = 0;
    std::uint64_t last_block = 0;
    std::size_t transactions = 0;
    std::size_t raw_bytes = 0;   // headers + EIP-2718 transactions
    std::size_t data_bytes = 0;  // compressed batch data
    std::size_t l1_bytes = 0;    // frames as submitted
    std::size_t frames = 0;
    Hash32 batch_hash;
    [[nodiscard]] double ratio() const { return data_bytes ? double(raw_bytes) / double(data_bytes) : 0.0; }
};

class Batcher {
public:
    /// `signer` (optional) signs batch headers; it must be the sequencer's key.
    Batcher(l1::Settlement& l1, const BlockSource& blocks, BatcherConfig config,
            const crypto::SecretKey* signer = nullptr)
        : l1_(l1), blocks_(blocks), config_(config), signer_(signer) {}

    /// Submits at most one batch: when maxBlocks blocks wait, or the oldest waiting block has waited
    /// maxDelay seconds (since the first step that saw it; `now` is any clock in seconds), or `flush`.
    /// Returns nullopt when nothing is due.
    [[nodiscard]] Result<std::optional<BatchReport>> step(std::uint64_t now, bool flush = false);
    /// The next L2 block to batch, read from the L1.
    [[nodiscard]] Result<std::uint64_t> next_block() const;

private:
    l1::Settlement& l1_;
    const BlockSource& blocks_;
    BatcherConfig config_;
    const crypto::SecretKey* signer_;
    std::optional<std::pair<std::uint64_t, std::uint64_t>> waiting_since_;  // (block, first seen at)
};

}  // namespace luxl2::node
