#include "luxl2/exec/transition.hpp"

#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/bls_accounts.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/quantum.hpp"

namespace luxl2::exec {
namespace {

std::string dec(std::uint64_t v) {
    return std::to_string(v);
}

// gas_limit * fee_cap + value, the most the sender can pay; nullopt on 256-bit overflow.
std::optional<U256> max_cost(const format::Transaction& tx) {
    U256 gas_cost, total;
    if (mul_overflow(U256(tx.gas_limit), fee_cap(tx), gas_cost)) return std::nullopt;
    if (add_overflow(gas_cost, tx.value, total)) return std::nullopt;
    return total;
}

}  // namespace

std::uint64_t execution_gas(const format::Transaction& tx, const format::Rules& rules) noexcept {
    const std::uint64_t g = format::intrinsic_gas(tx, rules);
    return tx.to && *tx.to == kBlsRegistryAddress ? g + kBlsRegistrationGas : g;
}

namespace {

// The checks of check_transaction; on success `from` and `to` hold the two accounts (read once).
Result<void> check_into(const state::StateReader& st, const BlockEnv& env, const format::Transaction& tx,
                        const Address& sender, std::uint64_t gas_available, std::uint64_t surcharge,
                        state::Account& from_out, state::Account& to_out) {
    using format::TxType;
    if (tx.type != TxType::kLegacy && tx.type != TxType::kAccessList && tx.type != TxType::kDynamicFee)
        return fail(errc::tx_type_not_supported, "transaction type not supported");
    if (!tx.to)
        return fail(errc::contract_creation_unsupported,
                    "contract creation is not supported: this node executes no EVM code yet");
    LUXL2_CHECK(check_ecdsa_sender(st, sender));
    LUXL2_TRY(from, st.account(sender));
    if (tx.nonce < from.nonce)
        return fail(errc::nonce_too_low, "nonce too low: address " + to_hex(sender) + ", tx: " + dec(tx.nonce) +
                                             " state: " + dec(from.nonce));
    if (tx.nonce > from.nonce)
        return fail(errc::nonce_too_high, "nonce too high: address " + to_hex(sender) + ", tx: " + dec(tx.nonce) +
                                              " state: " + dec(from.nonce));
    if (from.nonce == UINT64_MAX) return fail(errc::nonce_max, "nonce has max value: address " + to_hex(sender));
    if (from.has_code())  // EIP-3607
        return fail(errc::sender_not_eoa,
                    "sender not an eoa: address " + to_hex(sender) + ", codehash: " + to_hex(from.code_hash));
    if (tip_cap(tx) > fee_cap(tx))
        return fail(errc::tip_above_fee_cap,
                    "max priority fee per gas higher than max fee per gas: address " + to_hex(sender));
    if (fee_cap(tx) < env.base_fee)
        return fail(errc::fee_cap_too_low, "max fee per gas less than block base fee: address " + to_hex(sender) +
                                               ", maxFeePerGas: " + fee_cap(tx).to_string() +
                                               ", baseFee: " + env.base_fee.to_string());
    const auto cost = max_cost(tx);
    if (!cost || from.balance < *cost)
        return fail(errc::insufficient_funds, "insufficient funds for gas * price + value: address " + to_hex(sender) +
                                                  " have " + from.balance.to_string() + " want " +
                                                  (cost ? cost->to_string() : std::string("more than 2^256-1")));
    const std::uint64_t intrinsic = execution_gas(tx, env.rules) + surcharge;
    if (tx.gas_limit < intrinsic)
        return fail(errc::intrinsic_gas,
                    "intrinsic gas too low: gas " + dec(tx.gas_limit) + ", minimum needed " + dec(intrinsic));
    if (tx.gas_limit > gas_available)
        return fail(errc::block_gas_limit,
                    "gas limit reached: tx wants " + dec(tx.gas_limit) + ", block has " + dec(gas_available));
    if (*tx.to == kBlsRegistryAddress) {
        LUXL2_TRY(registered, check_bls_registration(st, tx.value, tx.data));
        (void)registered;
    }
    LUXL2_TRY(to, st.account(*tx.to));
    if (to.has_code())
        return fail(errc::call_into_code_unsupported,
                    "calls into contract code are not supported: this node executes no EVM code yet (to " +
                        to_hex(*tx.to) + ")");
    from_out = std::move(from);
    to_out = std::move(to);
    return {};
}

}  // namespace

Result<void> check_transaction(const state::StateReader& st, const BlockEnv& env, const format::Transaction& tx,
                               const Address& sender, std::uint64_t gas_available) {
    state::Account from, to;
    return check_into(st, env, tx, sender, gas_available, 0, from, to);
}

Result<void> pay_fee_recipient(state::StateAccess& st, const BlockEnv& env, std::uint64_t gas_used, const U256& tip) {
    const U256 reward = U256(gas_used) * tip;
    if (reward.is_zero()) return {};
    LUXL2_TRY(coinbase, st.account(env.fee_recipient));
    coinbase.balance += reward;
    st.set_account(env.fee_recipient, coinbase);
    return {};
}

Result<TxResult> apply_transaction(state::StateAccess& st, const BlockEnv& env, const format::Transaction& tx,
                                   const Address& sender, std::uint64_t gas_available) {
    return apply_transaction(st, env, tx, sender, gas_available, 0);
}

Result<TxResult> apply_transaction(state::StateAccess& st, const BlockEnv& env, const format::Transaction& tx,
                                   const Address& sender, std::uint64_t gas_available, std::uint64_t surcharge) {
    state::Account from, to;
    LUXL2_CHECK(check_into(st, env, tx, sender, gas_available, surcharge, from, to));
    const U256 price = effective_gas_price(tx, env.base_fee);
    const U256 tip = effective_tip(tx, env.base_fee);
    const std::uint64_t gas_used = execution_gas(tx, env.rules) + surcharge;

    // The checks above guarantee balance ≥ gas_limit * fee_cap + value ≥ gas_used * price + value,
    // so nothing below can underflow. Order as in the Yellow Paper: buy gas, bump nonce, transfer,
    // refund, pay the fee recipient.
    from.balance -= U256(gas_used) * price + tx.value;
    from.nonce += 1;
    st.set_account(sender, from);

    if (*tx.to == kBlsRegistryAddress) {
        // Checked above (key, PoP, not registered); the registry's storage is written, no account is
        // credited (value is 0).
        const auto pk = crypto::bls::PublicKey::from_view(ByteView(tx.data).first(crypto::bls::kPublicKeySize));
        LUXL2_CHECK(append_bls_account(st, pk));
        LUXL2_CHECK(pay_fee_recipient(st, env, gas_used, tip));
        return TxResult{true, gas_used, price, {}};
    }
    if (*tx.to == sender) to = from;  // a transfer to oneself: the account just written
    to.balance += tx.value;
    st.set_account(*tx.to, to);

    LUXL2_CHECK(pay_fee_recipient(st, env, gas_used, tip));
    return TxResult{true, gas_used, price, {}};
}

}  // namespace luxl2::exec
