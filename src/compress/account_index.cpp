// The account index context (contract in account_index.hpp).
#include "luxl2/compress/account_index.hpp"

#include "luxl2/core/error.hpp"

namespace luxl2::compress {

std::uint64_t AccountIndex::add(const Address& a, std::uint64_t next_nonce) {
    const auto [it, fresh] = by_address_.try_emplace(a, addresses_.size());
    if (fresh) {
        addresses_.push_back(a);
        nonces_.push_back(next_nonce);
    }
    return it->second;
}

std::optional<std::uint64_t> AccountIndex::index_of(const Address& a) const noexcept {
    const auto it = by_address_.find(a);
    if (it == by_address_.end()) return std::nullopt;
    return it->second;
}

const Address& AccountIndex::address(std::uint64_t index) const noexcept {
    LUXL2_ASSERT(index < addresses_.size());
    return addresses_[static_cast<std::size_t>(index)];
}

std::uint64_t AccountIndex::next_nonce(std::uint64_t index) const noexcept {
    LUXL2_ASSERT(index < nonces_.size());
    return nonces_[static_cast<std::size_t>(index)];
}

void AccountIndex::set_next_nonce(std::uint64_t index, std::uint64_t nonce) noexcept {
    LUXL2_ASSERT(index < nonces_.size());
    nonces_[static_cast<std::size_t>(index)] = nonce;
}

void AccountIndex::truncate(std::uint64_t size) {
    while (addresses_.size() > size) {
        by_address_.erase(addresses_.back());
        addresses_.pop_back();
        nonces_.pop_back();
    }
}

}  // namespace luxl2::compress
