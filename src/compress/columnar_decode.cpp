// Decoder of the columnar transaction format (docs/format/columnar.md).
#include <algorithm>
#include <cstring>
#include <unordered_map>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "column_io.hpp"
#include "columnar_model.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/sha256_chunked.hpp"
#include "tx_writer.hpp"

namespace luxl2::compress {
namespace {

using namespace detail;

struct Tables {
    std::vector<Address> addresses;
    std::vector<std::uint32_t> selectors;
    std::size_t max_table;
    const AccountContext* context = nullptr;        // set when the batch was written against one
    std::unordered_map<Address, std::size_t> seen;  // context mode: a state reference must be a first use
};

Result<Address> get_address(std::array<Reader, kColumnCount>& r, Tables& t) {
    LUXL2_TRY(ref, r[kColAddrRef].varint());
    const std::uint64_t first = t.context != nullptr ? 2 : 1;
    if (ref < first) {
        if (t.addresses.size() >= t.max_table) return fail(errc::too_many_elements, "address table passes its limit");
        Address a;
        if (ref == 0) {
            LUXL2_TRY(lit, r[kColAddrNew].fixed<20>());
            if (t.context != nullptr && t.context->index_of(lit))
                return fail(errc::corrupt, "addr_new: an address the state holds written out");
            a = lit;
        } else {
            LUXL2_TRY(idx, r[kColAddrState].varint());
            const auto known = t.context->address_at(idx);
            if (!known) return fail(errc::corrupt, "addr_state: index the account context does not know");
            a = *known;
        }
        if (t.context != nullptr && !t.seen.try_emplace(a, t.addresses.size()).second)
            return fail(errc::corrupt, "addr_ref: an address of the table written again");
        t.addresses.push_back(a);
        return a;
    }
    if (ref - first >= t.addresses.size()) return fail(errc::corrupt, "addr_ref: index past the address table");
    return t.addresses[static_cast<std::size_t>(ref - first)];
}

// Word tags by what they need (docs/format/columnar.md): `n` bytes from word_bytes, placed at the
// low end (and zeros above) or the high end (zeros below) of the word.
enum class WordKind : std::uint8_t { kLow, kHigh, kAddress, kOnes, kInvalid };
struct WordTag {
    WordKind kind = WordKind::kInvalid;
    std::uint8_t n = 0;
};
constexpr std::array<WordTag, 256> kWordTags = [] {
    std::array<WordTag, 256> t{};
    t[kWordZero] = {WordKind::kLow, 0};
    t[kWordAddress] = {WordKind::kAddress, 0};
    t[kWordOnes] = {WordKind::kOnes, 0};
    for (unsigned tag = kWordLowBase + 1; tag <= kWordFull; ++tag)
        if (tag - kWordLowBase != 20) t[tag] = {WordKind::kLow, static_cast<std::uint8_t>(tag - kWordLowBase)};
    for (unsigned tag = kWordHighBase + 1; tag <= kWordTagMax; ++tag)
        t[tag] = {WordKind::kHigh, static_cast<std::uint8_t>(tag - kWordHighBase)};
    return t;
}();

// 0 x 32, 0xff x 32, 0 x 32: at offset n, the mask of a word's last n bytes; at 64 − n, its first n.
constexpr std::array<std::uint8_t, 96> kWordMasks = [] {
    std::array<std::uint8_t, 96> m{};
    for (std::size_t i = 32; i < 64; ++i) m[i] = 0xff;
    return m;
}();

// A word of n bytes taken from `b`, placed low or high, checked canonical. Loads the 32 bytes that
// end (low word) or start (high word) with the n it uses and masks the rest away, so every word
// costs the same few instructions whatever its n: the tags of real calldata are too mixed for
// branches on n to predict. Those 32 bytes must be readable.
inline bool put_masked_word(std::uint8_t* word, const std::uint8_t* b, WordTag wt) noexcept {
    const std::size_t n = wt.n;
    const bool low = wt.kind == WordKind::kLow;
    const std::uint8_t* from = low ? b + n - 32 : b;
    const std::uint8_t* mask = kWordMasks.data() + (low ? n : 64 - n);
#ifdef __SSE2__
    // Two 16-byte halves in registers (through memory, the compiler's 8-byte lanes stall on store
    // forwarding).
    const __m128i v0 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(from)),
                                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask)));
    const __m128i v1 = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(from + 16)),
                                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(mask + 16)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(word), v0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(word + 16), v1);
    auto all_ones = [&] {
        return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v0, v1), _mm_set1_epi8(-1))) == 0xffff;
    };
