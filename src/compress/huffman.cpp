// Layout: varint n ‖ (n > 0:) u8 k-1 ‖ k symbols, increasing ‖ k code lengths as nibbles (high nibble
// first, a zero nibble pads an odd k) ‖ codes MSB-first, zero-padded to a byte. Codes are canonical
// (DEFLATE's rule: shorter codes first, then by symbol), so the lengths define the code.
#include "luxl2/compress/huffman.hpp"

#include <algorithm>
#include <array>
#include <queue>
#include <vector>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/endian.hpp"

namespace luxl2::compress {
namespace {

constexpr unsigned kMax = kHuffmanMaxCodeLength;

struct Code {
    std::uint16_t bits = 0;
    std::uint8_t len = 0;
};

// Huffman code lengths for the symbols with non-zero counts, each <= kMax: when the tree is too deep
// the counts are halved (keeping them non-zero) and the tree rebuilt, which flattens it.
std::array<std::uint8_t, 256> code_lengths(std::array<std::uint64_t, 256> freq) {
    std::array<std::uint8_t, 256> len{};
    std::size_t used = 0;
    for (auto f : freq) used += f != 0;
    if (used == 1) {
        for (std::size_t s = 0; s < 256; ++s)
            if (freq[s] != 0) len[s] = 1;
        return len;
    }
    for (;;) {
        struct Node {
            std::uint64_t weight;
            int left, right;
        };
        std::vector<Node> nodes;
        nodes.reserve(512);
        using Item = std::pair<std::uint64_t, int>;  // (weight, node) with node index as a stable tie-break
        std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
        std::array<int, 256> leaf{};
        for (std::size_t s = 0; s < 256; ++s) {
            if (freq[s] == 0) continue;
            leaf[s] = static_cast<int>(nodes.size());
            nodes.push_back({freq[s], -1, static_cast<int>(s)});
            q.push({freq[s], leaf[s]});
        }
        while (q.size() > 1) {
            const auto a = q.top();
            q.pop();
            const auto b = q.top();
            q.pop();
            nodes.push_back({a.first + b.first, a.second, b.second});
            q.push({a.first + b.first, static_cast<int>(nodes.size() - 1)});
        }
        // Depths by walking down from the root (parents come after children in `nodes`).
        std::vector<std::uint8_t> depth(nodes.size(), 0);
        unsigned max_depth = 0;
        for (std::size_t i = nodes.size(); i-- > 0;) {
            if (nodes[i].left < 0) {
                const auto s = static_cast<std::size_t>(nodes[i].right);
                len[s] = depth[i];
                max_depth = std::max<unsigned>(max_depth, depth[i]);
            } else {
                depth[static_cast<std::size_t>(nodes[i].left)] = static_cast<std::uint8_t>(depth[i] + 1);
                depth[static_cast<std::size_t>(nodes[i].right)] = static_cast<std::uint8_t>(depth[i] + 1);
            }
        }
        if (max_depth <= kMax) return len;
        for (auto& f : freq)
            if (f != 0) f = (f + 1) / 2;
    }
}

// Canonical codes from lengths: ordered by (length, symbol).
std::array<Code, 256> canonical_codes(const std::array<std::uint8_t, 256>& len) {
    std::array<Code, 256> codes{};
    std::array<unsigned, kMax + 2> count{};
    for (auto l : len) ++count[l];
    count[0] = 0;
    std::array<unsigned, kMax + 2> next{};
    unsigned code = 0;
    for (unsigned l = 1; l <= kMax; ++l) {
        code = (code + count[l - 1]) << 1;
        next[l] = code;
    }
    for (std::size_t s = 0; s < 256; ++s)
        if (len[s] != 0) codes[s] = {static_cast<std::uint16_t>(next[len[s]]++), len[s]};
    return codes;
}

}  // namespace

void huffman_encode(Bytes& out, ByteView data) {
    put_varint(out, data.size());
    if (data.empty()) return;
    std::array<std::uint64_t, 256> freq{};
    for (auto b : data) ++freq[b];
    const auto len = code_lengths(freq);
    std::vector<std::uint8_t> symbols;
    for (std::size_t s = 0; s < 256; ++s)
        if (len[s] != 0) symbols.push_back(static_cast<std::uint8_t>(s));
    out.push_back(static_cast<std::uint8_t>(symbols.size() - 1));
    append(out, symbols);
    for (std::size_t i = 0; i < symbols.size(); i += 2) {
        const unsigned hi = len[symbols[i]];
        const unsigned lo = i + 1 < symbols.size() ? len[symbols[i + 1]] : 0;
        out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
    }
    const auto codes = canonical_codes(len);
    std::uint64_t acc = 0;
    unsigned nbits = 0;
    for (auto b : data) {
        acc = acc << codes[b].len | codes[b].bits;
        nbits += codes[b].len;
        while (nbits >= 8) {
            nbits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> nbits));
        }
    }
    if (nbits != 0) out.push_back(static_cast<std::uint8_t>(acc << (8 - nbits)));
}

