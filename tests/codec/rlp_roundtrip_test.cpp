// Random RLP trees round-trip, and random mutations of valid encodings are either rejected or are
// themselves canonical (decode → encode gives the same bytes): strict decoding has no second encoding.
#include <gtest/gtest.h>

#include <random>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/core/hex.hpp"

namespace luxl2::rlp {
namespace {

Item random_item(std::mt19937_64& g, int depth) {
    Item it;
    if (depth < 4 && g() % 3 == 0) {
        it.is_list = true;
        const std::size_t n = g() % 6;
        for (std::size_t i = 0; i < n; ++i) it.items.push_back(random_item(g, depth + 1));
        return it;
    }
    // Lengths around the 1-byte, 55/56 and 255/256 boundaries.
    static constexpr std::size_t kLens[] = {0, 1, 1, 1, 2, 54, 55, 56, 57, 255, 256, 1024};
    it.bytes.resize(kLens[g() % std::size(kLens)]);
    for (auto& b : it.bytes) b = static_cast<std::uint8_t>(g() % 4 == 0 ? g() % 0x80 : g());
    return it;
}

TEST(RlpRoundTrip, RandomTrees) {
    std::mt19937_64 g(17);
    for (int i = 0; i < 3000; ++i) {
        const Item item = random_item(g, 0);
        Bytes enc;
        encode(enc, item);
        const auto dec = decode_item(enc);
        ASSERT_TRUE(dec.has_value()) << to_hex(enc) << ": " << dec.error().to_string();
        ASSERT_EQ(*dec, item);
    }
}

TEST(RlpRoundTrip, MutationsAreRejectedOrCanonical) {
    std::mt19937_64 g(23);
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 3000; ++i) {
        Bytes enc;
        encode(enc, random_item(g, 0));
        for (int m = 0; m < 8; ++m) {
            Bytes mut = enc;
            switch (g() % 4) {
                case 0:
                    if (!mut.empty()) mut[g() % mut.size()] ^= static_cast<std::uint8_t>(1u << (g() % 8));
                    break;
                case 1:
                    if (!mut.empty()) mut[g() % mut.size()] = static_cast<std::uint8_t>(g());
                    break;
                case 2: mut.resize(g() % (mut.size() + 1)); break;
                default:
                    mut.insert(mut.begin() + static_cast<std::ptrdiff_t>(g() % (mut.size() + 1)),
                               static_cast<std::uint8_t>(g()));
                    break;
            }
            const auto dec = decode_item(mut);
            if (!dec) {
                ++rejected;
                EXPECT_FALSE(dec.error().code.empty());
                continue;
            }
            ++accepted;
            Bytes again;
            encode(again, *dec);
            ASSERT_EQ(to_hex(again), to_hex(mut)) << "accepted a non-canonical encoding";
        }
    }
    EXPECT_GT(rejected, 0);
    EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace luxl2::rlp
