#include "luxl2/node/rollup_service.hpp"

namespace luxl2::node {

RollupService::RollupService(l1::EmbeddedL1& l1, const BlockSource& blocks, Node* node, RollupServiceConfig config,
                             OnBatch on_batch, OnAction on_action, OnError on_error)
    : l1_(l1),
      config_(config),
      batcher_(l1, blocks, config.batcher),
      proposer_(l1, blocks, config.proposer),
      on_batch_(std::move(on_batch)),
      on_action_(std::move(on_action)),
      on_error_(std::move(on_error)) {
    if (node) deposits_.emplace(l1, *node, config.batcher.sequencer);
}

void RollupService::start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { loop(); });
}

void RollupService::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void RollupService::loop() {
    using clock = std::chrono::steady_clock;
    auto next_l1 = clock::now() + config_.l1_block_time;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            if (cv_.wait_until(lock, std::min(next_l1, clock::now() + config_.tick), [this] { return stopping_; }))
                return;
        }
        const auto wall = static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                .count());
        if (clock::now() >= next_l1) {
            next_l1 += config_.l1_block_time;
            const auto head = l1_.head();
            if (!head) {
                on_error_(head.error());
                continue;
            }
            if (auto m = l1_.mine_block(std::max(wall, head->timestamp + 1)); !m) on_error_(m.error());
        }
        if (deposits_)
            if (auto d = deposits_->step(); !d) on_error_(d.error());
        if (auto b = batcher_.step(wall); !b)
            on_error_(b.error());
        else if (*b)
            on_batch_(**b);
        if (auto acts = proposer_.step(); !acts)
            on_error_(acts.error());
        else
            for (const auto& a : *acts) on_action_(a);
    }
}

}  // namespace luxl2::node
