// ChannelBank: frames of several batches arriving reordered, interleaved, repeated or missing; the
// timeout; eviction by channel count and bytes; corrupt channels; the memory bound under a random
// stream.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "luxl2/batch/channel_bank.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::batch {
namespace {

// Batch data of `n` pseudo-random bytes (the bank never decodes it, it only checks the batch id).
Bytes data_of(std::size_t n, std::uint8_t seed) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(seed * 31 + i * 7 + (i >> 8));
    return out;
}

std::vector<Frame> frames_of(const Bytes& data, std::size_t frame_size = 100) {
    auto f = split_frames(data, frame_size);
    if (!f) throw std::runtime_error(f.error().to_string());
    return std::move(*f);
}

// Feeds frames at time `now`; returns every batch completed, in completion order.
std::vector<Bytes> feed(ChannelBank& bank, const std::vector<Frame>& frames, std::uint64_t now = 0) {
    std::vector<Bytes> done;
    for (const auto& f : frames) {
        auto r = bank.add(f, now);
        EXPECT_TRUE(r) << r.error().to_string();
        if (r && *r) done.push_back(std::move(**r));
    }
    return done;
}

TEST(ChannelBank, AnyOrderCompletes) {
    const Bytes data = data_of(1000, 1);
    const auto frames = frames_of(data);
    ASSERT_GE(frames.size(), 8u);
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        auto shuffled = frames;
        if (round == 1) std::reverse(shuffled.begin(), shuffled.end());
        if (round > 1) std::shuffle(shuffled.begin(), shuffled.end(), rng);
        ChannelBank bank;
        const auto done = feed(bank, shuffled);
        ASSERT_EQ(done.size(), 1u) << round;
        EXPECT_EQ(done[0], data);
        EXPECT_EQ(bank.channels(), 0u);
        EXPECT_EQ(bank.buffered_bytes(), 0u);
        EXPECT_EQ(bank.stats().channels_completed, 1u);
        EXPECT_EQ(bank.stats().frames_dropped, 0u);
    }
}

TEST(ChannelBank, InterleavedBatches) {
    const Bytes a = data_of(900, 1), b = data_of(700, 2), c = data_of(50, 3);
    const auto fa = frames_of(a), fb = frames_of(b), fc = frames_of(c);
    std::vector<Frame> all;
    all.insert(all.end(), fa.begin(), fa.end());
    all.insert(all.end(), fb.begin(), fb.end());
    all.insert(all.end(), fc.begin(), fc.end());
    std::shuffle(all.begin(), all.end(), std::mt19937(3));
    ChannelBank bank;
    auto done = feed(bank, all);
    ASSERT_EQ(done.size(), 3u);
    std::sort(done.begin(), done.end(), [](const Bytes& x, const Bytes& y) { return x.size() > y.size(); });
    EXPECT_EQ(done[0], a);
    EXPECT_EQ(done[1], b);
    EXPECT_EQ(done[2], c);
    EXPECT_EQ(bank.channels(), 0u);
}

TEST(ChannelBank, DuplicatesAreDropped) {
    const Bytes data = data_of(500, 4);
    const auto frames = frames_of(data);
    ChannelBank bank;
    ASSERT_TRUE(bank.add(frames[1], 0));
    auto again = bank.add(frames[1], 0);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, errc::frame_duplicate);
    // A duplicate index with other data is dropped too: the first copy stays.
    Frame other = frames[1];
    other.data[0] ^= 0xff;
    EXPECT_EQ(bank.add(other, 0).error().code, errc::frame_duplicate);
    std::vector<Frame> rest(frames.begin(), frames.end());
    rest.erase(rest.begin() + 1);
    const auto done = feed(bank, rest);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0], data);
    // Late copies of a completed batch do not reopen it.
    EXPECT_EQ(bank.add(frames[0], 1).error().code, errc::frame_duplicate);
    EXPECT_EQ(bank.channels(), 0u);
    EXPECT_EQ(bank.stats().frames_dropped, 3u);
}

