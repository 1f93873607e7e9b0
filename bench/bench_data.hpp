// Benchmark inputs from ../shared/data, loaded once.
#pragma once

#include <string>
#include <vector>

#include "luxl2/core/bytes.hpp"

namespace luxl2::bench {

/// The raw signed transactions of eth-mainnet/derived/mainnet_txs.csv (3,542 real mainnet
/// transactions of types 0-4). Aborts with a message when the file is missing.
const std::vector<Bytes>& mainnet_transactions();

/// The shared data folder (LUXL2_DATA_DIR, overridable by the environment variable of that name).
std::string data_dir();

}  // namespace luxl2::bench
