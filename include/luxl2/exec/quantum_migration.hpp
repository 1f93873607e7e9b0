// Account migration to post-quantum keys (LP-505 upgradeToQuantum / isQuantumReady) as a rule set
// over an account-state interface, so that the same rules run over the node's state, a witness or a
// test map. The rules (docs/format/transactions.md, "Account migration"):
//
//  1. An ECDSA account binds a post-quantum public key with an authorisation signed by both keys: its
//     own ECDSA key (the signer must be the account) and the post-quantum key being bound.
//  2. From then on it is quantum-ready. A second binding to another key is refused; binding the same
//     key again changes nothing (or opts in, rule 3).
//  3. The account may opt in (at binding time or later, again signed by both keys). Once opted in,
//     ECDSA-only transactions from it are refused; only transactions that carry a signature by its
//     bound key are accepted. Opting in cannot be undone: whoever breaks the ECDSA key must not be
//     able to turn the protection off.
//  4. A transaction signed by both an ECDSA key and a post-quantum key (a hybrid) from a bound
//     account must use the bound post-quantum key.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/quantum.hpp"

namespace luxl2::exec {

namespace errc {
inline constexpr std::string_view ecdsa_disabled = "exec.ecdsa_disabled";              // rule 3
inline constexpr std::string_view pq_already_bound = "exec.pq_key_already_bound";      // rule 2
inline constexpr std::string_view pq_key_mismatch = "exec.pq_key_mismatch";            // rule 4
inline constexpr std::string_view pq_opt_out_refused = "exec.pq_opt_out_refused";      // rule 3
inline constexpr std::string_view upgrade_unauthorised = "exec.upgrade_unauthorised";  // rule 1
inline constexpr std::string_view pq_unsupported_scheme = "exec.pq_unsupported_scheme";
}  // namespace errc

/// The post-quantum key bound to an account. `scheme` is the 0x54 scheme id (format pq_scheme).
struct QuantumBinding {
    std::uint8_t scheme = 0;
    Bytes public_key;
    bool ecdsa_disabled = false;
    friend bool operator==(const QuantumBinding&, const QuantumBinding&) = default;
};

/// The account state the rules read and write.
class QuantumAccounts {
public:
    virtual ~QuantumAccounts() = default;
    [[nodiscard]] virtual Result<std::optional<QuantumBinding>> binding(const Address& account) const = 0;
    [[nodiscard]] virtual Result<void> set_binding(const Address& account, const QuantumBinding& b) = 0;
};

/// Who signed a transaction, from its verified signature: the ECDSA signer, the post-quantum key, or
/// both (a hybrid).
struct TxAuthority {
    bool ecdsa = false;
    std::optional<QuantumBinding> pq;  // scheme and key; ecdsa_disabled unused
};

/// Rule 1–3 with the signatures already verified by the caller: `ecdsa_signer` is the address the
/// ECDSA half recovered to, `scheme`/`pq_public_key` the key whose signature verified over the same
/// authorisation. Errors: the ECDSA signer is not the account (exec.upgrade_unauthorised), a binding
/// to another key (exec.pq_key_already_bound), opt_in false on an opted-in account
/// (exec.pq_opt_out_refused), an empty or oversized key.
[[nodiscard]] Result<void> upgrade_to_quantum(QuantumAccounts& st, const Address& account, const Address& ecdsa_signer,
                                              std::uint8_t scheme, ByteView pq_public_key, bool opt_in);

/// What a stand-alone LP-505 upgrade authorisation signs, binding the chain, the account, its nonce,
/// the opt-in choice and the key (`docs/format/transactions.md`):
/// keccak256("luxl2/lp505-upgrade/v1" ‖ be32(chainId) ‖ account ‖ be64(nonce) ‖ u8(optIn) ‖
///           u8(algorithm) ‖ keccak256(publicKey)).
[[nodiscard]] Hash32 upgrade_message(const U256& chain_id, const Address& account, std::uint64_t nonce, bool opt_in,
                                     const format::QuantumSignature& new_auth);

/// LP-505 upgradeToQuantum(account, newAuth) from a stand-alone authorisation: `auth` is a
/// HybridSignature (requireBoth = true) of upgrade_message(...) whose classical half recovers to
/// `account` and whose quantumSig is newAuth (format/quantum_sig.hpp). Verifies both, then applies
/// rules 1–3. The caller bumps `nonce` (replay protection). Errors as above plus
/// exec.upgrade_unauthorised (a half does not verify, requireBoth false) and the signature errors.
[[nodiscard]] Result<void> upgrade_to_quantum(QuantumAccounts& st, const U256& chain_id, const Address& account,
                                              std::uint64_t nonce, const format::HybridSignature& auth, bool opt_in);

/// LP-505 isQuantumReady(account): a post-quantum key is bound.
[[nodiscard]] Result<bool> is_quantum_ready(const QuantumAccounts& st, const Address& account);

/// Rules 3 and 4 for a transaction from `account` signed by `who`: ECDSA-only from an opted-in
/// account is refused (exec.ecdsa_disabled), a hybrid with another post-quantum key than the bound
/// one too (exec.pq_key_mismatch). Post-quantum-only transactions come from the key's own address
/// and pass.
[[nodiscard]] Result<void> check_authority(const QuantumAccounts& st, const Address& account, const TxAuthority& who);

}  // namespace luxl2::exec
