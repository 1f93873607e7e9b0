#include "luxl2/node/batcher.hpp"

#include "luxl2/merkle/tree.hpp"
#include "luxl2/node/batch_data.hpp"

namespace luxl2::node {
namespace {
std::uint64_t clamp64(const U256& v) {
    return v.fits_u64() ? v.low64() : UINT64_MAX;
}
}  // namespace

BatcherConfig BatcherConfig::from(const format::AggregationStrategy& s, const Address& sequencer) {
    BatcherConfig c;
    c.sequencer = sequencer;
    c.max_blocks = std::max<std::uint64_t>(1, clamp64(s.max_blocks));
    c.max_size = static_cast<std::size_t>(std::max<std::uint64_t>(1, clamp64(s.max_size)));
    c.max_delay = clamp64(s.max_delay);
    return c;
}

Result<std::uint64_t> Batcher::next_block() const {
    LUXL2_TRY(count, l1_.batch_count());
    if (count == 0) return std::uint64_t{0};  // batch 0 starts with the signed genesis block
    LUXL2_TRY(payload, l1_.batch_data(count - 1));
    if (!payload) return fail("state.corrupt", "the L1 has no data for batch " + std::to_string(count - 1));
    LUXL2_TRY(data, from_l1_payload(*payload));
    LUXL2_TRY(range, block_batch_range(data));
    return range.second + 1;
}

Result<std::optional<BatchReport>> Batcher::step(std::uint64_t now, bool flush) {
    LUXL2_TRY(next, next_block());
    LUXL2_TRY(head, blocks_.head());
    if (head < next) return std::optional<BatchReport>{};
    std::uint64_t count = std::min<std::uint64_t>(head - next + 1, config_.max_blocks);
    // maxDelay counts from when the batcher first saw the oldest waiting block (block timestamps are
    // whole seconds and may run ahead of the clock when blocks come faster than one per second).
    if (!waiting_since_ || waiting_since_->first != next) waiting_since_ = std::pair{next, now};
    const bool due = flush || count >= config_.max_blocks || now >= waiting_since_->second + config_.max_delay;
    if (!due) return std::optional<BatchReport>{};

    std::vector<SealedBlock> blocks;
    blocks.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t n = next; n < next + count; ++n) {
        LUXL2_TRY(b, blocks_.block(n));
        if (!b) return fail("node.missing_block", "block " + std::to_string(n) + " is not in the chain");
        blocks.push_back(std::move(*b));
    }
    // Fit maxSize: drop blocks from the end (a single block that alone exceeds it still goes).
    BatchDataStats stats;
    Bytes data;
    for (;;) {
        LUXL2_TRY(d, encode_block_batch(blocks, &stats));
        data = std::move(d);
        if (data.size() <= config_.max_size || blocks.size() == 1) break;
        blocks.resize(std::max<std::size_t>(1, blocks.size() * 3 / 4));
    }
    LUXL2_TRY(payload, to_l1_payload(data, config_.frame_size));

    LUXL2_TRY(number, l1_.batch_count());
    l1::BatchHeader h;
    h.batch_number = U256(number);
    if (number > 0) {
        LUXL2_TRY(prev, l1_.batch(number - 1));
        h.parent_batch_hash = prev.value().batch_hash;
    }
    std::vector<Hash32> leaves;
    std::size_t txs = 0;
    for (const auto& b : blocks) {
        leaves.push_back(merkle::leaf_hash(b.hash));
        txs += b.transactions.size();
    }
    h.state_root = blocks.back().state_root;
    h.transaction_root = merkle::root_of_leaf_hashes(leaves);  // the batch root over block hashes
    h.timestamp = U256(blocks.back().timestamp);
    LUXL2_TRY(l1head, l1_.head());
    h.l1_block_number = U256(l1head.number);
    h.sequencer = config_.sequencer;
    const Hash32 bh = l1::batch_hash(h);
    if (signer_) {
        const auto sig = crypto::sign_recoverable(bh, *signer_);
        h.signature.resize(65);
        const auto r = sig.r.to_be_bytes();
        const auto s = sig.s.to_be_bytes();
        std::copy(r.begin(), r.end(), h.signature.begin());
        std::copy(s.begin(), s.end(), h.signature.begin() + 32);
        h.signature[64] = sig.recid;
    }
    LUXL2_TRY(submitted, l1_.submit_batch({config_.sequencer, {}}, h, payload));
    BatchReport r;
    r.batch_number = number;
    r.first_block = blocks.front().number;
    r.last_block = blocks.back().number;
    r.transactions = txs;
    r.raw_bytes = stats.raw_bytes;
    r.data_bytes = data.size();
    r.l1_bytes = payload.size();
    LUXL2_TRY(frames, frame_count(payload));
    r.frames = frames;
    r.batch_hash = submitted;
    return std::optional<BatchReport>{r};
}

}  // namespace luxl2::node
