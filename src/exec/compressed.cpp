// Execution of 0x53 Compressed transactions (contract in compressed.hpp).
#include "luxl2/exec/compressed.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/quantum.hpp"

namespace luxl2::exec {

std::uint64_t compressed_inner_gas(const compress::CompressedBatch& batch, std::size_t i,
                                   const format::Rules& rules) noexcept {
    const std::uint64_t g =
        execution_gas(compress::to_eip1559(batch.chain_id, batch.txs[i]), rules) + kCompressedMessageGas;
    return i == 0 ? g + kCompressedBaseGas : g;
}

format::Transaction compressed_fee_view(const compress::CompressedBatch& batch) {
    format::Transaction t;
    t.type = format::TxType::kDynamicFee;
    t.chain_id = batch.chain_id;
    bool first = true;
    for (const auto& x : batch.txs) {
        if (first || x.max_fee_per_gas < t.max_fee_per_gas) t.max_fee_per_gas = x.max_fee_per_gas;
        if (first || x.max_priority_fee_per_gas < t.max_priority_fee_per_gas)
            t.max_priority_fee_per_gas = x.max_priority_fee_per_gas;
        t.gas_limit = t.gas_limit > UINT64_MAX - x.gas_limit ? UINT64_MAX : t.gas_limit + x.gas_limit;
        first = false;
    }
    return t;
}

Result<CompressedResult> apply_compressed_transaction(state::StateAccess& st, const BlockEnv& env,
                                                      const format::TransactionData& td, std::uint64_t gas_available,
                                                      BlsAccountCache& cache,
                                                      const compress::CompressedBatch* verified) {
    LUXL2_TRY(batch, cache.decode(td, st));
    if (!env.rules.chain_id || batch.chain_id != *env.rules.chain_id)
        return fail(errc::invalid_chain_id, "invalid chain id: the transaction's is " + batch.chain_id.to_string());
    // The cheap checks first, so that a transaction that cannot run costs no pairing: every sender
    // registered in the pre-state (keys never change once registered, so the keys verify() reads
    // after the inner transactions ran are these), then the inner transactions themselves.
    std::unordered_set<Address> seen;
    for (std::size_t i = 0; i < batch.txs.size(); ++i) {
        if (!seen.insert(batch.txs[i].from).second) continue;
        LUXL2_TRY(acc, bls_account(st, batch.txs[i].from));
        if (!acc)
            return fail(compress::compressed_errc::kUnknownSender,
                        "invalid sender: inner transaction " + std::to_string(i) + ": sender " +
                            to_hex(batch.txs[i].from) + " has no registered BLS key");
    }
    // All inner transactions or none: a snapshot to return to when one of them, or the aggregate,
    // is invalid.
    const std::size_t snap = st.snapshot();
    CompressedResult out;
    U256 paid;  // Σ gas_i × price_i, for the receipt's average price
    for (std::size_t i = 0; i < batch.txs.size(); ++i) {
        const format::Transaction tx = compress::to_eip1559(batch.chain_id, batch.txs[i]);
        const std::uint64_t surcharge = kCompressedMessageGas + (i == 0 ? kCompressedBaseGas : 0);
        const std::uint64_t left = gas_available - out.result.gas_used;
        auto r = apply_transaction(st, env, tx, batch.txs[i].from, left, surcharge);
        if (!r) {
            st.revert(snap);
            // The inner error's code is kept (whether it may pass later, as nonce too high, is the
            // same question as for a plain transaction); the message names the inner transaction.
            Error e = std::move(r.error());
            e.message = "inner transaction " + std::to_string(i) + ": " + e.message;
            return std::unexpected(std::move(e));
        }
        out.result.gas_used += r->gas_used;
        paid += U256(r->gas_used) * r->effective_gas_price;
        for (auto& l : r->logs) out.result.logs.push_back(std::move(l));
    }
    if (verified == nullptr || *verified != batch) {
        auto ok = cache.verify(batch, td.signature, st);
        if (!ok || !*ok) {
            st.revert(snap);
            if (!ok) return std::unexpected(std::move(ok.error()));
            return fail(errc::bad_aggregate,
                        "invalid sender: the aggregate BLS signature does not verify for the inner transactions");
        }
    }
    out.result.status = true;
    out.result.effective_gas_price = out.result.gas_used == 0 ? U256() : paid / U256(out.result.gas_used);
    out.batch = std::move(batch);
    return out;
}

}  // namespace luxl2::exec
