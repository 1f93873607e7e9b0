// The rollup_* JSON-RPC methods (docs/rpc.md), as an Rpc extension over the L1, the chain and the
// rollup roles' views:
//   rollup_getBatch(n), rollup_getOutput(n), rollup_getWithdrawalProof(txHash), rollup_l1Status(),
//   rollup_getL1Balance(address), and the devnet conveniences rollup_depositToL2({from, value, data})
//   and rollup_finalizeWithdrawal({from, txHash}) that act from a funded L1 account (only accounts
//   listed in `l1_accounts`: the devnet's own test accounts, never arbitrary ones).
#pragma once

#include <vector>

#include "luxl2/l1/settlement.hpp"
#include "luxl2/node/chain_store.hpp"
#include "luxl2/node/rollup_blocks.hpp"
#include "luxl2/node/rpc.hpp"

namespace luxl2::node {

struct RollupRpcContext {
    l1::Settlement* l1 = nullptr;
    const ChainStore* chain = nullptr;
    const BlockSource* blocks = nullptr;
    format::Rules rules;
    std::vector<Address> l1_accounts;  // may act through the devnet conveniences
};

[[nodiscard]] Rpc::Extension rollup_rpc(RollupRpcContext ctx);

}  // namespace luxl2::node
