// Reading transaction corpora from text (no I/O here: callers read the file).
#pragma once

#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::compress {

struct CorpusTx {
    std::uint64_t block_number = 0;  // 0 when the input has no such column
    Bytes raw;                       // EIP-2718 bytes
};

/// A CSV whose header names a `raw_tx_hex` column (and optionally `block_number`), or plain text with
/// one 0x-hex transaction per line. Blank lines are skipped. Code "corpus.invalid" names the line.
[[nodiscard]] Result<std::vector<CorpusTx>> parse_tx_corpus(std::string_view text);

/// True for a plain transfer: empty calldata, a recipient, no access list (any type).
[[nodiscard]] bool is_plain_transfer(ByteView raw);

}  // namespace luxl2::compress
