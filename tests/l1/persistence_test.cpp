// The embedded L1 over RocksDB: everything survives a reopen, and a child process killed with
// SIGKILL while it submits, proposes, finalizes and deposits leaves a store in which every call is
// whole or absent — batches consecutive and chained, outputs only for batches, funds conserved — and
// the next run continues exactly after the last committed batch (no duplicate, no gap).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "l1_testing.hpp"

namespace luxl2::l1 {
namespace {

using namespace testing;

std::string temp_dir(const char* tag) {
    const auto dir =
        (std::filesystem::temp_directory_path() / (std::string("luxl2-l1-") + tag + "-" + std::to_string(::getpid())))
            .string();
    std::filesystem::remove_all(dir);
    return dir;
}

std::unique_ptr<EmbeddedL1> open_at(const std::string& dir, bool sync = false) {
    auto kv = state::open_rocksdb(dir);
    EXPECT_TRUE(kv) << kv.error().to_string();
    if (!kv) return nullptr;
    auto o = options();
    o.sync_writes = sync;
    auto l1 = EmbeddedL1::open(std::move(*kv), o);
    EXPECT_TRUE(l1) << l1.error().to_string();
    return l1 ? std::move(*l1) : nullptr;
}

BatchHeader next_header(const EmbeddedL1& l1) {
    const std::uint64_t n = l1.batch_count().value();
    BatchHeader h;
    h.batch_number = U256(n);
    if (n > 0) h.parent_batch_hash = l1.batch(n - 1).value().value().batch_hash;
    h.state_root[0] = static_cast<std::uint8_t>(n);
    h.sequencer = Actors{}.sequencer;
    h.l1_block_number = U256(l1.head().value().number);
    return h;
}

TEST(L1Persistence, EverythingSurvivesAReopen) {
    const auto dir = temp_dir("reopen");
    Actors a;
    MessageTree tree(2, a.other, ether(1));
    Hash32 batch0;
    std::vector<Event> events;
    {
        auto l1 = open_at(dir, true);
        ASSERT_TRUE(l1);
        ASSERT_TRUE(l1->initialize({a.user, {}}, rollup_config()));
        ASSERT_TRUE(l1->deposit_to_l2({a.user, ether(5)}, {}, ether(5), Bytes{7}));
        batch0 = l1->submit_batch({a.sequencer, {}}, next_header(*l1), Bytes{1, 2, 3}).value();
        ASSERT_TRUE(l1->propose_state_root({a.proposer, ether(1)}, U256(0), Hash32{},
                                           encode_output_proof({tree.root, 2, {}, 0})));
        ASSERT_TRUE(l1->mine_block(kGenesisTime + kPeriod));
        ASSERT_TRUE(l1->finalize_state_root({a.user, {}}, U256(0)));
        ASSERT_TRUE(l1->finalize_withdrawal({a.user, {}}, U256::from_be32(message_hash(tree.messages[0]).data()),
                                            encode_withdrawal_proof(tree.messages[0], tree.proof(0, batch0))));
        events = l1->events({}).value();
    }
    auto l1 = open_at(dir);
    ASSERT_TRUE(l1);
    EXPECT_EQ(l1->config().value().value(), rollup_config());
    EXPECT_EQ(l1->head().value(), (L1Head{1, kGenesisTime + kPeriod}));
    EXPECT_EQ(l1->batch_count().value(), 1u);
    EXPECT_EQ(l1->finalized_count().value(), 1u);
    EXPECT_EQ(l1->batch(0).value()->batch_hash, batch0);
    EXPECT_EQ(l1->batch_data(0).value().value(), (Bytes{1, 2, 3}));
    EXPECT_EQ(l1->output(0).value()->status, OutputStatus::kFinalized);
    EXPECT_EQ(l1->balance(a.user).value(), ether(995));
    EXPECT_EQ(l1->balance(a.other).value(), ether(1000) + ether(1));
    EXPECT_EQ(l1->balance(settlement_address()).value(), ether(4));
    EXPECT_EQ(l1->events({}).value(), events);
    EXPECT_EQ(l1->queued_messages(0, 5).value().size(), 1u);
    // Rules still hold across the restart: the same withdrawal does not pay twice.
    expect_refused(l1->finalize_withdrawal({a.user, {}}, U256::from_be32(message_hash(tree.messages[0]).data()),
                                           encode_withdrawal_proof(tree.messages[0], tree.proof(0, batch0))),
                   errc::already_executed);
    expect_refused(l1->initialize({a.user, {}}, rollup_config()), errc::already_initialized);
    EXPECT_TRUE(l1->submit_batch({a.sequencer, {}}, next_header(*l1), Bytes{4}));
    l1.reset();
    std::filesystem::remove_all(dir);
}

// The child: resumes from the store and runs the roles' calls forever, signalling once it has done
// some work. Every iteration makes several separate calls, so a kill lands between and inside them.
[[noreturn]] void worker(const std::string& dir, int ready_fd) {
    auto kv = state::open_rocksdb(dir);
    if (!kv) _exit(3);
    auto o = options();
    o.sync_writes = false;
    auto opened = EmbeddedL1::open(std::move(*kv), o);
    if (!opened) _exit(4);
    EmbeddedL1& l1 = **opened;
    Actors a;
    if (!l1.config().value()) {
        auto c = rollup_config();
        c.challenge_period = U256(kBlockTime);  // finalize one block after proposing
        if (!l1.initialize({a.user, {}}, c)) _exit(5);
    }
    for (int i = 0;; ++i) {
        // A kill between submitting and proposing leaves batches without an output: propose them
        // first, as the proposer role does on restart.
        const std::uint64_t n = l1.batch_count().value();
        for (std::uint64_t p = l1.finalized_count().value(); p < n; ++p)
            if (!l1.output(p).value() &&
                !l1.propose_state_root({a.proposer, ether(1)}, U256(p), Hash32{}, encode_output_proof({})))
                _exit(12);
        if (!l1.submit_batch({a.sequencer, {}}, next_header(l1), Bytes(200 + n % 7, static_cast<std::uint8_t>(n))))
            _exit(6);
        if (!l1.propose_state_root({a.proposer, ether(1)}, U256(n), Hash32{}, encode_output_proof({}))) _exit(7);
        if (!l1.deposit_to_l2({a.user, U256(1000 + n)}, {}, U256(1000 + n), {})) _exit(8);
        if (!l1.mine_block()) _exit(9);
        for (std::uint64_t f = l1.finalized_count().value(); f < n; ++f)
            if (!l1.finalize_state_root({a.other, {}}, U256(f))) _exit(10);
        if (i == 20) {
            const char c = 'r';
            if (::write(ready_fd, &c, 1) != 1) _exit(11);
        }
    }
}

void check_consistent(const std::string& dir, std::uint64_t& batches_seen) {
    auto l1 = open_at(dir);
    ASSERT_TRUE(l1);
    const std::uint64_t n = l1->batch_count().value();
    EXPECT_GE(n, batches_seen) << "a committed batch disappeared";
    batches_seen = n;
    Hash32 parent;
    std::uint64_t outputs = 0;
    for (std::uint64_t i = 0; i < n; ++i) {
        const auto b = l1->batch(i).value();
        ASSERT_TRUE(b) << "batch " << i << " missing below the count " << n;
        EXPECT_EQ(b->header.batch_number, U256(i));
        EXPECT_EQ(b->header.parent_batch_hash, parent) << "batch " << i << " does not chain";
        parent = b->batch_hash;
        const auto data = l1->batch_data(i).value();
        ASSERT_TRUE(data);
        EXPECT_EQ(data->size(), b->data_size);
        if (l1->output(i).value()) ++outputs;
    }
    EXPECT_FALSE(l1->batch(n).value()) << "a batch beyond the count";
    EXPECT_FALSE(l1->output(n).value()) << "an output for an unsubmitted batch";
    EXPECT_LE(l1->finalized_count().value(), outputs);
    // Funds are conserved: every wei is in an account or locked in the settlement contract.
    U256 total;
    for (const Address& x :
         {Actors{}.sequencer, Actors{}.proposer, Actors{}.user, Actors{}.other, settlement_address()})
        total += l1->balance(x).value();
    EXPECT_EQ(total, ether(4000));
    // The log agrees with the state: one BatchSubmitted per batch, one MessageQueued per queued message.
    std::uint64_t submitted = 0;
    std::uint64_t queued = 0;
    const auto events = l1->events({}).value();
    for (const auto& e : events) {
        submitted += std::holds_alternative<BatchSubmitted>(e.data) ? 1u : 0u;
        queued += std::holds_alternative<MessageQueued>(e.data) ? 1u : 0u;
    }
    EXPECT_EQ(submitted, n);
    EXPECT_EQ(queued, l1->queued_messages(0, SIZE_MAX).value().size());
}

TEST(L1Crash, KilledMidWriteNeverLosesNorDuplicatesABatch) {
    const auto dir = temp_dir("crash");
    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    std::uint64_t batches_seen = 0;
    for (int round = 0; round < 5; ++round) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            worker(dir, fds[1]);
        }
        ::close(fds[1]);
        char c = 0;
        if (::read(fds[0], &c, 1) != 1) {
            int status = 0;
            ::waitpid(pid, &status, 0);
            FAIL() << "worker did not start: exit " << WEXITSTATUS(status) << " in round " << round;
        }
        ::close(fds[0]);
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 30));
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status)) << "worker exited on its own with " << WEXITSTATUS(status);
        check_consistent(dir, batches_seen);
        if (::testing::Test::HasFatalFailure()) break;
    }
    EXPECT_GT(batches_seen, 100u);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace luxl2::l1
