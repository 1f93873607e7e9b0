// Ops: varint c; c even: a literal of (c >> 1) + 1 bytes follows; c odd: one byte follows, repeated
// (c >> 1) + 3 times. Canonical form: a run of >= 3 equal bytes is always one repeat op.
#include "luxl2/compress/rle.hpp"

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::compress {
namespace {

constexpr std::size_t kMinRun = 3;

std::size_t run_at(ByteView d, std::size_t i) noexcept {
    std::size_t j = i + 1;
    while (j < d.size() && d[j] == d[i]) ++j;
    return j - i;
}

}  // namespace

void rle_encode(Bytes& out, ByteView data) {
    std::size_t i = 0;
    std::size_t lit_start = 0;
    auto flush_literal = [&](std::size_t end) {
        if (end == lit_start) return;
        put_varint(out, static_cast<std::uint64_t>(end - lit_start - 1) << 1);
        out.insert(out.end(), data.begin() + static_cast<std::ptrdiff_t>(lit_start),
                   data.begin() + static_cast<std::ptrdiff_t>(end));
    };
    while (i < data.size()) {
        const std::size_t r = run_at(data, i);
        if (r >= kMinRun) {
            flush_literal(i);
            put_varint(out, (static_cast<std::uint64_t>(r - kMinRun) << 1) | 1);
            out.push_back(data[i]);
            i += r;
            lit_start = i;
        } else {
            i += r;
        }
    }
    flush_literal(data.size());
}

Bytes rle_encode(ByteView data) {
    Bytes out;
    out.reserve(data.size() + data.size() / 64 + 10);
    rle_encode(out, data);
    return out;
}

Result<Bytes> rle_decode(ByteView in, std::uint64_t max_output) {
    Bytes out;
    bool last_literal = false;
    while (!in.empty()) {
        LUXL2_TRY(c, get_varint(in));
        if ((c & 1) == 0) {
            if (last_literal) return fail(errc::corrupt, "rle: two adjacent literal ops");
            const std::uint64_t n = (c >> 1) + 1;
            if (n > in.size()) return fail(errc::corrupt, "rle: literal runs past the input");
            if (n > max_output - out.size()) return fail(errc::size_limit, "rle: output passes the limit");
            const ByteView lit = in.first(static_cast<std::size_t>(n));
            // Canonical: no run of kMinRun inside a literal, none joined with the previous repeat.
            for (std::size_t k = 0; k < lit.size(); ++k) {
                const bool prev_eq = k >= 1 ? lit[k - 1] == lit[k] : (!out.empty() && out.back() == lit[k]);
                const bool prev2_eq = k >= 2 ? lit[k - 2] == lit[k]
                                             : (k == 1 ? !out.empty() && out.back() == lit[k]
                                                       : out.size() >= 2 && out[out.size() - 2] == lit[k]);
                if (k == 0 && !out.empty() && out.back() == lit[0])
                    return fail(errc::corrupt, "rle: literal continues the previous run");
                if (prev_eq && prev2_eq) return fail(errc::corrupt, "rle: run of equal bytes inside a literal");
            }
            out.insert(out.end(), lit.begin(), lit.end());
            in = in.subspan(static_cast<std::size_t>(n));
            last_literal = true;
        } else {
            if (in.empty()) return fail(errc::corrupt, "rle: repeat op without its byte");
            const std::uint8_t b = in[0];
            in = in.subspan(1);
            if (c >> 1 > max_output) return fail(errc::size_limit, "rle: output passes the limit");
            const std::uint64_t n = (c >> 1) + kMinRun;
            if (n > max_output - out.size()) return fail(errc::size_limit, "rle: output passes the limit");
            if (!out.empty() && out.back() == b) return fail(errc::corrupt, "rle: run split in two");
            out.insert(out.end(), static_cast<std::size_t>(n), b);
            last_literal = false;
        }
    }
    return out;
}

}  // namespace luxl2::compress
