// Keccak-256 against the Keccak team's KATs (../shared/data/keccak256), FIPS 202 SHA3/SHAKE against
// NIST's example values, and the incremental sponge against one-shot hashing.
#include "luxl2/crypto/keccak.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "luxl2/core/hex.hpp"
#include "testing.hpp"

namespace luxl2::crypto {
namespace {

using namespace luxl2::literals;

struct Kat {
    std::size_t bits = 0;
    Bytes msg;
    Bytes md;
};

// "Len = <bits>", "Msg = <hex>", "MD = <hex>" blocks; Len = 0 carries a placeholder "Msg = 00".
std::vector<Kat> load_kats(const std::string& file) {
    std::istringstream in(luxl2::testing::read_text(luxl2::testing::data_dir() / "keccak256" / file));
    std::vector<Kat> out;
    std::string line;
    Kat cur;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("Len = ", 0) == 0) {
            cur = Kat{};
            cur.bits = std::stoul(line.substr(6));
        } else if (line.rfind("Msg = ", 0) == 0) {
            auto m = from_hex(line.substr(6));
            EXPECT_TRUE(m.has_value()) << line;
            if (m) cur.msg = cur.bits == 0 ? Bytes{} : *m;
        } else if (line.rfind("MD = ", 0) == 0) {
            auto d = from_hex(line.substr(5));
            EXPECT_TRUE(d.has_value()) << line;
            if (d) cur.md = *d;
            EXPECT_EQ(cur.msg.size() * 8, cur.bits);
            out.push_back(cur);
        }
    }
    return out;
}

TEST(Keccak256, ShortMsgKat) {
    const auto kats = load_kats("ShortMsgKAT_256.txt");
    ASSERT_EQ(kats.size(), 256u);
    for (const auto& k : kats) EXPECT_EQ(to_hex(keccak256(k.msg)), to_hex(k.md)) << "Len = " << k.bits;
    EXPECT_EQ(to_hex(keccak256(Bytes{})), "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
}

TEST(Keccak256, LongMsgKat) {
    const auto kats = load_kats("LongMsgKAT_256.txt");
    ASSERT_EQ(kats.size(), 65u);
    for (const auto& k : kats) EXPECT_EQ(to_hex(keccak256(k.msg)), to_hex(k.md)) << "Len = " << k.bits;
}

// Also exercises the incremental path: the KAT messages absorbed in random pieces.
TEST(Keccak256, ShortAndLongKatsIncremental) {
    std::mt19937_64 g(11);
    for (const char* file : {"ShortMsgKAT_256.txt", "LongMsgKAT_256.txt"})
        for (const auto& k : load_kats(file)) {
            Sponge s = keccak256_hasher();
            std::size_t off = 0;
            while (off < k.msg.size()) {
                const std::size_t n = std::min<std::size_t>(k.msg.size() - off, g() % 300);
                s.absorb(ByteView(k.msg).subspan(off, n));
                off += n;
            }
            Hash32 h;
            s.squeeze(h.bytes);
            ASSERT_EQ(to_hex(h), to_hex(k.md)) << file << " Len = " << k.bits;
        }
}

// Keccak-f[1600] applied once to the all-zero state; the Keccak team's
// "KeccakF-1600-IntermediateValues.txt" lists the result bytes E7 DD E1 40 79 8F 25 F1 8A 47 C0 33 ...
TEST(KeccakF1600, ZeroStateOnce) {
    std::uint64_t st[25] = {};
    keccak_f1600(st);
    EXPECT_EQ(st[0], 0xF1258F7940E1DDE7ULL);
    EXPECT_EQ(st[1], 0x84D5CCF933C0478AULL);
}

// 1 GiB: the 64-byte text repeated 2^24 times. Opt-in (LUXL2_LONG_TESTS=1).
TEST(LongKeccak256, ExtremelyLongMsgKat) {
    const char* env = std::getenv("LUXL2_LONG_TESTS");
    if (env == nullptr || std::string(env) != "1") GTEST_SKIP() << "set LUXL2_LONG_TESTS=1 to hash 1 GiB";
    std::istringstream in(
        luxl2::testing::read_text(luxl2::testing::data_dir() / "keccak256" / "ExtremelyLongMsgKAT_256.txt"));
    std::string line, text, md;
    std::size_t repeat = 0;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("Repeat = ", 0) == 0) repeat = std::stoul(line.substr(9));
        if (line.rfind("Text = ", 0) == 0) text = line.substr(7);
        if (line.rfind("MD = ", 0) == 0) md = line.substr(5);
    }
    ASSERT_EQ(repeat, 16777216u);
    ASSERT_EQ(text.size(), 64u);
    // Absorb 1 MiB chunks of the repeated text.
    Bytes chunk;
    for (int i = 0; i < 16384; ++i) chunk.insert(chunk.end(), text.begin(), text.end());
    Sponge s = keccak256_hasher();
    for (std::size_t i = 0; i < repeat / 16384; ++i) s.absorb(chunk);
    Hash32 h;
    s.squeeze(h.bytes);
    EXPECT_EQ(to_hex(h), to_hex(*from_hex(md)));
}

