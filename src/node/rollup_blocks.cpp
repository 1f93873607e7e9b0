#include "luxl2/node/rollup_blocks.hpp"

namespace luxl2::node {

SealedBlock seal(const BlockRecord& b) {
    SealedBlock s;
    s.number = b.number;
    s.hash = block_hash(b);
    s.parent_hash = b.parent_hash;
    s.timestamp = b.timestamp;
    s.state_root = b.state_root;
    BlockRecord header = b;
    header.transactions.clear();
    s.header = encode_block_record(header);
    s.transactions = b.transactions;
    return s;
}

Result<BlockRecord> rebuild_block(ByteView header, std::vector<Bytes> transactions) {
    LUXL2_TRY(b, decode_block_record(header));
    if (!b.transactions.empty()) return fail("node.bad_block", "a batched block header carries transactions");
    b.transactions = std::move(transactions);
    return b;
}

Result<std::uint64_t> ChainBlockSource::head() const {
    LUXL2_TRY(h, chain_.head());
    return h.value_or(0);
}

Result<std::optional<SealedBlock>> ChainBlockSource::block(std::uint64_t number) const {
    LUXL2_TRY(b, chain_.block(number));
    if (!b) return std::optional<SealedBlock>{};
    return std::optional<SealedBlock>{seal(*b)};
}

Result<std::vector<exec::Receipt>> ChainBlockSource::receipts(std::uint64_t number) const {
    return chain_.receipts(number);
}

}  // namespace luxl2::node
