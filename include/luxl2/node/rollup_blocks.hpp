// The seam between block production and the rollup roles (batcher, proposer, derivation): sealed
// blocks as the roles need them, whatever the block format. A block is its header in the chain's own
// encoding (without transactions) plus its EIP-2718 transactions; the roles never look inside the
// header bytes, they hand them back to the chain's decoder (derivation) unchanged. The chain's blocks
// are signed LP-505 L2Blocks (block_record.hpp): `header` is the canonical encoding of the block with
// its transaction list emptied (the signed header commits to them through transactionsRoot) and
// without its state deltas and witness (not signed, and recomputed by re-execution), and
// `transactions` their EIP-2718 envelopes (format::to_envelope; deposits are 0x7E ones).
#pragma once

#include <optional>
#include <vector>

#include "luxl2/exec/receipt.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/node/chain_store.hpp"

namespace luxl2::node {

struct SealedBlock {
    std::uint64_t number = 0;
    Hash32 hash;
    Hash32 parent_hash;
    std::uint64_t timestamp = 0;
    Hash32 state_root;
    Bytes header;                     // the block without transactions, chain encoding
    std::vector<Bytes> transactions;  // EIP-2718 envelopes
};

class BlockSource {
public:
    virtual ~BlockSource() = default;
    /// The newest sealed block.
    [[nodiscard]] virtual Result<std::uint64_t> head() const = 0;
    [[nodiscard]] virtual Result<std::optional<SealedBlock>> block(std::uint64_t number) const = 0;
    [[nodiscard]] virtual Result<std::vector<exec::Receipt>> receipts(std::uint64_t number) const = 0;
};

/// Sealed blocks of a ChainStore (node::BlockRecord).
class ChainBlockSource final : public BlockSource {
public:
    explicit ChainBlockSource(const ChainStore& chain) : chain_(chain) {}
    [[nodiscard]] Result<std::uint64_t> head() const override;
    [[nodiscard]] Result<std::optional<SealedBlock>> block(std::uint64_t number) const override;
    [[nodiscard]] Result<std::vector<exec::Receipt>> receipts(std::uint64_t number) const override;

private:
    const ChainStore& chain_;
};

[[nodiscard]] Result<SealedBlock> seal(const BlockRecord& b);
/// The inverse for derivation: the chain's block from its header bytes and transactions, with its
/// transactions root and sequencer signature checked (codes node.bad_block, format.*).
[[nodiscard]] Result<BlockRecord> rebuild_block(ByteView header, std::vector<Bytes> transactions);

}  // namespace luxl2::node
