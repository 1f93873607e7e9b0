// Schema-driven random values for tests, fuzz seeds, benchmarks and interop checks of the encodings:
// every field of every described struct gets a value of its kind (lists get 0..max_items items, byte
// strings 0..max_bytes bytes, integers span their whole range, optionals and signs both ways).
// Deterministic for a seed. The values are well-formed for the encodings, not meaningful blocks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "luxl2/format/block.hpp"
#include "luxl2/format/detail/kinds.hpp"

namespace luxl2::format::detail {

class RandomFill {
public:
    explicit RandomFill(std::uint64_t seed, std::size_t max_items = 3, std::size_t max_bytes = 48)
        : s_(seed ^ 0x9e3779b97f4a7c15ULL), max_items_(max_items), max_bytes_(max_bytes) {}

    std::uint64_t next() noexcept {  // splitmix64
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) noexcept { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

    Bytes bytes(std::size_t n) {
        Bytes b(n);
        for (auto& x : b) x = static_cast<std::uint8_t>(next());
        return b;
    }

    U256 u256() {
        // Mix small and full-width values: both ends of every integer encoding get exercised.
        switch (below(4)) {
            case 0: return U256(below(256));
            case 1: return U256(next());
            case 2: return U256::from_words(next(), next(), next(), next());
            default: return U256::from_words(next() >> 1, next(), next(), next());
        }
    }

    template <class T>
    void fill(T& v) {
        if constexpr (std::is_same_v<T, U256>)
            v = u256();
        else if constexpr (std::is_same_v<T, BalanceDelta>) {
            v.magnitude = u256() >> 1;
            v.negative = !v.magnitude.is_zero() && (next() & 1);
        } else if constexpr (std::is_same_v<T, std::uint64_t>)
            v = (next() & 1) ? next() : below(1000);
        else if constexpr (std::is_same_v<T, bool>)
            v = (next() & 1) != 0;
        else if constexpr (std::is_enum_v<T>)
            v = static_cast<T>(0);
        else if constexpr (std::is_same_v<T, std::uint8_t>)
            v = static_cast<std::uint8_t>(next());
        else if constexpr (is_fixed<T>::value)
            v = T::from_view(bytes(T::size_bytes));
        else if constexpr (is_bytes_v<T>)
            v = bytes(below(max_bytes_ + 1));
        else if constexpr (std::is_same_v<T, std::string>) {
            v.clear();
            for (std::size_t i = below(16); i > 0; --i) v.push_back(static_cast<char>('a' + below(26)));
        } else if constexpr (std::is_same_v<T, std::optional<Address>>) {
            if (next() & 1)
                v = Address::from_view(bytes(20));
            else
                v.reset();
        } else if constexpr (is_vector<T>::value) {
            v.resize(below(max_items_ + 1));
            for (auto& e : v) fill(e);
        } else {
            Schema<T>::fields(v, [this](std::string_view, auto& f) { fill(f); });
        }
    }

    /// A block with `txs` transactions whose payloads are 100..400 random bytes (the size of typical
    /// mainnet transactions), half of them with a 65-byte signature; every other field random.
    L2Block block(std::size_t txs) {
        L2Block b;
        fill(b);
        b.transactions.resize(txs);
        for (auto& t : b.transactions) {
            t.tx_type = static_cast<std::uint8_t>(below(3));
            t.payload = bytes(100 + below(301));
            t.signature = (next() & 1) ? bytes(65) : Bytes{};
            t.metadata = below(8) == 0 ? bytes(below(32)) : Bytes{};
        }
        return b;
    }

private:
    std::uint64_t s_;
    std::size_t max_items_, max_bytes_;
};

}  // namespace luxl2::format::detail
