// kill -9 the node at random moments while it takes transactions and seals blocks; after each kill
// the node reopens at (at least) its last acknowledged block, its state root equals the replay of all
// blocks from genesis, and the next run continues the chain.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "luxl2/node/replay.hpp"
#include "node_testing.hpp"

namespace luxl2::node {
namespace {

using namespace testing;

[[noreturn]] void run_node(const std::string& dir, int ack_fd) {
    auto kv = state::open_rocksdb(dir);
    if (!kv) _exit(3);
    auto n = Node::open(std::move(*kv), dev_config());
    if (!n) _exit(4);
    Node& node = **n;
    for (std::uint64_t round = 0;; ++round) {
        for (std::size_t s = 0; s < 5; ++s) {
            const std::size_t who = (round + s) % 10;
            const auto acc = node.state().account(dev()[who].address);
            if (!acc) _exit(5);
            const auto tx = transfer(who, acc->nonce, addr(static_cast<std::uint8_t>(round % 7)), U256(round + 1));
            if (!node.send_raw_transaction(format::encode_transaction(tx))) _exit(6);
        }
        auto b = node.produce_block(1'700'000'000 + node.head_number());
        if (!b || (*b)->tx_count() != 5) _exit(7);
        // Acknowledge only after the block's batch is written.
        const std::uint64_t num = (*b)->number;
        if (::write(ack_fd, &num, sizeof num) != static_cast<ssize_t>(sizeof num)) _exit(8);
    }
}

TEST(NodeCrash, ResumesAtLastCommittedBlockAndMatchesReplay) {
    const auto dir =
        (std::filesystem::temp_directory_path() / ("luxl2-node-crash-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    std::uint64_t last_head = 0;
    for (int round = 0; round < 4; ++round) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            run_node(dir, fds[1]);
        }
        ::close(fds[1]);
        std::uint64_t acked = 0;
        const int wait_blocks = 2 + static_cast<int>(rng() % 6);
        for (int i = 0; i < wait_blocks; ++i)
            ASSERT_EQ(::read(fds[0], &acked, sizeof acked), static_cast<ssize_t>(sizeof acked));
        std::this_thread::sleep_for(std::chrono::microseconds(rng() % 20'000));
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status)) << "node exited on its own with " << WEXITSTATUS(status);
        for (std::uint64_t more; ::read(fds[0], &more, sizeof more) == static_cast<ssize_t>(sizeof more);) acked = more;
        ::close(fds[0]);

        auto kv = state::open_rocksdb(dir);
        ASSERT_TRUE(kv) << kv.error().to_string();
        auto n = Node::open(std::move(*kv), dev_config());  // checks the stored state against the head block
        ASSERT_TRUE(n) << n.error().to_string();
        EXPECT_GE((*n)->head_number(), acked) << "an acknowledged block was lost";
        EXPECT_GT((*n)->head_number(), last_head);
        last_head = (*n)->head_number();
        auto replay = replay_chain((*n)->chain(), (*n)->config());
        ASSERT_TRUE(replay) << replay.error().to_string();
        EXPECT_EQ(replay->state_root, (*n)->state_root());
        EXPECT_EQ(replay->transactions, 5 * last_head);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace luxl2::node
