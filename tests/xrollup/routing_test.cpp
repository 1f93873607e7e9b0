// RoutingInfo checks and the route hash.
#include <gtest/gtest.h>

#include "luxl2/xrollup/routing.hpp"
#include "sample.hpp"

namespace luxl2::xrollup {
namespace {

format::RoutingInfo route() {
    format::RoutingInfo r;
    r.path = {U256{120001}, U256{1}, U256{120002}};
    r.fees = {U256{1000}, U256{2000}};
    r.deadline = U256{1'800'000'000};
    return r;
}

std::string_view code(const Result<void>& r) {
    return r ? std::string_view{"ok"} : r.error().code;
}

TEST(Routing, AcceptsAValidRoute) {
    EXPECT_EQ(code(validate_route(route(), 1'700'000'000)), "ok");
    EXPECT_EQ(code(validate_route(route(), 1'800'000'000)), "ok");  // the deadline second itself
    EXPECT_EQ(code(validate_route_for(route(), test::sample_message(), 0)), "ok");
    EXPECT_EQ(*total_fee(route()), U256{3000});
    format::RoutingInfo single;
    single.path = {U256{5}};
    single.deadline = U256{10};
    EXPECT_EQ(code(validate_route(single, 10)), "ok");
}

TEST(Routing, Rejects) {
    auto r = route();
    EXPECT_EQ(code(validate_route(r, 1'800'000'001)), errc::expired);
    r.path.clear();
    r.fees.clear();
    EXPECT_EQ(code(validate_route(r, 0)), errc::empty_path);
    r = route();
    r.fees.pop_back();
    EXPECT_EQ(code(validate_route(r, 0)), errc::fee_count);
    r.fees = {U256{1}, U256{2}, U256{3}};
    EXPECT_EQ(code(validate_route(r, 0)), errc::fee_count);
    r = route();
    r.path[2] = U256{120001};
    EXPECT_EQ(code(validate_route(r, 0)), errc::repeated_chain);
    r = route();
    r.metadata = Bytes(5000, 0);
    EXPECT_EQ(code(validate_route(r, 0)), errc::metadata_too_large);
    r = route();
    for (int i = 0; i < 20; ++i) {
        r.path.push_back(U256{static_cast<std::uint64_t>(900 + i)});
        r.fees.push_back(U256{1});
    }
    EXPECT_EQ(code(validate_route(r, 0)), errc::path_too_long);
    r = route();
    std::swap(r.path.front(), r.path.back());
    EXPECT_EQ(code(validate_route_for(r, test::sample_message(), 0)), errc::route_mismatch);
    r = route();
    r.fees = {U256::max(), U256{1}};
    EXPECT_FALSE(total_fee(r));
}

TEST(Routing, HashCommitsToEveryField) {
    const Hash32 h = route_hash(route());
    EXPECT_EQ(h, route_hash(route()));
    auto r = route();
    r.fees[1] = U256{2001};
    EXPECT_NE(route_hash(r), h);
    r = route();
    r.deadline = U256{1'800'000'001};
    EXPECT_NE(route_hash(r), h);
    r = route();
    r.metadata = {0};
    EXPECT_NE(route_hash(r), h);
    r = route();
    std::swap(r.path[0], r.path[1]);
    EXPECT_NE(route_hash(r), h);
}

}  // namespace
}  // namespace luxl2::xrollup
