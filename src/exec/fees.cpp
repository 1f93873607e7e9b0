#include "luxl2/exec/fees.hpp"

#include <algorithm>

namespace luxl2::exec {

U256 next_base_fee(std::uint64_t parent_gas_used, std::uint64_t parent_gas_limit,
                   const U256& parent_base_fee) noexcept {
    const std::uint64_t target = parent_gas_limit / kElasticityMultiplier;
    if (target == 0 || parent_gas_used == target) return parent_base_fee;
    if (parent_gas_used > target) {
        const U256 delta =
            parent_base_fee * U256(parent_gas_used - target) / U256(target) / U256(kBaseFeeChangeDenominator);
        return parent_base_fee + std::max(delta, U256(1));
    }
    const U256 delta =
        parent_base_fee * U256(target - parent_gas_used) / U256(target) / U256(kBaseFeeChangeDenominator);
    return parent_base_fee > delta ? parent_base_fee - delta : U256(0);
}

const U256& fee_cap(const format::Transaction& tx) noexcept {
    return tx.type == format::TxType::kLegacy || tx.type == format::TxType::kAccessList ? tx.gas_price
                                                                                        : tx.max_fee_per_gas;
}

const U256& tip_cap(const format::Transaction& tx) noexcept {
    return tx.type == format::TxType::kLegacy || tx.type == format::TxType::kAccessList ? tx.gas_price
                                                                                        : tx.max_priority_fee_per_gas;
}

U256 effective_gas_price(const format::Transaction& tx, const U256& base_fee) noexcept {
    U256 sum;
    if (add_overflow(base_fee, tip_cap(tx), sum)) return fee_cap(tx);
    return std::min(fee_cap(tx), sum);
}

U256 effective_tip(const format::Transaction& tx, const U256& base_fee) noexcept {
    const U256 price = effective_gas_price(tx, base_fee);
    return price > base_fee ? price - base_fee : U256(0);
}

}  // namespace luxl2::exec
