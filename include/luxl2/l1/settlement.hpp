// l1::Settlement: the L1 side of the rollup as the node sees it — LP-500's ILuxRollup and
// IMessageBridge, one method per Solidity function (snake_case here: submit_batch is submitBatch).
// It is shaped like a contract reached over JSON-RPC so that EmbeddedL1 (in process) and a later
// EVM-chain implementation are interchangeable:
//   * every state-changing call names its caller and the value it sends (msg.sender, msg.value, wei);
//   * time is the L1's: block numbers and block timestamps (seconds); challengePeriod is seconds;
//   * results of calls are return values, everything else is read back from the event log (`events`)
//     and from view functions;
//   * refusals are Error values with an errc code of types.hpp (a revert reason on an EVM chain).
//
// StateRootChallenged/challengeStateRoot belong to the fraud-proof issue and are not here yet.
#pragma once

#include <optional>
#include <vector>

#include "luxl2/l1/types.hpp"

namespace luxl2::l1 {

/// msg.sender and msg.value of a call.
struct Call {
    Address from;
    U256 value;
};

struct L1Head {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;  // seconds
    friend bool operator==(const L1Head&, const L1Head&) = default;
};

/// A submitted batch, as the L1 keeps it (the data itself through batch_data).
struct BatchInfo {
    BatchHeader header;
    Hash32 batch_hash;
    Hash32 data_hash;  // keccak256(transactions)
    std::uint64_t data_size = 0;
    std::uint64_t l1_block = 0;
    std::uint64_t l1_timestamp = 0;
};

enum class OutputStatus : std::uint8_t { kProposed = 1, kFinalized = 2 };
[[nodiscard]] std::string_view to_string(OutputStatus s) noexcept;

/// A proposed output (state root) for one batch.
struct OutputInfo {
    U256 batch_number;
    Hash32 state_root;
    OutputProof output;
    Address proposer;
    U256 bond;
    std::uint64_t proposed_l1_block = 0;
    std::uint64_t proposed_l1_timestamp = 0;
    OutputStatus status = OutputStatus::kProposed;
    std::uint64_t finalized_l1_block = 0;  // 0 while proposed
};

/// The L1→L2 queue entry of one message.
struct QueuedMessage {
    L2Message message;
    Hash32 message_hash;
    std::uint64_t l1_block = 0;  // queued in
};

struct EventFilter {
    std::uint64_t from_block = 0;
    std::uint64_t to_block = UINT64_MAX;  // inclusive
};

class Settlement {
public:
    virtual ~Settlement() = default;

    // ---- ILuxRollup ----
    /// initialize(RollupConfig): once. Refuses a zero sequencer, a zero challenge period for an
    /// Optimistic or Hybrid rollup, a second call, and value.
    [[nodiscard]] virtual Result<void> initialize(const Call& c, const RollupConfig& config) = 0;
    /// submitBatch(header, transactions): only the configured sequencer (caller and header.sequencer,
    /// and the signature when present); header.batchNumber is the next one and parentBatchHash the
    /// previous batch's hash; data non-empty and within the size limit; l1BlockNumber not in the
    /// future; no queued L1→L2 message older than the inclusion window left unrelayed. Returns the
    /// batch hash and logs BatchSubmitted.
    [[nodiscard]] virtual Result<Hash32> submit_batch(const Call& c, const BatchHeader& header,
                                                      ByteView transactions) = 0;
    /// proposeStateRoot(batchNumber, stateRoot, proof): the batch is submitted and not yet proposed,
    /// caller is the configured proposer (unless that is zero), msg.value (the bond) ≥ minStake,
    /// proof is an OutputProof. Logs StateRootProposed.
    [[nodiscard]] virtual Result<void> propose_state_root(const Call& c, const U256& batch_number,
                                                          const Hash32& state_root, ByteView proof) = 0;
    /// finalizeStateRoot(batchNumber): the next unfinalized batch, proposed, and its challenge period
    /// (L1 timestamp ≥ proposal timestamp + challengePeriod) over. Returns the bond to the proposer and
    /// logs StateRootFinalized.
    [[nodiscard]] virtual Result<void> finalize_state_root(const Call& c, const U256& batch_number) = 0;

