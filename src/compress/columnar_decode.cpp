// Decoder of the columnar transaction format (docs/format/columnar.md).
#include <algorithm>
#include <unordered_map>

#include "column_io.hpp"
#include "columnar_model.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/sha256.hpp"

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

Result<void> get_abi(std::array<Reader, kColumnCount>& r, Tables& t, Bytes& data, std::uint64_t len) {
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
    std::uint8_t sel[4];
    store_be32(sel, selector);
    // Zeroed once (the caller has bounded len by the word tags present); words then fill in place.
    data.assign(static_cast<std::size_t>(len), 0);
    std::copy(sel, sel + 4, data.begin());
    const std::uint64_t words = (len - 4) / 32;
    LUXL2_TRY(tags, r[kColWordTag].take(words));  // all of this call's tags at once
    for (std::uint64_t w = 0; w < words; ++w) {
        std::uint8_t* word = data.data() + 4 + w * 32;
        const std::uint8_t tag = tags[static_cast<std::size_t>(w)];
        if (tag == kWordZero) continue;
        if (tag == kWordAddress) {
            LUXL2_TRY(a, get_address(r, t));
            if (a[0] == 0) return fail(errc::corrupt, "word_tag: address word with a leading zero byte");
            std::copy(a.bytes.begin(), a.bytes.end(), word + 12);
        } else if (tag == kWordOnes) {
            std::fill(word, word + 32, 0xff);
        } else if (tag < kWordFull) {
            const std::size_t n = tag - kWordLowBase;
            LUXL2_TRY(b, r[kColWordBytes].take(n));
            if (b[0] == 0 || n == 20) return fail(errc::corrupt, "word_bytes: non-canonical short word");
            std::copy(b.begin(), b.end(), word + 32 - n);
        } else if (tag == kWordFull) {
            LUXL2_TRY(b, r[kColWordBytes].take(32));
            if (b[0] == 0 || b[31] == 0 || std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0xff; }))
                return fail(errc::corrupt, "word_bytes: non-canonical full word");
            std::copy(b.begin(), b.end(), word);
        } else if (tag <= kWordTagMax) {
            const std::size_t n = tag - kWordHighBase;
            LUXL2_TRY(b, r[kColWordBytes].take(n));
            if (b[0] == 0 || b[n - 1] == 0) return fail(errc::corrupt, "word_bytes: non-canonical high word");
            std::copy(b.begin(), b.end(), word);
        } else {
            return fail(errc::corrupt, "word_tag: unknown tag");
        }
    }
    return {};
}

