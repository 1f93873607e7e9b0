// The state transition function (LP-500 "State Transition Function") for Ethereum legacy, EIP-2930
// and EIP-1559 transactions between accounts: value transfers with calldata, intrinsic gas, EIP-1559
// fees (the tip to the block's fee recipient, the base fee burned), nonces. Contract creation and
// calls into accounts with code are refused with their own error until EVM execution exists.
//
// Errors carry go-ethereum's wording as the start of the message ("nonce too low: …"), since wallets
// and libraries match on it; the codes are ours and stable.
#pragma once

#include <cstdint>
#include <vector>

#include "luxl2/core/error.hpp"
#include "luxl2/exec/receipt.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::exec {

namespace errc {
inline constexpr std::string_view nonce_too_low = "exec.nonce_too_low";    // "nonce too low"
inline constexpr std::string_view nonce_too_high = "exec.nonce_too_high";  // "nonce too high"
inline constexpr std::string_view nonce_max = "exec.nonce_max";            // "nonce has max value"
inline constexpr std::string_view insufficient_funds =
    "exec.insufficient_funds";  // "insufficient funds for gas * price + value"
inline constexpr std::string_view intrinsic_gas = "exec.intrinsic_gas_too_low";  // "intrinsic gas too low"
inline constexpr std::string_view fee_cap_too_low =
    "exec.fee_cap_too_low";  // "max fee per gas less than block base fee"
inline constexpr std::string_view tip_above_fee_cap =
    "exec.tip_above_fee_cap";  // "max priority fee per gas higher than max fee per gas"
inline constexpr std::string_view block_gas_limit = "exec.block_gas_limit";  // "gas limit reached"
inline constexpr std::string_view sender_not_eoa = "exec.sender_not_eoa";    // "sender not an eoa"
inline constexpr std::string_view tx_type_not_supported = "exec.tx_type_not_supported";
inline constexpr std::string_view contract_creation_unsupported = "exec.contract_creation_unsupported";
inline constexpr std::string_view call_into_code_unsupported = "exec.call_into_code_unsupported";
}  // namespace errc

/// What a block gives its transactions.
struct BlockEnv {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    U256 base_fee;
    std::uint64_t gas_limit = 30'000'000;
    Address fee_recipient;  // the sequencer's: receives the priority fees
    format::Rules rules;    // fork and chain id
};

struct TxResult {
    bool status = true;
    std::uint64_t gas_used = 0;
    U256 effective_gas_price;
    std::vector<Log> logs;
};

/// Every check against state that decides whether `tx` from `sender` may be included in a block of
/// `env` with `gas_available` gas left, without changing anything. `sender` comes from
/// format::validate_transaction (signature, chain id and static checks are not repeated).
[[nodiscard]] Result<void> check_transaction(const state::StateReader& st, const BlockEnv& env,
                                             const format::Transaction& tx, const Address& sender,
                                             std::uint64_t gas_available);

/// Credits gas_used × tip to env.fee_recipient (the priority fee; the base fee is burned).
[[nodiscard]] Result<void> pay_fee_recipient(state::StateAccess& st, const BlockEnv& env, std::uint64_t gas_used,
                                             const U256& tip);

/// Checks, then applies `tx`: buys gas at the effective price, bumps the nonce, moves the value, refunds
/// unused gas, pays the tip to env.fee_recipient and burns the base fee. On error nothing changed.
[[nodiscard]] Result<TxResult> apply_transaction(state::StateAccess& st, const BlockEnv& env,
                                                 const format::Transaction& tx, const Address& sender,
                                                 std::uint64_t gas_available);
/// The same with `surcharge` gas added to what the transaction uses (and must have as gas limit):
/// an inner transaction of a 0x53 pays its share of the aggregate verification this way
/// (exec/compressed.hpp).
[[nodiscard]] Result<TxResult> apply_transaction(state::StateAccess& st, const BlockEnv& env,
                                                 const format::Transaction& tx, const Address& sender,
                                                 std::uint64_t gas_available, std::uint64_t surcharge);

/// The gas a transaction uses when it succeeds: its intrinsic gas (no EVM code runs yet), plus
/// kBlsRegistrationGas for a call of the BLS account registry (exec/bls_accounts.hpp).
[[nodiscard]] std::uint64_t execution_gas(const format::Transaction& tx, const format::Rules& rules) noexcept;

}  // namespace luxl2::exec
