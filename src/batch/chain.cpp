#include "luxl2/batch/chain.hpp"

#include "luxl2/format/hashing.hpp"
#include "luxl2/format/testing.hpp"

namespace luxl2::batch {

void reseal(format::L2Block& b, const crypto::SecretKey& key) {
    format::sign_header(b.header, key);
}

std::vector<format::L2Block> make_chain(const ChainSpec& spec, const crypto::SecretKey& key) {
    std::vector<format::L2Block> out;
    out.reserve(spec.blocks);
    Hash32 parent = spec.parent;
    for (std::size_t i = 0; i < spec.blocks; ++i) {
        format::L2Block b = format::testing::random_block(spec.seed + i, spec.txs_per_block);
        b.header.block_number = U256(spec.first_number + i);
        b.header.parent_hash = parent;
        b.header.timestamp = U256(spec.first_timestamp + spec.block_time * i);
        reseal(b, key);
        parent = format::block_hash(b.header);
        out.push_back(std::move(b));
    }
    return out;
}

}  // namespace luxl2::batch
