#include <gtest/gtest.h>

#include <random>

#include "luxl2/compress/envelope.hpp"
#include "luxl2/compress/huffman.hpp"
#include "luxl2/compress/rle.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {
namespace {

Bytes sample_text(std::size_t n) {
    Bytes out;
    std::mt19937 rng(7);
    const char* words[] = {"transfer", "approve", "0xdeadbeef", " ", "gas", "nonce", "\n", "value"};
    while (out.size() < n) {
        const char* w = words[rng() % 8];
        out.insert(out.end(), w, w + std::strlen(w));
    }
    out.resize(n);
    return out;
}

Bytes random_bytes(std::size_t n, std::uint32_t seed) {
    Bytes out(n);
    std::mt19937 rng(seed);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

TEST(Codec, EveryCodecRoundTripsAtEveryLevelBoundary) {
    const std::vector<Bytes> inputs{{}, {0x42}, sample_text(100000), random_bytes(5000, 1), Bytes(70000, 0)};
    for (const auto& info : codecs()) {
        for (int level : {info.min_level, info.default_level, info.max_level}) {
            if (info.name == "zstd-long" && level > 19) continue;  // covered by zstd; 22 is slow
            if (info.name == "zstd" && level == 22) level = 20;
            for (const auto& in : inputs) {
                const CodecSpec spec{info.type, info.variant, level};
                auto block = compress_block(in, spec);
                ASSERT_TRUE(block) << info.name << ": " << block.error().to_string();
                const Bytes env = encode_envelope(*block);
                auto out = decompress_envelope(env);
                ASSERT_TRUE(out) << info.name << " level " << level << ": " << out.error().to_string();
                EXPECT_EQ(*out, in) << info.name;
            }
        }
    }
}

TEST(Codec, RegistryParsesNamesAndRejectsUnknownOnes) {
    auto z = parse_codec("zstd", 19);
    ASSERT_TRUE(z);
    EXPECT_EQ(z->type, CompressionType::kZstandard);
    EXPECT_EQ(parse_codec("zstd", 23).error().code, errc::bad_level);
    EXPECT_EQ(parse_codec("brotli", 12).error().code, errc::bad_level);
    EXPECT_EQ(parse_codec("lzma").error().code, errc::codec_not_allowed);
    EXPECT_EQ(parse_codec("lz4hc")->variant, Variant::kLz4Hc);
}

TEST(Codec, GzipAndZlibStreamsAreBothRead) {
    const Bytes in = sample_text(2000);
    auto g = compress_raw(*parse_codec("gzip"), in);
    auto z = compress_raw(*parse_codec("zlib"), in);
    ASSERT_TRUE(g && z);
    EXPECT_EQ((*g)[0], 0x1f);      // RFC 1952 magic
    EXPECT_EQ((*z)[0] & 0x0f, 8);  // RFC 1950 CM = deflate
    EXPECT_EQ(*decompress_raw(CompressionType::kGzip, *g, in.size(), 1 << 20), in);
    EXPECT_EQ(*decompress_raw(CompressionType::kGzip, *z, in.size(), 1 << 20), in);
}

TEST(Envelope, LayoutIsVersionTypeSizeHashData) {
    const Bytes in = sample_text(300);
    auto b = compress_block(in, *parse_codec("none"));
    ASSERT_TRUE(b);
    const Bytes env = encode_envelope(*b);
    ASSERT_EQ(env.size(), 2 + 2 + 32 + 1 + in.size());
    EXPECT_EQ(env[0], 1);
    EXPECT_EQ(env[1], 0);
    EXPECT_EQ(env[2], 0xac);  // varint 300
    EXPECT_EQ(env[3], 0x02);
    EXPECT_EQ(Hash32::from_view(ByteView(env).subspan(4, 32)), crypto::keccak256(in));
    EXPECT_EQ(env[36], 0);  // codec flags
}

TEST(Envelope, RejectsTamperingVersionAndUnknownCodecs) {
    const Bytes in = sample_text(5000);
    auto b = compress_block(in, *parse_codec("zstd"));
    Bytes env = encode_envelope(*b);
    Bytes bad = env;
    bad[10] ^= 1;  // inside the hash
    EXPECT_EQ(decompress_envelope(bad).error().code, errc::hash_mismatch);
    bad = env;
    bad[0] = 2;
    EXPECT_EQ(decompress_envelope(bad).error().code, errc::bad_version);
    bad = env;
    bad[1] = 7;
    EXPECT_EQ(decompress_envelope(bad).error().code, errc::codec_not_allowed);
    bad = env;
    bad.back() ^= 0x55;
    EXPECT_FALSE(decompress_envelope(bad));
    bad = env;
    bad.push_back(0);
    EXPECT_EQ(decompress_envelope(bad).error().code, errc::trailing_bytes);
    bad = env;
    bad[36] = 0x80;  // unknown flag
    EXPECT_EQ(decompress_envelope(bad).error().code, errc::bad_envelope);
}

// ---- bombs -----------------------------------------------------------------------------------------

constexpr std::uint64_t kFourGiB = 4ull << 30;

// An envelope around `stream` that declares `declared` bytes.
Bytes forge(CompressionType t, std::uint64_t declared, ByteView stream) {
    Bytes env{1, static_cast<std::uint8_t>(t)};
    put_varint(env, declared);
    env.resize(env.size() + 32);
    env.push_back(0);
    append(env, stream);
    return env;
}

TEST(Bomb, OneKiBDeclaringFourGiBIsRefusedBeforeAllocationForEveryCodec) {
    const Bytes junk = random_bytes(1024, 3);
    for (unsigned t = 0; t <= 6; ++t) {
        const Bytes env = forge(static_cast<CompressionType>(t), kFourGiB, junk);
        auto r = decompress_envelope(env);  // default limit 64 MiB
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, errc::size_limit) << t;
        EXPECT_NE(r.error().message.find("bomb"), std::string::npos);
        // Even with a limit above 4 GiB, the ratio bound or the stream itself stops it.
        auto r2 = decompress_envelope(env, {.max_output = 8ull << 30});
        ASSERT_FALSE(r2) << t;
    }
}

// Real streams of zeros that expand 16 MiB, in an envelope that declares 1 KiB: every streaming
// decoder stops after at most 1 KiB + 1 byte of output.
TEST(Bomb, StreamsExpandingPastTheirDeclaredSizeStopAtTheDeclaredSize) {
    const Bytes zeros(16u << 20, 0);
    for (const char* name : {"gzip", "zlib", "zstd", "brotli", "custom", "snappy", "lz4"}) {
        auto spec = *parse_codec(name, name == std::string("brotli") ? std::optional<int>(1) : std::nullopt);
        auto stream = compress_raw(spec, zeros);
        ASSERT_TRUE(stream) << name;
        const Bytes env = forge(spec.type, 1024, *stream);
        auto r = decompress_envelope(env);
        ASSERT_FALSE(r) << name;
        EXPECT_TRUE(r.error().code == errc::size_limit || r.error().code == errc::corrupt)
            << name << r.error().to_string();
        // Declaring the truth but limiting the output to 1 MiB refuses it up front.
        auto r2 = decompress_envelope(forge(spec.type, zeros.size(), *stream), {.max_output = 1u << 20});
        ASSERT_FALSE(r2);
        EXPECT_EQ(r2.error().code, errc::size_limit) << name;
    }
}

TEST(Bomb, CodecHeadersThatLieAreRefusedFirst) {
    // zstd: frame content size 4 GiB in an envelope of 1 KiB.
    Bytes zstd_frame{0x28, 0xb5, 0x2f, 0xfd, 0x80};  // FHD: FCS field 4 bytes... (flag 2 = 4 bytes)
    zstd_frame[4] = 0x80;                            // FCS_Field_Size flag 2 (4 bytes), no single segment
    zstd_frame.push_back(0x58);                      // window descriptor
    const std::uint32_t four_gib_minus = 0xffffffffu;
    for (int i = 0; i < 4; ++i) zstd_frame.push_back(static_cast<std::uint8_t>(four_gib_minus >> (8 * i)));
    auto z = decompress_raw(CompressionType::kZstandard, zstd_frame, 1024, 1 << 20);
    ASSERT_FALSE(z);
    EXPECT_EQ(z.error().code, errc::size_limit);
    // snappy: preamble of 4 GiB.
    Bytes snappy_stream;
    put_varint(snappy_stream, 0xffffffffu);  // snappy's lengths are 32-bit
    snappy_stream.resize(1024, 0);
    auto s = decompress_raw(CompressionType::kSnappy, snappy_stream, 1024, 1 << 20);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, errc::size_limit);
    // snappy and lz4: declared sizes beyond the format's expansion ratio never allocate.
    EXPECT_EQ(decompress_raw(CompressionType::kLZ4, random_bytes(1024, 5), 1024 * 300, 1ull << 40).error().code,
              errc::size_limit);
    EXPECT_EQ(decompress_raw(CompressionType::kSnappy, snappy_stream, 1024 * 30, 1ull << 40).error().code,
              errc::size_limit);
}

