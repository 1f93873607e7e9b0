#include "luxl2/exec/block_executor.hpp"

#include "luxl2/exec/quantum.hpp"

namespace luxl2::exec {

BlockResult execute_block(state::StateDb& db, const BlockEnv& env, std::span<const SignedTx> candidates) {
    BlockResult out;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const SignedTx& c = candidates[i];
        const std::size_t snap = db.snapshot();
        auto r = c.lp505 ? apply_quantum_transaction(db, env, *c.lp505, env.gas_limit - out.gas_used)
                         : apply_transaction(db, env, c.tx, c.sender, env.gas_limit - out.gas_used);
        if (!r) {
            db.revert(snap);
            out.rejected.emplace_back(i, std::move(r.error()));
            continue;
        }
        out.gas_used += r->gas_used;
        Receipt rc;
        rc.type = c.lp505 ? static_cast<format::TxType>(c.lp505->tx_type) : c.tx.type;
        rc.status = r->status;
        rc.cumulative_gas_used = out.gas_used;
        rc.gas_used = r->gas_used;
        rc.effective_gas_price = r->effective_gas_price;
        rc.logs = std::move(r->logs);
        rc.state_root = db.root();
        out.included.push_back(i);
        out.receipts.push_back(std::move(rc));
    }
    return out;
}

}  // namespace luxl2::exec
