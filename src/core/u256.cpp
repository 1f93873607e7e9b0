#include "luxl2/core/u256.hpp"

#include <algorithm>
#include <bit>

namespace luxl2 {
namespace {

__extension__ typedef unsigned __int128 u128;

// Knuth, TAOCP vol. 2, 4.3.1, Algorithm D, on 64-bit digits. u has 4 digits, v has n ≥ 2 significant
// digits. Produces quotient and remainder.
void knuth_divide(const std::uint64_t* u, const std::uint64_t* v, unsigned n, std::uint64_t* q,
                  std::uint64_t* r) noexcept {
    const unsigned s = static_cast<unsigned>(std::countl_zero(v[n - 1]));
    std::uint64_t vn[4] = {};
    std::uint64_t un[5] = {};
    for (unsigned i = n - 1; i > 0; --i) vn[i] = (v[i] << s) | (s ? v[i - 1] >> (64 - s) : 0);
    vn[0] = v[0] << s;
    un[4] = s ? u[3] >> (64 - s) : 0;
    for (unsigned i = 3; i > 0; --i) un[i] = (u[i] << s) | (s ? u[i - 1] >> (64 - s) : 0);
    un[0] = u[0] << s;

    const unsigned m = 4 - n;
    for (int jj = static_cast<int>(m); jj >= 0; --jj) {
        const auto j = static_cast<unsigned>(jj);
        const u128 num = (static_cast<u128>(un[j + n]) << 64) | un[j + n - 1];
        u128 qhat = num / vn[n - 1];
        u128 rhat = num % vn[n - 1];
        while (qhat >> 64 || qhat * vn[n - 2] > ((rhat << 64) | un[j + n - 2])) {
            --qhat;
            rhat += vn[n - 1];
            if (rhat >> 64) break;
        }
        // Multiply and subtract.
        std::uint64_t borrow = 0;
        std::uint64_t carry = 0;
        for (unsigned i = 0; i < n; ++i) {
            const u128 p = qhat * vn[i] + carry;
            carry = static_cast<std::uint64_t>(p >> 64);
            const std::uint64_t plo = static_cast<std::uint64_t>(p);
            const std::uint64_t t = un[i + j] - plo - borrow;
            borrow = (un[i + j] < plo || (un[i + j] - plo) < borrow) ? 1 : 0;
            un[i + j] = t;
        }
        const std::uint64_t t = un[j + n] - carry - borrow;
        const bool negative = un[j + n] < carry || (un[j + n] - carry) < borrow;
        un[j + n] = t;
        q[j] = static_cast<std::uint64_t>(qhat);
        if (negative) {  // Add back: qhat was one too large (rare).
            --q[j];
            std::uint64_t c = 0;
            for (unsigned i = 0; i < n; ++i) {
                const u128 sum = static_cast<u128>(un[i + j]) + vn[i] + c;
                un[i + j] = static_cast<std::uint64_t>(sum);
                c = static_cast<std::uint64_t>(sum >> 64);
            }
            un[j + n] += c;
        }
    }
    for (unsigned i = 0; i < n; ++i) r[i] = (un[i] >> s) | (s ? un[i + 1] << (64 - s) : 0);
}

}  // namespace

U256 operator+(const U256& a, const U256& b) noexcept {
    U256 r;
    (void)add_overflow(a, b, r);
    return r;
}

U256 operator-(const U256& a, const U256& b) noexcept {
    U256 r;
    (void)sub_overflow(a, b, r);
    return r;
}

bool add_overflow(const U256& a, const U256& b, U256& out) noexcept {
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const u128 s = static_cast<u128>(a.w[i]) + b.w[i] + carry;
        out.w[i] = static_cast<std::uint64_t>(s);
        carry = static_cast<std::uint64_t>(s >> 64);
    }
    return carry != 0;
}

bool sub_overflow(const U256& a, const U256& b, U256& out) noexcept {
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const u128 d = static_cast<u128>(a.w[i]) - b.w[i] - borrow;
        out.w[i] = static_cast<std::uint64_t>(d);
        borrow = static_cast<std::uint64_t>(d >> 64) & 1;
    }
    return borrow != 0;
}

bool mul_overflow(const U256& a, const U256& b, U256& out) noexcept {
    std::uint64_t r[8] = {};
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const u128 p = static_cast<u128>(a.w[i]) * b.w[j] + r[i + j] + carry;
            r[i + j] = static_cast<std::uint64_t>(p);
            carry = static_cast<std::uint64_t>(p >> 64);
        }
        r[i + 4] = carry;
    }
    out.w = {r[0], r[1], r[2], r[3]};
    return (r[4] | r[5] | r[6] | r[7]) != 0;
}

U256 operator*(const U256& a, const U256& b) noexcept {
    U256 r;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; i + j < 4; ++j) {
            const u128 p = static_cast<u128>(a.w[i]) * b.w[j] + r.w[i + j] + carry;
            r.w[i + j] = static_cast<std::uint64_t>(p);
            carry = static_cast<std::uint64_t>(p >> 64);
        }
    }
    return r;
}

