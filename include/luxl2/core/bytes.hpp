// The byte vocabulary used everywhere: Bytes, ByteView, fixed-size Hash32 and Address.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace luxl2 {

/// Owned bytes.
using Bytes = std::vector<std::uint8_t>;

/// A non-owning view of bytes. Decoders take `ByteView&` and consume what they read.
using ByteView = std::span<const std::uint8_t>;

/// Byte-wise equality of two views (std::span has no operator==).
[[nodiscard]] inline bool equal(ByteView a, ByteView b) noexcept {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
}

/// Appends `src` to `dst`.
inline void append(Bytes& dst, ByteView src) {
    dst.insert(dst.end(), src.begin(), src.end());
}

/// Overwrites memory in a way the compiler may not elide: for secret keys and seeds.
void secure_wipe(void* p, std::size_t n) noexcept;

/// A fixed-size byte string, always initialised (to zeros by default), ordered lexicographically.
template <std::size_t N>
struct FixedBytes {
    static constexpr std::size_t size_bytes = N;
    std::array<std::uint8_t, N> bytes{};

    constexpr FixedBytes() noexcept = default;
    constexpr explicit FixedBytes(const std::array<std::uint8_t, N>& b) noexcept : bytes(b) {}

    /// Copies exactly N bytes; the caller guarantees `v.size() == N` (asserted by `from_view`).
    [[nodiscard]] static FixedBytes from_view(ByteView v) noexcept {
        FixedBytes out;
        if (v.size() == N) std::memcpy(out.bytes.data(), v.data(), N);
        return out;
    }

    [[nodiscard]] constexpr std::uint8_t* data() noexcept { return bytes.data(); }
    [[nodiscard]] constexpr const std::uint8_t* data() const noexcept { return bytes.data(); }
    [[nodiscard]] static constexpr std::size_t size() noexcept { return N; }
    [[nodiscard]] constexpr ByteView view() const noexcept { return ByteView(bytes.data(), N); }
    constexpr operator ByteView() const noexcept { return view(); }  // NOLINT(google-explicit-constructor)
    [[nodiscard]] constexpr std::uint8_t& operator[](std::size_t i) noexcept { return bytes[i]; }
    [[nodiscard]] constexpr std::uint8_t operator[](std::size_t i) const noexcept { return bytes[i]; }
    [[nodiscard]] constexpr bool is_zero() const noexcept {
        return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
    }

    friend constexpr bool operator==(const FixedBytes&, const FixedBytes&) noexcept = default;
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) noexcept = default;
};

using Hash32 = FixedBytes<32>;
using Address = FixedBytes<20>;
using Bytes32 = FixedBytes<32>;

}  // namespace luxl2

template <std::size_t N>
struct std::hash<luxl2::FixedBytes<N>> {
    std::size_t operator()(const luxl2::FixedBytes<N>& b) const noexcept {
        // Keys are hashes or addresses: their first bytes are already uniformly distributed.
        std::size_t h = 0;
        std::memcpy(&h, b.data(), std::min(sizeof h, N));
        return h;
    }
};
