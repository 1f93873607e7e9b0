#include "luxl2/exec/block_executor.hpp"

#include "luxl2/exec/compressed.hpp"
#include "luxl2/exec/quantum.hpp"

namespace luxl2::exec {

Result<BlockResult> execute_block(state::StateDb& db, const BlockEnv& env,
                                  std::span<const format::DepositTransaction> deposits,
                                  std::span<const SignedTx> candidates, BlsAccountCache* bls) {
    std::optional<BlsAccountCache> local;
    auto cache = [&]() -> BlsAccountCache& {
        if (bls) return *bls;
        if (!local) local.emplace();
        return *local;
    };
    BlockResult out;
    out.receipts.reserve(deposits.size() + candidates.size());
    auto add_receipt = [&](format::TxType type, TxResult& r) -> Result<void> {
        out.gas_used += r.gas_used;
        Receipt rc;
        rc.type = type;
        rc.status = r.status;
        rc.cumulative_gas_used = out.gas_used;
        rc.gas_used = r.gas_used;
        rc.effective_gas_price = r.effective_gas_price;
        rc.logs = std::move(r.logs);
        LUXL2_TRY(root, db.root());
        rc.state_root = root;
        out.receipts.push_back(std::move(rc));
        return {};
    };
    for (const auto& d : deposits) {
        LUXL2_TRY(r, apply_deposit(db, env, d));
        LUXL2_CHECK(add_receipt(static_cast<format::TxType>(format::lp505_type::kDeposit), r));
    }
    out.included.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const SignedTx& c = candidates[i];
        const std::size_t snap = db.snapshot();
        const std::uint64_t gas_left = env.gas_limit > out.gas_used ? env.gas_limit - out.gas_used : 0;
        std::shared_ptr<const compress::CompressedBatch> batch;
        Result<TxResult> r = TxResult{};
        if (c.lp505 && c.lp505->tx_type == format::lp505_type::kCompressed) {
            auto cr = apply_compressed_transaction(db, env, *c.lp505, gas_left, cache(), c.compressed.get());
            if (cr) {
                batch = std::make_shared<const compress::CompressedBatch>(std::move(cr->batch));
                r = std::move(cr->result);
            } else {
                r = std::unexpected(std::move(cr.error()));
            }
        } else if (c.lp505) {
            r = apply_quantum_transaction(db, env, *c.lp505, gas_left, c.signature_verified ? &c.sender : nullptr);
        } else {
            r = apply_transaction(db, env, c.tx, c.sender, gas_left);
        }
        if (!r) {
            db.revert(snap);
            if (r.error().code == state::errc::io || r.error().code == state::errc::corrupt)
                return std::unexpected(std::move(r.error()));
            out.rejected.emplace_back(i, std::move(r.error()));
            continue;
        }
        LUXL2_CHECK(add_receipt(c.lp505 ? static_cast<format::TxType>(c.lp505->tx_type) : c.tx.type, *r));
        out.included.push_back(i);
        out.compressed.push_back(std::move(batch));
    }
    return out;
}

}  // namespace luxl2::exec