Bytes huffman_encode(ByteView data) {
    Bytes out;
    out.reserve(data.size() + 400);
    huffman_encode(out, data);
    return out;
}

Result<Bytes> huffman_decode(ByteView in, std::uint64_t max_output) {
    LUXL2_TRY(n, get_varint(in));
    if (n == 0) {
        if (!in.empty()) return fail(errc::trailing_bytes, "huffman: bytes after an empty stream");
        return Bytes{};
    }
    if (n > max_output) return fail(errc::size_limit, "huffman: declared length passes the limit");
    if (in.empty()) return fail(errc::corrupt, "huffman: missing symbol count");
    const std::size_t k = std::size_t{in[0]} + 1;
    in = in.subspan(1);
    const std::size_t table_bytes = k + (k + 1) / 2;
    if (in.size() < table_bytes) return fail(errc::corrupt, "huffman: truncated code table");
    std::array<std::uint8_t, 256> len{};
    unsigned kraft = 0;  // in units of 2^-kMax
    for (std::size_t i = 0; i < k; ++i) {
        if (i > 0 && in[i] <= in[i - 1]) return fail(errc::corrupt, "huffman: symbols not increasing");
        const std::uint8_t nib = in[k + i / 2];
        const unsigned l = (i % 2 == 0) ? nib >> 4 : nib & 0x0f;
        if (l == 0 || l > kMax) return fail(errc::corrupt, "huffman: code length out of range");
        len[in[i]] = static_cast<std::uint8_t>(l);
        kraft += 1u << (kMax - l);
    }
    if (k % 2 == 1 && (in[k + k / 2] & 0x0f) != 0) return fail(errc::corrupt, "huffman: non-zero padding nibble");
    if (k == 1 ? len[in[0]] != 1 : kraft != (1u << kMax))
        return fail(errc::corrupt, "huffman: code lengths do not form a complete prefix code");
    in = in.subspan(table_bytes);
    // Every symbol takes at least one bit.
    if (n > static_cast<std::uint64_t>(in.size()) * 8)
        return fail(errc::corrupt, "huffman: stream too short for its length");

    const auto codes = canonical_codes(len);
    std::vector<std::uint16_t> table(std::size_t{1} << kMax);  // symbol | length << 8
    for (std::size_t s = 0; s < 256; ++s) {
        if (codes[s].len == 0) continue;
        const unsigned shift = kMax - codes[s].len;
        const std::size_t first = std::size_t{codes[s].bits} << shift;
        for (std::size_t j = 0; j < (std::size_t{1} << shift); ++j)
            table[first + j] = static_cast<std::uint16_t>(s | std::size_t{codes[s].len} << 8);
    }
    Bytes out(static_cast<std::size_t>(n));
    const std::uint64_t total_bits = static_cast<std::uint64_t>(in.size()) * 8;
    std::uint64_t acc = 0;  // bits not yet consumed, left-aligned in the low `have` bits
    unsigned have = 0;
    std::size_t pos = 0;
    std::uint64_t used = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        while (have <= 56) {
            acc = acc << 8 | (pos < in.size() ? in[pos] : 0);
            ++pos;
            have += 8;
        }
        const auto e = table[static_cast<std::size_t>(acc >> (have - kMax)) & ((std::size_t{1} << kMax) - 1)];
        const unsigned l = e >> 8;
        if (k == 1 && ((acc >> (have - 1)) & 1) != 0) return fail(errc::corrupt, "huffman: invalid code");
        out[i] = static_cast<std::uint8_t>(e);
        have -= l;
        used += l;
        if (used > total_bits) return fail(errc::corrupt, "huffman: stream ends inside a code");
    }
    if ((used + 7) / 8 != in.size()) return fail(errc::trailing_bytes, "huffman: bytes after the last code");
    const unsigned pad = static_cast<unsigned>(total_bits - used);
    if (pad != 0 && (in.back() & ((1u << pad) - 1)) != 0) return fail(errc::corrupt, "huffman: non-zero padding bits");
    return out;
}

}  // namespace luxl2::compress
