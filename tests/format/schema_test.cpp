// Every LP-505 struct through every encoding, with random field values; block.proto in step with
// the schema.
#include <cctype>

#include <gtest/gtest.h>

#include "luxl2/format/codec.hpp"
#include "luxl2/format/testing.hpp"

namespace luxl2::format {
namespace {

// Fills every field with random content; about a third of the fields stay at their default so
// the presence bitmaps and proto3's omitted defaults are exercised.
template <class T>
void fill(T& v, testing::Rng& r, int depth = 0) {
    using namespace detail;
    if constexpr (std::is_same_v<T, U256>) {
        const auto k = r.below(4);
        v = k == 0 ? U256() : k == 1 ? U256(r.below(300)) : k == 2 ? U256(r.next()) : U256::from_words(r.next(), r.next(), r.next(), r.next());
    } else if constexpr (std::is_same_v<T, std::uint64_t>) {
        v = r.below(3) == 0 ? 0 : r.next() >> r.below(64);
    } else if constexpr (std::is_same_v<T, bool>) {
        v = r.below(2) == 1;
    } else if constexpr (is_small_v<T>) {
        v = static_cast<T>(r.below(7));
    } else if constexpr (is_fixed<T>::value) {
        v = r.below(3) == 0 ? T{} : r.template fixed<T::size_bytes>();
    } else if constexpr (is_bytes_v<T>) {
        v = r.bytes(r.below(3) == 0 ? 0 : r.below(100));
    } else if constexpr (std::is_same_v<T, std::string>) {
        v.clear();
        for (auto n = r.below(12); n > 0; --n) v.push_back(static_cast<char>('a' + r.below(26)));
    } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
        if (r.below(2) == 0) v.reset();
        else v = r.template fixed<20>();
    } else if constexpr (std::is_same_v<T, BalanceDelta>) {
        const U256 m = U256(r.below(1000));
        v = *BalanceDelta::make(!m.is_zero() && r.below(2) == 0, m);
    } else if constexpr (is_list_v<T>) {
        v.resize(depth > 3 ? 0 : r.below(4));
        for (auto& e : v) fill(e, r, depth + 1);
    } else {
        Schema<T>::fields(v, [&](std::string_view, auto& f) { fill(f, r, depth + 1); });
    }
}

template <class T>
void round_trip_all(std::uint64_t seeds) {
    SCOPED_TRACE(std::string(Schema<T>::name));
    std::size_t rlp_total = 0, bin_total = 0;
    for (std::uint64_t seed = 0; seed < seeds; ++seed) {
        testing::Rng r(seed * 7919 + 1);
        T v{};
        fill(v, r);
        const Bytes rlp = rlp_encode(v);
        auto a = rlp_decode<T>(rlp);
        ASSERT_TRUE(a) << a.error().to_string();
        EXPECT_EQ(*a, v);
        const Bytes bin = binary_encode(v);
        auto b = binary_decode<T>(bin);
        ASSERT_TRUE(b) << b.error().to_string();
        EXPECT_EQ(*b, v);
        rlp_total += rlp.size();
        bin_total += bin.size();
        const Bytes pb = protobuf_encode(v);
        auto c = protobuf_decode<T>(pb);
        ASSERT_TRUE(c) << c.error().to_string();
        EXPECT_EQ(*c, v);
        auto d = from_json<T>(to_json(v));
        ASSERT_TRUE(d) << d.error().to_string();
        EXPECT_EQ(*d, v);
    }
    EXPECT_LT(bin_total, rlp_total);
}

// "storageIO" and "storage_io" name the same field: compare letters only, case-insensitively.
std::string fold(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    return out;
}

template <class T>
void proto_in_step() {
    SCOPED_TRACE(std::string(Schema<T>::name));
    const auto names = protobuf_field_names(Schema<T>::name);
    std::vector<std::string> ours;
    const T probe{};
    Schema<T>::fields(probe, [&](std::string_view n, const auto&) { ours.emplace_back(n); });
    ASSERT_EQ(names.size(), ours.size());
    for (std::size_t i = 0; i < ours.size(); ++i) EXPECT_EQ(fold(names[i]), fold(ours[i]));
}

template <class... T>
void for_all(std::uint64_t seeds) {
    (round_trip_all<T>(seeds), ...);
    (proto_in_step<T>(), ...);
}

TEST(Schema, EveryStructRoundTripsThroughEveryEncoding) {
    for_all<L2Block, BlockHeader, TransactionData, StateTransition, AccountDelta, StorageDelta, ComputeMetadata,
            ModelExecution, ResourceUsage, ModelMetrics, ComputeRequirements, CrossRollupMessage, MessageBatch,
            RoutingInfo, BatchedBlocks, AggregationStrategy, MerkleMultiProof, QuantumSignature, HybridSignature,
            CompressionConfig, CompressedBlock, StandardTransaction, AIInferenceTransaction, TrainingTransaction,
            CrossRollupTransaction, CompressedTransaction, AccessListEntry, QuantumTransaction, DepositTransaction>(40);
}

}  // namespace
}  // namespace luxl2::format