// A hand-made zstd frame of 1 KiB that expands to 32 MiB (256 RLE blocks of 128 KiB) without
// declaring its size: the stream is cut at the declared size.
TEST(Bomb, HandMadeZstdRleFrameIsCutAtTheDeclaredSize) {
    Bytes frame{0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x38};  // no FCS, window 2^17
    for (int i = 0; i < 255; ++i) {
        const std::uint32_t hdr = (128u * 1024u) << 3 | (1u << 1) | (i == 254 ? 1u : 0u);  // RLE block
        frame.push_back(static_cast<std::uint8_t>(hdr));
        frame.push_back(static_cast<std::uint8_t>(hdr >> 8));
        frame.push_back(static_cast<std::uint8_t>(hdr >> 16));
        frame.push_back(0xaa);
    }
    ASSERT_LT(frame.size(), 1030u);
    auto r = decompress_raw(CompressionType::kZstandard, frame, 4096, 64ull << 20);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::size_limit);  // its 128 KiB window is refused for 4 KiB
    auto r2 = decompress_raw(CompressionType::kZstandard, frame, 200 * 1024, 64ull << 20);
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error().code, errc::size_limit);  // cut after 200 KiB + 1
    // And it really is a valid 32 MiB frame: declared truthfully it decodes.
    auto ok = decompress_raw(CompressionType::kZstandard, frame, 255ull * 128 * 1024, 64ull << 20);
    ASSERT_TRUE(ok) << ok.error().to_string();
}

