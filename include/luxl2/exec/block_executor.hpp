// Executes a list of candidate transactions into a block's worth of state writes and receipts.
// Transactions that fail a check are left out (a rollup sequencer never includes invalid ones) and
// reported with their error, so the mempool can drop or keep them.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "luxl2/exec/bls_accounts.hpp"
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
    // A 0x53 (lp505 of type 0x53): the inner transactions whose aggregate was verified at admission
    // (null: none was). The executor decodes the body again against the pre-state and verifies only
    // when it gives other transactions. `tx` is compressed_fee_view (fee ordering), `sender` the
    // first inner sender.
    std::shared_ptr<const compress::CompressedBatch> compressed = nullptr;
};

struct BlockResult {
    std::vector<std::size_t> included;  // indices into the candidates, in block order
    std::vector<Receipt> receipts;      // one per deposit, then one per included candidate
    // Parallel to `included`: the inner transactions of an included 0x53 as executed, else null.
    std::vector<std::shared_ptr<const compress::CompressedBatch>> compressed;
    std::vector<std::pair<std::size_t, Error>> rejected;
    std::uint64_t gas_used = 0;
};

/// Applies the deposits (all of them, first; deposit.hpp) and then the candidates in order over
/// `db`'s pending state; each receipt's state_root is db.root() after its transaction. Fails only
/// when the state cannot be read. `bls`: the cache 0x53 candidates decode and verify with (a node
/// keeps one across blocks); without it a fresh one serves this block.
[[nodiscard]] Result<BlockResult> execute_block(state::StateDb& db, const BlockEnv& env,
                                                std::span<const format::DepositTransaction> deposits,
                                                std::span<const SignedTx> candidates, BlsAccountCache* bls = nullptr);
[[nodiscard]] inline Result<BlockResult> execute_block(state::StateDb& db, const BlockEnv& env,
                                                       std::span<const SignedTx> candidates) {
    return execute_block(db, env, {}, candidates);
}

}  // namespace luxl2::exec
