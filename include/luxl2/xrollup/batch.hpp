// LP-505 MessageBatch: the messages a block carries, committed by batchHash = the positional Merkle
// root (merkle/tree.hpp) over leaf_hash(messageHash) of each message, in order. Leaves are the message
// hashes, not the full encodings, so a message's proof field (which holds its inclusion proof) does not
// change the root it proves against.
// This is format::messages_root, the root format::validate(MessageBatch) checks; verify_batch below
// checks the per-message hashes and inclusion proofs as well.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/messages.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/xrollup/pack.hpp"  // errc::hash_mismatch

namespace luxl2::xrollup {

namespace errc {
inline constexpr std::string_view too_many_messages = "xrollup.too_many_messages";
inline constexpr std::string_view bad_batch_hash = "xrollup.bad_batch_hash";
inline constexpr std::string_view not_included = "xrollup.not_included";
}  // namespace errc

inline constexpr std::size_t kMaxBatchMessages = 1 << 16;

/// merkle root over leaf_hash(format::message_hash(m)) of each message (recomputed, never taken from
/// the message_hash field); equal to format::messages_root. The root of no messages is
/// merkle::empty_root().
[[nodiscard]] Hash32 message_batch_root(std::span<const format::CrossRollupMessage> messages);

/// Builds the batch: copies the messages, sets each message_hash to its recomputed value and each
/// proof to the binary inclusion proof (merkle::encode of a single-index MultiProof), and batch_hash
/// to message_batch_root. Rejects more than kMaxBatchMessages messages.
[[nodiscard]] Result<format::MessageBatch> batch_messages(std::span<const format::CrossRollupMessage> messages,
                                                          const U256& block_height);

/// The inclusion proof of messages[index] (rejects an empty set and index >= size).
[[nodiscard]] Result<merkle::MultiProof> prove_message(std::span<const format::CrossRollupMessage> messages,
                                                       std::uint64_t index);

/// True iff `proof` is a single-index proof folding leaf_hash(format::message_hash(message)) to `root`.
/// The message hash is recomputed from the content. As merkle/proof.hpp says, the root does not bind
/// the leaf count; a caller that knows the batch size passes it as `expected_leaf_count` (0 = any).
[[nodiscard]] bool verify_message_inclusion(const format::CrossRollupMessage& message, const Hash32& root,
                                            const merkle::MultiProof& proof, std::uint64_t expected_leaf_count = 0);
/// The same with the proof taken from message.proof (its binary encoding). A malformed proof is false.
[[nodiscard]] bool verify_message_inclusion(const format::CrossRollupMessage& message, const Hash32& root,
                                            std::uint64_t expected_leaf_count = 0);

/// Checks a received batch: at most kMaxBatchMessages, every message_hash equals its recomputed hash,
/// batch_hash == message_batch_root, and each non-empty message proof verifies against it. Codes
/// "xrollup.too_many_messages", "xrollup.hash_mismatch", "xrollup.bad_batch_hash", "xrollup.not_included".
[[nodiscard]] Result<void> verify_batch(const format::MessageBatch& batch);

}  // namespace luxl2::xrollup
