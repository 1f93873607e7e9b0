#include "luxl2/exec/quantum.hpp"

#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/bls_accounts.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/format/quantum_tx.hpp"

namespace luxl2::exec {
namespace {

std::string dec(std::uint64_t v) {
    return std::to_string(v);
}

std::uint64_t calldata_gas(ByteView b) noexcept {
    std::uint64_t g = 0;
    for (auto x : b) g += x == 0 ? 4 : 16;  // EIP-2028
    return g;
}

// What signed a 0x54: a hybrid is ECDSA and its ML-DSA-65 half; the others are post-quantum only.
TxAuthority authority_of(const format::QuantumTransaction& q) {
    TxAuthority who;
    if (q.scheme == format::pq_scheme::kHybridSecp256k1MlDsa65) {
        who.ecdsa = true;
        who.pq = QuantumBinding{format::pq_scheme::kMlDsa65, Bytes(q.public_key.begin() + 64, q.public_key.end())};
    } else {
        who.pq = QuantumBinding{q.scheme, q.public_key};
    }
    return who;
}

// The call of the migration address: hybrid, value 0, data empty (bind) or 0x01 (bind and opt in).
Result<bool> migration_opt_in(const format::QuantumTransaction& q) {
    if (q.scheme != format::pq_scheme::kHybridSecp256k1MlDsa65)
        return fail(errc::bad_migration,
                    "a migration must be signed by both keys: use the hybrid scheme hybrid-secp256k1-ml-dsa-65 (0x40)");
    if (!q.value.is_zero()) return fail(errc::bad_migration, "a migration transaction carries no value");
    if (q.data.empty()) return false;
    if (q.data.size() == 1 && q.data[0] == 0x01) return true;
    return fail(errc::bad_migration, "migration data is empty (bind) or 0x01 (bind and opt in)");
}

// BLS registrations are Ethereum transactions (or 0x53 inner ones): a 0x54 to the registry is refused
// rather than taken for a plain transfer.
Result<void> check_not_bls_registry(const format::QuantumTransaction& q) {
    if (q.to && *q.to == kBlsRegistryAddress)
        return fail(errc::bad_bls_registration,
                    "register a BLS key with an Ethereum transaction (legacy, EIP-2930, EIP-1559) or a 0x53 inner "
                    "transaction, not a 0x54");
    return {};
}

Result<void> check_quantum(const state::StateReader& st, const BlockEnv& env, const format::QuantumTransaction& q,
                           const format::Transaction& eq, std::uint64_t intrinsic, const Address& sender,
                           std::uint64_t gas_available) {
    if (!env.rules.chain_id || q.chain_id != *env.rules.chain_id)
        return fail(errc::invalid_chain_id, "invalid chain id: the transaction's is " + q.chain_id.to_string());
    if (!q.to)
        return fail(errc::contract_creation_unsupported,
                    "contract creation is not supported: this node executes no EVM code yet");
    LUXL2_CHECK(check_not_bls_registry(q));
    LUXL2_TRY(from, st.account(sender));
    if (q.nonce < from.nonce)
        return fail(errc::nonce_too_low, "nonce too low: address " + to_hex(sender) + ", tx: " + dec(q.nonce) +
                                             " state: " + dec(from.nonce));
    if (q.nonce > from.nonce)
        return fail(errc::nonce_too_high, "nonce too high: address " + to_hex(sender) + ", tx: " + dec(q.nonce) +
                                              " state: " + dec(from.nonce));
    if (from.nonce == UINT64_MAX) return fail(errc::nonce_max, "nonce has max value: address " + to_hex(sender));
    if (from.has_code()) return fail(errc::sender_not_eoa, "sender not an eoa: address " + to_hex(sender));
    if (q.max_priority_fee_per_gas > q.max_fee_per_gas)
        return fail(errc::tip_above_fee_cap,
                    "max priority fee per gas higher than max fee per gas: address " + to_hex(sender));
    if (q.max_fee_per_gas < env.base_fee)
        return fail(errc::fee_cap_too_low, "max fee per gas less than block base fee: address " + to_hex(sender) +
                                               ", maxFeePerGas: " + q.max_fee_per_gas.to_string() +
                                               ", baseFee: " + env.base_fee.to_string());
    U256 gas_cost, cost;
    const bool overflow =
        mul_overflow(U256(q.gas_limit), fee_cap(eq), gas_cost) || add_overflow(gas_cost, q.value, cost);
    if (overflow || from.balance < cost)
        return fail(errc::insufficient_funds, "insufficient funds for gas * price + value: address " + to_hex(sender) +
                                                  " have " + from.balance.to_string() + " want " +
                                                  (overflow ? std::string("more than 2^256-1") : cost.to_string()));
    if (q.gas_limit < intrinsic)
        return fail(errc::intrinsic_gas,
                    "intrinsic gas too low: gas " + dec(q.gas_limit) + ", minimum needed " + dec(intrinsic));
    if (q.gas_limit > gas_available)
        return fail(errc::block_gas_limit,
                    "gas limit reached: tx wants " + dec(q.gas_limit) + ", block has " + dec(gas_available));
    if (*q.to != kQuantumMigrationAddress) {
        LUXL2_TRY(to, st.account(*q.to));
        if (to.has_code())
            return fail(errc::call_into_code_unsupported,
                        "calls into contract code are not supported: this node executes no EVM code yet (to " +
                            to_hex(*q.to) + ")");
    }
    return {};
}

}  // namespace

format::Transaction eip1559_equivalent(const format::QuantumTransaction& q) {
    format::Transaction t;
    t.type = format::TxType::kDynamicFee;
    t.chain_id = q.chain_id;
    t.nonce = q.nonce;
    t.max_priority_fee_per_gas = q.max_priority_fee_per_gas;
    t.max_fee_per_gas = q.max_fee_per_gas;
    t.gas_limit = q.gas_limit;
    t.to = q.to;
    t.value = q.value;
    t.data = q.data;
    t.access_list = q.access_list;
    return t;
}

Result<std::optional<QuantumBinding>> StateQuantumAccounts::binding(const Address& account) const {
    LUXL2_TRY(a, reader_.account(account));
    if (!a.pq_key) return std::optional<QuantumBinding>{};
    return std::optional<QuantumBinding>{
        QuantumBinding{a.pq_key->scheme, a.pq_key->public_key, a.pq_key->ecdsa_disabled}};
}

Result<void> StateQuantumAccounts::set_binding(const Address& account, const QuantumBinding& b) {
    LUXL2_ASSERT(writer_ != nullptr);
    LUXL2_TRY(a, writer_->account(account));
    a.pq_key = state::PqKey{b.scheme, b.public_key, b.ecdsa_disabled};
    writer_->set_account(account, a);
    return {};
}

Result<void> check_ecdsa_sender(const state::StateReader& st, const Address& sender) {
    return check_authority(StateQuantumAccounts(st), sender, TxAuthority{true, std::nullopt});
}

std::uint64_t quantum_intrinsic_gas(const format::QuantumTransaction& tx, ByteView signature,
                                    const format::Rules& rules) noexcept {
    return format::intrinsic_gas(eip1559_equivalent(tx), rules) + calldata_gas(tx.public_key) + calldata_gas(signature);
}

Result<void> check_quantum_authority(const state::StateReader& st, const format::QuantumTransaction& q,
                                     const Address& sender) {
    LUXL2_CHECK(check_authority(StateQuantumAccounts(st), sender, authority_of(q)));
    LUXL2_CHECK(check_not_bls_registry(q));
    if (q.to && *q.to == kQuantumMigrationAddress) LUXL2_CHECK(migration_opt_in(q));
    return {};
}

Result<TxResult> apply_quantum_transaction(state::StateAccess& st, const BlockEnv& env,
                                           const format::TransactionData& tx, std::uint64_t gas_available,
                                           const Address* verified_sender) {
    Address sender;
    if (verified_sender) {
        LUXL2_CHECK(format::check_payload(tx));
        sender = *verified_sender;
    } else {
        LUXL2_TRY(s, format::verify_quantum_tx(tx));
        sender = s;
    }
    LUXL2_TRY(q, format::decode_tx_payload<format::QuantumTransaction>(tx));
    const format::Transaction eq = eip1559_equivalent(q);
    const std::uint64_t gas_used = quantum_intrinsic_gas(q, tx.signature, env.rules);
    LUXL2_CHECK(check_quantum(st, env, q, eq, gas_used, sender, gas_available));
    StateQuantumAccounts accounts(st);
    const TxAuthority who = authority_of(q);
    LUXL2_CHECK(check_authority(accounts, sender, who));
    const bool migration = *q.to == kQuantumMigrationAddress;
    bool opt_in = false;
    if (migration) {
        LUXL2_TRY(o, migration_opt_in(q));
        opt_in = o;
    }

    const U256 price = effective_gas_price(eq, env.base_fee);
    const U256 tip = effective_tip(eq, env.base_fee);
    // The checks guarantee balance ≥ gas_limit * fee_cap + value ≥ gas_used * price + value. A
    // failing migration rule must leave nothing changed, so it runs on a snapshot.
    const std::size_t snap = st.snapshot();
    LUXL2_TRY(from, st.account(sender));
    from.balance -= U256(gas_used) * price + q.value;
    from.nonce += 1;
    st.set_account(sender, from);
    if (migration) {
        auto r = upgrade_to_quantum(accounts, sender, sender, who.pq->scheme, who.pq->public_key, opt_in);
        if (!r) {
            st.revert(snap);
            return std::unexpected(std::move(r.error()));
        }
    } else {
        LUXL2_TRY(to, st.account(*q.to));
        to.balance += q.value;
        st.set_account(*q.to, to);
    }
    LUXL2_CHECK(pay_fee_recipient(st, env, gas_used, tip));
    return TxResult{true, gas_used, price, {}};
}

}  // namespace luxl2::exec