#else
    std::uint64_t v[4], m[4];
    std::memcpy(v, from, 32);
    std::memcpy(m, mask, 32);
    for (std::size_t i = 0; i < 4; ++i) v[i] &= m[i];
    std::memcpy(word, v, 32);
    auto all_ones = [&] { return (v[0] & v[1] & v[2] & v[3]) == ~std::uint64_t{0}; };
#endif
    if (n == 0) return true;
    // Canonical: the first byte taken is not zero; a high word's (and a full word's) last one neither;
    // a full word is not all 0xff (that is tag 2).
    if (b[0] == 0) return false;
    if ((!low || n == 32) && b[n - 1] == 0) return false;
    return !(n == 32 && all_ones());
}

// ABI-shaped calldata of `len` bytes (≥ 4, len − 4 a multiple of 32) written at `out`. Every byte is
// written (no zeroing first): the selector, then each word from its tag.
Result<void> put_abi(std::array<Reader, kColumnCount>& r, Tables& t, std::uint8_t* out, std::uint64_t len) {
    LUXL2_TRY(ref, r[kColSelRef].varint());
    std::uint32_t selector = 0;
    if (ref == 0) {
        if (t.selectors.size() >= t.max_table) return fail(errc::too_many_elements, "selector table passes its limit");
        LUXL2_TRY(s, r[kColSelNew].take(4));
        selector = load_be32(s.data());
        t.selectors.push_back(selector);
    } else if (ref > t.selectors.size()) {
        return fail(errc::corrupt, "selector_ref: index past the selector table");
    } else {
        selector = t.selectors[static_cast<std::size_t>(ref - 1)];
    }
    store_be32(out, selector);
    const std::uint64_t words = (len - 4) / 32;
    LUXL2_TRY(tags, r[kColWordTag].take(words));  // all of this call's tags at once
    // The word bytes are read through a local cursor: bounds checked per word, no Result per word.
    const ByteView wb = r[kColWordBytes].in;
    std::size_t at = 0;
    for (std::uint64_t w = 0; w < words; ++w) {
        std::uint8_t* word = out + 4 + w * 32;
        const WordTag wt = kWordTags[tags[static_cast<std::size_t>(w)]];
        if (wb.size() - at > 1024) __builtin_prefetch(wb.data() + at + 1024);
        if (wt.kind == WordKind::kLow || wt.kind == WordKind::kHigh) {
            const std::size_t left = wb.size() - at;
            if (left < wt.n) return fail(errc::corrupt, "word_bytes: column ends early");
            const std::uint8_t* b = wb.data() + at;
            if (at >= 32 && left >= 32) {
                // The 32-byte window around the word's bytes lies inside the column.
                if (!put_masked_word(word, b, wt)) return fail(errc::corrupt, "word_bytes: non-canonical word");
            } else {
                // Near the column's ends: through a zero-padded copy.
                std::uint8_t pad[96] = {};
                std::memcpy(pad + 32, b, std::min<std::size_t>(left, 32));
                if (!put_masked_word(word, pad + 32, wt)) return fail(errc::corrupt, "word_bytes: non-canonical word");
            }
            at += wt.n;
        } else if (wt.kind == WordKind::kAddress) {
            LUXL2_TRY(a, get_address(r, t));
            if (a[0] == 0) return fail(errc::corrupt, "word_tag: address word with a leading zero byte");
            std::memset(word, 0, 12);
            std::memcpy(word + 12, a.data(), 20);
        } else if (wt.kind == WordKind::kOnes) {
            std::memset(word, 0xff, 32);
        } else {
            return fail(errc::corrupt, "word_tag: unknown or non-canonical tag");
        }
    }
    r[kColWordBytes].in = wb.subspan(at);
    return {};
}

