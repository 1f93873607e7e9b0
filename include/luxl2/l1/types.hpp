// The values of LP-500's settlement contracts (ILuxRollup "Core Architecture", IMessageBridge
// "Cross-Layer Message Passing") and their wire encodings. Everything an L1 contract must hash or
// decode is RLP here, so a Solidity implementation can compute the same hashes:
//   batch_hash(h)     = keccak256(rlp([batchNumber, parentBatchHash, stateRoot, transactionRoot,
//                                      receiptRoot, timestamp, l1BlockNumber, sequencer]))   (no signature)
//   message_hash(m)   = keccak256(rlp([sender, target, value, gasLimit, data, nonce]))
//   OutputProof       = rlp([messageRoot, messageCount, l2BlockHash, l2BlockNumber])
//                       (the `proof` argument of proposeStateRoot)
//   WithdrawalProof   = rlp([[sender, target, value, gasLimit, data, nonce],
//                            [batchHash, messageHash, merkleProof, messageIndex]])
//                       (the `proof` argument of initiateWithdrawal and finalizeWithdrawal)
// A message tree is the positional tree of merkle/tree.hpp over leaf_hash(message_hash) of a batch's
// L2→L1 messages in order; MessageProof.merkleProof is merkle::encode of a single-leaf proof.
#pragma once

#include <cstdint>
#include <string_view>
#include <variant>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::l1 {

namespace errc {
inline constexpr std::string_view not_initialized = "l1.not_initialized";
inline constexpr std::string_view already_initialized = "l1.already_initialized";
inline constexpr std::string_view bad_config = "l1.bad_config";
inline constexpr std::string_view not_sequencer = "l1.not_sequencer";  // caller/header/signature is not the sequencer
inline constexpr std::string_view not_proposer = "l1.not_proposer";
inline constexpr std::string_view bad_batch_number = "l1.bad_batch_number";  // not the next one
inline constexpr std::string_view bad_parent = "l1.bad_parent";              // parentBatchHash breaks the chain
inline constexpr std::string_view bad_batch = "l1.bad_batch";                // empty/oversized data, future L1 block
inline constexpr std::string_view deposit_overdue = "l1.deposit_overdue";    // a queued L1→L2 message past its window
inline constexpr std::string_view unknown_batch = "l1.unknown_batch";
inline constexpr std::string_view already_proposed = "l1.already_proposed";
inline constexpr std::string_view insufficient_bond = "l1.insufficient_bond";
inline constexpr std::string_view not_proposed = "l1.not_proposed";
inline constexpr std::string_view challenge_period = "l1.challenge_period";  // not yet over
inline constexpr std::string_view out_of_order = "l1.out_of_order";          // finalize skips a batch
inline constexpr std::string_view already_finalized = "l1.already_finalized";
inline constexpr std::string_view not_finalized = "l1.not_finalized";  // the output a proof refers to
inline constexpr std::string_view bad_proof = "l1.bad_proof";          // malformed or not matching the output
inline constexpr std::string_view already_executed = "l1.already_executed";
inline constexpr std::string_view status_backwards = "l1.status_backwards";  // message status cannot move back
inline constexpr std::string_view unknown_message = "l1.unknown_message";
inline constexpr std::string_view unsupported_token = "l1.unsupported_token";  // only the native token (address 0)
inline constexpr std::string_view bad_value = "l1.bad_value";                  // msg.value vs amount, or not payable
inline constexpr std::string_view insufficient_funds = "l1.insufficient_funds";
inline constexpr std::string_view insufficient_liquidity = "l1.insufficient_liquidity";  // contract cannot pay
inline constexpr std::string_view bad_time = "l1.bad_time";                              // clock moved backwards
}  // namespace errc

enum class RollupType : std::uint8_t { kOptimistic = 0, kZkRollup = 1, kHybrid = 2, kSovereign = 3 };
enum class ExecutionMode : std::uint8_t { kGeneral = 0, kAiCompute = 1, kDistributedTraining = 2, kConfidential = 3 };

/// LP-500 RollupConfig. challengePeriod is in seconds of L1 time; minStake in wei.
struct RollupConfig {
    RollupType rollup_type = RollupType::kOptimistic;
    ExecutionMode execution_mode = ExecutionMode::kGeneral;
    Address sequencer;
    Address proposer;  // zero: anyone may propose (with a bond)
    Address challenger;
    U256 challenge_period;
    U256 min_stake;
    Hash32 genesis_state_root;
    Bytes init_code;
    friend bool operator==(const RollupConfig&, const RollupConfig&) = default;
};

