#include "luxl2/node/block_record.hpp"

#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::node {

Result<BlockRecord> BlockRecord::from_block(format::L2Block b) {
    const auto& h = b.header;
    if (!h.block_number.fits_u64() || !h.timestamp.fits_u64() || !h.gas_used.fits_u64() || !h.gas_limit.fits_u64())
        return fail(bad_block, "block number, timestamp or gas does not fit 64 bits");
    BlockRecord r;
    r.number = h.block_number.low64();
    r.timestamp = h.timestamp.low64();
    r.gas_used = h.gas_used.low64();
    r.gas_limit = h.gas_limit.low64();
    r.base_fee = base_fee_of(h);
    r.hash = format::block_hash(h);
    r.block = std::move(b);
    return r;
}

Hash32 base_fee_extra_data(const U256& base_fee) noexcept {
    Hash32 out;
    base_fee.to_be32(out.data());
    return out;
}

Bytes encode_block_record(const BlockRecord& b) {
    return format::canonical_encode(b.block);
}

Result<BlockRecord> decode_block_record(ByteView in) {
    format::Limits lim;
    lim.max_bytes = std::max<std::size_t>(lim.max_bytes, in.size());
    auto block = format::rlp_decode<format::L2Block>(in, lim);
    if (!block) return fail(bad_block, "block: " + block.error().to_string());
    LUXL2_TRY(rec, BlockRecord::from_block(std::move(*block)));
    if (auto signer = format::verify_header(rec.block.header, rec.hash); !signer)
        return std::unexpected(std::move(signer.error()));
    return rec;
}

}  // namespace luxl2::node
