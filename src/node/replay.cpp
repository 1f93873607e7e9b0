#include "luxl2/node/replay.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::node {

Result<ReplayResult> replay_chain(const ChainStore& chain, const NodeConfig& config) {
    state::MemoryKvStore kv;
    LUXL2_TRY(commitment, state::new_state_commitment(kv));
    state::StateDb db(kv, std::move(commitment));
    for (const auto& [addr, balance] : config.alloc) {
        LUXL2_TRY(acc, db.account(addr));
        acc.balance += balance;
        db.set_account(addr, acc);
    }
    auto commit = [&]() -> Result<Hash32> {
        state::WriteBatch wb;
        const Hash32 root = db.stage(wb);
        LUXL2_CHECK(kv.write(wb, false));
        db.publish();
        return root;
    };
    LUXL2_TRY(genesis_root, commit());
    LUXL2_TRY(genesis, chain.block(0));
    if (!genesis) return fail(replay_mismatch, "no genesis block");
    if (genesis->state_root != genesis_root)
        return fail(replay_mismatch, "genesis state root differs from the allocation's");
    LUXL2_TRY(head, chain.head());
    ReplayResult out;
    out.state_root = genesis_root;
    format::Rules rules;
    rules.fork = format::Fork::kCancun;
    rules.chain_id = config.chain_id;
    for (std::uint64_t n = 1; head && n <= *head; ++n) {
        LUXL2_TRY(b, chain.block(n));
        if (!b) return fail(replay_mismatch, "block " + std::to_string(n) + " is missing");
        std::vector<exec::SignedTx> txs;
        for (const auto& raw : b->transactions) {
            auto tx = format::decode_transaction(raw);
            if (!tx) return fail(replay_mismatch, "block " + std::to_string(n) + ": " + tx.error().message);
            auto sender = format::validate_transaction(*tx, rules);
            if (!sender) return fail(replay_mismatch, "block " + std::to_string(n) + ": " + sender.error().message);
            const Hash32 h = format::transaction_hash(*tx);
            txs.push_back({std::move(*tx), *sender, h});
        }
        exec::BlockEnv env{b->number, b->timestamp, b->base_fee, b->gas_limit, b->fee_recipient, rules};
        auto result = exec::execute_block(db, env, txs);
        if (!result.rejected.empty())
            return fail(replay_mismatch, "block " + std::to_string(n) + " holds an invalid transaction: " +
                                             result.rejected.front().second.message);
        std::vector<Bytes> enc;
        for (const auto& r : result.receipts) enc.push_back(exec::encode_receipt(r));
        LUXL2_TRY(stored_receipts, chain.receipts(n));
        LUXL2_TRY(root, commit());
        if (root != b->state_root || result.gas_used != b->gas_used ||
            merkle::root(std::span<const Bytes>(enc)) != b->receipts_root || stored_receipts != result.receipts)
            return fail(replay_mismatch, "block " + std::to_string(n) + ": replayed state root " + to_hex(root) +
                                             " / gas " + std::to_string(result.gas_used) +
                                             " differ from the stored block");
        out.blocks += 1;
        out.transactions += txs.size();
        out.state_root = root;
    }
    return out;
}

}  // namespace luxl2::node