/// LP-500 BatchHeader. `signature` (r ‖ s ‖ v, 65 bytes, or empty) signs batch_hash.
struct BatchHeader {
    U256 batch_number;
    Hash32 parent_batch_hash;  // batch_hash of batch n−1; zero for batch 0
    Hash32 state_root;
    Hash32 transaction_root;
    Hash32 receipt_root;
    U256 timestamp;
    U256 l1_block_number;
    Address sequencer;
    Bytes signature;
    friend bool operator==(const BatchHeader&, const BatchHeader&) = default;
};

/// IMessageBridge L2Message: an L1→L2 message (deposits are ones with empty data to the sender
/// itself) or an L2→L1 message (withdrawals likewise).
struct L2Message {
    Address sender;
    Address target;
    U256 value;
    U256 gas_limit;
    Bytes data;
    U256 nonce;
    friend bool operator==(const L2Message&, const L2Message&) = default;
};

/// IMessageBridge MessageProof.
struct MessageProof {
    Hash32 batch_hash;
    Hash32 message_hash;
    Bytes merkle_proof;  // merkle::encode(MultiProof) with one index
    U256 message_index;
    friend bool operator==(const MessageProof&, const MessageProof&) = default;
};

/// What a proposal commits to besides the state root: the `proof` of proposeStateRoot.
struct OutputProof {
    Hash32 message_root;  // the batch's L2→L1 message tree
    std::uint64_t message_count = 0;
    Hash32 l2_block_hash;  // the last L2 block of the batch
    std::uint64_t l2_block_number = 0;
    friend bool operator==(const OutputProof&, const OutputProof&) = default;
};

/// getMessageStatus values (uint8 on an EVM chain). Status only ever increases.
enum class MessageStatus : std::uint8_t {
    kUnknown = 0,
    kSent = 1,      // queued on L1 (L1→L2) or reported from an L2 block (L2→L1)
    kProven = 2,    // L2→L1: proven against a proposed output (initiateWithdrawal)
    kExecuted = 3,  // L1→L2: included on L2 (relayMessageToL2); L2→L1: paid/relayed on L1
};
[[nodiscard]] std::string_view to_string(MessageStatus s) noexcept;

[[nodiscard]] Hash32 batch_hash(const BatchHeader& h);
[[nodiscard]] Hash32 message_hash(const L2Message& m);

[[nodiscard]] Bytes encode_output_proof(const OutputProof& o);
/// Refuses anything but the exact canonical encoding (errc::bad_proof).
[[nodiscard]] Result<OutputProof> decode_output_proof(ByteView in);

[[nodiscard]] Bytes encode_withdrawal_proof(const L2Message& m, const MessageProof& p);
struct WithdrawalProof {
    L2Message message;
    MessageProof proof;
};
/// Refuses anything but the exact canonical encoding, data above 1 MiB (errc::bad_proof).
[[nodiscard]] Result<WithdrawalProof> decode_withdrawal_proof(ByteView in);

/// 65-byte r ‖ s ‖ v (v 0/1 or 27/28) signature of `digest` by `key`'s address, as the settlement
/// checks it for batch headers and relayed messages. Returns the signer, or errc::not_sequencer.
[[nodiscard]] Result<Address> recover_signer(const Hash32& digest, ByteView signature);

// ---- events (the queryable log) ----------------------------------------------------------------

struct BatchSubmitted {
    U256 batch_number;
    Hash32 batch_hash;
    friend bool operator==(const BatchSubmitted&, const BatchSubmitted&) = default;
};
struct StateRootProposed {
    U256 batch_number;
    Hash32 state_root;
    friend bool operator==(const StateRootProposed&, const StateRootProposed&) = default;
};
struct StateRootFinalized {
    U256 batch_number;
    Hash32 state_root;
    friend bool operator==(const StateRootFinalized&, const StateRootFinalized&) = default;
};
/// An L1→L2 message entered the queue (depositToL2 or sendMessageToL2); the sequencer reads these.
struct MessageQueued {
    Hash32 message_hash;
    L2Message message;
    friend bool operator==(const MessageQueued&, const MessageQueued&) = default;
};
/// A message moved forward (relayed to L2, reported from L2, proven, executed).
struct MessageStatusChanged {
    Hash32 message_hash;
    MessageStatus status = MessageStatus::kUnknown;
    friend bool operator==(const MessageStatusChanged&, const MessageStatusChanged&) = default;
};

using EventData =
    std::variant<BatchSubmitted, StateRootProposed, StateRootFinalized, MessageQueued, MessageStatusChanged>;

struct Event {
    std::uint64_t l1_block = 0;
    std::uint32_t log_index = 0;  // within its L1 block
    EventData data;
    friend bool operator==(const Event&, const Event&) = default;
};

[[nodiscard]] Bytes encode_event(const Event& e);
[[nodiscard]] Result<Event> decode_event(ByteView in);
[[nodiscard]] std::string_view event_name(const EventData& d) noexcept;

}  // namespace luxl2::l1
