#include "luxl2/xrollup/routing.hpp"

#include <algorithm>
#include <vector>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::xrollup {
namespace {
constexpr std::string_view kRouteDomain = "luxl2/xrollup/route/v1";
}  // namespace

Result<void> validate_route(const format::RoutingInfo& route, std::uint64_t now, const RouteLimits& limits) {
    if (route.path.empty()) return fail(errc::empty_path, "routing path is empty");
    if (route.path.size() > limits.max_hops + 1)
        return fail(errc::path_too_long,
                    std::to_string(route.path.size() - 1) + " hops, the limit is " + std::to_string(limits.max_hops));
    if (route.fees.size() + 1 != route.path.size())
        return fail(errc::fee_count,
                    std::to_string(route.fees.size()) + " fees for " + std::to_string(route.path.size() - 1) + " hops");
    std::vector<U256> sorted = route.path;
    std::sort(sorted.begin(), sorted.end());
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end())
        return fail(errc::repeated_chain, "a chain id appears twice in the routing path");
    if (U256{now} > route.deadline)
        return fail(errc::expired,
                    "deadline " + route.deadline.to_string() + " has passed (now " + std::to_string(now) + ")");
    if (route.metadata.size() > limits.max_metadata)
        return fail(errc::metadata_too_large, std::to_string(route.metadata.size()) + " bytes of metadata");
    return {};
}

Result<void> validate_route_for(const format::RoutingInfo& route, const format::CrossRollupMessage& m,
                                std::uint64_t now, const RouteLimits& limits) {
    LUXL2_CHECK(validate_route(route, now, limits));
    if (route.path.front() != m.source_chain_id)
        return fail(errc::route_mismatch, "routing path does not start at the message's source chain");
    if (route.path.back() != m.target_chain_id)
        return fail(errc::route_mismatch, "routing path does not end at the message's target chain");
    return {};
}

Result<U256> total_fee(const format::RoutingInfo& route) {
    U256 sum;
    for (const auto& f : route.fees) {
        U256 next;
        if (add_overflow(sum, f, next)) return fail(errc::fee_count, "the fees overflow 256 bits");
        sum = next;
    }
    return sum;
}

Hash32 route_hash(const format::RoutingInfo& route) {
    Bytes buf(kRouteDomain.begin(), kRouteDomain.end());
    format::rlp_encode(buf, route);
    return crypto::keccak256(buf);
}

}  // namespace luxl2::xrollup
