// LP-505 RoutingInfo checks: a multi-hop path of chain ids (source first, target last), one fee per
// hop and a deadline in unix seconds; and the route hash that commits to all of it.
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/messages.hpp"

namespace luxl2::xrollup {

namespace errc {
inline constexpr std::string_view empty_path = "xrollup.empty_path";
inline constexpr std::string_view path_too_long = "xrollup.path_too_long";
inline constexpr std::string_view repeated_chain = "xrollup.repeated_chain";
inline constexpr std::string_view fee_count = "xrollup.fee_count";
inline constexpr std::string_view expired = "xrollup.expired";
inline constexpr std::string_view metadata_too_large = "xrollup.metadata_too_large";
inline constexpr std::string_view route_mismatch = "xrollup.route_mismatch";
}  // namespace errc

struct RouteLimits {
    std::size_t max_hops = 16;
    std::size_t max_metadata = 4096;
};

/// Checks a route at time `now` (unix seconds): the path is non-empty and has at most max_hops + 1
/// chains, no chain id appears twice (no loops, no zero-length hop), fees.size() + 1 == path.size(),
/// now <= deadline (a route whose deadline has passed is refused), metadata within its limit.
[[nodiscard]] Result<void> validate_route(const format::RoutingInfo& route, std::uint64_t now,
                                          const RouteLimits& limits = {});

/// Checks that the route carries this message: path.front() == source chain, path.back() == target
/// chain (code "xrollup.route_mismatch"), on top of validate_route.
[[nodiscard]] Result<void> validate_route_for(const format::RoutingInfo& route, const format::CrossRollupMessage& m,
                                              std::uint64_t now, const RouteLimits& limits = {});

/// The sum of the per-hop fees; fails with "xrollup.fee_count" when it overflows 256 bits.
[[nodiscard]] Result<U256> total_fee(const format::RoutingInfo& route);

/// keccak256("luxl2/xrollup/route/v1" ‖ rlp(RoutingInfo)), rlp as format::rlp_encode.
[[nodiscard]] Hash32 route_hash(const format::RoutingInfo& route);

}  // namespace luxl2::xrollup
