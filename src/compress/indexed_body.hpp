// Private: the indexed body coding of 0x53 (body format 1, docs/format/transactions.md): the inner
// transactions' columns with accounts named by their AccountIndex number.
#pragma once

#include <span>

#include "luxl2/compress/compressed_tx.hpp"

namespace luxl2::compress::detail {

/// Codes `txs` against `accounts`. The caller has checked the batch (non-empty, no repeated
/// (sender, nonce)).
[[nodiscard]] Result<Bytes> encode_indexed_body(std::span<const InnerTx> txs, const AccountIndex& accounts,
                                                ColumnarStats* stats);
/// Decodes exactly `count` transactions; every column must be consumed.
[[nodiscard]] Result<std::vector<InnerTx>> decode_indexed_body(ByteView body, std::uint64_t count,
                                                               const AccountIndex& accounts,
                                                               const CompressedLimits& limits);

}  // namespace luxl2::compress::detail
