// The SSZ form of an L2Block (docs/format/ssz.md): encode, strict decode, hash_tree_root. The same
// functions exist for every LP-505 struct as templates in detail/ssz_codec.hpp (ssz_encode<T>, ...).
#pragma once

#include "luxl2/codec/ssz.hpp"
#include "luxl2/format/block.hpp"
#include "luxl2/format/detail/ssz_codec.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format {

/// The L2Block SSZ container type.
[[nodiscard]] const ssz::Type& ssz_block_type();
/// Serializes; fails (ssz.limit) when a list or byte string exceeds the schema's limits.
[[nodiscard]] Result<Bytes> ssz_encode_block(const L2Block& b);
/// Strict decoding (every non-canonical serialization is rejected) with run-time limits.
[[nodiscard]] Result<L2Block> ssz_decode_block(ByteView in, const Limits& lim = {});
/// hash_tree_root(L2Block) with SHA-256, as @chainsafe/ssz computes it for the same schema.
[[nodiscard]] Result<Hash32> ssz_block_root(const L2Block& b);
/// hash_tree_root of an SSZ-serialized block (validates it first).
[[nodiscard]] Result<Hash32> ssz_block_root(ByteView serialized);

}  // namespace luxl2::format