TEST(ChannelBank, MissingFrameTimesOut) {
    ChannelBankLimits lim;
    lim.timeout = 10;
    ChannelBank bank(lim);
    const Bytes data = data_of(600, 5);
    auto frames = frames_of(data);
    const Frame missing = frames[2];
    frames.erase(frames.begin() + 2);
    EXPECT_TRUE(feed(bank, frames, 100).empty());
    EXPECT_EQ(bank.channels(), 1u);
    EXPECT_GT(bank.buffered_bytes(), 0u);
    EXPECT_EQ(bank.expire(110), 0u);  // now == opened + timeout: still open
    // In time, the missing frame completes it.
    {
        ChannelBank copy = bank;
        auto r = copy.add(missing, 110);
        ASSERT_TRUE(r && *r);
        EXPECT_EQ(**r, data);
    }
    // Too late: the channel is gone, the frame opens a new one that cannot complete alone.
    auto late = bank.add(missing, 111);
    ASSERT_TRUE(late);
    EXPECT_FALSE(*late);
    EXPECT_EQ(bank.stats().channels_timed_out, 1u);
    EXPECT_EQ(bank.channels(), 1u);
    EXPECT_EQ(bank.buffered_bytes(), missing.data.size());
    EXPECT_EQ(bank.expire(200), 1u);
    EXPECT_EQ(bank.buffered_bytes(), 0u);
    // A full resubmission after the timeout succeeds.
    auto all = frames_of(data);
    EXPECT_EQ(feed(bank, all, 300).size(), 1u);
}

TEST(ChannelBank, LastFrameRules) {
    const Bytes data = data_of(500, 6);
    const auto frames = frames_of(data);
    const auto n = static_cast<std::uint16_t>(frames.size());
    {
        // Frames past the last one are dropped once the last is known.
        ChannelBank bank;
        ASSERT_TRUE(bank.add(frames.back(), 0));
        Frame past = frames[0];
        past.index = n;
        EXPECT_EQ(bank.add(past, 0).error().code, errc::frame_after_last);
        Frame second_last = frames[0];
        second_last.index = 1;
        second_last.last = true;
        EXPECT_EQ(bank.add(second_last, 0).error().code, errc::frame_after_last);
        EXPECT_EQ(feed(bank, std::vector<Frame>(frames.begin(), frames.end() - 1)).size(), 1u);
    }
    {
        // A bogus frame numbered past the end arrives first: the last frame prunes it.
        ChannelBank bank;
        Frame bogus = frames[0];
        bogus.index = static_cast<std::uint16_t>(n + 5);
        ASSERT_TRUE(bank.add(bogus, 0));
        const auto done = feed(bank, frames);
        ASSERT_EQ(done.size(), 1u);
        EXPECT_EQ(done[0], data);
        EXPECT_EQ(bank.stats().frames_dropped, 1u);
        EXPECT_EQ(bank.buffered_bytes(), 0u);
    }
}

TEST(ChannelBank, CorruptChannelIsDropped) {
    const Bytes data = data_of(500, 7);
    const auto frames = frames_of(data);
    ChannelBank bank;
    auto bad = frames;
    bad[1].data[3] ^= 1;
    for (std::size_t i = 0; i + 1 < bad.size(); ++i) ASSERT_TRUE(bank.add(bad[i], 0));
    auto r = bank.add(bad.back(), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::frame_corrupt);
    EXPECT_EQ(bank.channels(), 0u);
    EXPECT_EQ(bank.stats().channels_corrupt, 1u);
    // Not remembered as complete: the honest frames still get through.
    EXPECT_EQ(feed(bank, frames).size(), 1u);
}

TEST(ChannelBank, ChannelCountEvictsOldest) {
    ChannelBankLimits lim;
    lim.max_channels = 2;
    ChannelBank bank(lim);
    const Bytes a = data_of(300, 8), b = data_of(300, 9), c = data_of(300, 10);
    const auto fa = frames_of(a), fb = frames_of(b), fc = frames_of(c);
    ASSERT_TRUE(bank.add(fa[0], 0));
    ASSERT_TRUE(bank.add(fb[0], 0));
    ASSERT_TRUE(bank.add(fc[0], 0));  // evicts a's channel
    EXPECT_EQ(bank.channels(), 2u);
    EXPECT_EQ(bank.stats().channels_evicted, 1u);
    EXPECT_EQ(feed(bank, std::vector<Frame>(fb.begin() + 1, fb.end())).size(), 1u);
    EXPECT_EQ(feed(bank, std::vector<Frame>(fc.begin() + 1, fc.end())).size(), 1u);
    // a lost its first frame: the rest alone does not complete.
    EXPECT_TRUE(feed(bank, std::vector<Frame>(fa.begin() + 1, fa.end())).empty());
}