// What a typed transaction's entries in the access column (access list; then the blob hashes of a
// type 3, the authorizations of a type 4) encode to, read ahead on a copy of the column: their
// addresses come from addr_ref after the calldata's, but the transaction's header, written first,
// needs the sizes.
struct AccessSizes {
    std::size_t access = 0;  // the access list's entries
    std::size_t tail = 0;    // the blob hashes' or authorizations' items
};

// Blob hashes and authorizations up to format::TxLimits' defaults, so that whatever the decoder
// writes, decode_transaction (and so the encoder) reads back.
constexpr format::TxLimits kTxDefaults{};

Result<AccessSizes> scan_access(Reader acc, std::size_t addr_refs_left, format::TxType type) {
    AccessSizes out;
    LUXL2_TRY(entries, acc.varint());
    if (entries > acc.in.size() || entries > addr_refs_left)
        return fail(errc::corrupt, "access: more entries than the columns hold");
    for (std::uint64_t e = 0; e < entries; ++e) {
        LUXL2_TRY(keys, acc.varint());
        if (keys > acc.in.size() / 32) return fail(errc::corrupt, "access: more keys than the column holds");
        acc.in = acc.in.subspan(static_cast<std::size_t>(keys) * 32);
        const std::size_t k = static_cast<std::size_t>(keys) * 33;
        const std::size_t entry = 21 + rlp_header_size(k) + k;
        out.access += rlp_header_size(entry) + entry;
    }
    if (type == format::TxType::kBlob) {
        LUXL2_TRY(hashes, acc.varint());
        if (hashes > kTxDefaults.max_blob_hashes) return fail(errc::too_many_elements, "access: too many blob hashes");
        if (hashes > acc.in.size() / 32) return fail(errc::corrupt, "access: more blob hashes than the column holds");
        out.tail = static_cast<std::size_t>(hashes) * 33;
    } else if (type == format::TxType::kSetCode) {
        LUXL2_TRY(auths, acc.varint());
        if (auths > kTxDefaults.max_authorizations)
            return fail(errc::too_many_elements, "access: too many authorizations");
        if (auths > addr_refs_left - entries) return fail(errc::corrupt, "access: more authorizations than addresses");
        for (std::uint64_t a = 0; a < auths; ++a) {
            LUXL2_TRY(chain, get_compact_u256(acc));
            LUXL2_TRY(nonce, acc.varint());
            LUXL2_TRY(parity, acc.byte());
            LUXL2_TRY(rs, acc.take(64));
            const std::size_t item = BeInt::of(chain).rlp_size() + 21 + BeInt::of(nonce).rlp_size() +
                                     BeInt::of(std::uint64_t{parity}).rlp_size() +
                                     BeInt::of_be32(rs.data()).rlp_size() + BeInt::of_be32(rs.data() + 32).rlp_size();
            out.tail += rlp_header_size(item) + item;
        }
    }
    return out;
}

// The access-list entries (their size given by scan_access) written at `p`.
Result<std::uint8_t*> put_access(std::array<Reader, kColumnCount>& r, Tables& t, std::uint8_t* p) {
    LUXL2_TRY(entries, r[kColAccess].varint());
    for (std::uint64_t e = 0; e < entries; ++e) {
        LUXL2_TRY(a, get_address(r, t));
        LUXL2_TRY(keys, r[kColAccess].varint());
        LUXL2_TRY(kb, r[kColAccess].take(keys * 32));
        const std::size_t k = static_cast<std::size_t>(keys) * 33;
        p = put_rlp_header(p, 0xc0, 21 + rlp_header_size(k) + k);
        *p++ = 0x80 + 20;
        std::memcpy(p, a.data(), 20);
        p = put_rlp_header(p + 20, 0xc0, k);
        for (std::uint64_t i = 0; i < keys; ++i) {
            *p++ = 0x80 + 32;
            std::memcpy(p, kb.data() + 32 * i, 32);
            p += 32;
        }
    }
    return p;
}

