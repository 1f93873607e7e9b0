#include "luxl2/exec/quantum_migration.hpp"

#include <algorithm>
#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/quantum_sig.hpp"
#include "luxl2/format/quantum_tx.hpp"

namespace luxl2::exec {
namespace {

constexpr std::string_view kUpgradeTag = "luxl2/lp505-upgrade/v1";
constexpr std::size_t kMaxKeyBytes = 4096;  // the state's bound-key limit

bool same_key(const QuantumBinding& b, std::uint8_t scheme, ByteView key) {
    return b.scheme == scheme && b.public_key.size() == key.size() &&
           std::equal(key.begin(), key.end(), b.public_key.begin());
}

std::string scheme_name(std::uint8_t scheme) {
    const auto n = format::pq_scheme::registry_name(scheme);
    return n.empty() ? "scheme " + std::to_string(scheme) : std::string(n);
}

}  // namespace

Result<void> upgrade_to_quantum(QuantumAccounts& st, const Address& account, const Address& ecdsa_signer,
                                std::uint8_t scheme, ByteView pq_public_key, bool opt_in) {
    if (ecdsa_signer != account)
        return fail(errc::upgrade_unauthorised, "upgradeToQuantum: the ECDSA signature is by " + to_hex(ecdsa_signer) +
                                                    ", not by the account " + to_hex(account));
    if (!format::pq_scheme::sizes(scheme))
        return fail(errc::pq_unsupported_scheme,
                    "upgradeToQuantum: unknown post-quantum scheme " + std::to_string(scheme));
    if (pq_public_key.empty() || pq_public_key.size() > kMaxKeyBytes)
        return fail(errc::pq_unsupported_scheme, "upgradeToQuantum: a post-quantum key is 1 to 4096 bytes");
    LUXL2_TRY(current, st.binding(account));
    if (current && !same_key(*current, scheme, pq_public_key))
        return fail(errc::pq_already_bound, "upgradeToQuantum: account " + to_hex(account) +
                                                " is already bound to another " + scheme_name(current->scheme) +
                                                " key; a binding cannot be replaced");
    if (current && current->ecdsa_disabled && !opt_in)
        return fail(errc::pq_opt_out_refused, "upgradeToQuantum: account " + to_hex(account) +
                                                  " has opted in to post-quantum-only; that is final");
    QuantumBinding b{scheme, Bytes(pq_public_key.begin(), pq_public_key.end()), opt_in};
    if (current && *current == b) return {};
    return st.set_binding(account, b);
}

Hash32 upgrade_message(const U256& chain_id, const Address& account, std::uint64_t nonce, bool opt_in,
                       const format::QuantumSignature& new_auth) {
    Bytes m(kUpgradeTag.begin(), kUpgradeTag.end());
    const auto chain = chain_id.to_be_bytes();
    m.insert(m.end(), chain.begin(), chain.end());
    append(m, account);
    for (int shift = 56; shift >= 0; shift -= 8) m.push_back(static_cast<std::uint8_t>(nonce >> shift));
    m.push_back(opt_in ? 1 : 0);
    m.push_back(static_cast<std::uint8_t>(new_auth.algorithm));
    append(m, crypto::keccak256(new_auth.public_key));
    return crypto::keccak256(m);
}

Result<void> upgrade_to_quantum(QuantumAccounts& st, const U256& chain_id, const Address& account, std::uint64_t nonce,
                                const format::HybridSignature& auth, bool opt_in) {
    if (!auth.require_both)
        return fail(errc::upgrade_unauthorised, "upgradeToQuantum: the authorisation must require both signatures");
    const Hash32 m = upgrade_message(chain_id, account, nonce, opt_in, auth.quantum_sig);
    LUXL2_TRY(verdict, format::verify_hybrid_signature(m, auth, account, auth.quantum_sig.public_key));
    if (!verdict.valid)
        return fail(errc::upgrade_unauthorised, std::string("upgradeToQuantum: the ") +
                                                    (verdict.classical ? "post-quantum" : "ECDSA") +
                                                    " signature does not verify for account " + to_hex(account));
    LUXL2_TRY(scheme, format::quantum_scheme(auth.quantum_sig));
    const auto id = format::pq_scheme::id_of(scheme->name);
    if (!id)
        return fail(errc::pq_unsupported_scheme,
                    "upgradeToQuantum: " + std::string(scheme->name) + " has no 0x54 scheme id");
    return upgrade_to_quantum(st, account, account, *id, auth.quantum_sig.public_key, opt_in);
}

Result<bool> is_quantum_ready(const QuantumAccounts& st, const Address& account) {
    LUXL2_TRY(b, st.binding(account));
    return b.has_value();
}

Result<void> check_authority(const QuantumAccounts& st, const Address& account, const TxAuthority& who) {
    if (!who.ecdsa) return {};  // post-quantum only: the sender is the key's own address
    LUXL2_TRY(b, st.binding(account));
    if (!b) return {};
    if (!who.pq) {
        if (b->ecdsa_disabled)
            return fail(errc::ecdsa_disabled,
                        "ECDSA-only transaction refused: account " + to_hex(account) +
                            " has migrated to post-quantum signatures and opted in; sign with its bound " +
                            scheme_name(b->scheme) + " key (a hybrid 0x54 transaction)");
        return {};
    }
    if (!same_key(*b, who.pq->scheme, who.pq->public_key))
        return fail(errc::pq_key_mismatch, "account " + to_hex(account) + " is bound to another post-quantum key (" +
                                               scheme_name(b->scheme) + "); the transaction's is not it");
    return {};
}

}  // namespace luxl2::exec
