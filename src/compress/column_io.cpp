#include "column_io.hpp"

#include <array>

namespace luxl2::compress::detail {
namespace {

constexpr unsigned kMaxExp = 77;  // 10^77 < 2^256 < 10^78

constexpr std::array<std::uint64_t, 20> kPow10U64 = [] {
    std::array<std::uint64_t, 20> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
}();

const std::array<U256, kMaxExp + 1>& pow10() {
    static const auto table = [] {
        std::array<U256, kMaxExp + 1> t{};
        t[0] = U256(1);
        for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * U256(10);
        return t;
    }();
    return table;
}

}  // namespace

void put_decfloat(Bytes& head, Bytes& mant, const U256& v) {
    if (v.is_zero()) {
        head.push_back(0);
        mant.push_back(0);
        return;
    }
    unsigned e = 0;
    U256 m = v;
    if (m.fits_u64()) {
        std::uint64_t x = m.low64();
        while (x % 10 == 0) x /= 10, ++e;
        m = U256(x);
    } else {
        for (;;) {
            auto [q, rem] = divmod(m, U256(10));
            if (!rem.is_zero()) break;
            m = q;
            ++e;
        }
    }
    if (m.fits_u64()) {
        head.push_back(static_cast<std::uint8_t>(e));
        put_varint(mant, m.low64());
    } else {
        head.push_back(static_cast<std::uint8_t>(e | 0x80));
        put_compact_u256(mant, m);
    }
}

Result<U256> get_decfloat(Reader& r, Reader& mr) {
    LUXL2_TRY(h, r.byte());
    const unsigned e = h & 0x7f;
    if (e > kMaxExp) return fail(errc::corrupt, std::string(r.name) + ": exponent out of range");
    U256 m;
    if ((h & 0x80) == 0) {
        LUXL2_TRY(x, mr.varint());
        m = U256(x);
    } else {
        LUXL2_TRY(big, get_compact_u256(mr));
        if (big.fits_u64()) return fail(errc::corrupt, std::string(r.name) + ": long mantissa that fits 64 bits");
        m = big;
    }
    if (m.is_zero()) {
        if (e != 0) return fail(errc::corrupt, std::string(r.name) + ": zero with an exponent");
        return m;
    }
    // Fast path (nearly every value and fee): a 64-bit mantissa whose value fits 64 bits.
    if ((h & 0x80) == 0 && e < kPow10U64.size()) {
        const std::uint64_t x = m.low64();
        if (x % 10 == 0) return fail(errc::corrupt, std::string(r.name) + ": mantissa divisible by 10");
        std::uint64_t v64 = 0;
        if (!__builtin_mul_overflow(x, kPow10U64[e], &v64)) return U256(v64);
    }
    if ((m % U256(10)).is_zero()) return fail(errc::corrupt, std::string(r.name) + ": mantissa divisible by 10");
    U256 v;
    if (mul_overflow(m, pow10()[e], v)) return fail(errc::corrupt, std::string(r.name) + ": value above 2^256");
    return v;
}

}  // namespace luxl2::compress::detail
