// The account index context of the indexed 0x53 body coding (docs/format/transactions.md, "0x53
// Compressed"): as in zkSync and Loopring, every account the L2 state has seen gets a number when it
// is first seen, and a transaction names its sender and recipient by that number instead of 20 bytes;
// the sender's next nonce is the state's, so it need not be carried.
//
// The index is part of the L2 state the sequencer and every verifier share: a body coded against one
// index decodes only against the same index (the aggregate signature covers the decoded addresses and
// nonces, so decoding against another index gives transactions that do not verify).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "luxl2/core/bytes.hpp"

namespace luxl2::compress {

class AccountIndex {
public:
    /// Appends `a` with its next nonce and returns its index; an address already present keeps its
    /// index (and its nonce is left as it is).
    std::uint64_t add(const Address& a, std::uint64_t next_nonce = 0);
    [[nodiscard]] std::optional<std::uint64_t> index_of(const Address& a) const noexcept;
    /// The address at `index` (< size()).
    [[nodiscard]] const Address& address(std::uint64_t index) const noexcept;
    /// The next nonce the state expects from the account at `index` (< size()).
    [[nodiscard]] std::uint64_t next_nonce(std::uint64_t index) const noexcept;
    void set_next_nonce(std::uint64_t index, std::uint64_t nonce) noexcept;
    /// Forgets the accounts from `size` on (keeps the first `size`; no-op when size() ≤ `size`).
    void truncate(std::uint64_t size);
    [[nodiscard]] std::uint64_t size() const noexcept { return addresses_.size(); }

private:
    std::vector<Address> addresses_;
    std::vector<std::uint64_t> nonces_;
    std::unordered_map<Address, std::uint64_t> by_address_;
};

}  // namespace luxl2::compress
