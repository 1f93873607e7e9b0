// A chain of generated blocks for tests, fuzz seeds and the CLI: format::testing::random_block gives
// independent blocks; this renumbers them consecutively, links each to its parent's hash, spaces their
// timestamps and re-signs every header with one sequencer key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/block.hpp"

namespace luxl2::batch {

struct ChainSpec {
    std::uint64_t seed = 1;
    std::size_t blocks = 4;
    std::size_t txs_per_block = 4;
    std::uint64_t first_number = 1;
    Hash32 parent;  // parent of the first block
    std::uint64_t first_timestamp = 1'700'000'000;
    std::uint64_t block_time = 2;  // seconds between blocks
};

/// Blocks `first_number … first_number + blocks − 1`, each valid (format::validate) and signed by `key`.
[[nodiscard]] std::vector<format::L2Block> make_chain(const ChainSpec& spec, const crypto::SecretKey& key);

/// Re-signs `b.header` with `key` after a caller changed it (tests that break one rule at a time).
void reseal(format::L2Block& b, const crypto::SecretKey& key);

}  // namespace luxl2::batch
