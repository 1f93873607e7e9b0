// The L2Block SSZ form: the schema-driven templates instantiated once for L2Block.
#include "luxl2/format/ssz_block.hpp"

namespace luxl2::format {

const ssz::Type& ssz_block_type() {
    return ssz_type<L2Block>();
}

Result<Bytes> ssz_encode_block(const L2Block& b) {
    return ssz_encode(b);
}

Result<L2Block> ssz_decode_block(ByteView in, const Limits& lim) {
    return ssz_decode<L2Block>(in, lim);
}

Result<Hash32> ssz_block_root(const L2Block& b) {
    return ssz_hash_tree_root(b);
}

Result<Hash32> ssz_block_root(ByteView serialized) {
    return ssz::hash_tree_root(ssz_block_type(), serialized);
}

}  // namespace luxl2::format
