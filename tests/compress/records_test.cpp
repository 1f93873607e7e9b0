#include <gtest/gtest.h>

#include "luxl2/compress/records.hpp"
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::compress {
namespace {

using format::ComputeMetadata;

TEST(Records, ComputeMetadataRoundTripsAndBeatsZstdOnTheRlp) {
    const auto blocks = synthetic_compute_metadata(1000, 5);
    Bytes rlp;
    for (const auto& m : blocks) format::rlp_encode(rlp, m);
    const auto enc = encode_records<ComputeMetadata>(blocks);
    ASSERT_TRUE(enc);
    const auto dec = decode_records<ComputeMetadata>(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(*dec, blocks);
    const auto z19 = compress_raw({CompressionType::kZstandard, Variant::kDefault, 19}, rlp);
    ASSERT_TRUE(z19);
    EXPECT_LT(enc->size(), z19->size());
}

TEST(Records, EmptyAndEdgeValuesRoundTrip) {
    std::vector<ComputeMetadata> v(3);
    v[1].total_flops = ~U256{};                       // 2^256 - 1: the long form
    v[1].total_inferences = U256(~std::uint64_t{0});  // 2^64 - 1: the long form too
    v[2].executions.resize(2);
    v[2].executions[1].model_hash[0] = 1;
    const auto enc = encode_records<ComputeMetadata>(v);
    ASSERT_TRUE(enc);
    const auto dec = decode_records<ComputeMetadata>(*enc);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(*dec, v);
    const auto none = encode_records<ComputeMetadata>({});
    ASSERT_TRUE(none);
    EXPECT_TRUE(decode_records<ComputeMetadata>(*none)->empty());
}

TEST(Records, RejectsMalformedInput) {
    const auto blocks = synthetic_compute_metadata(20, 6);
    const Bytes enc = *encode_records<ComputeMetadata>(blocks);
    EXPECT_FALSE(decode_records<ComputeMetadata>({}));
    Bytes v = enc;
    v[0] = 9;
    EXPECT_EQ(decode_records<ComputeMetadata>(v).error().code, errc::bad_version);
    v = enc;
    v.push_back(0);
    EXPECT_EQ(decode_records<ComputeMetadata>(v).error().code, errc::trailing_bytes);
    for (std::size_t cut = 1; cut < enc.size(); cut += 7)
        EXPECT_FALSE(decode_records<ComputeMetadata>(ByteView(enc).first(cut))) << cut;
    // Claiming one record more than the columns hold.
    v = enc;
    v[1] = static_cast<std::uint8_t>(v[1] + 1);
    EXPECT_FALSE(decode_records<ComputeMetadata>(v));
    // Limits: fewer records or output bytes than the batch needs.
    EXPECT_EQ(decode_records<ComputeMetadata>(enc, {.max_records = 19}).error().code, errc::too_many_elements);
    EXPECT_EQ(decode_records<ComputeMetadata>(enc, {.max_elements = 5}).error().code, errc::too_many_elements);
    EXPECT_EQ(decode_records<ComputeMetadata>(enc, {.max_output = 100}).error().code, errc::size_limit);
    // ModelMetrics by hand, every column stored (codec 0): model_id (reference, new values), accuracy,
    // loss, layerLatencies (count, elements), activationStats (length, bytes).
    auto metrics = [](Bytes accuracy) {
        Bytes b{1, 1, 8, 0, 1, 0, 0, 32};
        b.insert(b.end(), 32, 0);
        b.push_back(0);
        b.push_back(static_cast<std::uint8_t>(accuracy.size()));
        append(b, accuracy);
        for (const Bytes& col : {Bytes{1}, Bytes{0}, Bytes{}, Bytes{0}, Bytes{}}) {
            b.push_back(0);
            b.push_back(static_cast<std::uint8_t>(col.size()));
            append(b, col);
        }
        return b;
    };
    const auto ok = decode_records<format::ModelMetrics>(metrics({6}));
    ASSERT_TRUE(ok) << ok.error().to_string();
    EXPECT_EQ((*ok)[0].accuracy, U256(5));
    EXPECT_EQ(decode_records<format::ModelMetrics>(metrics({0, 1, 5})).error().code, errc::corrupt);  // 5, long form
    EXPECT_EQ(decode_records<format::ModelMetrics>(metrics({0, 2, 0, 5})).error().code, errc::corrupt);
}

}  // namespace
}  // namespace luxl2::compress
