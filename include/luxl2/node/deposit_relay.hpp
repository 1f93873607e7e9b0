// L1→L2 messages on the sequencer side. Every message the L1 queues (depositToL2, sendMessageToL2)
// becomes a 0x7E deposit (deposit_of) that the node puts at the head of its next block; once a block
// holding it is sealed, the sequencer reports it to the L1 (relayMessageToL2), which moves the
// message to Executed and lets batches through the L1's inclusion window. Derivation checks the
// other side: a chain's deposits are exactly the L1 queue, in order. The same scan of sealed blocks
// reports their L2→L1 messages (withdrawals.hpp) with sendMessageToL1, for status tracking only.
//   deposit_of(m) = DepositTransaction{sourceHash = message_hash(m), from = m.sender, to = m.target,
//                                      mint = m.value, value = m.value, gas = m.gasLimit, data = m.data}
#pragma once

#include <map>
#include <set>

#include "luxl2/format/tx_data.hpp"
#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/node.hpp"

namespace luxl2::node {

[[nodiscard]] format::DepositTransaction deposit_of(const l1::L2Message& m);

class DepositRelay {
public:
    DepositRelay(l1::Settlement& l1, Node& node, Address sequencer) : l1_(l1), node_(node), sequencer_(sequencer) {}

    /// Relays the deposits and reports the L2→L1 messages of blocks sealed since the last step, then
    /// queues the L1's new messages
    /// into the node. The first step scans the whole chain once (after a restart the node's queue
    /// is empty and some deposits may be sealed but not yet relayed). Returns messages queued.
    [[nodiscard]] Result<std::size_t> step();

private:
    l1::Settlement& l1_;
    Node& node_;
    Address sequencer_;
    bool started_ = false;
    std::uint64_t scanned_block_ = 0;  // L2 blocks ≤ this have been relayed
    std::uint64_t next_nonce_ = 0;     // next L1 queue entry to hand to the node
    std::map<Hash32, l1::L2Message> unrelayed_;
};

}  // namespace luxl2::node
