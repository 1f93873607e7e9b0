#include "luxl2/node/withdrawals.hpp"

#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"
#include "luxl2/node/batch_data.hpp"

namespace luxl2::node {
namespace {
constexpr std::string_view no_withdrawal = "node.no_withdrawal";
}

Address l2_to_l1_message_passer() noexcept {
    Address a;
    a[0] = 0x42;
    a[19] = 0x16;
    return a;
}

Result<std::vector<l1::L2Message>> block_messages(const SealedBlock& block, const std::vector<exec::Receipt>& receipts,
                                                  const format::Rules& rules) {
    if (receipts.size() != block.transactions.size())
        return fail("node.bad_block", "block " + std::to_string(block.number) + " has " +
                                          std::to_string(receipts.size()) + " receipts for " +
                                          std::to_string(block.transactions.size()) + " transactions");
    std::vector<l1::L2Message> out;
    const Address passer = l2_to_l1_message_passer();
    for (std::size_t i = 0; i < block.transactions.size(); ++i) {
        if (!receipts[i].status) continue;
        // Only Ethereum transactions send messages: deposits (0x7E) and LP-505 types do not decode here.
        auto decoded = format::decode_transaction(block.transactions[i]);
        if (!decoded) continue;
        const format::Transaction& tx = *decoded;
        if (!tx.to || *tx.to != passer) continue;
        LUXL2_TRY(sender, format::validate_transaction(tx, rules));
        l1::L2Message m;
        m.sender = sender;
        m.target = sender;
        if (tx.data.size() >= 20) {
            m.target = Address::from_view(ByteView(tx.data).first(20));
            m.data.assign(tx.data.begin() + 20, tx.data.end());
        } else if (!tx.data.empty()) {
            continue;  // not a message: 1..19 bytes name no target (the value stays burned)
        }
        m.value = tx.value;
        m.nonce = (U256(block.number) << 32) | U256(i);
        out.push_back(std::move(m));
    }
    return out;
}

MessageTreeInfo message_tree(std::vector<l1::L2Message> messages) {
    std::vector<Hash32> leaves;
    leaves.reserve(messages.size());
    for (const auto& m : messages) leaves.push_back(merkle::leaf_hash(l1::message_hash(m)));
    return {std::move(messages), merkle::root_of_leaf_hashes(leaves)};
}

Result<MessageTreeInfo> range_messages(const BlockSource& source, std::uint64_t first, std::uint64_t last,
                                       const format::Rules& rules) {
    std::vector<l1::L2Message> all;
    for (std::uint64_t n = first; n <= last; ++n) {
        LUXL2_TRY(b, source.block(n));
        if (!b) return fail("node.missing_block", "block " + std::to_string(n) + " is not in the local chain");
        LUXL2_TRY(receipts, source.receipts(n));
        LUXL2_TRY(msgs, block_messages(*b, receipts, rules));
        for (auto& m : msgs) all.push_back(std::move(m));
    }
    return message_tree(std::move(all));
}

Result<std::optional<std::uint64_t>> batch_of_block(const l1::Settlement& l1, std::uint64_t block) {
    LUXL2_TRY(count, l1.batch_count());
    // Batches cover consecutive, increasing ranges: binary search on their first blocks.
    std::uint64_t lo = 0;
    std::uint64_t hi = count;
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        LUXL2_TRY(payload, l1.batch_data(mid));
        if (!payload) return fail("state.corrupt", "batch " + std::to_string(mid) + " has no data");
        LUXL2_TRY(data, from_l1_payload(*payload));
        LUXL2_TRY(range, block_batch_range(data));
        if (block < range.first)
            hi = mid;
        else if (block > range.second)
            lo = mid + 1;
        else
            return std::optional<std::uint64_t>{mid};
    }
    return std::optional<std::uint64_t>{};
}

Result<WithdrawalProofInfo> withdrawal_proof(const l1::Settlement& l1, const ChainStore& chain,
                                             const BlockSource& source, const format::Rules& rules,
                                             const Hash32& tx_hash) {
    LUXL2_TRY(loc, chain.transaction(tx_hash));
    if (!loc) return fail(no_withdrawal, "unknown transaction");
    LUXL2_TRY(bn, batch_of_block(l1, loc->block_number));
    if (!bn)
        return fail(no_withdrawal, "block " + std::to_string(loc->block_number) + " is not in a submitted batch yet");
    LUXL2_TRY(payload, l1.batch_data(*bn));
    LUXL2_TRY(data, from_l1_payload(payload.value()));
    LUXL2_TRY(range, block_batch_range(data));
    LUXL2_TRY(tree, range_messages(source, range.first, range.second, rules));
    const U256 nonce = (U256(loc->block_number) << 32) | U256(loc->index);
    for (std::size_t i = 0; i < tree.messages.size(); ++i) {
        if (tree.messages[i].nonce != nonce) continue;
        std::vector<Hash32> leaves;
        for (const auto& m : tree.messages) leaves.push_back(merkle::leaf_hash(l1::message_hash(m)));
        LUXL2_TRY(mp, merkle::generate_proof(leaves, i));
        WithdrawalProofInfo w;
        w.message = tree.messages[i];
        w.batch_number = *bn;
        LUXL2_TRY(info, l1.batch(*bn));
        w.proof.batch_hash = info.value().batch_hash;
        w.proof.message_hash = l1::message_hash(w.message);
        w.proof.merkle_proof = merkle::encode(mp);
        w.proof.message_index = U256(i);
        LUXL2_TRY(out, l1.output(*bn));
        if (out) w.output_status = out->status;
        w.encoded = l1::encode_withdrawal_proof(w.message, w.proof);
        return w;
    }
    return fail(no_withdrawal, "the transaction sent no L2→L1 message (not to the passer, or it failed)");
}

}  // namespace luxl2::node
