// Hashes, roots and the sequencer's signature of LP-505 blocks (docs/format/canonical.md).
//   block_hash = keccak256(canonical(header) without the signature field)
//   transactions_root = merkle root over canonical(TransactionData) of each transaction
//   messages_root = merkle root over the 32-byte message_hash of each message (its proof excluded)
// The Merkle tree is merkle/tree.hpp's (leaf = keccak(0x00‖x), node = keccak(0x01‖l‖r)).
#pragma once

#include <span>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/batch_types.hpp"
#include "luxl2/format/block.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format {

/// The bytes the block hash covers: rlp([version, blockNumber, …, extraData]) (the header's list
/// without its last item, the signature).
[[nodiscard]] Bytes signed_header_bytes(const BlockHeader& h);
[[nodiscard]] Hash32 block_hash(const BlockHeader& h);
[[nodiscard]] inline Hash32 block_hash(const L2Block& b) {
    return block_hash(b.header);
}
/// LP-505 computeBlockHash.
[[nodiscard]] inline Hash32 compute_block_hash(const L2Block& b) {
    return block_hash(b.header);
}

/// The block hash from a header's canonical (RLP) bytes as received: keccak256 of the header list
/// without its item 12 (the signature), every other item byte for byte, including the fields a newer
/// format version appended after the signature. For a header of a version this code knows it equals
/// block_hash(decoded header); for a newer one it is the hash the writer computed, which
/// block_hash(decoded header) is not (the decoded value lacks the unknown fields). Fails on bytes
/// rlp_decode<BlockHeader> rejects.
[[nodiscard]] Result<Hash32> block_hash_of_canonical_header(ByteView header, const Limits& lim = {});
/// The same from a whole canonical (RLP) L2Block: its first item is the header.
[[nodiscard]] Result<Hash32> block_hash_of_canonical_block(ByteView block, const Limits& lim = {});

[[nodiscard]] Hash32 transactions_root(std::span<const TransactionData> txs);
/// MessageBatch.batchHash: root over leaf_hash(message_hash(m)) of each message, recomputed from the
/// content (the messageHash and proof fields are ignored). The same root as xrollup::message_batch_root.
[[nodiscard]] Hash32 messages_root(std::span<const CrossRollupMessage> msgs);
/// Root over receipts given as their canonical bytes (the exec module defines receipts).
[[nodiscard]] Hash32 receipts_root(std::span<const Bytes> receipts);
/// Root over block hashes (BatchedBlocks.batchRoot).
[[nodiscard]] Hash32 batch_root(std::span<const L2Block> blocks);
/// keccak256 of the canonical message with messageHash and proof left out.
[[nodiscard]] Hash32 message_hash(const CrossRollupMessage& m);

/// Sets header.sequencer to the key's address and header.signature to r ‖ s ‖ v (v = recovery id
/// 0/1) over block_hash(header).
void sign_header(BlockHeader& h, const crypto::SecretKey& key);
/// Recovers the signer of a signed header (low s required) and checks it is header.sequencer.
/// Codes "format.bad_signature", "format.wrong_signer".
[[nodiscard]] Result<Address> verify_header(const BlockHeader& h);
/// The same against a given block hash (block_hash_of_canonical_header for a newer version).
[[nodiscard]] Result<Address> verify_header(const BlockHeader& h, const Hash32& hash);

}  // namespace luxl2::format
