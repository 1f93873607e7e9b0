// The sparse-Merkle-tree commitment (compiled once the merkle module has the tree).
#include <gtest/gtest.h>

#include "luxl2/state/smt_commitment.hpp"
#include "luxl2/state/state_db.hpp"

#if LUXL2_HAVE_SMT

namespace luxl2::state {
namespace {

Address addr(std::uint8_t i) {
    Address a;
    a[19] = i;
    return a;
}

TEST(SmtCommitment, RootIsTheTreeOfHashedLeavesAndSurvivesReopen) {
    MemoryKvStore kv;
    auto c = open_state_commitment(kv);
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ((*c)->name(), "smt-keccak-v1");
    StateDb db(kv, std::move(*c));
    const Hash32 empty = db.committed_root();
    EXPECT_EQ(empty, merkle::smt::SparseMerkleTree().root());

    merkle::smt::SparseMerkleTree expect;
    for (std::uint8_t i = 1; i <= 20; ++i) {
        Account a;
        a.balance = U256(i) * U256(1000);
        a.nonce = i;
        db.set_account(addr(i), a);
        expect.set(account_key(addr(i)), smt_leaf_value(encode_account(a)));
    }
    db.set_storage(addr(1), Hash32{}, U256(5));
    expect.set(storage_key(addr(1), Hash32{}), smt_leaf_value(encode_slot_value(U256(5))));
    EXPECT_EQ(db.root().value(), expect.root());
    EXPECT_EQ(db.committed_root(), empty);  // root() does not change the committed tree

    WriteBatch wb;
    EXPECT_EQ(db.stage(wb).value(), expect.root());
    db.discard();  // a failed write leaves the committed tree as it was
    EXPECT_EQ(db.committed_root(), empty);

    for (std::uint8_t i = 1; i <= 20; ++i) {
        Account a;
        a.balance = U256(i) * U256(1000);
        a.nonce = i;
        db.set_account(addr(i), a);
    }
    db.set_storage(addr(1), Hash32{}, U256(5));
    WriteBatch wb2;
    const Hash32 root = db.stage(wb2).value();
    ASSERT_TRUE(kv.write(wb2, true));
    db.publish();
    EXPECT_EQ(db.committed_root(), root);

    // Deleting an account removes its leaf.
    db.set_account(addr(20), Account{});
    expect.erase(account_key(addr(20)));
    EXPECT_EQ(db.root().value(), expect.root());

    auto reopened = open_state_commitment(kv);
    ASSERT_TRUE(reopened) << reopened.error().to_string();
    EXPECT_EQ((*reopened)->root(), root);
}

TEST(SmtCommitment, IncrementalRootsEqualFullRecomputationAcrossRevertsAndBlocks) {
    MemoryKvStore kv;
    StateDb db(kv, open_state_commitment(kv).value());
    std::uint64_t seed = 7;
    auto next = [&] { return seed = seed * 6364136223846793005ULL + 1442695040888963407ULL; };
    for (int block = 0; block < 4; ++block) {
        for (int tx = 0; tx < 30; ++tx) {
            const std::size_t snap = db.snapshot();
            for (int w = 0; w < 3; ++w) {
                Account a;
                a.balance = U256(next() % 1000);  // zero sometimes: an empty account deletes the leaf
                a.nonce = next() % 2;
                db.set_account(addr(static_cast<std::uint8_t>(next() % 40)), a);
                Hash32 slot;
                slot[31] = static_cast<std::uint8_t>(next() % 4);
                db.set_storage(addr(static_cast<std::uint8_t>(next() % 40)), slot, U256(next() % 3));
            }
            if (next() % 4 == 0) db.revert(snap);  // a failed transaction
            // The incremental root equals the committed tree with every pending change applied.
            ASSERT_EQ(db.root().value(), db.commitment().root_with(db.pending().changes())) << block << "/" << tx;
        }
        const Hash32 expect = db.commitment().root_with(db.pending().changes());
        WriteBatch wb;
        ASSERT_EQ(db.stage(wb).value(), expect);
        ASSERT_TRUE(kv.write(wb, false));
        db.publish();
        EXPECT_EQ(db.committed_root(), expect);
    }
    // The persisted tree reopens at the same root.
    EXPECT_EQ(open_state_commitment(kv).value()->root(), db.committed_root());
}

TEST(SmtCommitment, ReopenRebuildsTheTreeAndRefusesStateThatDoesNotMatchTheRoot) {
    MemoryKvStore kv;
    {
        StateDb db(kv, open_state_commitment(kv).value());
        for (std::uint8_t i = 1; i <= 50; ++i) {
            Account a;
            a.balance = U256(i);
            db.set_account(addr(i), a);
        }
        WriteBatch wb;
        (void)db.stage(wb).value();
        ASSERT_TRUE(kv.write(wb, false));
        db.publish();
        // Nothing but the state entries and the root persists: no tree node records.
        std::size_t nodes = 0;
        const std::uint8_t n = 'n';
        ASSERT_TRUE(kv.scan(ByteView(&n, 1), [&](ByteView, ByteView) { return ++nodes, true; }));
        EXPECT_EQ(nodes, 0u);
        EXPECT_EQ(open_state_commitment(kv).value()->root(), db.committed_root());
    }
    WriteBatch tamper;
    Account a;
    a.balance = U256(1'000'000);
    tamper.put(account_db_key(addr(7)), encode_account(a));
    ASSERT_TRUE(kv.write(tamper, false));
    const auto reopened = open_state_commitment(kv);
    ASSERT_FALSE(reopened);
    EXPECT_EQ(reopened.error().code, errc::corrupt);
}

}  // namespace
}  // namespace luxl2::state

#endif
