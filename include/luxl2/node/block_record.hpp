// The block the sequencer seals and stores, for now a simple record; it becomes LP-505's L2Block
// (format/block.hpp) once that lands. Only this header, its .cpp and chain_store.cpp know its layout.
//
// Encoding: rlp([number, parent_hash, timestamp, fee_recipient, state_root, transactions_root,
// receipts_root, gas_used, gas_limit, base_fee, [tx...]]) with each tx its EIP-2718 bytes as an RLP
// string. The block hash is keccak256 of the same list without the transactions (the header), which
// commits to them through transactions_root.
#pragma once

#include <cstdint>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::node {

struct BlockRecord {
    std::uint64_t number = 0;
    Hash32 parent_hash;
    std::uint64_t timestamp = 0;
    Address fee_recipient;
    Hash32 state_root;
    Hash32 transactions_root;  // merkle::root over the EIP-2718 encodings
    Hash32 receipts_root;      // merkle::root over exec::encode_receipt
    std::uint64_t gas_used = 0;
    std::uint64_t gas_limit = 0;
    U256 base_fee;
    std::vector<Bytes> transactions;
    friend bool operator==(const BlockRecord&, const BlockRecord&) = default;
};

[[nodiscard]] Bytes encode_block_record(const BlockRecord& b);
/// Strict inverse (code "node.bad_block").
[[nodiscard]] Result<BlockRecord> decode_block_record(ByteView in);
[[nodiscard]] Hash32 block_hash(const BlockRecord& b);

}  // namespace luxl2::node