// NIST FIPS 202 example values: CSRC "Cryptographic Standards and Guidelines: Examples with
// Intermediate Values", https://csrc.nist.gov/projects/cryptographic-standards-and-guidelines/example-values
// (SHA3-256_Msg0.pdf, SHA3-256_1600.pdf, SHA3-512_Msg0.pdf, SHA3-512_1600.pdf, SHAKE128_Msg0.pdf,
// SHAKE128_Msg1600.pdf, SHAKE256_Msg0.pdf, SHAKE256_Msg1600.pdf), where the 1600-bit message is the
// byte 0xA3 repeated 200 times and SHAKE outputs are 4096 bits; plus the "abc" and 448-bit
// "abcdbcdecdefdefg..." messages of the same page's SHA-3 examples. The SHAKE values below are the
// first and last 32 bytes of those 4096-bit outputs (the last ones come from the fourth squeezed
// block of SHAKE128 and the fourth of SHAKE256, so they test multi-block squeezing). All were also
// reproduced with OpenSSL 3 (Python hashlib) when this file was written.
const Bytes kA3x200(200, 0xa3);
const Bytes kAbc = {'a', 'b', 'c'};
const std::string k448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

TEST(Sha3, Sha3_256NistExamples) {
    EXPECT_EQ(to_hex(sha3_256(Bytes{})), "0xa7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    EXPECT_EQ(to_hex(sha3_256(kA3x200)), "0x79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787");
    EXPECT_EQ(to_hex(sha3_256(kAbc)), "0x3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    EXPECT_EQ(to_hex(sha3_256(Bytes(k448.begin(), k448.end()))),
              "0x41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376");
}

TEST(Sha3, Sha3_512NistExamples) {
    EXPECT_EQ(to_hex(sha3_512(Bytes{})),
              "0xa69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a6"
              "15b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26");
    EXPECT_EQ(to_hex(sha3_512(kA3x200)),
              "0xe76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca8"
              "1b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00");
    EXPECT_EQ(to_hex(sha3_512(kAbc)),
              "0xb751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
              "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0");
}

struct ShakeCase {
    const char* name;
    void (*fn)(ByteView, std::span<std::uint8_t>);
    const Bytes* msg;
    const char* first32;
    const char* last32;
};

TEST(Sha3, ShakeNistExamples4096Bits) {
    const Bytes empty;
    const ShakeCase cases[] = {
        {"SHAKE128 Msg0", shake128, &empty, "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
         "43e41b45a653f2a5c4492c1add544512dda2529833462b71a41a45be97290b6f"},
        {"SHAKE128 Msg1600", shake128, &kA3x200, "131ab8d2b594946b9c81333f9bb6e0ce75c3b93104fa3469d3917457385da037",
         "44c9fb359fd56ac0a9a75a743cff6862f17d7259ab075216c0699511643b6439"},
        {"SHAKE256 Msg0", shake256, &empty, "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f",
         "ab0bae316339894304e35877b0c28a9b1fd166c796b9cc258a064a8f57e27f2a"},
        {"SHAKE256 Msg1600", shake256, &kA3x200, "cd8a920ed141aa0407a22d59288652e9d9f1a7ee0c1e7c1ca699424da84a904d",
         "6a1a9d7846436e4dca5728b6f760eef0ca92bf0be5615e96959d767197a0beeb"},
    };
    for (const auto& c : cases) {
        Bytes out(512);
        c.fn(*c.msg, out);
        EXPECT_EQ(to_hex(ByteView(out).first(32), false), c.first32) << c.name;
        EXPECT_EQ(to_hex(ByteView(out).last(32), false), c.last32) << c.name;
        // A shorter output is a prefix of a longer one (XOF property).
        Bytes short_out(32);
        c.fn(*c.msg, short_out);
        EXPECT_TRUE(equal(short_out, ByteView(out).first(32))) << c.name;
    }
}

// The same bytes, absorbed and squeezed in random pieces, give the one-shot result; squeezes cross
// rate boundaries (136/168/72 bytes) at random offsets.
TEST(Sponge, RandomSplitsEqualOneShot) {
    struct Param {
        std::size_t rate;
        std::uint8_t domain;
    };
    const Param params[] = {{136, 0x01}, {136, 0x06}, {72, 0x06}, {168, 0x1f}, {136, 0x1f}};
    std::mt19937_64 g(2024);
    for (const auto& p : params)
        for (int round = 0; round < 200; ++round) {
            Bytes msg(g() % 1000);
            for (auto& b : msg) b = static_cast<std::uint8_t>(g());
            const std::size_t out_len = 1 + g() % 1200;

            Sponge one(p.rate, p.domain);
            one.absorb(msg);
            Bytes expect(out_len);
            one.squeeze(expect);

            Sponge inc(p.rate, p.domain);
            std::size_t off = 0;
            while (off < msg.size()) {
                // Mix tiny, empty, exactly-rate and large pieces.
                std::size_t n;
                switch (g() % 4) {
                    case 0: n = g() % 3; break;
                    case 1: n = p.rate; break;
                    case 2: n = p.rate - (off % p.rate); break;
                    default: n = g() % 400; break;
                }
                n = std::min(n, msg.size() - off);
                inc.absorb(ByteView(msg).subspan(off, n));
                off += n;
            }
            Bytes got(out_len);
            std::size_t pos = 0;
            while (pos < out_len) {
                std::size_t n = (g() % 2) ? g() % 5 : g() % 300;
                n = std::min(n, out_len - pos);
                inc.squeeze(std::span<std::uint8_t>(got).subspan(pos, n));
                pos += n;
            }
            ASSERT_EQ(got, expect) << "rate " << p.rate << " round " << round;
        }
}

TEST(Sponge, HashersMatchOneShotAndReset) {
    const Bytes msg(500, 0x5a);
    Sponge s = sha3_256_hasher();
    s.absorb(msg);
    Hash32 h;
    s.squeeze(h.bytes);
    EXPECT_EQ(h, sha3_256(msg));
    s.reset();
    s.absorb(kA3x200);
    s.squeeze(h.bytes);
    EXPECT_EQ(to_hex(h), "0x79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787");

    Sponge k = shake128_hasher();
    k.absorb(ByteView(kA3x200).first(100));
    k.absorb(ByteView(kA3x200).subspan(100));
    Bytes out(512);
    // Squeeze one byte at a time across three 168-byte block boundaries.
    for (std::size_t i = 0; i < out.size(); ++i) k.squeeze(std::span<std::uint8_t>(out).subspan(i, 1));
    EXPECT_EQ(to_hex(ByteView(out).last(32), false),
              "44c9fb359fd56ac0a9a75a743cff6862f17d7259ab075216c0699511643b6439");

    Sponge kk = keccak256_hasher();
    Hash32 e;
    kk.squeeze(e.bytes);
    EXPECT_EQ(e, keccak256(Bytes{}));
}

}  // namespace
}  // namespace luxl2::crypto
