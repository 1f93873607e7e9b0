// Transactions as JSON with Ethereum JSON-RPC names and encodings (quantities as 0x-hex without
// leading zeros, data as 0x-hex bytes), as eth_getTransactionByHash returns them.
#pragma once

#include <nlohmann/json.hpp>

#include "luxl2/format/transaction.hpp"

namespace luxl2::format {

/// type, chainId, nonce, gasPrice or maxFeePerGas/maxPriorityFeePerGas, gas, to, value, input,
/// accessList, (maxFeePerBlobGas, blobVersionedHashes, authorizationList), v, r, s, yParity (typed
/// transactions), hash; and `from` when `sender` is given.
[[nodiscard]] nlohmann::json to_json(const Transaction& tx, const std::optional<Address>& sender = std::nullopt);

/// Reads the same names (and `data` for `input`, `gasLimit` for `gas`); quantities accept 0x-hex or
/// decimal strings or JSON numbers. The type is `type` if given, else inferred (maxFeePerGas → 2,
/// accessList → 1, else legacy). Signature fields are optional. For a signed legacy transaction the
/// chain id comes from v (EIP-155), as on the wire; a `chainId` that disagrees with v (or a non-zero one
/// with v = 27/28), or a `yParity` that disagrees with `v`, is rejected. Code "json.invalid".
[[nodiscard]] Result<Transaction> transaction_from_json(const nlohmann::json& j);

}  // namespace luxl2::format
