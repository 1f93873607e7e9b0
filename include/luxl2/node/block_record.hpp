// The block the sequencer seals and stores: an LP-505 format::L2Block, signed by the sequencer, plus
// the values the node reads from its header all the time (number, gas, base fee) and its hash.
//
// How the node fills an L2Block (docs/rpc.md "Blocks"):
//   header.blockNumber, timestamp, gasUsed, gasLimit   as Ethereum's, all < 2^64
//   header.parentHash                                  the parent's block hash (zero for genesis)
//   header.stateRoot                                   the state tree root after the block
//   header.transactionsRoot                            format::transactions_root(transactions)
//   header.receiptsRoot                                format::receipts_root(exec::encode_receipt(r)…)
//   header.sequencer, header.signature                 format::sign_header with the sequencer key
//   header.l1BlockNumber                               the L1 block whose deposits were included last
//   header.extraData                                   the block's EIP-1559 base fee, 32 bytes big-endian
//                                                      (LP-505's header has no base-fee field; replay
//                                                      checks it equals exec::next_base_fee of the parent)
//   transactions                                       Ethereum ones wrapped (format::wrap_ethereum),
//                                                      deposits (0x7E) first
//   stateTransition                                    previous/new state root and one AccountDelta per
//                                                      account whose balance, nonce or code changed
// The block hash is format::block_hash(header): keccak256 of the canonical header without the
// signature. Stored encoding: format::canonical_encode(block) (RLP).
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/block.hpp"

namespace luxl2::node {

inline constexpr std::string_view bad_block = "node.bad_block";

struct BlockRecord {
    format::L2Block block;
    Hash32 hash;  // format::block_hash(block.header)
    // Read from block.header by from_block:
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    std::uint64_t gas_used = 0;
    std::uint64_t gas_limit = 0;
    U256 base_fee;

    [[nodiscard]] const Hash32& state_root() const noexcept { return block.header.state_root; }
    [[nodiscard]] const Hash32& parent_hash() const noexcept { return block.header.parent_hash; }
    [[nodiscard]] const Address& sequencer() const noexcept { return block.header.sequencer; }
    [[nodiscard]] std::size_t tx_count() const noexcept { return block.transactions.size(); }

    /// Wraps a block: computes its hash and reads the header's numbers. Fails (bad_block) when a
    /// number does not fit 64 bits. Does not check the signature (see verify_sealed).
    [[nodiscard]] static Result<BlockRecord> from_block(format::L2Block b);
    friend bool operator==(const BlockRecord& a, const BlockRecord& b) { return a.block == b.block; }
};

/// The header's extraData for a base fee, and back.
[[nodiscard]] Hash32 base_fee_extra_data(const U256& base_fee) noexcept;
[[nodiscard]] inline U256 base_fee_of(const format::BlockHeader& h) noexcept {
    return U256::from_be32(h.extra_data.data());
}

/// Canonical (RLP) bytes of the block.
[[nodiscard]] Bytes encode_block_record(const BlockRecord& b);
/// Strict inverse: canonical RLP of an L2Block whose header signature recovers to header.sequencer
/// (codes bad_block, format.bad_signature, format.wrong_signer).
[[nodiscard]] Result<BlockRecord> decode_block_record(ByteView in);
[[nodiscard]] inline const Hash32& block_hash(const BlockRecord& b) noexcept {
    return b.hash;
}

}  // namespace luxl2::node