std::pair<U256, U256> divmod(const U256& a, const U256& b) noexcept {
    if (b.is_zero()) return {U256{}, U256{}};
    if (a < b) return {U256{}, a};
    unsigned n = 4;
    while (b.w[n - 1] == 0) --n;
    U256 q;
    U256 r;
    if (n == 1) {
        const std::uint64_t d = b.w[0];
        u128 rem = 0;
        for (int i = 3; i >= 0; --i) {
            const auto k = static_cast<std::size_t>(i);
            const u128 cur = (rem << 64) | a.w[k];
            q.w[k] = static_cast<std::uint64_t>(cur / d);
            rem = cur % d;
        }
        r.w[0] = static_cast<std::uint64_t>(rem);
        return {q, r};
    }
    knuth_divide(a.w.data(), b.w.data(), n, q.w.data(), r.w.data());
    return {q, r};
}

U256 operator/(const U256& a, const U256& b) noexcept {
    return divmod(a, b).first;
}
U256 operator%(const U256& a, const U256& b) noexcept {
    return divmod(a, b).second;
}

U256 operator<<(const U256& a, unsigned n) noexcept {
    if (n >= 256) return {};
    U256 r;
    const unsigned limbs = n / 64;
    const unsigned bits = n % 64;
    for (unsigned i = limbs; i < 4; ++i) {
        std::uint64_t v = a.w[i - limbs] << bits;
        if (bits && i > limbs) v |= a.w[i - limbs - 1] >> (64 - bits);
        r.w[i] = v;
    }
    return r;
}

U256 operator>>(const U256& a, unsigned n) noexcept {
    if (n >= 256) return {};
    U256 r;
    const unsigned limbs = n / 64;
    const unsigned bits = n % 64;
    for (unsigned i = 0; i + limbs < 4; ++i) {
        std::uint64_t v = a.w[i + limbs] >> bits;
        if (bits && i + limbs + 1 < 4) v |= a.w[i + limbs + 1] << (64 - bits);
        r.w[i] = v;
    }
    return r;
}

unsigned U256::bit_length() const noexcept {
    for (int i = 3; i >= 0; --i) {
        const auto k = static_cast<std::size_t>(i);
        if (w[k]) return static_cast<unsigned>(64 * i + 64 - std::countl_zero(w[k]));
    }
    return 0;
}

U256 U256::from_be32(const std::uint8_t* p) noexcept {
    U256 r;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t v = 0;
        for (std::size_t j = 0; j < 8; ++j) v = (v << 8) | p[8 * i + j];
        r.w[3 - i] = v;
    }
    return r;
}

Result<U256> U256::from_be_bytes(ByteView b) {
    if (b.size() > 32) return fail("u256.overflow", "more than 32 bytes (" + std::to_string(b.size()) + ")");
    std::uint8_t buf[32] = {};
    std::copy(b.begin(), b.end(), buf + (32 - b.size()));
    return from_be32(buf);
}

void U256::to_be32(std::uint8_t* out) const noexcept {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::uint64_t v = w[3 - i];
        for (std::size_t j = 0; j < 8; ++j) out[8 * i + j] = static_cast<std::uint8_t>(v >> (56 - 8 * j));
    }
}

std::array<std::uint8_t, 32> U256::to_be_bytes() const noexcept {
    std::array<std::uint8_t, 32> out{};
    to_be32(out.data());
    return out;
}

Bytes U256::to_be_trimmed() const {
    const auto full = to_be_bytes();
    const unsigned n = byte_length();
    return Bytes(full.end() - n, full.end());
}

std::string U256::to_string() const {
    if (is_zero()) return "0";
    std::string digits;
    U256 v = *this;
    const U256 ten19 = 10'000'000'000'000'000'000ULL;
    while (!v.is_zero()) {
        auto [q, r] = divmod(v, ten19);
        std::uint64_t chunk = r.w[0];
        const bool last = q.is_zero();
        for (int i = 0; i < 19 && (!last || chunk != 0); ++i) {
            digits.push_back(static_cast<char>('0' + chunk % 10));
            chunk /= 10;
        }
        v = q;
    }
    std::reverse(digits.begin(), digits.end());
    return digits;
}

std::string U256::to_hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    if (is_zero()) return "0x0";
    std::string out = "0x";
    const unsigned nibbles = (bit_length() + 3) / 4;
    for (unsigned i = nibbles; i > 0; --i) {
        const unsigned shift = 4 * (i - 1);
        out.push_back(kDigits[(w[shift / 64] >> (shift % 64)) & 0xf]);
    }
    return out;
}

Result<U256> U256::from_hex(std::string_view s) {
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s.remove_prefix(2);
    if (s.empty()) return fail("u256.invalid", "empty hex number");
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    if (s.size() > 64) return fail("u256.overflow", "hex number exceeds 256 bits");
    U256 r;
    for (char c : s) {
        unsigned d;
        if (c >= '0' && c <= '9')
            d = static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = static_cast<unsigned>(c - 'A' + 10);
        else
            return fail("u256.invalid", std::string("invalid hex digit '") + c + "'");
        r = (r << 4) | U256(d);
    }
    return r;
}

Result<U256> U256::from_string(std::string_view s) {
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return from_hex(s);
    if (s.empty()) return fail("u256.invalid", "empty number");
    U256 r;
    for (char c : s) {
        if (c < '0' || c > '9') return fail("u256.invalid", std::string("invalid decimal digit '") + c + "'");
        U256 times10;
        if (mul_overflow(r, U256(10), times10) || add_overflow(times10, U256(static_cast<std::uint64_t>(c - '0')), r))
            return fail("u256.overflow", "decimal number exceeds 2^256 - 1");
    }
    return r;
}

}  // namespace luxl2
