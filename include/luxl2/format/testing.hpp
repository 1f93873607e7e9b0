// A seeded generator of realistic LP-505 blocks, shipped in the library for tests, fuzz seeds,
// benchmarks and `luxl2 block gen`. Pure: the caller reads the mainnet sample and hands over its text.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/block.hpp"

namespace luxl2::format::testing {

/// Real Ethereum transactions (EIP-2718 bytes) to draw from.
struct EthSample {
    std::vector<Bytes> txs;
};

/// Reads a CSV whose header names a `raw_tx_hex` column (../shared/data/eth-mainnet/derived/
/// mainnet_txs.csv). Every transaction must decode (code "format.sample").
[[nodiscard]] Result<EthSample> parse_eth_sample_csv(std::string_view csv);

/// A block of `tx_count` transactions that passes `validate`: ~85 % Ethereum transactions (drawn
/// from `sample`, or synthesised and signed — legacy EIP-155, 0x01, 0x02 — when it is null or
/// empty) and the LP-505 types (0x50 AI inference, 0x51 training, 0x52 cross-rollup, 0x53
/// compressed, 0x54 quantum, 0x7E deposit). Its state transition, compute metadata and messages
/// agree with its transactions; the header carries the right transactions root and is signed by a
/// sequencer key derived from the seed. PQ and BLS signatures are random bytes of the right sizes
/// (their verification is not the format's). The same seed and sample give the same block.
[[nodiscard]] L2Block random_block(std::uint64_t seed, std::size_t tx_count, const EthSample* sample = nullptr);

/// The deterministic PRNG of the generator (SplitMix64), for tests that need more random values.
class Rng {
public:
    explicit Rng(std::uint64_t seed) noexcept : s_(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n) (n > 0); the tiny modulo bias is irrelevant for test data.
    std::uint64_t below(std::uint64_t n) noexcept { return next() % n; }
    Bytes bytes(std::size_t n);
    template <std::size_t N>
    FixedBytes<N> fixed() {
        FixedBytes<N> f;
        for (std::size_t i = 0; i < N; ++i) f[i] = static_cast<std::uint8_t>(next());
        return f;
    }

private:
    std::uint64_t s_;
};

}  // namespace luxl2::format::testing