Result<ColumnarBatch> decode_columnar_with(ByteView in, const ColumnarLimits& limits, const AccountContext* context) {
    Reader h{in, "header"};
    LUXL2_TRY(version, h.byte());
    if (version != kColumnarVersion) return fail(errc::bad_version, "columnar version " + std::to_string(version));
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
    LUXL2_TRY(digest, h.fixed<32>());

    // Columns: decompressed under one shared budget.
    std::array<Bytes, kColumnCount> cols;
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
        auto d = decompress_raw(static_cast<CompressionType>(codec), v, raw_len, raw_len);
        if (!d) return std::unexpected(std::move(d.error().at(kColumnNames[c])));
        cols[c] = std::move(*d);
        r[c] = Reader{cols[c], kColumnNames[c]};
    }
    if (!h.in.empty()) return fail(errc::trailing_bytes, "bytes after the last column");
    // Every transaction takes at least its kind byte: a count above that is a lie.
    if (n > r[kColKind].in.size()) return fail(errc::corrupt, "kind: fewer entries than transactions");

    ColumnarBatch out;
    out.signature_free = sigfree;
    out.raw.reserve(static_cast<std::size_t>(n));
    out.txs.reserve(static_cast<std::size_t>(n));
    if (sigfree) out.senders.reserve(static_cast<std::size_t>(n));
    Tables t{{}, {}, limits.max_table, (flags & kFlagContext) != 0 ? context : nullptr, {}};
    std::unordered_map<Address, std::uint64_t> last_nonce;
    std::uint64_t produced = 0;  // calldata bytes decoded so far
    // What the batch hash covers, gathered so that it is hashed in one SHA-256 call (SHA-NI: about 3x
    // our Keccak, the decoder's largest cost when it was keccak256).
    Bytes hashed;
    hashed.reserve(sigfree ? static_cast<std::size_t>(n) * (32 + 20)
                           : static_cast<std::size_t>(limits.max_output - budget));
    for (std::uint64_t i = 0; i < n; ++i) {
        LUXL2_TRY(kind, r[kColKind].byte());
        const std::uint8_t type = kind & kKindTypeMask;
        if (type == kKindVerbatim) {
            if (kind != kKindVerbatim) return fail(errc::corrupt, "kind: flags on a verbatim transaction");
            LUXL2_TRY(len, r[kColMisc].varint());
            LUXL2_TRY(raw, r[kColMisc].take(len));
            auto tx = format::decode_transaction(raw);
            if (!tx) return std::unexpected(std::move(tx.error().at("verbatim transaction")));
            Address sender;
            if (sigfree) {
                LUXL2_TRY(s, get_address(r, t));
                sender = s;
                out.senders.push_back(s);
                append(hashed, crypto::keccak256(raw));
                append(hashed, sender);
            } else {
                append(hashed, raw);
            }
            out.raw.emplace_back(raw.begin(), raw.end());
            out.txs.push_back(std::move(*tx));
            continue;
        }
        if (type > static_cast<std::uint8_t>(format::TxType::kDynamicFee))
            return fail(errc::corrupt, "kind: unknown type");
        format::Transaction tx;
        tx.type = static_cast<format::TxType>(type);
        const bool legacy = tx.type == format::TxType::kLegacy;
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
        tx.nonce = nonce_v;
        if (sigfree) {
            auto [it, fresh] = last_nonce.try_emplace(sender, nonce_v);
            if (!fresh) {
                tx.nonce = it->second + 1 + unzigzag(nonce_v);
                it->second = tx.nonce;
            }
        }
        LUXL2_TRY(gas_v, r[kColGas].varint());
        if (gas_v < gas_dict.size()) {
            tx.gas_limit = gas_dict[static_cast<std::size_t>(gas_v)];
        } else {
            tx.gas_limit = gas_v - gas_dict.size();
            if (std::find(gas_dict.begin(), gas_dict.end(), tx.gas_limit) != gas_dict.end())
                return fail(errc::corrupt, "gas: value in the dictionary written out");
        }
        LUXL2_TRY(fee, get_decfloat(r[kColFee]));
        U256 full_fee;
        if (add_overflow(fee, base_fee, full_fee)) return fail(errc::corrupt, "fee: above 2^256");
        if (tx.type == format::TxType::kDynamicFee) {
            tx.max_fee_per_gas = full_fee;
            LUXL2_TRY(tip, get_decfloat(r[kColFee]));
            tx.max_priority_fee_per_gas = tip;
        } else {
            tx.gas_price = full_fee;
        }
        LUXL2_TRY(value, get_decfloat(r[kColValue], r[kColValueMant]));
        tx.value = value;
        if ((kind & kKindCreate) == 0) {
            LUXL2_TRY(to, get_address(r, t));
            tx.to = to;
        }
        if (!sigfree) {
            LUXL2_TRY(sig, r[kColSig].take(64));
            tx.r = U256::from_be32(sig.data());
            tx.s = U256::from_be32(sig.data() + 32);
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
        if (abi) {
            LUXL2_CHECK(get_abi(r, t, tx.data, len));
        } else {
            LUXL2_TRY(d, r[kColDataRaw].take(len));
            tx.data.assign(d.begin(), d.end());
        }
        if (!legacy) {
            LUXL2_TRY(entries, r[kColAccess].varint());
            if (entries > r[kColAccess].in.size() || entries > r[kColAddrRef].in.size())
                return fail(errc::corrupt, "access: more entries than the columns hold");
            for (std::uint64_t e = 0; e < entries; ++e) {
                format::AccessListEntry entry;
                LUXL2_TRY(a, get_address(r, t));
                entry.address = a;
                LUXL2_TRY(keys, r[kColAccess].varint());
                if (keys > r[kColAccess].in.size() / 32)
                    return fail(errc::corrupt, "access: more keys than the column holds");
                entry.storage_keys.reserve(static_cast<std::size_t>(keys));
                for (std::uint64_t k = 0; k < keys; ++k) {
                    LUXL2_TRY(key, r[kColAccess].fixed<32>());
                    entry.storage_keys.push_back(key);
                }
                tx.access_list.push_back(std::move(entry));
            }
        }
        if (legacy) {
            if ((kind & kKindPre155) != 0) {
                tx.v = U256(parity ? 28 : 27);
            } else {
                tx.chain_id = chain;
                tx.v = chain * U256(2) + U256(parity ? 36 : 35);
                if (chain.bit_length() > 250) return fail(errc::corrupt, "misc: chain id too large for a legacy v");
            }
        } else {
            tx.chain_id = chain;
            tx.y_parity = parity;
            tx.v = U256(parity ? 1 : 0);
        }
        if (sigfree) {
            tx.y_parity = false;
            if (!legacy) tx.v = U256(0);
            out.senders.push_back(sender);
            append(hashed, format::signing_hash(tx));
            append(hashed, sender);
        }
        Bytes raw;
        format::encode_transaction(raw, tx);
        if (!sigfree) append(hashed, raw);
        out.raw.push_back(std::move(raw));
        out.txs.push_back(std::move(tx));
    }
    for (const auto& rd : r)
        if (!rd.in.empty())
            return fail(errc::trailing_bytes, std::string(rd.name) + ": bytes left after the last transaction");
    const Hash32 got = crypto::sha256(hashed);
    if (got != digest) return fail(errc::hash_mismatch, "decoded transactions do not hash to the batch hash");
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
