// Deterministic generated corpora for the measurements the real data cannot cover (L2-style contract
// calls and transfers from a recurring user base, and the state deltas they cause). Signed with real
// secp256k1 keys derived from the seed, so every transaction recovers to its sender.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "luxl2/compress/state_delta.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/format/compute.hpp"

namespace luxl2::compress {

struct SyntheticTx {
    Bytes raw;  // signed EIP-1559 transaction
    Address sender;
};

/// ERC-20 transfers and approvals and router swaps from `users` senders to a few dozen contracts.
[[nodiscard]] std::vector<SyntheticTx> synthetic_contract_calls(std::size_t n, std::uint64_t seed,
                                                                std::size_t users = 200);
/// Plain value transfers among `users` accounts.
[[nodiscard]] std::vector<SyntheticTx> synthetic_transfers(std::size_t n, std::uint64_t seed, std::size_t users = 200);

/// The final state changes of a batch of `n` token transfers among `users` holders of `tokens`
/// tokens, with the state before the batch (for decoding).
struct SyntheticState {
    std::vector<AccountChange> accounts;
    std::vector<StorageChange> storage;
    std::map<Address, std::pair<U256, std::uint64_t>> account_before;
    std::map<std::pair<Address, Hash32>, U256> storage_before;
    [[nodiscard]] StateView view() const;
    /// The same changes as fixed records (address, slot or kind, before, after): 20 + 32 + 32 + 32
    /// bytes each, the naive form LP-505's "State Updates" row starts from.
    [[nodiscard]] Bytes naive_encoding() const;
};
[[nodiscard]] SyntheticState synthetic_state_deltas(std::size_t n, std::uint64_t seed, std::size_t users = 500,
                                                    std::size_t tokens = 20);

/// LP-505 ComputeMetadata of `blocks` consecutive L2 blocks: executions of a pool of `models` models
/// (LLMs with tokens per second, other models without, a few training ones whose checkpoint moves on),
/// drawn with a skew toward the popular ones; per-block totals consistent with the executions;
/// resource usage; 32 bytes of performance metrics (eight big-endian u32 latency percentiles).
[[nodiscard]] std::vector<format::ComputeMetadata> synthetic_compute_metadata(std::size_t blocks, std::uint64_t seed,
                                                                              std::size_t models = 40);

}  // namespace luxl2::compress
