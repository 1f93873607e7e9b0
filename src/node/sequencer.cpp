#include "luxl2/node/sequencer.hpp"

namespace luxl2::node {

void Sequencer::start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void Sequencer::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Sequencer::loop() {
    using clock = std::chrono::steady_clock;
    auto next = clock::now() + block_time_;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            if (cv_.wait_until(lock, next, [this] { return stopping_; })) return;
        }
        next += block_time_;
        if (next < clock::now()) next = clock::now() + block_time_;  // fell behind: do not burst
        const auto now =
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
        auto b = node_.produce_block(static_cast<std::uint64_t>(now.count()));
        if (b) {
            if (on_block_) on_block_(**b);
        } else if (on_error_) {
            on_error_(b.error());
        }
    }
}

}  // namespace luxl2::node
