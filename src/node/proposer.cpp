#include "luxl2/node/proposer.hpp"

#include "luxl2/node/batch_data.hpp"
#include "luxl2/node/withdrawals.hpp"

namespace luxl2::node {

Result<std::pair<Hash32, l1::OutputProof>> Proposer::compute_output(std::uint64_t n) const {
    LUXL2_TRY(payload, l1_.batch_data(n));
    if (!payload) return fail("l1.unknown_batch", "batch " + std::to_string(n) + " was not submitted");
    LUXL2_TRY(data, from_l1_payload(*payload));
    LUXL2_TRY(range, block_batch_range(data));
    LUXL2_TRY(last, blocks_.block(range.second));
    if (!last)
        return fail("node.missing_block", "block " + std::to_string(range.second) + " is not in the local chain");
    LUXL2_TRY(tree, range_messages(blocks_, range.first, range.second, config_.rules));
    l1::OutputProof o;
    o.message_root = tree.root;
    o.message_count = tree.messages.size();
    o.l2_block_hash = last->hash;
    o.l2_block_number = last->number;
    return std::pair{last->state_root, o};
}

Result<std::vector<ProposerAction>> Proposer::step() {
    std::vector<ProposerAction> done;
    LUXL2_TRY(count, l1_.batch_count());
    LUXL2_TRY(finalized, l1_.finalized_count());
    for (std::uint64_t n = finalized; n < count; ++n) {
        LUXL2_TRY(existing, l1_.output(n));
        if (existing) continue;
        LUXL2_TRY(out, compute_output(n));
        LUXL2_CHECK(l1_.propose_state_root({config_.proposer, config_.bond}, U256(n), out.first,
                                           l1::encode_output_proof(out.second)));
        done.push_back(
            {ProposerAction::Kind::kProposed, n, out.first, out.second.l2_block_number, out.second.message_count});
    }
    LUXL2_TRY(cfg, l1_.config());
    if (!cfg) return done;
    LUXL2_TRY(head, l1_.head());
    for (std::uint64_t n = finalized; n < count; ++n) {
        LUXL2_TRY(o, l1_.output(n));
        if (!o || o->status == l1::OutputStatus::kFinalized) break;
        if (U256(head.timestamp) < U256(o->proposed_l1_timestamp) + cfg->challenge_period) break;
        LUXL2_CHECK(l1_.finalize_state_root({config_.proposer, {}}, U256(n)));
        done.push_back(
            {ProposerAction::Kind::kFinalized, n, o->state_root, o->output.l2_block_number, o->output.message_count});
    }
    return done;
}

}  // namespace luxl2::node
