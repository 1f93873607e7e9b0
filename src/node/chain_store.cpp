#include "luxl2/node/chain_store.hpp"

#include <cstring>

#include "luxl2/codec/rlp.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::node {
namespace {

Bytes number_key(std::uint8_t table, std::uint64_t n) {
    Bytes k(9);
    k[0] = table;
    store_be64(k.data() + 1, n);
    return k;
}

Bytes hash_key(std::uint8_t table, const Hash32& h) {
    Bytes k(1 + 32);
    k[0] = table;
    std::memcpy(k.data() + 1, h.data(), 32);
    return k;
}

Bytes meta_key(std::string_view name) {
    Bytes k(1 + name.size());
    k[0] = 'M';
    std::memcpy(k.data() + 1, name.data(), name.size());
    return k;
}

Bytes be64(std::uint64_t n) {
    Bytes v(8);
    store_be64(v.data(), n);
    return v;
}

Error corrupt(std::string what) {
    return Error{state::errc::corrupt, std::move(what)};
}

}  // namespace

void ChainStore::stage_block(state::WriteBatch& batch, const BlockRecord& block, const std::vector<Bytes>& receipts,
                             const std::vector<Hash32>& tx_hashes) const {
    batch.put(number_key('B', block.number), encode_block_record(block));
    batch.put(hash_key('H', block.hash), be64(block.number));
    std::size_t payload = 0;
    for (const auto& r : receipts) payload += rlp::length(ByteView(r));
    Bytes rs;
    rs.reserve(payload + 9);
    rlp::encode_header(rs, {true, payload});
    for (const auto& e : receipts) rlp::encode(rs, ByteView(e));
    batch.put(number_key('R', block.number), rs);
    for (std::size_t i = 0; i < tx_hashes.size(); ++i) {
        Bytes loc = be64(block.number);
        loc.resize(12);
        store_be32(loc.data() + 8, static_cast<std::uint32_t>(i));
        batch.put(hash_key('T', tx_hashes[i]), loc);
    }
    batch.put(meta_key("head"), be64(block.number));
}

void ChainStore::stage_chain_id(state::WriteBatch& batch, const U256& chain_id) const {
    batch.put(meta_key("chain"), chain_id.to_be_trimmed());
}

Result<std::optional<std::uint64_t>> ChainStore::head() const {
    LUXL2_TRY(v, store_.get(meta_key("head")));
    if (!v) return std::optional<std::uint64_t>{};
    if (v->size() != 8) return std::unexpected(corrupt("head is not 8 bytes"));
    return std::optional<std::uint64_t>{load_be64(v->data())};
}

Result<std::optional<U256>> ChainStore::chain_id() const {
    LUXL2_TRY(v, store_.get(meta_key("chain")));
    if (!v) return std::optional<U256>{};
    LUXL2_TRY(id, U256::from_be_bytes(*v));
    return std::optional<U256>{id};
}

void ChainStore::remember(std::shared_ptr<const BlockRecord> block) const {
    std::lock_guard lock(cache_mu_);
    const std::uint64_t n = block->number;
    cache_.insert_or_assign(n, std::move(block));
    while (cache_.size() > kCachedBlocks) cache_.erase(cache_.begin());  // the oldest number goes
}

Result<std::shared_ptr<const BlockRecord>> ChainStore::block(std::uint64_t number) const {
    {
        std::lock_guard lock(cache_mu_);
        if (auto it = cache_.find(number); it != cache_.end()) return it->second;
    }
    LUXL2_TRY(v, store_.get(number_key('B', number)));
    if (!v) return std::shared_ptr<const BlockRecord>{};
    auto b = decode_block_record(*v);
    if (!b) return std::unexpected(corrupt("block " + std::to_string(number) + ": " + b.error().to_string()));
    if (b->number != number)
        return std::unexpected(corrupt("block " + std::to_string(number) + " holds another number"));
    auto shared = std::make_shared<const BlockRecord>(std::move(*b));
    remember(shared);
    return shared;
}

Result<std::optional<std::uint64_t>> ChainStore::number_of(const Hash32& block_hash) const {
    LUXL2_TRY(v, store_.get(hash_key('H', block_hash)));
    if (!v) return std::optional<std::uint64_t>{};
    if (v->size() != 8) return std::unexpected(corrupt("block index is not 8 bytes"));
    return std::optional<std::uint64_t>{load_be64(v->data())};
}

Result<std::vector<exec::Receipt>> ChainStore::receipts(std::uint64_t number) const {
    LUXL2_TRY(v, store_.get(number_key('R', number)));
    std::vector<exec::Receipt> out;
    if (!v) return out;
    ByteView in = *v;
    auto list = rlp::decode_list(in);
    if (!list) return std::unexpected(corrupt("receipts: " + list.error().message));
    ByteView p = *list;
    while (!p.empty()) {
        auto s = rlp::decode_string(p);
        if (!s) return std::unexpected(corrupt("receipts: " + s.error().message));
        auto r = exec::decode_receipt(*s);
        if (!r) return std::unexpected(corrupt(r.error().message));
        out.push_back(std::move(*r));
    }
    return out;
}

Result<std::optional<TxLocation>> ChainStore::transaction(const Hash32& tx_hash) const {
    LUXL2_TRY(v, store_.get(hash_key('T', tx_hash)));
    if (!v) return std::optional<TxLocation>{};
    if (v->size() != 12) return std::unexpected(corrupt("tx index is not 12 bytes"));
    return std::optional<TxLocation>{TxLocation{load_be64(v->data()), load_be32(v->data() + 8)}};
}

void ChainStore::stage_compressed_inner(state::WriteBatch& batch, const Hash32& tx_hash,
                                        const compress::CompressedBatch& inner) const {
    const std::string j = compress::to_json(inner).dump();
    batch.put(hash_key('I', tx_hash), ByteView(reinterpret_cast<const std::uint8_t*>(j.data()), j.size()));
}

Result<std::optional<compress::CompressedBatch>> ChainStore::compressed_inner(const Hash32& tx_hash) const {
    LUXL2_TRY(v, store_.get(hash_key('I', tx_hash)));
    if (!v) return std::optional<compress::CompressedBatch>{};
    const auto j = nlohmann::json::parse(v->begin(), v->end(), nullptr, false);
    if (j.is_discarded()) return std::unexpected(corrupt("0x53 inner record is not JSON"));
    auto b = compress::compressed_batch_from_json(j);
    if (!b) return std::unexpected(corrupt("0x53 inner record: " + b.error().message));
    return std::optional<compress::CompressedBatch>{std::move(*b)};
}

}  // namespace luxl2::node
