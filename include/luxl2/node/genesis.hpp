// The L2 genesis as the L1 keeps it: LP-500's RollupConfig.initCode carries
//   rlp([chainId, genesisTimestamp, gasLimit, feeRecipient, [[address, balance]...]])
// so that a verifier rebuilds the chain from the L1 alone (derivation.hpp), genesis included; the
// genesis state root it implies must equal RollupConfig.genesisStateRoot.
#pragma once

#include "luxl2/node/node.hpp"

namespace luxl2::node {

[[nodiscard]] Bytes encode_genesis(const NodeConfig& config);
/// The chain parameters of `init_code` over defaults for the rest (code "node.bad_genesis").
[[nodiscard]] Result<NodeConfig> decode_genesis(ByteView init_code);

}  // namespace luxl2::node
