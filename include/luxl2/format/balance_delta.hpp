// The signed balance change of an AccountDelta (LP-505: "uint256 balanceDelta; // Signed integer
// encoded"). We hold it as sign and magnitude and put it on every wire as ONE unsigned 256-bit
// integer in zigzag form, z = 2·|d| + (d < 0), as Protobuf's sint does: small changes of either sign
// stay short in every encoding, and each value has exactly one form. The range is
// −(2^255 − 1) … 2^255 − 1; "minus zero" (z = 1) is not a value and is rejected.
#pragma once

#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::format {

struct BalanceDelta {
    bool negative = false;  // never true when magnitude is zero
    U256 magnitude;         // < 2^255

    /// The largest magnitude: 2^255 − 1.
    static constexpr U256 kMaxMagnitude =
        U256::from_words(0x7FFFFFFFFFFFFFFFULL, ~0ULL, ~0ULL, ~0ULL);

    /// Builds a delta; fails (code "format.balance_delta") for −0 or a magnitude ≥ 2^255.
    [[nodiscard]] static Result<BalanceDelta> make(bool negative, const U256& magnitude);
    /// From the wire form; rejects z = 1 (−0).
    [[nodiscard]] static Result<BalanceDelta> from_zigzag(const U256& z);
    /// The wire form 2·|d| + sign. Valid only for a canonical value (asserted).
    [[nodiscard]] U256 zigzag() const;
    /// "0x1f" or "-0x1f" (a signed JSON-RPC quantity).
    [[nodiscard]] std::string to_hex() const;
    [[nodiscard]] static Result<BalanceDelta> from_hex(std::string_view s);

    [[nodiscard]] bool canonical() const noexcept {
        return magnitude <= kMaxMagnitude && !(negative && magnitude.is_zero());
    }
    friend bool operator==(const BalanceDelta&, const BalanceDelta&) = default;
};

}  // namespace luxl2::format
