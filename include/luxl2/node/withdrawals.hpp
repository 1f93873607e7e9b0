// L2→L1 messages and withdrawals on the L2 side. An Ethereum transaction to the message passer address
// (0x4200…0016, the OP Stack's L2ToL1MessagePasser predeploy) that succeeds sends its value and
// calldata to the L1:
//   data empty           → a withdrawal of `value` to the sender's own address on L1;
//   data = target ‖ rest → a message to L1 address `target` (first 20 bytes) carrying `rest`.
// Nobody holds a key for the passer address, so the value it receives is burned for good on L2
// (it stays visible in the state root, as in the OP Stack until its burn()). The message is
//   L2Message{sender, target, value, gasLimit 0, data = rest, nonce = blockNumber << 32 | txIndex}
// and a batch's message tree (l1/types.hpp) is over the messages of its blocks in block and
// transaction order; the proposer posts its root and count with the output.
#pragma once

#include <optional>
#include <vector>

#include "luxl2/format/transaction.hpp"
#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

[[nodiscard]] Address l2_to_l1_message_passer() noexcept;

/// The messages of one block, given its receipts (only successful transactions count).
[[nodiscard]] Result<std::vector<l1::L2Message>> block_messages(const SealedBlock& block,
                                                                const std::vector<exec::Receipt>& receipts,
                                                                const format::Rules& rules);

struct MessageTreeInfo {
    std::vector<l1::L2Message> messages;
    Hash32 root;  // merkle::root_of_leaf_hashes over leaf_hash(message_hash)
};
[[nodiscard]] MessageTreeInfo message_tree(std::vector<l1::L2Message> messages);

/// The messages of blocks first..last of `source`.
[[nodiscard]] Result<MessageTreeInfo> range_messages(const BlockSource& source, std::uint64_t first, std::uint64_t last,
                                                     const format::Rules& rules);

/// Everything an L1 user needs to finalize the withdrawal sent by transaction `tx_hash`.
struct WithdrawalProofInfo {
    l1::L2Message message;
    l1::MessageProof proof;
    std::uint64_t batch_number = 0;
    std::optional<l1::OutputStatus> output_status;  // nullopt: not proposed yet
    Bytes encoded;                                  // encode_withdrawal_proof(message, proof)
};
/// Code "node.no_withdrawal" when the transaction is unknown, failed, is not to the passer, or its
/// block is not in a submitted batch yet.
[[nodiscard]] Result<WithdrawalProofInfo> withdrawal_proof(const l1::Settlement& l1, const ChainStore& chain,
                                                           const BlockSource& source, const format::Rules& rules,
                                                           const Hash32& tx_hash);

/// The L1 batch holding L2 block `block` (by the clear-text ranges of the submitted batch data).
[[nodiscard]] Result<std::optional<std::uint64_t>> batch_of_block(const l1::Settlement& l1, std::uint64_t block);

}  // namespace luxl2::node
