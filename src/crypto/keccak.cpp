#include "luxl2/crypto/keccak.hpp"

#include <atomic>
#include <bit>
#include <cstring>

#include "keccak_rounds.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto {

using keccak_detail::permute;

void keccak_f1600_portable(std::uint64_t s[25]) noexcept {
    permute(s);
}

#if defined(__x86_64__) && defined(__GNUC__)
// The same code compiled for x86-64-v3, where BMI1 `andn` computes χ's ~a & b in one instruction and
// BMI2 `rorx` rotates without clobbering its source: about 15% faster. Chosen once at start-up.
[[gnu::target("arch=x86-64-v3")]] void keccak_f1600_x86_64_v3(std::uint64_t s[25]) noexcept {
    permute(s);
}

namespace {
using PermuteFn = void (*)(std::uint64_t*) noexcept;
PermuteFn select_permutation() noexcept {
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2") ? keccak_f1600_x86_64_v3
                                                                           : keccak_f1600_portable;
}
std::atomic<bool> g_allow_x86_64_v3{true};  // constant-initialised: safe in other static initialisers
// A function-local static, so that hashing during other static initialisers is safe.
PermuteFn permutation() noexcept {
    static const PermuteFn fn = select_permutation();
    return g_allow_x86_64_v3.load(std::memory_order_relaxed) ? fn : keccak_f1600_portable;
}
}  // namespace

void allow_keccak_f1600_x86_64_v3(bool allow) noexcept {
    g_allow_x86_64_v3.store(allow, std::memory_order_relaxed);
}

void keccak_f1600(std::uint64_t s[25]) noexcept {
    permutation()(s);
}
bool keccak_f1600_has_x86_64_v3() noexcept {
    return permutation() == keccak_f1600_x86_64_v3;
}
#else
void keccak_f1600(std::uint64_t s[25]) noexcept {
    permute(s);
}
bool keccak_f1600_has_x86_64_v3() noexcept {
    return false;
}
void allow_keccak_f1600_x86_64_v3(bool) noexcept {}
#endif

Sponge::Sponge(std::size_t rate_bytes, std::uint8_t domain) noexcept : state_{}, rate_(rate_bytes), domain_(domain) {
    LUXL2_ASSERT(rate_bytes > 0 && rate_bytes < 200 && rate_bytes % 8 == 0);
}

void Sponge::reset() noexcept {
    std::memset(state_, 0, sizeof state_);
    pos_ = 0;
    squeezing_ = false;
}

namespace {

// XORs n bytes into the state starting at byte offset `pos` (lanes are little-endian).
inline void xor_bytes(std::uint64_t* state, std::size_t pos, const std::uint8_t* in, std::size_t n) noexcept {
    if constexpr (std::endian::native == std::endian::little) {
        auto* bytes = reinterpret_cast<std::uint8_t*>(state);
        for (std::size_t i = 0; i < n; ++i) bytes[pos + i] ^= in[i];
    } else {
        for (std::size_t i = 0; i < n; ++i)
            state[(pos + i) / 8] ^= static_cast<std::uint64_t>(in[i]) << (8 * ((pos + i) % 8));
    }
}

}  // namespace

void Sponge::absorb(ByteView data) noexcept {
    LUXL2_ASSERT(!squeezing_);
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    if (pos_ != 0) {
        const std::size_t take = std::min(n, rate_ - pos_);
        xor_bytes(state_, pos_, p, take);
        pos_ += take;
        p += take;
        n -= take;
        if (pos_ < rate_) return;
        keccak_f1600(state_);
        pos_ = 0;
    }
    const std::size_t lanes = rate_ / 8;
    while (n >= rate_) {
        for (std::size_t i = 0; i < lanes; ++i) state_[i] ^= load_le64(p + 8 * i);
        keccak_f1600(state_);
        p += rate_;
        n -= rate_;
    }
    xor_bytes(state_, 0, p, n);
    pos_ = n;
}

void Sponge::pad_and_switch() noexcept {
    const std::uint8_t first = domain_;
    const std::uint8_t last = 0x80;
    xor_bytes(state_, pos_, &first, 1);
    xor_bytes(state_, rate_ - 1, &last, 1);
    keccak_f1600(state_);
    pos_ = 0;
    squeezing_ = true;
}

void Sponge::squeeze(std::span<std::uint8_t> out) noexcept {
    if (!squeezing_) pad_and_switch();
    std::uint8_t* o = out.data();
    std::size_t n = out.size();
    while (n > 0) {
        if (pos_ == rate_) {
            keccak_f1600(state_);
            pos_ = 0;
        }
        const std::size_t take = std::min(n, rate_ - pos_);
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(o, reinterpret_cast<const std::uint8_t*>(state_) + pos_, take);
        } else {
            for (std::size_t i = 0; i < take; ++i)
                o[i] = static_cast<std::uint8_t>(state_[(pos_ + i) / 8] >> (8 * ((pos_ + i) % 8)));
        }
        pos_ += take;
        o += take;
        n -= take;
    }
}

Hash32 keccak256(ByteView data) noexcept {
    Sponge s = keccak256_hasher();
    s.absorb(data);
    Hash32 h;
    s.squeeze(h.bytes);
    return h;
}

Hash32 sha3_256(ByteView data) noexcept {
    Sponge s = sha3_256_hasher();
    s.absorb(data);
    Hash32 h;
    s.squeeze(h.bytes);
    return h;
}

std::array<std::uint8_t, 64> sha3_512(ByteView data) noexcept {
    Sponge s = sha3_512_hasher();
    s.absorb(data);
    std::array<std::uint8_t, 64> h{};
    s.squeeze(h);
    return h;
}

void shake128(ByteView data, std::span<std::uint8_t> out) noexcept {
    Sponge s = shake128_hasher();
    s.absorb(data);
    s.squeeze(out);
}

void shake256(ByteView data, std::span<std::uint8_t> out) noexcept {
    Sponge s = shake256_hasher();
    s.absorb(data);
    s.squeeze(out);
}

}  // namespace luxl2::crypto
