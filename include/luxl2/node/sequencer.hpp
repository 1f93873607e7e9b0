// The block loop: every block time, the node produces (and commits) the next block.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "luxl2/node/node.hpp"

namespace luxl2::node {

class Sequencer {
public:
    using OnBlock = std::function<void(const BlockRecord&)>;
    using OnError = std::function<void(const Error&)>;

    Sequencer(Node& node, std::chrono::milliseconds block_time, OnBlock on_block, OnError on_error)
        : node_(node), block_time_(block_time), on_block_(std::move(on_block)), on_error_(std::move(on_error)) {}
    ~Sequencer() { stop(); }
    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    void start();
    /// Stops after the block in progress (if any) is committed; idempotent.
    void stop();

private:
    void loop();
    Node& node_;
    std::chrono::milliseconds block_time_;
    OnBlock on_block_;
    OnError on_error_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace luxl2::node
