// Execution of the Compressed transaction (0x53, docs/format/transactions.md "0x53 Compressed",
// "Execution"): many EIP-1559 transfers from BLS-keyed accounts under one aggregate signature.
//
//  - The body is decoded against the transaction's pre-state (BlsAccountCache::decode: the
//    registry's account index, the senders' nonces) and the aggregate is verified with the keys the
//    state registers (an unregistered sender makes the transaction invalid). The pairing runs last,
//    after the state checks of every inner transaction: one that cannot run costs no pairing.
//  - Each inner transaction then runs in order as an EIP-1559 transaction from its BLS account
//    (apply_transaction: nonce, fees, balance, value, the tip to the fee recipient, the base fee
//    burned), paying on top of its intrinsic gas its share of the verification, priced as EIP-2537
//    prices BLS12-381: kCompressedMessageGas per inner transaction (one pairing pair and one hash to
//    G2), kCompressedBaseGas once (the pairing check's base and the aggregate's own pair), charged to
//    the first inner transaction.
//  - All or nothing: if any inner transaction is invalid (nonce, balance, fee, gas, shape), the
//    whole 0x53 is invalid and changes nothing, as any invalid transaction. There is no EVM yet, so
//    an inner transaction cannot revert; a call into code is invalid as for other types.
//  - One receipt (type 0x53) for the outer hash: gas used = the sum of the inner transactions' gas,
//    effective gas price = their gas-weighted average (rounded down), the inner logs concatenated.
#pragma once

#include <cstdint>

#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/exec/bls_accounts.hpp"
#include "luxl2/exec/quantum.hpp"  // errc::invalid_chain_id
#include "luxl2/exec/transition.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::exec {

namespace errc {
inline constexpr std::string_view bad_aggregate = "exec.bad_aggregate";  // well-formed, does not verify
}  // namespace errc

/// EIP-2537 prices: the pairing check's base and per-pair costs, and MAP_FP2_TO_G2.
inline constexpr std::uint64_t kBlsPairingBaseGas = 37'700;
inline constexpr std::uint64_t kBlsPairingPairGas = 32'600;
inline constexpr std::uint64_t kBlsMapToG2Gas = 23'800;
/// What each inner transaction pays for its message in the aggregate verification.
inline constexpr std::uint64_t kCompressedMessageGas = kBlsPairingPairGas + kBlsMapToG2Gas;
/// What one 0x53 pays once (its first inner transaction): the pairing base and the aggregate's pair.
inline constexpr std::uint64_t kCompressedBaseGas = kBlsPairingBaseGas + kBlsPairingPairGas;

/// The gas inner transaction `i` of `batch` uses when it succeeds: its EIP-1559 intrinsic gas,
/// kCompressedMessageGas, kCompressedBaseGas for i = 0, kBlsRegistrationGas for a registration.
[[nodiscard]] std::uint64_t compressed_inner_gas(const compress::CompressedBatch& batch, std::size_t i,
                                                 const format::Rules& rules) noexcept;

struct CompressedResult {
    TxResult result;
    compress::CompressedBatch batch;  // as decoded against the pre-state
};

/// Decodes (against `st`), verifies and applies the 0x53 `td` (docs above). `verified`: the batch
/// whose aggregate the caller verified earlier against registered keys (a pool verifies once at
/// admission); when the decoding equals it the pairing is not run again (keys, once registered,
/// never change). On error nothing changed. Errors: the decoder's and verifier's codes,
/// exec.invalid_chain_id, exec.bad_aggregate, and an invalid inner transaction's own error (its
/// code, the message prefixed "inner transaction i: ", e.g. "inner transaction 2: nonce too low: …").
[[nodiscard]] Result<CompressedResult> apply_compressed_transaction(
    state::StateAccess& st, const BlockEnv& env, const format::TransactionData& td, std::uint64_t gas_available,
    BlsAccountCache& cache, const compress::CompressedBatch* verified = nullptr);

/// The EIP-1559 transaction a pool orders a 0x53 by: fee cap and tip cap the smallest of the inner
/// ones, gas limit their sum, nonce 0, no recipient.
[[nodiscard]] format::Transaction compressed_fee_view(const compress::CompressedBatch& batch);

}  // namespace luxl2::exec