// ---- dictionaries ----------------------------------------------------------------------------------

TEST(Dictionary, StoreVerifiesIdsAndVersions) {
    DictionaryStore store;
    const Bytes d = sample_text(4000);
    auto id = store.add(d, 1);
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, crypto::keccak256(d));
    EXPECT_EQ(store.find(*id)->bytes, d);
    Hash32 wrong = *id;
    wrong[0] ^= 1;
    EXPECT_EQ(store.add_verified(d, wrong, 2).error().code, errc::dictionary_mismatch);
    EXPECT_EQ(store.add(sample_text(10), 1).error().code, errc::dictionary_mismatch);  // version taken
    ASSERT_TRUE(store.add(sample_text(5000), 2));
    EXPECT_EQ(store.latest()->version, 2u);
}

TEST(Dictionary, TrainedDictionaryIsNamedByHashAndNeededToDecompress) {
    std::vector<Bytes> samples;
    std::mt19937 rng(11);
    for (int i = 0; i < 400; ++i) {
        Bytes s = sample_text(200 + rng() % 300);
        samples.push_back(std::move(s));
    }
    auto dict = train_zstd_dictionary(samples, 4096);
    ASSERT_TRUE(dict) << dict.error().to_string();
    DictionaryStore store;
    auto id = store.add(*dict, 1);
    ASSERT_TRUE(id);
    const Bytes msg = sample_text(300);
    auto with = compress_block(msg, *parse_codec("zstd", 19), store.find(*id));
    auto without = compress_block(msg, *parse_codec("zstd", 19));
    ASSERT_TRUE(with && without);
    EXPECT_LT(with->compressed_data.size(), without->compressed_data.size());
    const Bytes env = encode_envelope(*with);
    EXPECT_EQ(decompress_envelope(env).error().code, errc::dictionary_unknown);
    auto out = decompress_envelope(env, {.dictionaries = &store});
    ASSERT_TRUE(out) << out.error().to_string();
    EXPECT_EQ(*out, msg);
    EXPECT_EQ(compress_block(msg, *parse_codec("brotli"), store.find(*id)).error().code,
              errc::dictionary_not_supported);
}

