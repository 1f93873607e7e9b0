// Where blocks, receipts and the transaction index live in the KvStore. Writes are staged into the
// caller's WriteBatch, next to the block's state writes, so the whole block commits atomically.
//
// Keys (one-byte table prefixes; numbers big-endian so blocks sort in order):
//   'B' ‖ be64(number)      → encode_block_record (the canonical LP-505 L2Block)
//   'H' ‖ block hash        → be64(number)
//   'R' ‖ be64(number)      → rlp([receipt...]) (each exec::encode_receipt as an RLP string)
//   'T' ‖ tx hash           → be64(number) ‖ be32(index)
//   'I' ‖ tx hash           → a 0x53's inner transactions as executed (compress::to_json, UTF-8
//                             JSON): for RPC only, not consensus data (decoding the body needs the
//                             account index and nonces of its pre-state, which history does not keep)
//   "Mhead"                 → be64(number) of the newest committed block
//   "Mchain"                → the chain id (minimal big-endian)
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/exec/receipt.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/state/kv_store.hpp"

namespace luxl2::node {

struct TxLocation {
    std::uint64_t block_number = 0;
    std::uint32_t index = 0;
};

class ChainStore {
public:
    explicit ChainStore(state::KvStore& store) : store_(store) {}

    /// Stages the block, its receipts, its hash and transaction indexes, and the new head.
    /// `receipts` are exec::encode_receipt of each, in block order.
    void stage_block(state::WriteBatch& batch, const BlockRecord& block, const std::vector<Bytes>& receipts,
                     const std::vector<Hash32>& tx_hashes) const;
    /// Remembers a block just committed (so readers need not decode and verify it again).
    void remember(std::shared_ptr<const BlockRecord> block) const;
    void stage_chain_id(state::WriteBatch& batch, const U256& chain_id) const;
    /// Stages the inner transactions of the 0x53 `tx_hash` as its block executed them.
    void stage_compressed_inner(state::WriteBatch& batch, const Hash32& tx_hash,
                                const compress::CompressedBatch& inner) const;
    /// Those inner transactions, nullopt when not recorded.
    [[nodiscard]] Result<std::optional<compress::CompressedBatch>> compressed_inner(const Hash32& tx_hash) const;

    [[nodiscard]] Result<std::optional<std::uint64_t>> head() const;
    [[nodiscard]] Result<std::optional<U256>> chain_id() const;
    /// The block, null when absent. Decoded blocks have their sequencer signature verified; the
    /// newest few are cached, so repeated reads cost no decoding.
    [[nodiscard]] Result<std::shared_ptr<const BlockRecord>> block(std::uint64_t number) const;
    [[nodiscard]] Result<std::optional<std::uint64_t>> number_of(const Hash32& block_hash) const;
    [[nodiscard]] Result<std::vector<exec::Receipt>> receipts(std::uint64_t number) const;
    [[nodiscard]] Result<std::optional<TxLocation>> transaction(const Hash32& tx_hash) const;

private:
    static constexpr std::size_t kCachedBlocks = 64;
    state::KvStore& store_;
    mutable std::mutex cache_mu_;
    mutable std::map<std::uint64_t, std::shared_ptr<const BlockRecord>> cache_;
};

}  // namespace luxl2::node
