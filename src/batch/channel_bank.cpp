#include "luxl2/batch/channel_bank.hpp"

#include <limits>
#include <string>

#include "luxl2/core/hex.hpp"

namespace luxl2::batch {

namespace {

constexpr std::size_t kMaxFrameData = kBlobUsableBytes - kFrameHeaderSize;

std::string frame_name(const Frame& f) {
    return "frame " + std::to_string(f.index) + " of batch " + to_hex(f.batch_id.view());
}

bool timed_out(std::uint64_t opened, std::uint64_t timeout, std::uint64_t now) {
    return opened <= std::numeric_limits<std::uint64_t>::max() - timeout && now > opened + timeout;
}

}  // namespace

ChannelBank::ChannelBank(const ChannelBankLimits& limits) : limits_(limits) {
    LUXL2_ASSERT(limits_.max_channels >= 1 && limits_.max_bytes >= 1 && limits_.max_channel_bytes >= 1);
}

void ChannelBank::drop(Channels::iterator it) {
    bytes_ -= it->second.bytes;
    channels_.erase(it);
}

ChannelBank::Channels::iterator ChannelBank::oldest_except(const BatchId* keep) {
    auto best = channels_.end();
    for (auto it = channels_.begin(); it != channels_.end(); ++it) {
        if (keep != nullptr && it->first == *keep) continue;
        if (best == channels_.end() || it->second.seq < best->second.seq) best = it;
    }
    return best;
}

void ChannelBank::remember(const BatchId& id) {
    if (limits_.remember_completed == 0) return;
    if (!completed_.insert(id).second) return;
    completed_order_.push_back(id);
    if (completed_order_.size() > limits_.remember_completed) {
        completed_.erase(completed_order_.front());
        completed_order_.pop_front();
    }
}

std::size_t ChannelBank::expire(std::uint64_t now) {
    std::size_t n = 0;
    for (auto it = channels_.begin(); it != channels_.end();) {
        if (timed_out(it->second.opened, limits_.timeout, now)) {
            const auto next = std::next(it);
            drop(it);
            it = next;
            ++n;
        } else {
            ++it;
        }
    }
    stats_.channels_timed_out += n;
    return n;
}

Result<std::optional<Bytes>> ChannelBank::complete(Channels::iterator it) {
    Bytes data;
    data.reserve(it->second.bytes);
    for (const auto& [index, part] : it->second.frames) data.insert(data.end(), part.begin(), part.end());
    const BatchId id = it->first;
    drop(it);
    if (batch_id_of(data) != id) {
        ++stats_.channels_corrupt;
        return fail(errc::frame_corrupt, "batch " + to_hex(id.view()) + ": data does not hash to the batch id");
    }
    ++stats_.channels_completed;
    remember(id);
    return std::optional<Bytes>(std::move(data));
}

Result<std::optional<Bytes>> ChannelBank::add(const Frame& f, std::uint64_t now) {
    expire(now);
    auto refuse = [this, &f](std::string_view code, std::string_view why) -> Result<std::optional<Bytes>> {
        ++stats_.frames_dropped;
        return fail(code, frame_name(f) + ": " + std::string(why));
    };
    if (f.data.empty() || f.data.size() > kMaxFrameData) return refuse(errc::frame_length, "data size out of range");
    if (f.data.size() > limits_.max_channel_bytes || f.data.size() > limits_.max_bytes)
        return refuse(errc::frame_limit, "larger than the bank's limits");
    if (completed_.contains(f.batch_id)) return refuse(errc::frame_duplicate, "its batch is already complete");

    auto it = channels_.find(f.batch_id);
    if (it != channels_.end()) {
        Channel& c = it->second;
        if (c.frames.contains(f.index)) return refuse(errc::frame_duplicate, "index already received");
        if (c.last && f.index > *c.last) return refuse(errc::frame_after_last, "index past the last frame");
        if (c.last && f.last) return refuse(errc::frame_after_last, "a second last frame");
        if (c.bytes + f.data.size() > limits_.max_channel_bytes)
            return refuse(errc::frame_limit, "the batch data would exceed the channel limit");
    }
    const std::size_t own = it == channels_.end() ? 0 : it->second.bytes;
    if (own + f.data.size() > limits_.max_bytes)
        return refuse(errc::frame_limit, "the batch data would exceed the bank's byte limit");
    // Room: evict the oldest other channels while the bank is full.
    while (bytes_ + f.data.size() > limits_.max_bytes) {
        const auto victim = oldest_except(&f.batch_id);
        LUXL2_ASSERT(victim != channels_.end());  // its own channel plus the frame fits (checked above)
        drop(victim);
        ++stats_.channels_evicted;
    }
    if (it == channels_.end()) {
        while (channels_.size() >= limits_.max_channels) {
            drop(oldest_except(nullptr));
            ++stats_.channels_evicted;
        }
        it = channels_.emplace(f.batch_id, Channel{now, next_seq_++, {}, std::nullopt, 0}).first;
    }
    Channel& c = it->second;
    if (f.last) {
        c.last = f.index;
        // Frames numbered past the last one cannot belong to this batch.
        for (auto hi = c.frames.upper_bound(f.index); hi != c.frames.end();) {
            c.bytes -= hi->second.size();
            bytes_ -= hi->second.size();
            hi = c.frames.erase(hi);
            ++stats_.frames_dropped;
        }
    }
    c.frames.emplace(f.index, f.data);
    c.bytes += f.data.size();
    bytes_ += f.data.size();
    ++stats_.frames_buffered;
    if (c.last && c.frames.size() == std::size_t{*c.last} + 1) return complete(it);
    return std::optional<Bytes>{};
}

}  // namespace luxl2::batch
