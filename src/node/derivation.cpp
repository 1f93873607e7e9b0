#include "luxl2/node/derivation.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/node/batch_data.hpp"
#include "luxl2/node/deposit_relay.hpp"
#include "luxl2/node/genesis.hpp"
#include "luxl2/node/replay.hpp"
#include "luxl2/node/user_tx.hpp"
#include "luxl2/node/withdrawals.hpp"

namespace luxl2::node {
namespace {

std::unexpected<Error> bad(std::uint64_t block, const std::string& what) {
    return fail(derivation_failed, "block " + std::to_string(block) + ": " + what);
}

}  // namespace

Result<DerivationReport> derive_chain(const l1::Settlement& l1, const NodeConfig& config,
                                      const DerivationOptions& options) {
    LUXL2_TRY(scratch, ScratchState::open(config));
    state::StateDb& db = scratch->db();
    auto commit = [&] { return scratch->commit(); };
    LUXL2_TRY(genesis_root, commit());

    format::Rules rules;
    rules.fork = format::Fork::kCancun;
    rules.chain_id = config.chain_id;

    DerivationReport out;
    out.state_root = genesis_root;
    std::optional<BlockRecord> prev;
    std::uint64_t next_deposit = 0;  // L1 queue nonce the next deposit must carry
    LUXL2_TRY(count, l1.batch_count());
    for (std::uint64_t n = 0; n < count; ++n) {
        LUXL2_TRY(info, l1.batch(n));
        LUXL2_TRY(payload, l1.batch_data(n));
        if (!info || !payload) return fail(derivation_failed, "batch " + std::to_string(n) + " is missing on the L1");
        auto data = from_l1_payload(*payload);
        if (!data) return fail(derivation_failed, "batch " + std::to_string(n) + ": " + data.error().to_string());
        auto bb = decode_block_batch(*data);
        if (!bb) return fail(derivation_failed, "batch " + std::to_string(n) + ": " + bb.error().to_string());
        const std::uint64_t expected_first = prev ? prev->number + 1 : 0;
        if (bb->first != expected_first)
            return fail(derivation_failed, "batch " + std::to_string(n) + " starts at block " +
                                               std::to_string(bb->first) + ", expected " +
                                               std::to_string(expected_first));
        std::vector<l1::L2Message> messages;
        for (std::size_t i = 0; i < bb->headers.size(); ++i) {
            const std::uint64_t number = bb->first + i;
            auto b = rebuild_block(bb->headers[i], std::move(bb->transactions[i]));
            if (!b) return bad(number, b.error().to_string());
            if (b->number != number) return bad(number, "header number " + std::to_string(b->number));
            if (!prev) {  // genesis
                if (b->state_root() != genesis_root || !b->block.transactions.empty() || !b->parent_hash().is_zero())
                    return bad(number, "is not the genesis of the allocation");
                out.block_hashes.push_back(b->hash);
                out.state_roots.push_back(genesis_root);
                prev = std::move(*b);
                continue;
            }
            if (b->sequencer() != prev->sequencer()) return bad(number, "signed by another sequencer");
            if (b->parent_hash() != prev->hash) return bad(number, "parent hash does not chain");
            if (b->base_fee != exec::next_base_fee(prev->gas_used, prev->gas_limit, prev->base_fee))
                return bad(number, "base fee is not the one its parent implies");
            std::vector<format::DepositTransaction> deposits;
            std::vector<exec::SignedTx> txs;
            for (const auto& t : b->block.transactions) {
                if (t.tx_type == format::lp505_type::kDeposit) {
                    if (!txs.empty()) return bad(number, "a deposit after a user transaction");
                    auto d = format::decode_tx_payload<format::DepositTransaction>(t);
                    if (!d) return bad(number, d.error().message);
                    LUXL2_TRY(q, l1.queued_messages(next_deposit, 1));
                    if (q.empty() || deposit_of(q[0].message) != *d)
                        return bad(number,
                                   "deposit " + std::to_string(next_deposit) + " is not the L1's queued message");
                    if (U256(q[0].l1_block) > b->block.header.l1_block_number)
                        return bad(number, "includes a deposit from a later L1 block than its l1BlockNumber");
                    ++next_deposit;
                    deposits.push_back(std::move(*d));
                    continue;
                }
                auto tx = block_user_tx(t, rules);
                if (!tx) return bad(number, tx.error().message);
                txs.push_back(std::move(*tx));
            }
            exec::BlockEnv env{b->number, b->timestamp, b->base_fee, b->gas_limit, config.fee_recipient, rules};
            LUXL2_TRY(result, exec::execute_block(db, env, deposits, txs, &scratch->bls()));
            if (!result.rejected.empty())
                return bad(number, "holds an invalid transaction: " + result.rejected.front().second.message);
            std::vector<Bytes> enc;
            for (const auto& r : result.receipts) enc.push_back(exec::encode_receipt(r));
            LUXL2_TRY(root, commit());
            if (root != b->state_root()) return bad(number, "re-executed state root " + to_hex(root) + " differs");
            if (result.gas_used != b->gas_used) return bad(number, "gas used differs");
            if (format::receipts_root(enc) != b->block.header.receipts_root)
                return bad(number, "receipts root differs");
            LUXL2_TRY(sealed, seal(*b));
            LUXL2_TRY(msgs, block_messages(sealed, result.receipts, rules));
            for (auto& m : msgs) messages.push_back(std::move(m));
            out.block_hashes.push_back(b->hash);
            out.state_roots.push_back(root);
            out.transactions += b->tx_count();
            out.deposits += deposits.size();
            out.blocks += 1;
            out.state_root = root;
            prev = std::move(*b);
        }
        out.batches += 1;
        if (options.inclusion_window != 0) {
            LUXL2_TRY(q, l1.queued_messages(next_deposit, 1));
            if (!q.empty() && q[0].l1_block + options.inclusion_window < info->l1_block)
                return fail(derivation_failed, "batch " + std::to_string(n) + " leaves L1→L2 message " +
                                                   std::to_string(next_deposit) + " out past the inclusion window");
        }
        LUXL2_TRY(o, l1.output(n));
        if (!o) continue;
        out.outputs_checked += 1;
        const auto tree = message_tree(std::move(messages));
        if (o->state_root != prev->state_root())
            out.mismatches.push_back(
                {n, "state root " + to_hex(o->state_root) + " proposed, " + to_hex(prev->state_root()) + " derived"});
        if (o->output.l2_block_number != prev->number || o->output.l2_block_hash != prev->hash)
            out.mismatches.push_back({n, "the output names another last block"});
        if (o->output.message_root != tree.root || o->output.message_count != tree.messages.size())
            out.mismatches.push_back({n, "message root or count differs from the derived L2→L1 messages"});
    }
    if (out.state_roots.empty()) out.state_roots.push_back(genesis_root);
    return out;
}

Result<DerivationReport> derive_chain(const l1::Settlement& l1, const DerivationOptions& options) {
    LUXL2_TRY(cfg, l1.config());
    if (!cfg) return fail(derivation_failed, "the rollup on the L1 is not initialized");
    LUXL2_TRY(config, decode_genesis(cfg->init_code));
    LUXL2_TRY(report, derive_chain(l1, config, options));
    if (report.state_roots.front() != cfg->genesis_state_root)
        return fail(derivation_failed, "the genesis in initCode does not give the L1's genesisStateRoot");
    return report;
}

Result<void> compare_with_chain(const DerivationReport& derived, const BlockSource& chain) {
    for (std::uint64_t n = 0; n < derived.block_hashes.size(); ++n) {
        LUXL2_TRY(b, chain.block(n));
        if (!b) return fail(derivation_failed, "the node has no block " + std::to_string(n));
        if (b->hash != derived.block_hashes[n] || b->state_root != derived.state_roots[n])
            return fail(derivation_failed, "block " + std::to_string(n) + " differs between the node and the L1");
    }
    return {};
}

}  // namespace luxl2::node
