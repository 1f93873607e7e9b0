#include "luxl2/format/balance_delta.hpp"

#include "luxl2/format/limits.hpp"

namespace luxl2::format {

Result<BalanceDelta> BalanceDelta::make(bool negative, const U256& magnitude) {
    if (magnitude > kMaxMagnitude) return fail(errc::non_canonical, "balance delta magnitude must be below 2^255");
    if (negative && magnitude.is_zero()) return fail(errc::non_canonical, "balance delta of minus zero");
    return BalanceDelta{negative, magnitude};
}

Result<BalanceDelta> BalanceDelta::from_zigzag(const U256& z) {
    return make(z.bit(0), z >> 1);
}

U256 BalanceDelta::zigzag() const {
    LUXL2_ASSERT(canonical());
    return (magnitude << 1) | U256(negative ? 1 : 0);
}

std::string BalanceDelta::to_hex() const { return (negative ? "-" : "") + magnitude.to_hex(); }

Result<BalanceDelta> BalanceDelta::from_hex(std::string_view s) {
    const bool neg = !s.empty() && s[0] == '-';
    if (neg) s.remove_prefix(1);
    if (s.size() < 3 || s[0] != '0' || s[1] != 'x' || (s.size() > 3 && s[2] == '0'))
        return fail(errc::json, "expected a signed 0x-hex quantity without leading zeros");
    for (std::size_t i = 2; i < s.size(); ++i)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return fail(errc::json, "balance delta is not lower-case hex");
    auto m = U256::from_hex(s);
    if (!m) return std::unexpected(std::move(m.error()));
    return make(neg, *m);
}

}  // namespace luxl2::format