// The blob hashes (type 3) or authorizations (type 4) written at `p` (the list's items; put_tx has
// written its header).
Result<std::uint8_t*> put_tail(std::array<Reader, kColumnCount>& r, Tables& t, format::TxType type, std::uint8_t* p) {
    Reader& acc = r[kColAccess];
    if (type == format::TxType::kBlob) {
        LUXL2_TRY(hashes, acc.varint());
        LUXL2_TRY(hb, acc.take(hashes * 32));
        for (std::uint64_t i = 0; i < hashes; ++i) {
            *p++ = 0x80 + 32;
            std::memcpy(p, hb.data() + 32 * i, 32);
            p += 32;
        }
        return p;
    }
    LUXL2_TRY(auths, acc.varint());
    for (std::uint64_t i = 0; i < auths; ++i) {
        LUXL2_TRY(chain, get_compact_u256(acc));
        LUXL2_TRY(a, get_address(r, t));
        LUXL2_TRY(nonce, acc.varint());
        LUXL2_TRY(parity, acc.byte());
        LUXL2_TRY(rs, acc.take(64));
        const BeInt c = BeInt::of(chain), nn = BeInt::of(nonce), y = BeInt::of(std::uint64_t{parity});
        const BeInt ar = BeInt::of_be32(rs.data()), as = BeInt::of_be32(rs.data() + 32);
        p = put_rlp_header(p, 0xc0, c.rlp_size() + 21 + nn.rlp_size() + y.rlp_size() + ar.rlp_size() + as.rlp_size());
        p = c.put(p);
        *p++ = 0x80 + 20;
        std::memcpy(p, a.data(), 20);
        p = nn.put(p + 20);
        p = y.put(p);
        p = ar.put(p);
        p = as.put(p);
    }
    return p;
}

// keccak256 of what the sender of a transaction written at `tx` (layout `l`) signed: the fields
// before v under a list header (typed: after the type byte); EIP-155 legacy ones append chainId, 0, 0.
Hash32 signing_hash_of(const std::uint8_t* tx, const TxFields& f, const TxLayout& l, const BeInt* legacy_chain) {
    const ByteView fields(tx + l.fields_begin, l.unsigned_end - l.fields_begin);
    std::uint8_t prefix[1 + 9];
    std::uint8_t* p = prefix;
    if (f.type != format::TxType::kLegacy) *p++ = static_cast<std::uint8_t>(f.type);
    std::uint8_t suffix[33 + 2];
    std::uint8_t* q = suffix;
    if (legacy_chain != nullptr) {
        q = legacy_chain->put(q);
        *q++ = 0x80;
        *q++ = 0x80;
    }
    const auto suffix_len = static_cast<std::size_t>(q - suffix);
    p = put_rlp_header(p, 0xc0, fields.size() + suffix_len);
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView(prefix, static_cast<std::size_t>(p - prefix)));
    h.absorb(fields);
    h.absorb(ByteView(suffix, suffix_len));
    Hash32 out;
    h.squeeze(out.bytes);
    return out;
}

// `n` more bytes at the end of `buf`, uninitialised. Regrowth copies with one memcpy: a vector whose
// allocator constructs elements copies them one by one.
std::uint8_t* grow(RawBuffer& buf, std::size_t n) {
    const std::size_t old = buf.size();
    if (buf.capacity() - old < n) {
        RawBuffer bigger;
        bigger.reserve(std::max(2 * buf.capacity(), old + n));
        bigger.resize(old + n);
        if (old != 0) std::memcpy(bigger.data(), buf.data(), old);
        buf.swap(bigger);
    } else {
        buf.resize(old + n);
    }
    return buf.data() + old;
}

