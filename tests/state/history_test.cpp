#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include "luxl2/state/history.hpp"

namespace luxl2::state {
namespace {

Address addr(std::uint8_t i) {
    Address a;
    a[0] = 0xaa;
    a[19] = i;
    return a;
}

// Commits blocks 0..3 over `kv`: addr(1) gets 10, 20, (untouched), deleted; addr(2) appears at 2.
void build(KvStore& kv) {
    StateDb db(kv, new_state_commitment(kv).value());
    auto commit = [&](std::uint64_t n) {
        WriteBatch wb;
        ASSERT_TRUE(db.stage(wb, n));
        ASSERT_TRUE(kv.write(wb, false));
        db.publish();
    };
    Account a;
    a.balance = U256(10);
    db.set_account(addr(1), a);
    commit(0);
    a.balance = U256(20);
    a.nonce = 1;
    db.set_account(addr(1), a);
    Hash32 slot;
    slot[31] = 7;
    db.set_storage(addr(1), slot, U256(99));
    commit(1);
    Account b;
    b.balance = U256(5);
    db.set_account(addr(2), b);
    commit(2);
    db.set_account(addr(1), Account{});
    db.set_storage(addr(1), slot, U256(0));
    commit(3);
}

void check(const KvStore& kv) {
    Hash32 slot;
    slot[31] = 7;
    auto at = [&](std::uint64_t n) { return open_history(kv, n).value(); };
    EXPECT_EQ(at(0).account(addr(1)).value().balance, U256(10));
    EXPECT_EQ(at(1).account(addr(1)).value().balance, U256(20));
    EXPECT_EQ(at(1).account(addr(1)).value().nonce, 1u);
    EXPECT_EQ(at(2).account(addr(1)).value().balance, U256(20));  // untouched: the older record
    EXPECT_TRUE(at(3).account(addr(1)).value().is_empty());       // deleted
    EXPECT_TRUE(at(1).account(addr(2)).value().is_empty());       // not yet created
    EXPECT_EQ(at(2).account(addr(2)).value().balance, U256(5));
    EXPECT_EQ(at(9).account(addr(2)).value().balance, U256(5));
    EXPECT_EQ(at(0).storage(addr(1), slot).value(), U256(0));
    EXPECT_EQ(at(2).storage(addr(1), slot).value(), U256(99));
    EXPECT_EQ(at(3).storage(addr(1), slot).value(), U256(0));
    EXPECT_TRUE(at(3).account(addr(3)).value().is_empty());  // a neighbour's records do not leak
}

TEST(History, MemoryStoreAnswersEveryPastBlock) {
    MemoryKvStore kv;
    build(kv);
    check(kv);
}

TEST(History, RocksDbAnswersEveryPastBlock) {
    const auto dir =
        (std::filesystem::temp_directory_path() / ("luxl2-history-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    {
        auto kv = open_rocksdb(dir).value();
        build(*kv);
        check(*kv);
    }
    std::filesystem::remove_all(dir);
}

TEST(History, UnavailableWithoutRecords) {
    MemoryKvStore kv;
    const auto r = open_history(kv, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::history_unavailable);
}

TEST(KvStoreFloor, DefaultScanAgreesWithTheOverrides) {
    MemoryKvStore kv;
    WriteBatch wb;
    for (const std::uint8_t i : {std::uint8_t{2}, std::uint8_t{4}, std::uint8_t{6}}) wb.put(Bytes{'p', i}, Bytes{i});
    wb.put(Bytes{'q', 1}, Bytes{1});
    ASSERT_TRUE(kv.write(wb, false));
    const KvStore& base = kv;
    for (std::uint8_t probe = 0; probe < 8; ++probe) {
        const Bytes key{'p', probe};
        const auto fast = kv.floor(Bytes{'p'}, key).value();
        const auto slow = base.KvStore::floor(Bytes{'p'}, key).value();
        EXPECT_EQ(fast, slow) << int(probe);
        if (probe < 2) {
            EXPECT_FALSE(fast);
        } else {
            ASSERT_TRUE(fast);
            EXPECT_EQ(fast->first[1], probe - probe % 2);
        }
    }
}

}  // namespace
}  // namespace luxl2::state
