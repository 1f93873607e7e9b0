#include "luxl2/node/rollup_blocks.hpp"

#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::node {

Result<SealedBlock> seal(const BlockRecord& b) {
    SealedBlock s;
    s.number = b.number;
    s.hash = b.hash;
    s.parent_hash = b.parent_hash();
    s.timestamp = b.timestamp;
    s.state_root = b.state_root();
    for (const auto& t : b.block.transactions) {
        LUXL2_TRY(env, format::to_envelope(t));
        s.transactions.push_back(std::move(env));
    }
    format::L2Block header = b.block;
    header.transactions.clear();
    // The state deltas and witness follow from re-executing the transactions and are not covered by
    // the signed header: derivation recomputes them, so they are not posted to the L1.
    header.state_transition.account_deltas.clear();
    header.state_transition.storage_deltas.clear();
    header.witness.clear();
    s.header = format::canonical_encode(header);
    return s;
}

Result<BlockRecord> rebuild_block(ByteView header, std::vector<Bytes> transactions) {
    format::Limits lim;
    lim.max_bytes = std::max<std::size_t>(lim.max_bytes, header.size());
    auto block = format::rlp_decode<format::L2Block>(header, lim);
    if (!block) return fail(bad_block, "block: " + block.error().to_string());
    if (!block->transactions.empty()) return fail(bad_block, "a batched block header carries transactions");
    for (const auto& raw : transactions) {
        auto t = format::from_envelope(raw);
        if (!t) return fail(bad_block, "transaction: " + t.error().to_string());
        block->transactions.push_back(std::move(*t));
    }
    if (block->header.transactions_root != format::transactions_root(block->transactions))
        return fail(bad_block, "the transactions do not match the header's transactions root");
    // The signature covers the header alone; decode_block_record checks it on the whole block.
    return decode_block_record(format::canonical_encode(*block));
}

Result<std::uint64_t> ChainBlockSource::head() const {
    LUXL2_TRY(h, chain_.head());
    return h.value_or(0);
}

Result<std::optional<SealedBlock>> ChainBlockSource::block(std::uint64_t number) const {
    LUXL2_TRY(b, chain_.block(number));
    if (!b) return std::optional<SealedBlock>{};
    LUXL2_TRY(s, seal(*b));
    return std::optional<SealedBlock>{std::move(s)};
}

Result<std::vector<exec::Receipt>> ChainBlockSource::receipts(std::uint64_t number) const {
    return chain_.receipts(number);
}

}  // namespace luxl2::node
