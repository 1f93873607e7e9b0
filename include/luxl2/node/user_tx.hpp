// User transactions (everything but deposits) as the executor takes them, from a block's
// TransactionData or a wallet's raw bytes: Ethereum types decoded and their sender recovered, the
// Quantum type (0x54) decoded and its post-quantum or hybrid signature verified once, its sender
// derived from the scheme and key (format::quantum_address, docs/format/transactions.md).
#pragma once

#include "luxl2/exec/block_executor.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::node {

/// A verified 0x54 from its envelope fields: checks the shape within `limits`, that its chain id is
/// `rules.chain_id`, verifies the signature (format::verify_quantum_tx) and returns it with
/// signature_verified set and its hash (keccak256 of the envelope). Errors: txdata.* and
/// quantum_tx.* from format; exec.invalid_chain_id.
[[nodiscard]] Result<exec::SignedTx> verified_quantum_tx(format::TransactionData td, const format::Rules& rules,
                                                         const format::TxLimits& limits = {});

/// A block's user transaction: Ethereum types via format::validate_transaction, 0x54 via
/// verified_quantum_tx, 0x53 with its shape checked and its hash (decoded and verified by the
/// executor against the pre-state). Other LP-505 types and deposits: txdata.wrong_type.
[[nodiscard]] Result<exec::SignedTx> block_user_tx(const format::TransactionData& td, const format::Rules& rules);

}  // namespace luxl2::node