    /// depositToL2(token, amount, userData) payable: native token only (token 0), msg.value ==
    /// amount. Locks the value and queues an L1→L2 message to the caller's own address on L2 carrying
    /// userData. Returns its nonce (logs MessageQueued).
    [[nodiscard]] virtual Result<U256> deposit_to_l2(const Call& c, const Address& token, const U256& amount,
                                                     ByteView user_data) = 0;
    /// initiateWithdrawal(token, amount, proof): proves a withdrawal (an L2→L1 message, WithdrawalProof)
    /// against a PROPOSED output; status → Proven. Returns the withdrawal id = uint256(messageHash).
    [[nodiscard]] virtual Result<U256> initiate_withdrawal(const Call& c, const Address& token, const U256& amount,
                                                           ByteView proof) = 0;
    /// finalizeWithdrawal(withdrawalId, proof): the WithdrawalProof's message hash is withdrawalId, its
    /// output FINALIZED, the Merkle proof valid against the output's message root, and not executed
    /// before. Pays message.value to message.target from the locked funds; status → Executed.
    [[nodiscard]] virtual Result<void> finalize_withdrawal(const Call& c, const U256& withdrawal_id,
                                                           ByteView proof) = 0;

    // ---- IMessageBridge ----
    /// sendMessageToL2(target, data) payable: queues an L1→L2 message carrying msg.value; returns its
    /// nonce.
    [[nodiscard]] virtual Result<U256> send_message_to_l2(const Call& c, const Address& target, ByteView data) = 0;
    /// relayMessageToL2(message, signature): the sequencer (as caller, or by signing message_hash)
    /// reports that a queued message was included on L2; Sent → Executed.
    [[nodiscard]] virtual Result<void> relay_message_to_l2(const Call& c, const L2Message& message,
                                                           ByteView signature) = 0;
    /// sendMessageToL1: on an EVM chain this is the L2 message passer's function; the L1 side here
    /// lets the sequencer report an L2→L1 message from a sealed block so that getMessageStatus knows it
    /// (Unknown → Sent). Proofs never depend on it. Returns message_hash.
    [[nodiscard]] virtual Result<Hash32> send_message_to_l1(const Call& c, const L2Message& message) = 0;
    /// relayMessageFromL2(message, proof): as finalizeWithdrawal for any L2→L1 message.
    [[nodiscard]] virtual Result<void> relay_message_from_l2(const Call& c, const L2Message& message,
                                                             const MessageProof& proof) = 0;
    [[nodiscard]] virtual Result<MessageStatus> get_message_status(const Hash32& message_hash) const = 0;
    [[nodiscard]] virtual Result<bool> is_message_executed(const Hash32& message_hash) const = 0;

    // ---- views and the log ----
    [[nodiscard]] virtual Result<std::optional<RollupConfig>> config() const = 0;
    [[nodiscard]] virtual Result<L1Head> head() const = 0;
    [[nodiscard]] virtual Result<U256> balance(const Address& account) const = 0;
    /// Number of submitted batches (the next batch number).
    [[nodiscard]] virtual Result<std::uint64_t> batch_count() const = 0;
    /// The next batch to finalize (= number of finalized batches).
    [[nodiscard]] virtual Result<std::uint64_t> finalized_count() const = 0;
    [[nodiscard]] virtual Result<std::optional<BatchInfo>> batch(std::uint64_t batch_number) const = 0;
    /// The `transactions` bytes of a submitted batch (calldata or blobs on an EVM chain).
    [[nodiscard]] virtual Result<std::optional<Bytes>> batch_data(std::uint64_t batch_number) const = 0;
    [[nodiscard]] virtual Result<std::optional<OutputInfo>> output(std::uint64_t batch_number) const = 0;
    /// L1→L2 queue entries with nonce ≥ from_nonce, at most `max`.
    [[nodiscard]] virtual Result<std::vector<QueuedMessage>> queued_messages(std::uint64_t from_nonce,
                                                                             std::size_t max) const = 0;
    [[nodiscard]] virtual Result<std::vector<Event>> events(const EventFilter& filter) const = 0;
};

}  // namespace luxl2::l1
