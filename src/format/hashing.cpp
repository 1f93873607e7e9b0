#include "luxl2/format/hashing.hpp"

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::format {
namespace {

// Calls f(field) for every header field but the signature (the last one).
template <class F>
void for_signed_fields(const BlockHeader& h, F&& f) {
    const std::size_t n = field_count<BlockHeader>();
    std::size_t i = 0;
    Schema<BlockHeader>::fields(h, [&](std::string_view, const auto& v) {
        if (++i < n) f(v);
    });
}

template <class T>
Hash32 root_over(std::span<const T> items) {
    std::vector<Hash32> leaves;
    leaves.reserve(items.size());
    Bytes buf;
    for (const auto& it : items) {
        buf.clear();
        rlp_encode(buf, it);
        leaves.push_back(merkle::leaf_hash(buf));
    }
    return merkle::root_of_leaf_hashes(leaves);
}

}  // namespace

Bytes signed_header_bytes(const BlockHeader& h) {
    std::size_t payload = 0;
    for_signed_fields(h, [&payload](const auto& v) { payload += detail::rlpc::length(v); });
    Bytes out;
    out.reserve(rlp::header_length(payload) + payload);
    rlp::encode_header(out, {true, payload});
    for_signed_fields(h, [&out](const auto& v) { detail::rlpc::encode(out, v); });
    return out;
}

Hash32 block_hash(const BlockHeader& h) {
    return crypto::keccak256(signed_header_bytes(h));
}

Result<Hash32> block_hash_of_canonical_header(ByteView header, const Limits& lim) {
    LUXL2_TRY(decoded, rlp_decode<BlockHeader>(header, lim));  // the reader's strictness, first
    static_cast<void>(decoded);
    ByteView in = header;
    LUXL2_TRY(payload, rlp::decode_list(in));
    const std::size_t signature_index = field_count<BlockHeader>() - 1;
    Bytes items;
    items.reserve(payload.size());
    for (std::size_t i = 0; !payload.empty(); ++i) {
        const ByteView item = payload;
        LUXL2_TRY(h, rlp::decode_header(payload));
        payload = payload.subspan(h.payload_length);
        if (i != signature_index) append(items, item.first(item.size() - payload.size()));
    }
    Bytes out;
    out.reserve(rlp::header_length(items.size()) + items.size());
    rlp::encode_header(out, {true, items.size()});
    append(out, items);
    return crypto::keccak256(out);
}

Result<Hash32> block_hash_of_canonical_block(ByteView block, const Limits& lim) {
    if (block.size() > lim.max_bytes) return fail(errc::too_large, "input exceeds the limit");
    ByteView in = block;
    LUXL2_TRY(payload, rlp::decode_list(in));
    if (!in.empty()) return fail(errc::trailing_bytes, "bytes after the block");
    const ByteView header = payload;
    LUXL2_TRY(h, rlp::decode_header(payload));
    if (!h.list) return fail(errc::malformed, "L2Block.header must be a list");
    return block_hash_of_canonical_header(header.first(header.size() - payload.size() + h.payload_length), lim);
}

Hash32 transactions_root(std::span<const TransactionData> txs) {
    return root_over(txs);
}
Hash32 messages_root(std::span<const CrossRollupMessage> msgs) {
    // Leaves are message hashes, not encodings: a message's proof field holds its inclusion proof
    // against this very root, so it must not feed into it (docs/format/canonical.md).
    std::vector<Hash32> leaves;
    leaves.reserve(msgs.size());
    for (const auto& m : msgs) {
        const Hash32 h = message_hash(m);
        leaves.push_back(merkle::leaf_hash(h.view()));
    }
    return merkle::root_of_leaf_hashes(leaves);
}
Hash32 receipts_root(std::span<const Bytes> receipts) {
    return merkle::root(receipts);
}

Hash32 batch_root(std::span<const L2Block> blocks) {
    std::vector<Hash32> leaves;
    leaves.reserve(blocks.size());
    for (const auto& b : blocks) leaves.push_back(merkle::leaf_hash(block_hash(b.header)));
    return merkle::root_of_leaf_hashes(leaves);
}

Hash32 message_hash(const CrossRollupMessage& m) {
    CrossRollupMessage bare = m;
    bare.message_hash = Hash32{};
    bare.proof.clear();
    return crypto::keccak256(rlp_encode(bare));
}

void sign_header(BlockHeader& h, const crypto::SecretKey& key) {
    h.sequencer = crypto::to_address(crypto::public_key(key));
    const auto sig = crypto::sign_recoverable(block_hash(h), key);
    h.signature.assign(65, 0);
    sig.r.to_be32(h.signature.data());
    sig.s.to_be32(h.signature.data() + 32);
    h.signature[64] = sig.recid;
}

Result<Address> verify_header(const BlockHeader& h) {
    return verify_header(h, block_hash(h));
}

Result<Address> verify_header(const BlockHeader& h, const Hash32& hash) {
    if (h.signature.size() != 65 || h.signature[64] > 1)
        return fail("format.bad_signature", "header.signature must be 65 bytes r ‖ s ‖ v with v ∈ {0, 1}");
    const crypto::RecoverableSignature sig{U256::from_be32(h.signature.data()),
                                           U256::from_be32(h.signature.data() + 32), h.signature[64]};
    if (!crypto::is_low_s(sig.s)) return fail("format.bad_signature", "header.signature has a high s");
    auto pub = crypto::recover(hash, sig);
    if (!pub) return fail("format.bad_signature", "header.signature: " + pub.error().message);
    const Address signer = crypto::to_address(*pub);
    if (signer != h.sequencer)
        return fail("format.wrong_signer",
                    "header signed by " + to_hex(signer) + ", not the sequencer " + to_hex(h.sequencer));
    return signer;
}

}  // namespace luxl2::format
