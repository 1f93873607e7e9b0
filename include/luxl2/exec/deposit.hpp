// L1→L2 deposits (type 0x7E, format::DepositTransaction), executed as the OP Stack executes them
// (Regolith rules), minus EVM code:
//   - no signature: the sender is `from`, set by the L1 bridge (an L1 contract's address is aliased
//     there, not here);
//   - `mint` is credited to `from` first and stays credited even when the rest of the deposit fails;
//   - the sender's nonce goes up by one for every deposit, successful or not; a deposit carries no
//     nonce, so there is no nonce check and no "nonce too low" (the OP Stack's depositNonce);
//   - no gas fee: gas was paid on L1, nothing is charged or refunded on L2, no tip, nothing burned;
//     the effective gas price is 0;
//   - gas used = the intrinsic gas of a call with this data (21,000 + calldata), which counts toward
//     the block's gas used; a deposit whose `gas` is below it fails and uses all its `gas`;
//   - `value` moves from `from` to `to`; it fails (status 0, value not moved) when the balance after
//     the mint is short, when `to` is absent (contract creation) or holds code (no EVM yet);
//   - isSystemTx is executed as any other deposit (Regolith removed its special gas rules).
// A deposit is never rejected: it always yields a receipt, with status 0 on failure.
#pragma once

#include "luxl2/exec/transition.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::exec {

/// The gas a deposit uses (before the `gas` cap): the intrinsic gas of a call carrying its data.
[[nodiscard]] std::uint64_t deposit_gas(const format::DepositTransaction& d, const format::Rules& rules) noexcept;

/// Applies `d` over `st`. Fails only when the state cannot be read (I/O): a failing deposit is a
/// result with status false, after the mint and the nonce bump.
[[nodiscard]] Result<TxResult> apply_deposit(state::StateAccess& st, const BlockEnv& env,
                                             const format::DepositTransaction& d);

/// The hash of a deposit: keccak256(0x7E ‖ rlp(fields)), as the OP Stack's.
[[nodiscard]] Hash32 deposit_hash(const format::DepositTransaction& d);

}  // namespace luxl2::exec
