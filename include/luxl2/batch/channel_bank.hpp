// Reassembly of L1 frames that arrive in any order, interleaved across batches, repeated or never,
// in the manner of the OP Stack's channel bank (derivation: frames are buffered per channel, a
// channel times out a fixed time after its first frame, and the bank's total size is capped by
// evicting the oldest channel). One channel = one batch (frames sharing a batch id, frames.hpp).
//
// Every frame is either buffered, completes its channel (the batch data is returned), or is dropped
// with a reason (a Result error); a dropped frame leaves the other channels untouched. Memory is
// bounded by the limits below whatever the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "luxl2/batch/frames.hpp"

namespace luxl2::batch {

struct ChannelBankLimits {
    /// Channels open at once; a frame of a new channel beyond it evicts the oldest channel.
    std::size_t max_channels = 16;
    /// Frame data buffered across all open channels; beyond it the oldest other channels are evicted
    /// (OP Stack: MaxChannelBankSize, 100 MB). A frame that cannot fit even alone is dropped.
    std::size_t max_bytes = 64u << 20;
    /// Frame data of one channel (the batch-data limit); a frame beyond it is dropped.
    std::size_t max_channel_bytes = 64u << 20;
    /// A channel whose first frame came at time t is dropped once now > t + timeout. Times are any
    /// monotone clock the caller uses consistently (OP Stack: L1 block numbers, ChannelTimeout = 300).
    std::uint64_t timeout = 300;
    /// Ids of completed channels remembered (FIFO) so that late copies of their frames are dropped as
    /// duplicates instead of opening a channel that can only time out.
    std::size_t remember_completed = 256;
};

struct ChannelBankStats {
    std::uint64_t frames_buffered = 0;  // accepted into a channel
    std::uint64_t frames_dropped = 0;   // refused by add(), or pruned behind a last frame
    std::uint64_t channels_completed = 0;
    std::uint64_t channels_corrupt = 0;  // complete, but the data did not hash to the batch id
    std::uint64_t channels_timed_out = 0;
    std::uint64_t channels_evicted = 0;  // by max_channels or max_bytes
};

class ChannelBank {
public:
    explicit ChannelBank(const ChannelBankLimits& limits = {});

    /// Offers one frame received at time `now`. Channels that timed out by `now` are dropped first.
    /// Returns the channel's batch data when this frame completes it (frames 0..last all present and
    /// their data hashing to the batch id), std::nullopt when it was buffered. A last frame prunes any
    /// buffered frames with higher indices (the OP Stack's rule). Errors, the frame dropped:
    ///   batch.frame_length     empty data or more than a blob's frame holds
    ///   batch.frame_duplicate  its index is already buffered, or its channel already completed
    ///   batch.frame_after_last its index is past the channel's last frame, or a second last frame
    ///   batch.frame_limit      the channel would exceed max_channel_bytes, or the frame max_bytes
    ///   batch.frame_corrupt    it completed the channel, whose data does not hash to the batch id
    ///                          (the whole channel is dropped; a clean resubmission can still succeed)
    [[nodiscard]] Result<std::optional<Bytes>> add(const Frame& frame, std::uint64_t now);

    /// Drops channels that timed out by `now`; returns how many.
    std::size_t expire(std::uint64_t now);

    [[nodiscard]] std::size_t channels() const noexcept { return channels_.size(); }
    [[nodiscard]] std::size_t buffered_bytes() const noexcept { return bytes_; }
    [[nodiscard]] const ChannelBankStats& stats() const noexcept { return stats_; }
    [[nodiscard]] const ChannelBankLimits& limits() const noexcept { return limits_; }

private:
    struct Channel {
        std::uint64_t opened = 0;  // time of its first frame
        std::uint64_t seq = 0;     // opening order, for eviction
        std::map<std::uint16_t, Bytes> frames;
        std::optional<std::uint16_t> last;
        std::size_t bytes = 0;
    };
    using Channels = std::map<BatchId, Channel>;

    void drop(Channels::iterator it);
    [[nodiscard]] Channels::iterator oldest_except(const BatchId* keep);
    void remember(const BatchId& id);
    [[nodiscard]] Result<std::optional<Bytes>> complete(Channels::iterator it);

    ChannelBankLimits limits_;
    Channels channels_;
    std::size_t bytes_ = 0;
    std::uint64_t next_seq_ = 0;
    std::deque<BatchId> completed_order_;
    std::set<BatchId> completed_;
    ChannelBankStats stats_;
};

}  // namespace luxl2::batch
