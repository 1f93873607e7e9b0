#include <gtest/gtest.h>

#include "luxl2/compress/account_context.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::compress {
namespace {

struct Batch {
    std::vector<Bytes> txs;
    std::vector<Address> senders;
    std::vector<Address> accounts;  // senders and recipients
};

Batch transfers() {
    Batch b;
    for (auto& t : synthetic_transfers(300, 7, 100)) {
        const auto tx = format::decode_transaction(t.raw);
        EXPECT_TRUE(tx && tx->to);
        b.accounts.push_back(t.sender);
        b.accounts.push_back(*tx->to);
        b.senders.push_back(t.sender);
        b.txs.push_back(std::move(t.raw));
    }
    return b;
}

TEST(AccountContext, SimulatedStateGivesDistinctIndicesBothWays) {
    const auto b = transfers();
    const auto ctx = simulated_state(b.accounts, 8);  // 256 slots: collisions must be resolved
    for (const auto& a : b.accounts) {
        const auto i = ctx.index_of(a);
        ASSERT_TRUE(i);
        EXPECT_LT(*i, 256u);
        EXPECT_EQ(ctx.address_at(*i), a);
    }
    EXPECT_FALSE(ctx.index_of(Address{}));
}

TEST(AccountContext, StateAccountsBecomeIndicesAndRoundTrip) {
    const auto b = transfers();
    const auto ctx = simulated_state(b.accounts, 24);
    for (const bool sigfree : {false, true}) {
        ColumnarOptions plain;
        plain.signature_free = sigfree;
        ColumnarOptions with = plain;
        with.context = &ctx;
        const auto senders = sigfree ? std::span<const Address>(b.senders) : std::span<const Address>{};
        const auto without = encode_columnar(b.txs, plain, senders);
        const auto enc = encode_columnar(b.txs, with, senders);
        ASSERT_TRUE(without && enc) << sigfree;
        EXPECT_LT(enc->size(), without->size()) << sigfree;
        const auto dec = decode_columnar(*enc, {}, ctx);
        ASSERT_TRUE(dec) << dec.error().to_string();
        if (sigfree)
            EXPECT_EQ(dec->senders, b.senders);
        else
            EXPECT_EQ(dec->raw_all(), b.txs);
        // Without the context, or with another state, the batch is refused, never mis-decoded.
        EXPECT_FALSE(decode_columnar(*enc));
        const auto other = simulated_state(std::span<const Address>(b.accounts).first(10), 24);
        EXPECT_FALSE(decode_columnar(*enc, {}, other));
        // A batch written without a context decodes with or without one.
        EXPECT_TRUE(decode_columnar(*without, {}, ctx));
    }
}

TEST(AccountContext, TheZeroX53AccountIndexServesAsContext) {
    const auto b = transfers();
    AccountIndex index;
    for (std::size_t i = 0; i < b.accounts.size(); i += 2) index.add(b.accounts[i]);  // senders only
    const AccountIndexContext ctx(index);
    ColumnarOptions with;
    with.context = &ctx;
    const auto enc = encode_columnar(b.txs, with);
    ASSERT_TRUE(enc);
    EXPECT_LT(enc->size(), encode_columnar(b.txs)->size());
    const auto dec = decode_columnar(*enc, {}, ctx);
    ASSERT_TRUE(dec) << dec.error().to_string();
    EXPECT_EQ(dec->raw_all(), b.txs);
    EXPECT_FALSE(ctx.address_at(index.size()));
}

TEST(AccountContext, LiteralOfAStateAccountIsRejected) {
    const auto b = transfers();
    const auto enc = encode_columnar(b.txs, {}, {});
    ASSERT_TRUE(enc);
    // Re-flag the batch as written against a context that holds its recipients: every literal address
    // should then have been an index, so the batch is not canonical.
    Bytes flagged = *enc;
    flagged[1] |= 0x02;
    const auto ctx = simulated_state(b.accounts, 24);
    const auto dec = decode_columnar(flagged, {}, ctx);
    ASSERT_FALSE(dec);
}

}  // namespace
}  // namespace luxl2::compress
