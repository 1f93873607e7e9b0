// The rollup roles on their own thread, for the devnet: mines an embedded L1 block every L1 block
// time (timestamps from the wall clock, strictly increasing), and on each tick hands the L1's new
// deposits to the node and reports included ones (deposit_relay.hpp), lets the batcher submit what
// is due and the proposer propose and finalize. Failures are reported and retried on the
// next tick (the batcher and proposer read their progress from the L1, so a retry neither skips nor
// repeats anything).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/node/batcher.hpp"
#include "luxl2/node/deposit_relay.hpp"
#include "luxl2/node/proposer.hpp"

namespace luxl2::node {

struct RollupServiceConfig {
    std::chrono::milliseconds l1_block_time{1000};
    std::chrono::milliseconds tick{500};
    BatcherConfig batcher;
    ProposerConfig proposer;
};

class RollupService {
public:
    using OnBatch = std::function<void(const BatchReport&)>;
    using OnAction = std::function<void(const ProposerAction&)>;
    using OnError = std::function<void(const Error&)>;

    /// With `node`, also relays deposits into it (as the sequencer `config.batcher.sequencer`).
    RollupService(l1::EmbeddedL1& l1, const BlockSource& blocks, Node* node, RollupServiceConfig config,
                  OnBatch on_batch, OnAction on_action, OnError on_error);
    ~RollupService() { stop(); }
    RollupService(const RollupService&) = delete;
    RollupService& operator=(const RollupService&) = delete;

    void start();
    /// Stops after the step in progress; idempotent.
    void stop();

private:
    void loop();
    l1::EmbeddedL1& l1_;
    RollupServiceConfig config_;
    Batcher batcher_;
    Proposer proposer_;
    std::optional<DepositRelay> deposits_;
    OnBatch on_batch_;
    OnAction on_action_;
    OnError on_error_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace luxl2::node
