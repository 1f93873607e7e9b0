// An in-memory AccountContext (columnar.hpp): the accounts of an L2 state by index, for tests,
// benchmarks and callers that keep their account index in memory.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>

#include "luxl2/compress/account_index.hpp"
#include "luxl2/compress/columnar.hpp"

namespace luxl2::compress {

class MapAccountContext final : public AccountContext {
public:
    /// Names `a` by `index`. False (and no change) when the address or the index is already taken.
    bool insert(const Address& a, std::uint64_t index);
    [[nodiscard]] std::optional<std::uint64_t> index_of(const Address& a) const override;
    [[nodiscard]] std::optional<Address> address_at(std::uint64_t index) const override;
    [[nodiscard]] std::size_t size() const noexcept { return by_address_.size(); }

private:
    std::unordered_map<Address, std::uint64_t> by_address_;
    std::unordered_map<std::uint64_t, Address> by_index_;
};

/// The 0x53 coder's AccountIndex (account_index.hpp) seen as an AccountContext, so that columnar
/// batches and 0x53 bodies name accounts by the same numbers. Holds a reference: `index` must outlive it.
class AccountIndexContext final : public AccountContext {
public:
    explicit AccountIndexContext(const AccountIndex& index) noexcept : index_(index) {}
    [[nodiscard]] std::optional<std::uint64_t> index_of(const Address& a) const override { return index_.index_of(a); }
    [[nodiscard]] std::optional<Address> address_at(std::uint64_t index) const override {
        if (index >= index_.size()) return std::nullopt;
        return index_.address(index);
    }

private:
    const AccountIndex& index_;
};

/// A state of 2^bits accounts that holds `addresses` (duplicates ignored) at distinct pseudo-random
/// indices derived from keccak256 of each address: what an index costs when the state is that large
/// and the batch's accounts are spread over it. bits ≤ 63.
[[nodiscard]] MapAccountContext simulated_state(std::span<const Address> addresses, unsigned bits);

}  // namespace luxl2::compress
