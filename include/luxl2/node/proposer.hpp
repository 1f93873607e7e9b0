// The proposer: for each submitted batch without an output, computes it from the local chain —
// state root and hash of the batch's last block, root and count of the batch's L2→L1 message tree
// (withdrawals.hpp) — and posts it with its bond; then finalizes, in order, every output whose
// challenge period has passed in L1 time. Restart-safe: what is proposed and finalized is read from
// the L1 on every step.
#pragma once

#include <vector>

#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

struct ProposerConfig {
    Address proposer;
    U256 bond;  // sent with each proposal (≥ the rollup's minStake)
    format::Rules rules;
};

struct ProposerAction {
    enum class Kind { kProposed, kFinalized } kind = Kind::kProposed;
    std::uint64_t batch_number = 0;
    Hash32 state_root;
    std::uint64_t l2_block = 0;
    std::uint64_t messages = 0;
};

class Proposer {
public:
    Proposer(l1::Settlement& l1, const BlockSource& blocks, ProposerConfig config)
        : l1_(l1), blocks_(blocks), config_(std::move(config)) {}

    /// Proposes every unproposed submitted batch, then finalizes what is due. Returns what it did.
    [[nodiscard]] Result<std::vector<ProposerAction>> step();

    /// The output of submitted batch `n` computed from the local chain.
    [[nodiscard]] Result<std::pair<Hash32, l1::OutputProof>> compute_output(std::uint64_t n) const;

private:
    l1::Settlement& l1_;
    const BlockSource& blocks_;
    ProposerConfig config_;
};

}  // namespace luxl2::node