// A decfloat (column_io.hpp) as its RLP integer. Nearly every fee and value has a head below 20 and a
// varint mantissa whose value fits 64 bits: those skip U256 arithmetic. Anything else, every error
// included, goes through get_decfloat from the same place. `mant` may be `head` (fees keep both in
// one column).
Result<BeInt> get_decfloat_be(Reader& head, Reader& mant) {
    static constexpr std::array<std::uint64_t, 20> kPow10 = [] {
        std::array<std::uint64_t, 20> t{};
        t[0] = 1;
        for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
        return t;
    }();
    const bool one = &head == &mant;
    if (!head.in.empty() && head.in[0] < kPow10.size()) {
        Reader h = head;
        const unsigned e = h.in[0];
        h.in = h.in.subspan(1);
        Reader m = one ? h : mant;
        if (auto x = m.varint(); x && *x % 10 != 0) {
            std::uint64_t v = 0;
            if (!__builtin_mul_overflow(*x, kPow10[e], &v)) {
                if (one) {
                    head = m;
                } else {
                    head = h;
                    mant = m;
                }
                return BeInt::of(v);
            }
        }
    }
    LUXL2_TRY(v, get_decfloat(head, mant));
    return BeInt::of(v);
}

// Verbatim transactions may be as large as the batch allows.
constexpr format::TxLimits kUnboundedTx{
    .max_bytes = SIZE_MAX, .max_access_list = SIZE_MAX, .max_blob_hashes = SIZE_MAX, .max_authorizations = SIZE_MAX};

