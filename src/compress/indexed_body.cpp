// The indexed body coding of 0x53 (body format 1; layout in docs/format/transactions.md).
#include "indexed_body.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

#include "column_io.hpp"

namespace luxl2::compress::detail {
namespace {

enum IxColumn : std::uint8_t {
    kIxKind,
    kIxSender,
    kIxRecipient,
    kIxAddrNew,
    kIxRecent,
    kIxNonce,
    kIxGas,
    kIxFee,
    kIxValue,
    kIxValueMant,
    kIxData,
    kIxColumnCount
};
constexpr std::array<std::string_view, kIxColumnCount> kIxNames{
    "kind", "sender", "recipient", "addr_new", "recent", "nonce", "gas", "fee", "value", "value_mantissa", "data"};

constexpr std::uint8_t kKindCreate = 0x01;
constexpr std::uint8_t kKindData = 0x02;
constexpr std::uint8_t kKindPriorityIsMax = 0x04;  // maxPriorityFeePerGas == maxFeePerGas, not coded
constexpr std::uint8_t kKindSameFee = 0x08;        // maxFeePerGas == the previous transaction's, not coded
constexpr std::uint8_t kKindSenderRecent = 0x10;   // sender seen before in this body: a distance in `recent`
constexpr std::uint8_t kKindRecipientRecent = 0x20;
constexpr std::uint8_t kKindMask = 0x3f;
constexpr std::size_t kMaxGasDict = 64;
constexpr unsigned kMaxWidth = 8;

unsigned byte_width(std::uint64_t v) noexcept {
    unsigned w = 1;
    while (w < 8 && (v >> (8 * w)) != 0) ++w;
    return w;
}

// References as w byte planes, most significant plane first: a plane of small or repeated high bytes
// costs almost nothing once compressed.
Bytes to_planes(const std::vector<std::uint64_t>& refs, unsigned w) {
    Bytes out(refs.size() * w);
    for (unsigned p = 0; p < w; ++p) {
        const unsigned shift = 8 * (w - 1 - p);
        for (std::size_t i = 0; i < refs.size(); ++i)
            out[p * refs.size() + i] = static_cast<std::uint8_t>(refs[i] >> shift);
    }
    return out;
}

std::uint64_t from_planes(ByteView planes, std::size_t count, std::size_t i, unsigned w) noexcept {
    std::uint64_t v = 0;
    for (unsigned p = 0; p < w; ++p) v = (v << 8) | planes[p * count + i];
    return v;
}

void write_column(Bytes& out, IxColumn c, const Bytes& raw, ColumnStat* stat) {
    const std::size_t start = out.size();
    ColumnChoice choice(raw);
    if (raw.size() >= 8) {
        choice.consider(CompressionType::kCustom, compress_raw({CompressionType::kCustom, Variant::kDefault, 0}, raw));
        if (raw.size() >= 32)
            choice.consider(CompressionType::kZstandard,
                            compress_raw({CompressionType::kZstandard, Variant::kDefault, 19}, raw));
        if (raw.size() >= 256)
            choice.consider(CompressionType::kBrotli,
                            compress_raw({CompressionType::kBrotli, Variant::kDefault, 11}, raw));
    }
    choice.write(out);
    if (stat != nullptr) *stat = {kIxNames[c], raw.size(), out.size() - start, choice.type()};
}

Error corrupt(std::string msg) {
    return Error{errc::corrupt, "indexed body: " + std::move(msg)};
}

}  // namespace

Result<Bytes> encode_indexed_body(std::span<const InnerTx> txs, const AccountIndex& accounts, ColumnarStats* stats) {
    std::array<Bytes, kIxColumnCount> cols;
    // The batch's gas dictionary: limits used at least twice, most used first.
    std::unordered_map<std::uint64_t, std::size_t> gas_count;
    U256 base_fee = txs.front().max_fee_per_gas;
    for (const auto& t : txs) {
        ++gas_count[t.gas_limit];
        base_fee = std::min(base_fee, t.max_fee_per_gas);
    }
    std::vector<std::pair<std::size_t, std::uint64_t>> by_count;
    for (auto [g, n] : gas_count)
        if (n >= 2) by_count.emplace_back(n, g);
    std::sort(by_count.begin(), by_count.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    std::vector<std::uint64_t> gas_dict;
    std::unordered_map<std::uint64_t, std::size_t> gas_index;
    for (std::size_t i = 0; i < by_count.size() && i < kMaxGasDict; ++i) {
        gas_index.emplace(by_count[i].second, i);
        gas_dict.push_back(by_count[i].second);
    }

    // An account's first reference in the body is 0 (new: 20 bytes in addr_new) or its index + 1; a
    // later one is the distance back to its previous reference (references counted one per sender and
    // one per recipient, in order), so a hot wallet sending again costs about a byte.
    std::unordered_map<Address, std::uint64_t> last_ref;
    std::uint64_t ref_pos = 0;
    auto put_account = [&](const Address& a, std::vector<std::uint64_t>& refs) -> bool {
        const auto [it, first] = last_ref.try_emplace(a, ref_pos);
        const std::uint64_t at = ref_pos++;
        if (!first) {
            put_varint(cols[kIxRecent], at - it->second);
            it->second = at;
            return true;
        }
        if (const auto i = accounts.index_of(a)) {
            refs.push_back(*i + 1);
        } else {
            refs.push_back(0);
            append(cols[kIxAddrNew], a);
        }
        return false;
    };
    std::vector<std::uint64_t> sender_refs, recipient_refs;
    std::unordered_map<Address, std::uint64_t> next_nonce;
    const U256* prev_fee = nullptr;
    for (const auto& t : txs) {
        std::uint8_t kind = 0;
        if (!t.to) kind |= kKindCreate;
        if (!t.data.empty()) kind |= kKindData;
        if (t.max_priority_fee_per_gas == t.max_fee_per_gas) kind |= kKindPriorityIsMax;
        if (prev_fee != nullptr && *prev_fee == t.max_fee_per_gas) kind |= kKindSameFee;
        prev_fee = &t.max_fee_per_gas;
        if (put_account(t.from, sender_refs)) kind |= kKindSenderRecent;
        if (t.to && put_account(*t.to, recipient_refs)) kind |= kKindRecipientRecent;
        cols[kIxKind].push_back(kind);

        auto [it, first] = next_nonce.try_emplace(t.from, 0);
        if (first) {
            const auto i = accounts.index_of(t.from);
            it->second = i ? accounts.next_nonce(*i) : 0;
        }
        put_varint(cols[kIxNonce], zigzag(t.nonce - it->second));
        it->second = t.nonce + 1;

        if (const auto g = gas_index.find(t.gas_limit); g != gas_index.end())
            put_varint(cols[kIxGas], g->second);
        else
            put_varint(cols[kIxGas], t.gas_limit + gas_dict.size());
        if ((kind & kKindSameFee) == 0) put_decfloat(cols[kIxFee], t.max_fee_per_gas - base_fee);
        if ((kind & kKindPriorityIsMax) == 0) put_decfloat(cols[kIxFee], t.max_priority_fee_per_gas);
        put_decfloat(cols[kIxValue], cols[kIxValueMant], t.value);
        if (!t.data.empty()) {
            put_varint(cols[kIxData], t.data.size());
            append(cols[kIxData], t.data);
        }
    }
    std::uint64_t max_ref = 0;
    for (auto r : sender_refs) max_ref = std::max(max_ref, r);
    for (auto r : recipient_refs) max_ref = std::max(max_ref, r);
    const unsigned w = byte_width(max_ref);
    cols[kIxSender] = to_planes(sender_refs, w);
    cols[kIxRecipient] = to_planes(recipient_refs, w);

    Bytes out;
    put_varint(out, txs.size());
    out.push_back(static_cast<std::uint8_t>(w));
    put_compact_u256(out, base_fee);
    put_varint(out, gas_dict.size());
    for (auto g : gas_dict) put_varint(out, g);
    if (stats != nullptr) {
        stats->transactions = txs.size();
        stats->fallback_txs = 0;
        stats->header_bytes = out.size();
        stats->columns.assign(kIxColumnCount, {});
    }
    for (std::size_t k = 0; k < kIxColumnCount; ++k)
        write_column(out, static_cast<IxColumn>(k), cols[k], stats != nullptr ? &stats->columns[k] : nullptr);
    return out;
}

Result<std::vector<InnerTx>> decode_indexed_body(ByteView body, std::uint64_t count, const AccountIndex& accounts,
                                                 const CompressedLimits& limits) {
    Reader h{body, "header"};
    LUXL2_TRY(n, h.varint());
    if (n != count) return fail(compressed_errc::kCount, "count differs from the body's transactions");
    if (n == 0) return fail(compressed_errc::kEmpty, "no inner transaction");
    if (n > limits.max_txs) return fail(compressed_errc::kTooMany, "more inner transactions than the limit");
    LUXL2_TRY(w, h.byte());
    if (w == 0 || w > kMaxWidth) return std::unexpected(corrupt("reference width out of range"));
    LUXL2_TRY(base_fee, get_compact_u256(h));
    LUXL2_TRY(g, h.varint());
    if (g > kMaxGasDict) return std::unexpected(corrupt("gas dictionary too large"));
    std::vector<std::uint64_t> gas_dict;
    std::unordered_map<std::uint64_t, std::size_t> gas_index;
    for (std::uint64_t i = 0; i < g; ++i) {
        LUXL2_TRY(v, h.varint());
        if (!gas_index.emplace(v, gas_dict.size()).second)
            return std::unexpected(corrupt("gas dictionary repeats a value"));
        gas_dict.push_back(v);
    }

    // Column frames first, so the total decompressed size is checked before anything is inflated.
    struct Frame {
        std::uint8_t codec;
        std::uint64_t raw_len;
        ByteView stored;
    };
    std::array<Frame, kIxColumnCount> frames{};
    std::uint64_t total = 0;
    for (std::size_t k = 0; k < kIxColumnCount; ++k) {
        h.name = kIxNames[k];
        LUXL2_TRY(codec, h.byte());
        LUXL2_TRY(raw_len, h.varint());
        std::uint64_t stored_len = raw_len;
        if (codec != static_cast<std::uint8_t>(CompressionType::kNone)) {
            if (codec != static_cast<std::uint8_t>(CompressionType::kZstandard) &&
                codec != static_cast<std::uint8_t>(CompressionType::kBrotli) &&
                codec != static_cast<std::uint8_t>(CompressionType::kCustom))
                return fail(errc::codec_not_allowed, std::string(kIxNames[k]) + ": codec not allowed for a column");
            LUXL2_TRY(s, h.varint());
            stored_len = s;
        }
        LUXL2_TRY(stored, h.take(stored_len));
        if (raw_len > limits.max_body_output - total)
            return fail(errc::size_limit, "indexed body: columns exceed the output limit");
        total += raw_len;
        frames[k] = {codec, raw_len, stored};
    }
    if (!h.in.empty()) return fail(errc::trailing_bytes, "indexed body: bytes after the last column");
    std::array<Bytes, kIxColumnCount> cols;
    std::array<Reader, kIxColumnCount> r;
    for (std::size_t k = 0; k < kIxColumnCount; ++k) {
        if (frames[k].codec == static_cast<std::uint8_t>(CompressionType::kNone)) {
            r[k] = Reader{frames[k].stored, kIxNames[k]};
            continue;
        }
        LUXL2_TRY(d, decompress_raw(static_cast<CompressionType>(frames[k].codec), frames[k].stored, frames[k].raw_len,
                                    frames[k].raw_len));
        cols[k] = std::move(d);
        r[k] = Reader{cols[k], kIxNames[k]};
    }

    // Shapes the kinds fix: a full sender reference per transaction not flagged recent, a full
    // recipient reference per non-creation not flagged recent.
    if (r[kIxKind].in.size() != n) return std::unexpected(corrupt("kind: one byte per transaction"));
    const ByteView kinds = r[kIxKind].in;
    std::size_t senders_full = 0, recipients_full = 0;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const std::uint8_t k = kinds[i];
        if ((k & ~kKindMask) != 0) return std::unexpected(corrupt("kind: unknown bits"));
        if ((k & kKindCreate) != 0 && (k & kKindRecipientRecent) != 0)
            return std::unexpected(corrupt("kind: a creation with a recipient"));
        if (i == 0 && (k & kKindSameFee) != 0) return std::unexpected(corrupt("kind: no previous fee"));
        if ((k & kKindSenderRecent) == 0) ++senders_full;
        if ((k & (kKindCreate | kKindRecipientRecent)) == 0) ++recipients_full;
    }
    if (r[kIxSender].in.size() % w != 0 || r[kIxSender].in.size() / w != senders_full)
        return std::unexpected(corrupt("sender: not one reference per new sender"));
    if (r[kIxRecipient].in.size() % w != 0 || r[kIxRecipient].in.size() / w != recipients_full)
        return std::unexpected(corrupt("recipient: not one reference per new recipient"));
    if (r[kIxAddrNew].in.size() % 20 != 0 || r[kIxAddrNew].in.size() / 20 > limits.max_new_addresses)
        return std::unexpected(corrupt("addr_new: not whole addresses, or too many"));

    const std::uint64_t c = accounts.size();
    std::vector<Address> by_ref;  // every reference's account, in order
    by_ref.reserve(static_cast<std::size_t>(2 * n));
    std::unordered_map<Address, std::uint64_t> last_ref;
    std::uint64_t max_ref = 0;
    const ByteView senders = r[kIxSender].in, recips = r[kIxRecipient].in;
    std::size_t sender_at = 0, recipient_at = 0;
    auto account = [&](bool recent, ByteView planes, std::size_t planes_count, std::size_t& at) -> Result<Address> {
        const std::uint64_t pos = by_ref.size();
        Address a;
        if (recent) {
            LUXL2_TRY(d, r[kIxRecent].varint());
            if (d == 0 || d > pos) return std::unexpected(corrupt("recent: distance out of range"));
            a = by_ref[static_cast<std::size_t>(pos - d)];
            if (last_ref[a] != pos - d) return std::unexpected(corrupt("recent: not the latest reference"));
        } else {
            const std::uint64_t ref = from_planes(planes, planes_count, at++, w);
            max_ref = std::max(max_ref, ref);
            if (ref == 0) {
                LUXL2_TRY(fresh, r[kIxAddrNew].fixed<20>());
                if (accounts.index_of(fresh))
                    return std::unexpected(corrupt("addr_new: an indexed account given in full"));
                a = fresh;
            } else if (ref <= c) {
                a = accounts.address(ref - 1);
            } else {
                return std::unexpected(corrupt("reference past the account index"));
            }
            if (last_ref.contains(a)) return std::unexpected(corrupt("a repeated account not given as recent"));
        }
        last_ref[a] = pos;
        by_ref.push_back(a);
        return a;
    };

    std::vector<InnerTx> txs;
    txs.reserve(static_cast<std::size_t>(n));
    std::unordered_map<Address, std::uint64_t> next_nonce;
    std::optional<U256> min_fee;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint8_t kind = kinds[i];
        InnerTx t;
        LUXL2_TRY(from, account((kind & kKindSenderRecent) != 0, senders, senders_full, sender_at));
        t.from = from;
        if ((kind & kKindCreate) == 0) {
            LUXL2_TRY(to, account((kind & kKindRecipientRecent) != 0, recips, recipients_full, recipient_at));
            t.to = to;
        }
        auto [it, first] = next_nonce.try_emplace(t.from, 0);
        if (first) {
            const auto ix = accounts.index_of(t.from);
            it->second = ix ? accounts.next_nonce(*ix) : 0;
        }
        LUXL2_TRY(z, r[kIxNonce].varint());
        t.nonce = it->second + unzigzag(z);
        it->second = t.nonce + 1;

        LUXL2_TRY(gi, r[kIxGas].varint());
        if (gi < gas_dict.size()) {
            t.gas_limit = gas_dict[static_cast<std::size_t>(gi)];
        } else {
            t.gas_limit = gi - gas_dict.size();
            if (gas_index.contains(t.gas_limit)) return std::unexpected(corrupt("gas: a dictionary value in full"));
        }
        if ((kind & kKindSameFee) != 0) {
            t.max_fee_per_gas = txs.back().max_fee_per_gas;
        } else {
            LUXL2_TRY(fee_delta, get_decfloat(r[kIxFee]));
            if (add_overflow(base_fee, fee_delta, t.max_fee_per_gas))
                return std::unexpected(corrupt("fee: maxFeePerGas above 2^256"));
            if (i > 0 && t.max_fee_per_gas == txs.back().max_fee_per_gas)
                return std::unexpected(corrupt("fee: the previous maxFeePerGas not flagged"));
        }
        if (!min_fee || t.max_fee_per_gas < *min_fee) min_fee = t.max_fee_per_gas;
        if ((kind & kKindPriorityIsMax) != 0) {
            t.max_priority_fee_per_gas = t.max_fee_per_gas;
        } else {
            LUXL2_TRY(tip, get_decfloat(r[kIxFee]));
            if (tip == t.max_fee_per_gas) return std::unexpected(corrupt("fee: a priority fee equal to the maximum"));
            t.max_priority_fee_per_gas = tip;
        }
        LUXL2_TRY(value, get_decfloat(r[kIxValue], r[kIxValueMant]));
        t.value = value;
        if ((kind & kKindData) != 0) {
            LUXL2_TRY(len, r[kIxData].varint());
            if (len == 0) return std::unexpected(corrupt("data: empty calldata flagged as present"));
            LUXL2_TRY(d, r[kIxData].take(len));
            t.data.assign(d.begin(), d.end());
        }
        txs.push_back(std::move(t));
    }
    if (min_fee != base_fee) return std::unexpected(corrupt("baseFee is not the smallest maxFeePerGas"));
    if (byte_width(max_ref) != w) return std::unexpected(corrupt("reference width is not the smallest"));
    for (std::size_t k = kIxAddrNew; k < kIxColumnCount; ++k)
        if (!r[k].in.empty()) return fail(errc::trailing_bytes, std::string(kIxNames[k]) + ": bytes left over");
    // Gas dictionary entries must be used (else the same batch has many codings).
    std::vector<bool> used(gas_dict.size());
    for (const auto& t : txs)
        if (const auto e = gas_index.find(t.gas_limit); e != gas_index.end()) used[e->second] = true;
    if (std::find(used.begin(), used.end(), false) != used.end())
        return std::unexpected(corrupt("gas dictionary has an unused entry"));
    return txs;
}

}  // namespace luxl2::compress::detail
