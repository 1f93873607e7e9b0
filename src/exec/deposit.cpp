#include "luxl2/exec/deposit.hpp"

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::exec {

std::uint64_t deposit_gas(const format::DepositTransaction& d, const format::Rules& rules) noexcept {
    format::Transaction call;  // the same intrinsic gas as a legacy call with this data
    call.to = d.to ? d.to : std::optional<Address>(Address{});
    call.data = d.data;
    return format::intrinsic_gas(call, rules);
}

Result<TxResult> apply_deposit(state::StateAccess& st, const BlockEnv& env, const format::DepositTransaction& d) {
    LUXL2_TRY(from, st.account(d.from));
    U256 minted;
    if (add_overflow(from.balance, d.mint, minted)) minted = U256::max();  // cannot happen with real supply
    from.balance = minted;
    if (from.nonce != UINT64_MAX) from.nonce += 1;
    st.set_account(d.from, from);

    TxResult r;
    r.effective_gas_price = U256(0);
    const std::uint64_t need = deposit_gas(d, env.rules);
    r.gas_used = std::min(need, d.gas);
    bool ok = need <= d.gas && d.to.has_value() && from.balance >= d.value;
    if (ok && *d.to != d.from) {
        LUXL2_TRY(to, st.account(*d.to));
        ok = !to.has_code();
        if (ok) {
            from.balance -= d.value;
            st.set_account(d.from, from);
            to.balance += d.value;
            st.set_account(*d.to, to);
        }
    }
    r.status = ok;
    return r;
}

Hash32 deposit_hash(const format::DepositTransaction& d) {
    Bytes env;
    env.push_back(format::lp505_type::kDeposit);
    format::rlp_encode(env, d);
    return crypto::keccak256(env);
}

}  // namespace luxl2::exec