Result<ColumnarBatch> decode_columnar_with(ByteView in, const ColumnarLimits& limits, const AccountContext* context) {
    Reader h{in, "header"};
    LUXL2_TRY(version, h.byte());
    if (version != kColumnarVersion)
        return fail(errc::bad_version, "columnar version " + std::to_string(version) + " (this reader reads version " +
                                           std::to_string(kColumnarVersion) + ")");
    LUXL2_TRY(flags, h.byte());
    if ((flags & ~(kFlagSignatureFree | kFlagContext)) != 0) return fail(errc::bad_envelope, "unknown columnar flags");
    if ((flags & kFlagContext) != 0 && context == nullptr)
        return fail(errc::bad_envelope, "the batch names state accounts: decoding needs its account context");
    const bool sigfree = (flags & kFlagSignatureFree) != 0;
    LUXL2_TRY(n, h.varint());
    if (n > limits.max_txs)
        return fail(errc::too_many_elements, "batch of " + std::to_string(n) + " transactions passes the limit");
    LUXL2_TRY(chain_id, get_compact_u256(h));
    LUXL2_TRY(base_fee, get_compact_u256(h));
    LUXL2_TRY(gas_count, h.varint());
    if (gas_count > kMaxGasDict) return fail(errc::too_many_elements, "gas dictionary too long");
    std::vector<std::uint64_t> gas_dict;
    for (std::uint64_t i = 0; i < gas_count; ++i) {
        LUXL2_TRY(g, h.varint());
        if (std::find(gas_dict.begin(), gas_dict.end(), g) != gas_dict.end())
            return fail(errc::corrupt, "gas dictionary repeats a value");
        gas_dict.push_back(g);
    }
    // Sorted, to check quickly that a gas limit written out is not one the dictionary holds.
    std::vector<std::uint64_t> gas_sorted = gas_dict;
    std::sort(gas_sorted.begin(), gas_sorted.end());
    LUXL2_TRY(digest, h.fixed<32>());

    // Columns: decompressed under one shared budget; stored ones are read where they lie.
    std::array<RawBuffer, kColumnCount> cols;  // decoded in one pass into a buffer of their size
    std::array<Bytes, kColumnCount> streamed;  // or streamed, where the size is not yet plausible
    std::array<Reader, kColumnCount> r;
    std::uint64_t budget = limits.max_output;
    for (std::size_t c = 0; c < kColumnCount; ++c) {
        LUXL2_TRY(codec, h.byte());
        LUXL2_TRY(raw_len, h.varint());
        if (raw_len > budget)
            return fail(errc::size_limit, "columns pass the output limit (refused decompression bomb)");
        budget -= raw_len;
        if (codec == static_cast<std::uint8_t>(CompressionType::kNone)) {
            LUXL2_TRY(v, h.take(raw_len));
            r[c] = Reader{v, kColumnNames[c]};
            continue;
        }
        if (codec != static_cast<std::uint8_t>(CompressionType::kZstandard) &&
            codec != static_cast<std::uint8_t>(CompressionType::kBrotli) &&
            codec != static_cast<std::uint8_t>(CompressionType::kCustom))
            return fail(errc::codec_not_allowed, std::string(kColumnNames[c]) + ": codec not allowed for a column");
        LUXL2_TRY(stored, h.varint());
        LUXL2_TRY(v, h.take(stored));
        const auto type = static_cast<CompressionType>(codec);
        // A buffer of the declared size only when the stored bytes could plausibly expand to it (the
        // bound decompress_raw starts from); beyond, the stream must prove its size as it grows.
        if (raw_len <= 8 * stored + 64 * 1024) {
            cols[c].resize(static_cast<std::size_t>(raw_len));
            if (auto d = decompress_raw_into(type, v, cols[c]); !d)
                return std::unexpected(std::move(d.error().at(kColumnNames[c])));
            r[c] = Reader{ByteView(cols[c]), kColumnNames[c]};
        } else {
            auto d = decompress_raw(type, v, raw_len, raw_len);
            if (!d) return std::unexpected(std::move(d.error().at(kColumnNames[c])));
            streamed[c] = std::move(*d);
            r[c] = Reader{streamed[c], kColumnNames[c]};
        }
    }
    if (!h.in.empty()) return fail(errc::trailing_bytes, "bytes after the last column");
    // Every transaction takes at least its kind byte: a count above that is a lie.
    if (n > r[kColKind].in.size()) return fail(errc::corrupt, "kind: fewer entries than transactions");

    ColumnarBatch out;
    out.signature_free = sigfree;
    out.offsets.reserve(static_cast<std::size_t>(n) + 1);
    if (sigfree) out.senders.reserve(static_cast<std::size_t>(n));
    // The output, one buffer for all transactions. Its size is known only at the end; this estimate
    // (each column byte once, each calldata word whole, some framing) is near it, so the buffer is
    // rarely regrown, and it is capped at four times the columns (zero words may expand 32-fold, but
    // memory is reserved only in proportion to bytes already held).
    RawBuffer& buf = out.bytes;
    const std::uint64_t columns = limits.max_output - budget;
    const std::uint64_t estimate = columns + 32 * r[kColWordTag].in.size() + 16 * n;
    buf.reserve(static_cast<std::size_t>(std::min(estimate, 4 * columns + 16 * n)));
    Tables t{{}, {}, limits.max_table, (flags & kFlagContext) != 0 ? context : nullptr, {}};
    std::unordered_map<Address, std::uint64_t> last_nonce;
    std::uint64_t produced = 0;  // calldata bytes decoded so far
    // The batch hash, fed as the output grows: whole groups of chunks are hashed in place while they
    // are still in cache.
    crypto::Sha256Chunked hasher;
    std::size_t hashed = 0;
    constexpr std::size_t kHashGroup = crypto::Sha256Chunked::kLanes * crypto::Sha256Chunked::kChunk;
    TxFields f;
    for (std::uint64_t i = 0; i < n; ++i) {
        LUXL2_TRY(kind, r[kColKind].byte());
        const std::uint8_t type = kind & kKindTypeMask;
        if (type == kKindVerbatim) {
            if (kind != kKindVerbatim) return fail(errc::corrupt, "kind: flags on a verbatim transaction");
            LUXL2_TRY(len, r[kColMisc].varint());
            LUXL2_TRY(raw, r[kColMisc].take(len));
            if (auto tx = format::decode_transaction(raw); !tx)
                return std::unexpected(std::move(tx.error().at("verbatim transaction")));
            if (sigfree) {
                LUXL2_TRY(s, get_address(r, t));
                out.senders.push_back(s);
                hasher.update(crypto::keccak256(raw));
                hasher.update(s);
            }
            std::memcpy(grow(buf, raw.size()), raw.data(), raw.size());
            out.offsets.push_back(buf.size());
            continue;
        }
        if (type > static_cast<std::uint8_t>(format::TxType::kSetCode))
            return fail(errc::corrupt, "kind: unknown type");
        f.type = static_cast<format::TxType>(type);
        const bool legacy = f.type == format::TxType::kLegacy;
        if ((kind & kKindPre155) != 0 && (!legacy || (kind & kKindOtherChain) != 0))
            return fail(errc::corrupt, "kind: inconsistent flags");
        U256 chain = chain_id;
        if ((kind & kKindOtherChain) != 0) {
            LUXL2_TRY(c, get_compact_u256(r[kColMisc]));
            if (c == chain_id) return fail(errc::corrupt, "misc: chain id equal to the batch's");
            chain = c;
        }
        const bool parity = (kind & kKindParity) != 0;
        if (sigfree && parity) return fail(errc::corrupt, "kind: signature parity in a signature-free batch");
        Address sender;
        if (sigfree) {
            LUXL2_TRY(s, get_address(r, t));
            sender = s;
        }
        LUXL2_TRY(nonce_v, r[kColNonce].varint());
        std::uint64_t nonce = nonce_v;
        if (sigfree) {
            auto [it, fresh] = last_nonce.try_emplace(sender, nonce_v);
            if (!fresh) {
                nonce = it->second + 1 + unzigzag(nonce_v);
                it->second = nonce;
            }
        }
        f.nonce = BeInt::of(nonce);
        LUXL2_TRY(gas_v, r[kColGas].varint());
        std::uint64_t gas = 0;
        if (gas_v < gas_dict.size()) {
            gas = gas_dict[static_cast<std::size_t>(gas_v)];
        } else {
            gas = gas_v - gas_dict.size();
            if (std::binary_search(gas_sorted.begin(), gas_sorted.end(), gas))
                return fail(errc::corrupt, "gas: value in the dictionary written out");
        }
        f.gas = BeInt::of(gas);
        const bool tail = f.type == format::TxType::kBlob || f.type == format::TxType::kSetCode;
        if (tail && (kind & kKindCreate) != 0)
            return fail(errc::corrupt, "kind: a blob or set-code transaction cannot create a contract");
        BeInt fee;
        if (base_fee.is_zero()) {  // what our encoder writes
            LUXL2_TRY(v, get_decfloat_be(r[kColFee], r[kColFee]));
            fee = v;
        } else {
            LUXL2_TRY(v, get_decfloat(r[kColFee]));
            U256 full_fee;
            if (add_overflow(v, base_fee, full_fee)) return fail(errc::corrupt, "fee: above 2^256");
            fee = BeInt::of(full_fee);
        }
        if (f.type == format::TxType::kDynamicFee || tail) {
            f.max_fee = fee;
            LUXL2_TRY(tip, get_decfloat_be(r[kColFee], r[kColFee]));
            f.tip = tip;
            if (f.type == format::TxType::kBlob) {
                LUXL2_TRY(blob_fee, get_decfloat_be(r[kColFee], r[kColFee]));
                f.blob_fee = blob_fee;
            }
        } else {
            f.gas_price = fee;
        }
        LUXL2_TRY(value, get_decfloat_be(r[kColValue], r[kColValueMant]));
        f.value = value;
        Address to;
        f.to = nullptr;
        if ((kind & kKindCreate) == 0) {
            LUXL2_TRY(a, get_address(r, t));
            to = a;
            f.to = &to;
        }
        if (sigfree) {
            f.r = BeInt{};
            f.s = BeInt{};
        } else {
            LUXL2_TRY(sig, r[kColSig].take(64));
            f.r = BeInt::of_be32(sig.data());
            f.s = BeInt::of_be32(sig.data() + 32);
        }
        LUXL2_TRY(len, r[kColDataLen].varint());
        const bool abi = (kind & kKindAbi) != 0;
        if (abi != (len >= 4 && (len - 4) % 32 == 0))
            return fail(errc::corrupt, "kind: calldata shape flag disagrees with its length");
        // Zero words expand 32-fold, so the output is bounded separately from the columns.
        if (abi ? (len - 4) / 32 > r[kColWordTag].in.size() : len > r[kColDataRaw].in.size())
            return fail(errc::corrupt, "data_len: more calldata than the columns hold");
        produced += len;
        if (produced > limits.max_output)
            return fail(errc::size_limit, "decoded calldata passes the output limit (refused decompression bomb)");
        ByteView data;
        if (!abi) {
            LUXL2_TRY(d, r[kColDataRaw].take(len));
            data = d;
        }
        f.data_len = static_cast<std::size_t>(len);
        f.data_first = data.empty() ? 0 : data[0];
        f.access_payload = 0;
        if (!legacy) {
            LUXL2_TRY(sizes, scan_access(r[kColAccess], r[kColAddrRef].in.size(), f.type));
            f.access_payload = sizes.access;
            f.tail_payload = sizes.tail;
        }
        BeInt legacy_chain;
        if (legacy) {
            if ((kind & kKindPre155) != 0) {
                f.v = BeInt::of(std::uint64_t{parity ? 28u : 27u});
            } else {
                if (chain.bit_length() > 250) return fail(errc::corrupt, "misc: chain id too large for a legacy v");
                f.v = BeInt::of(chain * U256(2) + U256(parity ? 36 : 35));
                legacy_chain = BeInt::of(chain);
            }
        } else {
            f.chain_id = BeInt::of(chain);
            f.v = BeInt::of(std::uint64_t{parity ? 1u : 0u});
        }

        const TxLayout l = tx_layout(f);
        std::uint8_t* o = grow(buf, l.size);
        put_tx(o, f, l);
        if (abi) {
            LUXL2_CHECK(put_abi(r, t, o + l.data_at, len));
        } else if (!data.empty()) {
            std::memcpy(o + l.data_at, data.data(), data.size());
        }
        if (!legacy) {
            LUXL2_TRY(end, put_access(r, t, o + l.access_at));
            LUXL2_ASSERT(end == o + l.access_at + f.access_payload);
        }
        if (tail) {
            LUXL2_TRY(end, put_tail(r, t, f.type, o + l.tail_at));
            LUXL2_ASSERT(end == o + l.tail_at + f.tail_payload);
        }
        if (sigfree) {
            out.senders.push_back(sender);
            const bool eip155 = legacy && (kind & kKindPre155) == 0;
            hasher.update(signing_hash_of(o, f, l, eip155 ? &legacy_chain : nullptr));
            hasher.update(sender);
        }
        out.offsets.push_back(buf.size());
        if (!sigfree && buf.size() - hashed >= kHashGroup) {
            const std::size_t whole = (buf.size() - hashed) / kHashGroup * kHashGroup;
            hasher.update(ByteView(buf).subspan(hashed, whole));
            hashed += whole;
        }
    }
    for (const auto& rd : r)
        if (!rd.in.empty())
            return fail(errc::trailing_bytes, std::string(rd.name) + ": bytes left after the last transaction");
    if (!sigfree) hasher.update(ByteView(buf).subspan(hashed));
    if (hasher.finish() != digest)
        return fail(errc::hash_mismatch, "decoded transactions do not hash to the batch hash");
    return out;
}

}  // namespace

Result<ColumnarBatch> decode_columnar(ByteView in, const ColumnarLimits& limits) {
    return decode_columnar_with(in, limits, nullptr);
}

Result<ColumnarBatch> decode_columnar(ByteView in, const ColumnarLimits& limits, const AccountContext& context) {
    return decode_columnar_with(in, limits, &context);
}

}  // namespace luxl2::compress

namespace luxl2::compress {

std::vector<Bytes> ColumnarBatch::raw_all() const {
    std::vector<Bytes> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) {
        const ByteView v = raw(i);
        out.emplace_back(v.begin(), v.end());
    }
    return out;
}

Result<format::Transaction> ColumnarBatch::tx(std::size_t i) const {
    return format::decode_transaction(raw(i), kUnboundedTx);
}

}  // namespace luxl2::compress
