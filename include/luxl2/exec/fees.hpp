// EIP-1559 base fee per block (the London formula) and the effective gas price of a transaction.
#pragma once

#include <cstdint>

#include "luxl2/core/u256.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::exec {

inline constexpr std::uint64_t kElasticityMultiplier = 2;        // EIP-1559 ELASTICITY_MULTIPLIER
inline constexpr std::uint64_t kBaseFeeChangeDenominator = 8;    // EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR
inline constexpr std::uint64_t kInitialBaseFee = 1'000'000'000;  // EIP-1559 INITIAL_BASE_FEE (1 gwei)

/// The base fee of the child of a block with `parent_gas_used` of `parent_gas_limit` and base fee
/// `parent_base_fee`: unchanged at the target (limit / 2), up by at most 1/8 when full (and at least
/// 1 wei when above target), down by at most 1/8 when empty.
[[nodiscard]] U256 next_base_fee(std::uint64_t parent_gas_used, std::uint64_t parent_gas_limit,
                                 const U256& parent_base_fee) noexcept;

/// The fee cap (max_fee_per_gas, or gas_price before EIP-1559) and the tip cap of a transaction.
[[nodiscard]] const U256& fee_cap(const format::Transaction& tx) noexcept;
[[nodiscard]] const U256& tip_cap(const format::Transaction& tx) noexcept;
/// The price per gas a transaction pays at `base_fee`: min(fee cap, base fee + tip cap). The caller
/// ensures fee cap ≥ base fee.
[[nodiscard]] U256 effective_gas_price(const format::Transaction& tx, const U256& base_fee) noexcept;
/// The part of it that goes to the fee recipient: effective price − base fee.
[[nodiscard]] U256 effective_tip(const format::Transaction& tx, const U256& base_fee) noexcept;

}  // namespace luxl2::exec
