// Executes a list of candidate transactions into a block's worth of state writes and receipts.
// Transactions that fail a check are left out (a rollup sequencer never includes invalid ones) and
// reported with their error, so the mempool can drop or keep them.
#pragma once

#include <span>
#include <vector>

#include "luxl2/exec/deposit.hpp"
#include "luxl2/exec/receipt.hpp"
#include "luxl2/exec/transition.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::exec {

/// A transaction with what validation found: its sender and hash.
struct SignedTx {
    format::Transaction tx;
    Address sender;
    Hash32 hash;
    // A 0x54: executed by apply_quantum_transaction; `tx` is the EIP-1559 transaction with the same
    // fields (for fee ordering), `sender` the derived sender.
    std::optional<format::TransactionData> lp505 = std::nullopt;
    // The 0x54's signature was verified when it was admitted (and `sender` came out of it): the
    // executor does not verify it again. False: the executor verifies it.
    bool signature_verified = false;
};

struct BlockResult {
    std::vector<std::size_t> included;  // indices into the candidates, in block order
    std::vector<Receipt> receipts;      // one per deposit, then one per included candidate
    std::vector<std::pair<std::size_t, Error>> rejected;
    std::uint64_t gas_used = 0;
};

/// Applies the deposits (all of them, first; deposit.hpp) and then the candidates in order over
/// `db`'s pending state; each receipt's state_root is db.root() after its transaction. Fails only
/// when the state cannot be read.
[[nodiscard]] Result<BlockResult> execute_block(state::StateDb& db, const BlockEnv& env,
                                                std::span<const format::DepositTransaction> deposits,
                                                std::span<const SignedTx> candidates);
[[nodiscard]] inline Result<BlockResult> execute_block(state::StateDb& db, const BlockEnv& env,
                                                       std::span<const SignedTx> candidates) {
    return execute_block(db, env, {}, candidates);
}

}  // namespace luxl2::exec
