#include "luxl2/compress/account_context.hpp"

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {

bool MapAccountContext::insert(const Address& a, std::uint64_t index) {
    if (by_address_.contains(a) || by_index_.contains(index)) return false;
    by_address_.emplace(a, index);
    by_index_.emplace(index, a);
    return true;
}

std::optional<std::uint64_t> MapAccountContext::index_of(const Address& a) const {
    const auto it = by_address_.find(a);
    if (it == by_address_.end()) return std::nullopt;
    return it->second;
}

std::optional<Address> MapAccountContext::address_at(std::uint64_t index) const {
    const auto it = by_index_.find(index);
    if (it == by_index_.end()) return std::nullopt;
    return it->second;
}

MapAccountContext simulated_state(std::span<const Address> addresses, unsigned bits) {
    LUXL2_ASSERT(bits >= 1 && bits <= 63);
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    MapAccountContext ctx;
    for (const auto& a : addresses) {
        if (ctx.index_of(a)) continue;
        LUXL2_ASSERT(ctx.size() <= mask);  // room for one more
        // A taken index moves on linearly: the state has room (2^bits) for far more than a batch.
        std::uint64_t i = load_be64(crypto::keccak256(a).bytes.data()) & mask;
        while (!ctx.insert(a, i)) i = (i + 1) & mask;
    }
    return ctx;
}

}  // namespace luxl2::compress