TEST(ChannelBank, ByteLimits) {
    ChannelBankLimits lim;
    lim.max_bytes = 400;
    lim.max_channel_bytes = 350;
    ChannelBank bank(lim);
    const Bytes a = data_of(300, 11), b = data_of(300, 12), big = data_of(380, 13);
    const auto fa = frames_of(a), fb = frames_of(b), fbig = frames_of(big);
    // A whole channel over max_channel_bytes: the frame that crosses it is dropped.
    std::size_t refused = 0;
    for (const auto& f : fbig) {
        auto r = bank.add(f, 0);
        if (!r) {
            EXPECT_EQ(r.error().code, errc::frame_limit);
            ++refused;
        }
    }
    EXPECT_EQ(refused, 1u);
    EXPECT_LE(bank.buffered_bytes(), 350u);
    // Two channels of 300 do not fit in 400: the older is evicted to make room.
    ChannelBank bank2(lim);
    for (std::size_t i = 0; i + 1 < fa.size(); ++i) ASSERT_TRUE(bank2.add(fa[i], 0));
    EXPECT_EQ(feed(bank2, fb).size(), 1u);
    EXPECT_GE(bank2.stats().channels_evicted, 1u);
    EXPECT_LE(bank2.buffered_bytes(), 400u);
    // A frame larger than the whole bank is refused.
    ChannelBankLimits tiny;
    tiny.max_bytes = 10;
    ChannelBank bank3(tiny);
    EXPECT_EQ(bank3.add(fa[0], 0).error().code, errc::frame_limit);
    // Empty data is refused.
    Frame empty = fa[0];
    empty.data.clear();
    EXPECT_EQ(bank.add(empty, 0).error().code, errc::frame_length);
}

TEST(ChannelBank, RandomStreamStaysWithinLimits) {
    ChannelBankLimits lim;
    lim.max_channels = 3;
    lim.max_bytes = 2000;
    lim.max_channel_bytes = 1500;
    lim.timeout = 40;
    lim.remember_completed = 4;
    std::vector<Bytes> datas;
    std::vector<std::vector<Frame>> queues;  // each batch's frames, shuffled
    std::vector<Frame> pool;                 // every frame, for stray duplicates
    std::mt19937 rng(11);
    for (std::size_t s = 0; s < 12; ++s) {
        datas.push_back(data_of(200 + 150 * (s % 8), static_cast<std::uint8_t>(s)));
        auto fs = frames_of(datas.back(), 40 + 40 * (s % 3));
        pool.insert(pool.end(), fs.begin(), fs.end());
        std::shuffle(fs.begin(), fs.end(), rng);
        queues.push_back(std::move(fs));
    }
    ChannelBank bank(lim);
    std::size_t completed = 0, next = 0;
    for (std::uint64_t t = 0; t < 3000; ++t) {
        Frame f;
        // Mostly the next frame of one of the three oldest unfinished batches, interleaved; sometimes a
        // stray copy of any frame, now and then a corrupt one.
        while (next < queues.size() && queues[next].empty()) ++next;
        if (next == queues.size() || rng() % 8 == 0) {
            f = pool[rng() % pool.size()];
        } else {
            std::size_t q = next + rng() % 3;
            while (q >= queues.size() || queues[q].empty()) q = q == 0 ? next : q - 1;
            f = queues[q].back();
            queues[q].pop_back();
        }
        if (rng() % 50 == 0) f.data[0] ^= 1;
        auto r = bank.add(f, t / 10);
        if (r && *r) {
            ++completed;
            EXPECT_TRUE(std::find(datas.begin(), datas.end(), **r) != datas.end());
        }
        ASSERT_LE(bank.buffered_bytes(), lim.max_bytes);
        ASSERT_LE(bank.channels(), lim.max_channels);
    }
    EXPECT_GT(completed, 0u);
    const auto& s = bank.stats();
    EXPECT_GE(s.frames_buffered + s.frames_dropped, 3000u);
}

}  // namespace
}  // namespace luxl2::batch
