#include "luxl2/node/replay.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/node/user_tx.hpp"

namespace luxl2::node {
namespace {

Error mismatch(std::uint64_t n, const std::string& what) {
    return Error{replay_mismatch, "block " + std::to_string(n) + ": " + what};
}

}  // namespace

Result<std::unique_ptr<ScratchState>> ScratchState::open(const NodeConfig& config) {
    std::unique_ptr<ScratchState> s(new ScratchState());
    LUXL2_TRY(commitment, state::new_state_commitment(s->kv_));
    s->db_.emplace(s->kv_, std::move(commitment));
    for (const auto& [addr, balance] : config.alloc) {
        LUXL2_TRY(acc, s->db_->account(addr));
        acc.balance += balance;
        s->db_->set_account(addr, acc);
    }
    return s;
}

Result<Hash32> ScratchState::commit() {
    state::WriteBatch wb;
    LUXL2_TRY(root, db_->stage(wb));
    LUXL2_CHECK(kv_.write(wb, false));
    db_->publish();
    return root;
}

Result<ReplayResult> replay_chain(const ChainStore& chain, const NodeConfig& config) {
    LUXL2_TRY(scratch, ScratchState::open(config));
    state::StateDb& db = scratch->db();
    auto commit = [&] { return scratch->commit(); };
    LUXL2_TRY(genesis_root, commit());
    LUXL2_TRY(genesis, chain.block(0));
    if (!genesis) return fail(replay_mismatch, "no genesis block");
    if (genesis->state_root() != genesis_root)
        return fail(replay_mismatch, "genesis state root differs from the allocation's");
    LUXL2_TRY(head, chain.head());
    ReplayResult out;
    out.state_root = genesis_root;
    format::Rules rules;
    rules.fork = format::Fork::kCancun;
    rules.chain_id = config.chain_id;
    BlockPtr parent = genesis;
    for (std::uint64_t n = 1; head && n <= *head; ++n) {
        LUXL2_TRY(b, chain.block(n));  // its signature was verified on load
        if (!b) return fail(replay_mismatch, "block " + std::to_string(n) + " is missing");
        if (b->parent_hash() != parent->hash) return std::unexpected(mismatch(n, "parent hash is not block n-1's"));
        if (b->base_fee != exec::next_base_fee(parent->gas_used, parent->gas_limit, parent->base_fee))
            return std::unexpected(mismatch(n, "base fee is not the EIP-1559 successor of the parent's"));
        if (b->block.header.transactions_root != format::transactions_root(b->block.transactions))
            return std::unexpected(mismatch(n, "transactions root does not match its transactions"));
        std::vector<format::DepositTransaction> deposits;
        std::vector<exec::SignedTx> txs;
        for (const auto& t : b->block.transactions) {
            if (t.tx_type == format::lp505_type::kDeposit) {
                if (!txs.empty()) return std::unexpected(mismatch(n, "a deposit after a user transaction"));
                auto d = format::decode_tx_payload<format::DepositTransaction>(t);
                if (!d) return std::unexpected(mismatch(n, d.error().message));
                deposits.push_back(std::move(*d));
                continue;
            }
            auto tx = block_user_tx(t, rules);
            if (!tx) return std::unexpected(mismatch(n, tx.error().message));
            txs.push_back(std::move(*tx));
        }
        exec::BlockEnv env{b->number, b->timestamp, b->base_fee, b->gas_limit, config.fee_recipient, rules};
        LUXL2_TRY(result, exec::execute_block(db, env, deposits, txs, &scratch->bls()));
        if (!result.rejected.empty())
            return std::unexpected(
                mismatch(n, "holds an invalid transaction: " + result.rejected.front().second.message));
        std::vector<Bytes> enc;
        for (const auto& r : result.receipts) enc.push_back(exec::encode_receipt(r));
        LUXL2_TRY(stored_receipts, chain.receipts(n));
        LUXL2_TRY(root, commit());
        if (root != b->state_root() || result.gas_used != b->gas_used ||
            format::receipts_root(enc) != b->block.header.receipts_root || stored_receipts != result.receipts)
            return std::unexpected(mismatch(n, "replayed state root " + to_hex(root) + " / gas " +
                                                   std::to_string(result.gas_used) + " differ from the stored block"));
        out.blocks += 1;
        out.transactions += b->tx_count();
        out.state_root = root;
        parent = std::move(b);
    }
    return out;
}

}  // namespace luxl2::node
