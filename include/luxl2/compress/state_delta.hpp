// State-delta coding (LP-505 compressStateDeltas): the batch's final state changes, sorted by key,
// keys already known to the chain written as indices, values packed by operation (add, subtract or
// replace, whichever is shortest) as zkSync Era's state-diff compression does. Layout in
// docs/format/compression.md ("State deltas").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::compress {

inline constexpr std::uint8_t kStateDeltaVersion = 1;

/// Minimal inputs. Adapter point: LP-505's AccountDelta / StorageDelta (format module) convert into
/// these once they exist; nothing here depends on their layout.
struct AccountChange {
    Address address;
    U256 balance_before, balance_after;
    std::uint64_t nonce_before = 0, nonce_after = 0;
    friend bool operator==(const AccountChange&, const AccountChange&) = default;
};
struct StorageChange {
    Address address;
    Hash32 slot;
    U256 before, after;
    friend bool operator==(const StorageChange&, const StorageChange&) = default;
};

/// Keys the chain has already seen, in the order they were first written (zkSync's enumeration
/// index). Encoder and decoder extend it the same way after each batch (extend()).
class StateKeyIndex {
public:
    [[nodiscard]] const std::uint64_t* account(const Address& a) const noexcept;
    [[nodiscard]] const std::uint64_t* slot(const Address& a, const Hash32& s) const noexcept;
    [[nodiscard]] const Address* account_at(std::uint64_t i) const noexcept;
    [[nodiscard]] const std::pair<Address, Hash32>* slot_at(std::uint64_t i) const noexcept;
    /// Adds the batch's new keys, in the batch's (sorted) order.
    void extend(std::span<const AccountChange> accounts, std::span<const StorageChange> storage);

private:
    std::map<Address, std::uint64_t> accounts_;
    std::vector<Address> account_list_;
    std::map<std::pair<Address, Hash32>, std::uint64_t> slots_;
    std::vector<std::pair<Address, Hash32>> slot_list_;
};

/// Encodes the changes (sorted here; duplicates and unchanged entries rejected with
/// errc::corrupt) into the uncompressed state-delta layout.
[[nodiscard]] Result<Bytes> encode_state_deltas(std::vector<AccountChange> accounts, std::vector<StorageChange> storage,
                                                const StateKeyIndex& known = {});

/// LP-505 compressStateDeltas: encode_state_deltas, then zstd in a CompressedBlock envelope.
[[nodiscard]] Result<Bytes> compress_state_deltas(std::vector<AccountChange> accounts,
                                                  std::vector<StorageChange> storage, const StateKeyIndex& known = {});

/// The state the decoder applies deltas to: values before the batch.
struct StateView {
    std::function<std::pair<U256, std::uint64_t>(const Address&)> account;  // balance, nonce
    std::function<U256(const Address&, const Hash32&)> storage;
};

struct StateDeltas {
    std::vector<AccountChange> accounts;
    std::vector<StorageChange> storage;
};

struct StateDeltaLimits {
    std::size_t max_entries = 1u << 22;
};

/// Decodes the uncompressed layout against `before`. Rejects unsorted or repeated keys, indices past
/// `known`, unchanged entries, and packings that are not the shortest (so the encoding is canonical).
[[nodiscard]] Result<StateDeltas> decode_state_deltas(ByteView in, const StateView& before,
                                                      const StateKeyIndex& known = {},
                                                      const StateDeltaLimits& limits = {});
/// Inverse of compress_state_deltas.
[[nodiscard]] Result<StateDeltas> decompress_state_deltas(ByteView in, const StateView& before,
                                                          const StateKeyIndex& known = {});

}  // namespace luxl2::compress
