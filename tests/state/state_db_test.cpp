#include <gtest/gtest.h>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/tree.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::state {
namespace {

using namespace luxl2::literals;

Address addr(std::uint8_t i) {
    Address a;
    a[19] = i;
    return a;
}

TEST(Account, EmptyCodeHashIsKeccakOfNothing) {
    EXPECT_EQ(kEmptyCodeHash, crypto::keccak256({}));
}

TEST(Account, EncodingRoundTripsAndIsCanonical) {
    Account a;
    a.nonce = 7;
    a.balance = U256::from_string("1000000000000000000000").value();
    Bytes enc = encode_account(a);
    // rlp([7, 1000 ether, keccak("")])
    EXPECT_EQ(to_hex(enc),
              "0xec07893635c9adc5dea00000a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(decode_account(enc).value(), a);
    a.pq_key = PqKey{3, Bytes(1312, 0x42)};
    enc = encode_account(a);
    EXPECT_EQ(decode_account(enc).value(), a);
    // Trailing bytes, a leading-zero nonce, an empty account, a 5th item: all rejected.
    Bytes trailing = enc;
    trailing.push_back(0);
    EXPECT_FALSE(decode_account(trailing));
    EXPECT_EQ(
        decode_account("0xe30080a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"_hex).error().code,
        errc::bad_account);
    EXPECT_FALSE(
        decode_account("0xe5820007"
                       "80a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"_hex));
    EXPECT_FALSE(
        decode_account("0xe38080a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"_hex));  // empty
    EXPECT_FALSE(decode_account("0xe4010180a0c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"_hex));
}

TEST(Account, SlotValues) {
    EXPECT_EQ(encode_slot_value(U256(0x1234)), "0x1234"_hex);
    EXPECT_EQ(decode_slot_value("0x1234"_hex).value(), U256(0x1234));
    EXPECT_FALSE(decode_slot_value({}));
    EXPECT_FALSE(decode_slot_value("0x0012"_hex));
    EXPECT_FALSE(decode_slot_value(Bytes(33, 1)));
}

TEST(Account, KeysAreDomainSeparated) {
    EXPECT_NE(account_key(addr(1)), account_key(addr(2)));
    EXPECT_NE(storage_key(addr(1), Hash32{}), storage_key(addr(2), Hash32{}));
    EXPECT_EQ(account_key(addr(1)), crypto::keccak256("0x000000000000000000000000000000000000000001"_hex));
}

TEST(Overlay, JournalRevertsWrites) {
    MemoryKvStore kv;
    KvStateReader base(kv);
    Overlay o(base);
    Account a;
    a.balance = 5;
    o.set_account(addr(1), a);
    const auto s = o.snapshot();
    a.balance = 9;
    o.set_account(addr(1), a);
    o.set_account(addr(2), a);
    o.set_storage(addr(1), Hash32{}, U256(3));
    EXPECT_EQ(o.account(addr(2)).value().balance, U256(9));
    o.revert(s);
    EXPECT_EQ(o.account(addr(1)).value().balance, U256(5));
    EXPECT_TRUE(o.account(addr(2)).value().is_empty());
    EXPECT_EQ(o.storage(addr(1), Hash32{}).value(), U256(0));
}

TEST(SortedLeafCommitment, RootBindsEveryLeafAndMatchesTheTreeDefinition) {
    SortedLeafCommitment c;
    EXPECT_EQ(c.root(), merkle::empty_root());
    std::vector<StateChange> leaves{{account_key(addr(2)), "0x02"_hex}, {account_key(addr(1)), "0x01"_hex}};
    c.load(leaves);
    std::vector<std::pair<Hash32, Bytes>> sorted{{leaves[0].key, *leaves[0].value}, {leaves[1].key, *leaves[1].value}};
    std::sort(sorted.begin(), sorted.end());
    std::vector<Bytes> data;
    for (auto& [k, v] : sorted) {
        Bytes d(k.bytes.begin(), k.bytes.end());
        append(d, v);
        data.push_back(d);
    }
    EXPECT_EQ(c.root(), merkle::root(std::span<const Bytes>(data)));
    // Changing one value, deleting a leaf, adding one: each changes the root; undoing restores it.
    const Hash32 r0 = c.root();
    std::vector<StateChange> change{{account_key(addr(1)), "0x03"_hex}};
    EXPECT_NE(c.root_with(change), r0);
    std::vector<StateChange> del{{account_key(addr(1)), std::nullopt}};
    EXPECT_NE(c.root_with(del), r0);
    std::vector<StateChange> same{{account_key(addr(1)), "0x01"_hex}};
    EXPECT_EQ(c.root_with(same), r0);
    WriteBatch wb;
    const Hash32 r1 = c.stage(change, wb);
    EXPECT_EQ(c.root(), r0);  // not yet published
    c.publish();
    EXPECT_EQ(c.root(), r1);
}

TEST(StateDb, CommitsInOneBatchAndReloads) {
    MemoryKvStore kv;
    auto c = load_sorted_leaf_commitment(kv);
    ASSERT_TRUE(c);
    StateDb db(kv, std::move(*c));
    ASSERT_TRUE(check_commitment_name(kv, db.commitment()));
    Account a;
    a.balance = 100;
    db.set_account(addr(1), a);
    db.set_storage(addr(1), Hash32{}, U256(77));
    const Hash32 pending_root = db.root().value();
    EXPECT_NE(pending_root, db.committed_root());
    WriteBatch wb;
    wb.put("0x42"_hex, "0x43"_hex);  // e.g. the block, in the same batch
    const Hash32 root = db.stage(wb).value();
    EXPECT_EQ(root, pending_root);
    ASSERT_TRUE(kv.write(wb, true));
    db.publish();
    EXPECT_EQ(db.committed_root(), root);
    EXPECT_EQ(db.committed().account(addr(1)).value().balance, U256(100));
    EXPECT_EQ(db.committed().storage(addr(1), Hash32{}).value(), U256(77));

    // A fresh StateDb over the same store computes the same root.
    auto c2 = load_sorted_leaf_commitment(kv);
    ASSERT_TRUE(c2);
    EXPECT_EQ((*c2)->root(), root);

    // Emptying an account deletes it.
    db.set_account(addr(1), Account{});
    db.set_storage(addr(1), Hash32{}, U256(0));
    WriteBatch wb2;
    (void)db.stage(wb2).value();
    ASSERT_TRUE(kv.write(wb2, true));
    db.publish();
    EXPECT_EQ(db.committed_root(), merkle::empty_root());
    EXPECT_EQ(kv.size(), 2u);  // only "0x42" and the commitment name remain
}

TEST(StateDb, RefusesAStoreOfAnotherCommitment) {
    MemoryKvStore kv;
    WriteBatch wb;
    const std::string other = "smt-v1";
    wb.put(commitment_name_db_key(), Bytes(other.begin(), other.end()));
    ASSERT_TRUE(kv.write(wb, true));
    SortedLeafCommitment c;
    EXPECT_EQ(check_commitment_name(kv, c).error().code, errc::corrupt);
}

TEST(StateDb, CorruptAccountIsReported) {
    MemoryKvStore kv;
    WriteBatch wb;
    wb.put(account_db_key(addr(1)), "0xc0"_hex);
    ASSERT_TRUE(kv.write(wb, true));
    KvStateReader r(kv);
    EXPECT_EQ(r.account(addr(1)).error().code, errc::corrupt);
}

}  // namespace
}  // namespace luxl2::state
