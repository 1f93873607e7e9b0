// A child process writes numbered batches to RocksDB and is killed with SIGKILL mid-stream; the store
// must reopen with every batch entirely present or entirely absent, and the present ones a prefix.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "luxl2/core/endian.hpp"
#include "luxl2/state/kv_store.hpp"

namespace luxl2::state {
namespace {

constexpr int kKeysPerBatch = 64;

Bytes key(std::uint64_t batch, int j) {
    Bytes k{'k'};
    k.resize(1 + 8 + 4);
    store_be64(k.data() + 1, batch);
    store_be32(k.data() + 9, static_cast<std::uint32_t>(j));
    return k;
}

[[noreturn]] void writer(const std::string& dir, bool sync, int ready_fd) {
    auto kv = open_rocksdb(dir);
    if (!kv) _exit(3);
    // Resume after the last batch a previous (killed) writer committed.
    std::uint64_t next = 0;
    if (auto last = (*kv)->get(Bytes{'L'}); last && *last) next = load_be64((*last)->data()) + 1;
    Bytes value(512, 0xab);
    for (std::uint64_t i = next;; ++i) {
        WriteBatch wb;
        for (int j = 0; j < kKeysPerBatch; ++j) {
            store_be64(value.data(), i);
            wb.put(key(i, j), value);
        }
        Bytes last(8);
        store_be64(last.data(), i);
        wb.put(Bytes{'L'}, last);
        if (!(*kv)->write(wb, sync)) _exit(4);
        if (i == next + 20) {
            const char c = 'r';
            if (::write(ready_fd, &c, 1) != 1) _exit(5);
        }
    }
}

void check_consistent(const std::string& dir, std::uint64_t& last_seen) {
    auto kv = open_rocksdb(dir);
    ASSERT_TRUE(kv) << kv.error().to_string();
    auto last = (*kv)->get(Bytes{'L'});
    ASSERT_TRUE(last && *last);
    const std::uint64_t l = load_be64((*last)->data());
    EXPECT_GE(l + 1, last_seen) << "a committed batch disappeared";
    last_seen = l + 1;
    std::uint64_t batches = 0;
    std::uint64_t keys = 0;
    std::uint64_t current = UINT64_MAX;
    int in_current = 0;
    ASSERT_TRUE((*kv)->scan(Bytes{'k'}, [&](ByteView k, ByteView v) {
        const std::uint64_t batch = load_be64(k.data() + 1);
        EXPECT_EQ(load_be64(v.data()), batch);
        if (batch != current) {
            if (current != UINT64_MAX) {
                EXPECT_EQ(in_current, kKeysPerBatch) << "batch " << current << " is partial";
            }
            current = batch;
            in_current = 0;
            ++batches;
        }
        ++in_current;
        ++keys;
        return true;
    }));
    EXPECT_EQ(in_current, kKeysPerBatch) << "last batch is partial";
    EXPECT_EQ(batches, l + 1) << "batches present are not exactly 0..last";
    EXPECT_EQ(keys, (l + 1) * kKeysPerBatch);
}

void crash_rounds(bool sync, int rounds) {
    const auto dir = (std::filesystem::temp_directory_path() /
                      ("luxl2-crash-" + std::to_string(::getpid()) + (sync ? "-sync" : "-nosync")))
                         .string();
    std::filesystem::remove_all(dir);
    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    std::uint64_t last_seen = 0;
    for (int round = 0; round < rounds; ++round) {
        int fds[2];
        ASSERT_EQ(::pipe(fds), 0);
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            ::close(fds[0]);
            writer(dir, sync, fds[1]);
        }
        ::close(fds[1]);
        char c = 0;
        ASSERT_EQ(::read(fds[0], &c, 1), 1) << "writer did not start";
        ::close(fds[0]);
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 40));
        ASSERT_EQ(::kill(pid, SIGKILL), 0);
        int status = 0;
        ASSERT_EQ(::waitpid(pid, &status, 0), pid);
        ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited on its own with " << WEXITSTATUS(status);
        check_consistent(dir, last_seen);
        if (::testing::Test::HasFatalFailure()) break;
    }
    std::filesystem::remove_all(dir);
}

TEST(Crash, RocksDbBatchesAreAllOrNothingUnderSigkill) {
    crash_rounds(false, 6);
}
TEST(Crash, RocksDbSyncedBatchesAreAllOrNothingUnderSigkill) {
    crash_rounds(true, 3);
}

}  // namespace
}  // namespace luxl2::state
