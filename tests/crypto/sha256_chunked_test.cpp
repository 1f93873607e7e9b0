// SHA-256 in lanes against OpenSSL's one-at-a-time SHA-256, and the chunked tree against its
// definition written out with plain SHA-256.
#include "luxl2/crypto/sha256_chunked.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/sha256.hpp"

namespace luxl2::crypto {
namespace {

Bytes random_bytes(std::size_t n, std::uint32_t seed) {
    std::mt19937 rng(seed);
    Bytes b(n);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

// Every padding case (tail of 0..63 bytes, one or two padding blocks) and every lane count 1..9,
// through both builds of the lanes (with and without AVX-512VL registers).
class Sha256SameLength : public ::testing::TestWithParam<bool> {
protected:
    void SetUp() override { allow_sha256_lanes_avx512(GetParam()); }
    void TearDown() override { allow_sha256_lanes_avx512(true); }
};

TEST_P(Sha256SameLength, MatchesOneAtATime) {
    for (std::size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 127u, 128u, 1000u, 16384u}) {
        for (std::size_t n = 1; n <= 9; ++n) {
            std::vector<Bytes> msgs;
            for (std::size_t i = 0; i < n; ++i)
                msgs.push_back(random_bytes(len, static_cast<std::uint32_t>(len * 31 + i)));
            std::vector<const std::uint8_t*> in;
            for (const auto& m : msgs) in.push_back(m.data());
            std::vector<Hash32> got(n);
            std::vector<std::uint8_t*> out;
            for (auto& g : got) out.push_back(g.data());
            sha256_same_length(in.data(), len, out.data(), n);
            for (std::size_t i = 0; i < n; ++i) EXPECT_EQ(got[i], sha256(msgs[i])) << "len " << len << " lane " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Builds, Sha256SameLength, ::testing::Bool());

TEST(Sha256SameLengthKat, Abc) {
    const Bytes abc{'a', 'b', 'c'};
    const std::uint8_t* in[4] = {abc.data(), abc.data(), abc.data(), abc.data()};
    Hash32 out[4];
    std::uint8_t* outs[4] = {out[0].data(), out[1].data(), out[2].data(), out[3].data()};
    sha256_same_length(in, 3, outs, 4);
    for (const auto& h : out)
        EXPECT_EQ(to_hex(h), "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-4
}

Hash32 reference_tree(ByteView s) {
    Bytes top(8);
    store_be64(top.data(), s.size());
    for (std::size_t off = 0; off < s.size(); off += Sha256Chunked::kChunk)
        append(top, sha256(s.subspan(off, std::min(Sha256Chunked::kChunk, s.size() - off))));
    return sha256(top);
}

TEST(Sha256Chunked, MatchesDefinition) {
    constexpr std::size_t C = Sha256Chunked::kChunk;
    for (std::size_t len : {std::size_t{0}, std::size_t{1}, C - 1, C, C + 1, 3 * C + 5, 4 * C, 4 * C + 64, 9 * C + 77,
                            std::size_t{1078956}}) {
        const Bytes s = random_bytes(len, static_cast<std::uint32_t>(len));
        const Hash32 want = reference_tree(s);
        EXPECT_EQ(sha256_chunked(s), want) << len;
        // Fed in uneven pieces: the same tree.
        std::mt19937 rng(static_cast<std::uint32_t>(len) + 7);
        Sha256Chunked h;
        for (std::size_t off = 0; off < len;) {
            const std::size_t piece = std::min<std::size_t>(len - off, rng() % (3 * C));
            h.update(ByteView(s).subspan(off, piece));
            off += piece;
        }
        EXPECT_EQ(h.finish(), want) << len;
    }
}

TEST(Sha256Chunked, EmptyIsHashOfZeroLength) {
    EXPECT_EQ(sha256_chunked({}), sha256(Bytes(8, 0)));
}

}  // namespace
}  // namespace luxl2::crypto
