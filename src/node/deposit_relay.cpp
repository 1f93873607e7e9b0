#include "luxl2/node/deposit_relay.hpp"

#include "luxl2/node/rollup_blocks.hpp"
#include "luxl2/node/withdrawals.hpp"

namespace luxl2::node {

format::DepositTransaction deposit_of(const l1::L2Message& m) {
    format::DepositTransaction d;
    d.source_hash = l1::message_hash(m);
    d.from = m.sender;
    d.to = m.target;
    d.mint = m.value;
    d.value = m.value;
    d.gas = m.gas_limit.fits_u64() ? m.gas_limit.low64() : UINT64_MAX;
    d.data = m.data;
    return d;
}

Result<std::size_t> DepositRelay::step() {
    // Report what sealed blocks included.
    const std::uint64_t head = node_.head_number();
    std::set<Hash32> included;
    std::size_t queued = 0;
    auto scan = [&](std::uint64_t from) -> Result<void> {
        for (std::uint64_t n = from; n <= head; ++n) {
            LUXL2_TRY(b, node_.block(n));
            if (!b) break;
            // Report the block's L2→L1 messages so that getMessageStatus knows them (Unknown → Sent).
            LUXL2_TRY(receipts, node_.chain().receipts(n));
            LUXL2_TRY(sealed, seal(*b));
            LUXL2_TRY(msgs, block_messages(sealed, receipts, node_.rules()));
            for (const auto& m : msgs) {
                LUXL2_TRY(st, l1_.get_message_status(l1::message_hash(m)));
                if (st == l1::MessageStatus::kUnknown) LUXL2_CHECK(l1_.send_message_to_l1({sequencer_, {}}, m));
            }
            for (const auto& t : b->block.transactions) {
                if (t.tx_type != format::lp505_type::kDeposit) break;  // deposits come first
                LUXL2_TRY(d, format::decode_tx_payload<format::DepositTransaction>(t));
                included.insert(d.source_hash);
            }
        }
        return {};
    };
    if (!started_) {
        LUXL2_CHECK(scan(0));
        LUXL2_TRY(all, l1_.queued_messages(0, SIZE_MAX));
        std::vector<format::DepositTransaction> requeue;
        for (const auto& q : all) {
            LUXL2_TRY(st, l1_.get_message_status(q.message_hash));
            if (st == l1::MessageStatus::kExecuted) continue;
            unrelayed_.emplace(q.message_hash, q.message);
            if (!included.count(q.message_hash)) requeue.push_back(deposit_of(q.message));
        }
        next_nonce_ = all.size();
        queued = requeue.size();
        if (!requeue.empty()) {
            LUXL2_TRY(h, l1_.head());
            LUXL2_CHECK(node_.queue_deposits(std::move(requeue), h.number));
        }
        started_ = true;
    } else if (head > scanned_block_) {
        LUXL2_CHECK(scan(scanned_block_ + 1));
    }
    scanned_block_ = head;
    for (const auto& h : included) {
        auto it = unrelayed_.find(h);
        if (it == unrelayed_.end()) continue;
        LUXL2_CHECK(l1_.relay_message_to_l2({sequencer_, {}}, it->second, {}));
        unrelayed_.erase(it);
    }
    // Hand new L1 messages to the node.
    LUXL2_TRY(l1head, l1_.head());
    LUXL2_TRY(fresh, l1_.queued_messages(next_nonce_, 1024));
    if (fresh.empty()) return queued;
    std::vector<format::DepositTransaction> deps;
    for (const auto& q : fresh) {
        unrelayed_.emplace(q.message_hash, q.message);
        deps.push_back(deposit_of(q.message));
    }
    LUXL2_CHECK(node_.queue_deposits(std::move(deps), l1head.number));
    next_nonce_ += fresh.size();
    return queued + fresh.size();
}

}  // namespace luxl2::node
