// Derivation (verifier mode): rebuilds the L2 chain from the L1 alone — every submitted batch's
// frames are reassembled, decompressed and decoded, each block (its sequencer signature and
// transactions root checked) is re-executed over state rebuilt from the genesis allocation, and its
// parent hash, base fee, state root, receipts root and gas are checked. Batch 0 starts with the
// genesis block, whose state root must be the allocation's. The chain's deposits must be exactly the
// L1's queue of L1→L2 messages, in order (deposit_relay.hpp), each in a block whose l1BlockNumber is
// not before the message, and with an inclusion window every message older than the window at a
// batch's submission must be in that batch or an earlier one.
// Then each proposed output is compared with the derived one (state root, block hash, message root
// and count). A block that does not re-execute to its header is an error (the batch is invalid); an
// output that differs is reported as a mismatch, for the challenger to act on.
#pragma once

#include <string>
#include <vector>

#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/node.hpp"
#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

inline constexpr std::string_view derivation_failed = "node.derivation_failed";

struct OutputMismatch {
    std::uint64_t batch_number = 0;
    std::string what;
};

struct DerivationReport {
    std::uint64_t batches = 0;
    std::uint64_t blocks = 0;  // after genesis
    std::uint64_t transactions = 0;
    std::uint64_t deposits = 0;
    std::uint64_t outputs_checked = 0;
    Hash32 state_root;                 // after the last derived block
    std::vector<Hash32> block_hashes;  // index = block number (0: genesis)
    std::vector<Hash32> state_roots;   // index = block number
    std::vector<OutputMismatch> mismatches;
};

struct DerivationOptions {
    std::uint64_t inclusion_window = 0;  // L1 blocks; 0: not checked
};

/// Derives the chain of `config` (chain id, genesis allocation, fee recipient) from `l1`'s batches.
[[nodiscard]] Result<DerivationReport> derive_chain(const l1::Settlement& l1, const NodeConfig& config,
                                                    const DerivationOptions& options = {});

/// The same with the chain parameters the L1 itself holds (RollupConfig.initCode, genesis.hpp), whose
/// genesis state root must be RollupConfig.genesisStateRoot: derivation from the L1 alone.
[[nodiscard]] Result<DerivationReport> derive_chain(const l1::Settlement& l1, const DerivationOptions& options = {});

/// Compares a derivation with a node's own chain: the first block whose hash differs, as an error.
[[nodiscard]] Result<void> compare_with_chain(const DerivationReport& derived, const BlockSource& chain);

}  // namespace luxl2::node