// ---- RLE and Huffman -------------------------------------------------------------------------------

TEST(Rle, KnownLayoutAndRoundTrip) {
    const Bytes in{1, 2, 2, 2, 2, 3};
    const Bytes enc = rle_encode(in);
    // literal "01" (c = 0), repeat 4 x 02 (c = (4-3)<<1|1 = 3), literal "03"
    EXPECT_EQ(enc, (Bytes{0x00, 0x01, 0x03, 0x02, 0x00, 0x03}));
    EXPECT_EQ(*rle_decode(enc, 100), in);
    for (const auto& x : {Bytes{}, Bytes(1000, 7), random_bytes(777, 2), sample_text(5000)})
        EXPECT_EQ(*rle_decode(rle_encode(x), x.size()), x);
}

TEST(Rle, RejectsNonCanonicalAndOversizedInput) {
    EXPECT_EQ(rle_decode(Bytes{0x00, 0x01, 0x00, 0x02}, 10).error().code, errc::corrupt);  // two literals
    EXPECT_EQ(rle_decode(Bytes{0x01, 0x05, 0x01, 0x05}, 10).error().code, errc::corrupt);  // split run
    EXPECT_EQ(rle_decode(Bytes{0x04, 0x05, 0x05, 0x05}, 10).error().code, errc::corrupt);  // run in literal
    EXPECT_EQ(rle_decode(Bytes{0x01, 0x05, 0x00, 0x05}, 10).error().code, errc::corrupt);  // literal continues run
    Bytes bomb;
    put_varint(bomb, (kFourGiB << 1) | 1);
    bomb.push_back(0);
    EXPECT_EQ(rle_decode(bomb, 1 << 20).error().code, errc::size_limit);
}

TEST(Huffman, RoundTripsAndIsSmallerOnSkewedData) {
    for (const auto& x : {Bytes{}, Bytes{9}, Bytes(500, 4), random_bytes(3000, 9), sample_text(20000)}) {
        const Bytes enc = huffman_encode(x);
        auto dec = huffman_decode(enc, x.size());
        ASSERT_TRUE(dec) << dec.error().to_string();
        EXPECT_EQ(*dec, x);
    }
    EXPECT_LT(huffman_encode(sample_text(20000)).size(), 20000u * 5 / 8);
    // Length-limited: a Fibonacci-like distribution would need codes longer than 12 bits.
    Bytes skew;
    std::uint64_t a = 1, b = 1;
    for (int s = 0; s < 20; ++s) {
        skew.insert(skew.end(), a, static_cast<std::uint8_t>(s));
        const auto c = a + b;
        a = b;
        b = c;
    }
    EXPECT_EQ(*huffman_decode(huffman_encode(skew), skew.size()), skew);
}

TEST(Huffman, RejectsBadTablesPaddingAndBombs) {
    Bytes enc = huffman_encode(sample_text(1000));
    Bytes bad = enc;
    bad.push_back(0);
    EXPECT_EQ(huffman_decode(bad, 1000).error().code, errc::trailing_bytes);
    EXPECT_EQ(huffman_decode(enc, 999).error().code, errc::size_limit);
    // Single symbol with code length 2: not a complete code.
    EXPECT_EQ(huffman_decode(Bytes{0x08, 0x00, 0x41, 0x20, 0x00}, 100).error().code, errc::corrupt);
    // Declares 4 GiB from 3 bytes of codes: refused before allocating (8 symbols per byte at most).
    Bytes bomb;
    put_varint(bomb, kFourGiB);
    append(bomb, Bytes{0x00, 0x41, 0x10, 0x00, 0x00, 0x00});
    EXPECT_EQ(huffman_decode(bomb, 1ull << 40).error().code, errc::corrupt);
}

}  // namespace
}  // namespace luxl2::compress
