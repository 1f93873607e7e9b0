// Execution of the Quantum transaction (0x54) and the account-migration rules over the node's state
// (quantum_migration.hpp), as docs/format/transactions.md describes them:
//  - a 0x54 is an EIP-1559 value transfer (with calldata) whose signature is post-quantum or hybrid;
//    its intrinsic gas adds the calldata price of its public key and signature, which are posted to
//    L1 like calldata;
//  - a hybrid 0x54 (scheme 0x40) sent to kQuantumMigrationAddress with value 0 binds its ML-DSA-65
//    key to the sender's ECDSA account (data empty) or binds and opts in (data 0x01): the
//    transaction is signed by both keys, which is what upgradeToQuantum asks;
//  - a hybrid 0x54 from a bound account must carry the bound key; an ECDSA-only transaction from an
//    opted-in account is refused (check_ecdsa_sender, which apply_transaction calls).
#pragma once

#include <cstdint>

#include "luxl2/exec/quantum_migration.hpp"
#include "luxl2/exec/transition.hpp"
#include "luxl2/format/tx_data.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::exec {

namespace errc {
inline constexpr std::string_view invalid_chain_id = "exec.invalid_chain_id";
inline constexpr std::string_view bad_migration = "exec.bad_migration";  // a malformed call of the migration address
}  // namespace errc

/// Where migration transactions go: 0x…0505 (LP-505). No account lives there.
inline constexpr Address kQuantumMigrationAddress{
    std::array<std::uint8_t, 20>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x05}};

/// QuantumAccounts over the state: the binding is Account::pq_key. Read-only when built from a
/// StateReader (set_binding then fails).
class StateQuantumAccounts final : public QuantumAccounts {
public:
    explicit StateQuantumAccounts(const state::StateReader& st) : reader_(st) {}
    explicit StateQuantumAccounts(state::StateAccess& st) : reader_(st), writer_(&st) {}
    [[nodiscard]] Result<std::optional<QuantumBinding>> binding(const Address& account) const override;
    [[nodiscard]] Result<void> set_binding(const Address& account, const QuantumBinding& b) override;

private:
    const state::StateReader& reader_;
    state::StateAccess* writer_ = nullptr;
};

/// Rule 3 for a transaction authorised by ECDSA alone (Ethereum types, 0x50–0x52): refused with
/// exec.ecdsa_disabled when `sender` has opted in to post-quantum-only.
[[nodiscard]] Result<void> check_ecdsa_sender(const state::StateReader& st, const Address& sender);

/// 21000 + EIP-2028 calldata + EIP-2930 access list (format::intrinsic_gas of the equivalent
/// EIP-1559 transaction) + EIP-2028 calldata price of publicKey ‖ signature.
[[nodiscard]] std::uint64_t quantum_intrinsic_gas(const format::QuantumTransaction& tx, ByteView signature,
                                                  const format::Rules& rules) noexcept;

/// Verifies the 0x54 `tx` (format::verify_quantum_tx), applies the migration rules, checks it against
/// state as check_transaction does for EIP-1559 (chain id, nonce, fees, balance, gas, no contract
/// creation or code) and applies it: buys gas, bumps the nonce, moves the value or performs the
/// migration, pays the tip, burns the base fee. On error nothing changed. `verified_sender`: the
/// sender that verify_quantum_tx returned for this very `tx` earlier (a mempool verifies once at
/// admission); the signature is then not verified again (its shape still is).
[[nodiscard]] Result<TxResult> apply_quantum_transaction(state::StateAccess& st, const BlockEnv& env,
                                                         const format::TransactionData& tx, std::uint64_t gas_available,
                                                         const Address* verified_sender = nullptr);

/// The state-dependent rules a pool checks before admitting a verified 0x54 from `sender`: the
/// migration rules (check_authority: a hybrid from a bound account must carry the bound key) and
/// the shape of a call of kQuantumMigrationAddress (hybrid, value 0, data empty or 0x01). Same
/// errors as apply_quantum_transaction.
[[nodiscard]] Result<void> check_quantum_authority(const state::StateReader& st, const format::QuantumTransaction& q,
                                                   const Address& sender);

}  // namespace luxl2::exec
