// Encoder of the columnar transaction format (docs/format/columnar.md).
#include <algorithm>
#include <unordered_map>

#include "column_io.hpp"
#include "columnar_model.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/sha256_chunked.hpp"

namespace luxl2::compress {
namespace detail {

/// Builds the columns; shared by encode_columnar and extract_common_fields.
class ColumnBuilder {
public:
    ColumnBuilder(bool signature_free, U256 chain_id, U256 base_fee, std::vector<std::uint64_t> gas_dict,
                  const AccountContext* context = nullptr)
        : sigfree_(signature_free),
          chain_id_(chain_id),
          base_fee_(base_fee),
          gas_dict_(std::move(gas_dict)),
          context_(context) {
        for (std::size_t i = 0; i < gas_dict_.size(); ++i) gas_index_.emplace(gas_dict_[i], i);
    }

    void add_verbatim(ByteView raw, const Address* sender) {
        col(kColKind).push_back(kKindVerbatim);
        if (sigfree_) put_address(*sender);
        put_varint(col(kColMisc), raw.size());
        append(col(kColMisc), raw);
    }

    void add(const format::Transaction& tx, const Address* sender) {
        std::uint8_t kind = static_cast<std::uint8_t>(tx.type);
        U256 chain = tx.chain_id.value_or(U256{});
        bool parity = tx.y_parity;
        if (tx.type == format::TxType::kLegacy) {
            if (tx.v == U256(27) || tx.v == U256(28)) {
                kind |= kKindPre155;
                parity = tx.v == U256(28);
            } else {
                parity = ((tx.v - U256(35)) % U256(2)) == U256(1);
                chain = (tx.v - U256(35) - U256(parity ? 1 : 0)) / U256(2);
            }
        }
        if (parity && !sigfree_) kind |= kKindParity;
        if (!tx.to) kind |= kKindCreate;
        if ((kind & kKindPre155) == 0 && chain != chain_id_) {
            kind |= kKindOtherChain;
            put_compact_u256(col(kColMisc), chain);
        }
        const bool abi = tx.data.size() >= 4 && (tx.data.size() - 4) % 32 == 0;
        if (abi) kind |= kKindAbi;
        col(kColKind).push_back(kind);

        if (sigfree_) {
            put_address(*sender);
            auto [it, fresh] = last_nonce_.try_emplace(*sender, tx.nonce);
            if (fresh) {
                put_varint(col(kColNonce), tx.nonce);
            } else {
                put_varint(col(kColNonce), zigzag(tx.nonce - (it->second + 1)));
                it->second = tx.nonce;
            }
        } else {
            put_varint(col(kColNonce), tx.nonce);
        }
        if (const auto g = gas_index_.find(tx.gas_limit); g != gas_index_.end())
            put_varint(col(kColGas), g->second);
        else
            put_varint(col(kColGas), tx.gas_limit + gas_dict_.size());
        if (tx.type == format::TxType::kDynamicFee || tx.type == format::TxType::kBlob ||
            tx.type == format::TxType::kSetCode) {
            put_decfloat(col(kColFee), tx.max_fee_per_gas - base_fee_);
            put_decfloat(col(kColFee), tx.max_priority_fee_per_gas);
            if (tx.type == format::TxType::kBlob) put_decfloat(col(kColFee), tx.max_fee_per_blob_gas);
        } else {
            put_decfloat(col(kColFee), tx.gas_price - base_fee_);
        }
        put_decfloat(col(kColValue), col(kColValueMant), tx.value);
        if (tx.to) put_address(*tx.to);
        if (!sigfree_) {
            tx.r.to_be32(grow(kColSig, 32));
            tx.s.to_be32(grow(kColSig, 32));
        }
        put_varint(col(kColDataLen), tx.data.size());
        if (abi)
            put_abi(tx.data);
        else
            append(col(kColDataRaw), tx.data);
        if (tx.type != format::TxType::kLegacy) {
            put_varint(col(kColAccess), tx.access_list.size());
            for (const auto& e : tx.access_list) {
                put_address(e.address);
                put_varint(col(kColAccess), e.storage_keys.size());
                for (const auto& k : e.storage_keys) append(col(kColAccess), k);
            }
        }
        if (tx.type == format::TxType::kBlob) {
            put_varint(col(kColAccess), tx.blob_versioned_hashes.size());
            for (const auto& h : tx.blob_versioned_hashes) append(col(kColAccess), h);
        } else if (tx.type == format::TxType::kSetCode) {
            put_varint(col(kColAccess), tx.authorization_list.size());
            for (const auto& a : tx.authorization_list) {
                put_compact_u256(col(kColAccess), a.chain_id);
                put_address(a.address);
                put_varint(col(kColAccess), a.nonce);
                col(kColAccess).push_back(a.y_parity);
                a.r.to_be32(grow(kColAccess, 32));
                a.s.to_be32(grow(kColAccess, 32));
            }
        }
    }

    [[nodiscard]] Bytes& col(Column c) noexcept { return cols_[c]; }
    [[nodiscard]] const std::array<Bytes, kColumnCount>& columns() const noexcept { return cols_; }

    void write_header_fields(Bytes& out) const {
        put_compact_u256(out, chain_id_);
        put_compact_u256(out, base_fee_);
        put_varint(out, gas_dict_.size());
        for (auto g : gas_dict_) put_varint(out, g);
    }

private:
    std::uint8_t* grow(Column c, std::size_t n) {
        Bytes& b = cols_[c];
        b.resize(b.size() + n);
        return b.data() + b.size() - n;
    }

    // References: 0 a new literal; with a context 1 a state account (its index in addr_state), then
    // k the (k - first)-th address of the batch table; state accounts join the table on first use.
    void put_address(const Address& a) {
        const std::size_t first = context_ != nullptr ? 2 : 1;
        auto [it, fresh] = addr_index_.try_emplace(a, addr_index_.size() + first);
        if (!fresh) {
            put_varint(col(kColAddrRef), it->second);
        } else if (const auto idx = context_ != nullptr ? context_->index_of(a) : std::nullopt) {
            put_varint(col(kColAddrRef), 1);
            put_varint(col(kColAddrState), *idx);
        } else {
            put_varint(col(kColAddrRef), 0);
            append(col(kColAddrNew), a);
        }
    }

    void put_abi(ByteView data) {
        std::uint32_t sel = load_be32(data.data());
        auto [it, fresh] = sel_index_.try_emplace(sel, sel_index_.size() + 1);
        put_varint(col(kColSelRef), fresh ? 0 : it->second);
        if (fresh) append(col(kColSelNew), data.first(4));
        for (std::size_t off = 4; off < data.size(); off += 32) put_word(data.subspan(off, 32));
    }

    void put_word(ByteView w) {
        std::size_t lead = 0;
        while (lead < 32 && w[lead] == 0) ++lead;
        Bytes& tags = col(kColWordTag);
        if (lead == 32) {
            tags.push_back(kWordZero);
        } else if (lead == 12) {
            tags.push_back(kWordAddress);
            put_address(Address::from_view(w.subspan(12)));
        } else if (lead > 0) {
            tags.push_back(static_cast<std::uint8_t>(kWordLowBase + (32 - lead)));
            append(col(kColWordBytes), w.subspan(lead));
        } else if (std::all_of(w.begin(), w.end(), [](std::uint8_t b) { return b == 0xff; })) {
            tags.push_back(kWordOnes);
        } else {
            std::size_t trail = 0;
            while (w[31 - trail] == 0) ++trail;
            if (trail == 0) {
                tags.push_back(kWordFull);
                append(col(kColWordBytes), w);
            } else {
                tags.push_back(static_cast<std::uint8_t>(kWordHighBase + (32 - trail)));
                append(col(kColWordBytes), w.first(32 - trail));
            }
        }
    }

    bool sigfree_;
    U256 chain_id_;
    U256 base_fee_;
    std::vector<std::uint64_t> gas_dict_;
    const AccountContext* context_;
    std::unordered_map<std::uint64_t, std::size_t> gas_index_;
    std::unordered_map<Address, std::size_t> addr_index_;
    std::unordered_map<std::uint32_t, std::size_t> sel_index_;
    std::unordered_map<Address, std::uint64_t> last_nonce_;
    std::array<Bytes, kColumnCount> cols_;
};

struct Analysed {
    std::vector<std::optional<format::Transaction>> txs;  // nullopt: verbatim
    U256 chain_id = U256(1);
    // Fees are written whole: subtracting the batch's smallest fee (tried in version 1) turns round
    // fees such as 30 gwei into long mantissas and cost 10% of the fee columns on the real mainnet
    // transactions. The header keeps the field for an encoder that knows its block's base fee.
    U256 base_fee;
    std::vector<std::uint64_t> gas_dict;
};

bool modelled(const format::Transaction& tx, ByteView raw) {
    using format::TxType;
    if (tx.type != TxType::kLegacy && tx.type != TxType::kAccessList && tx.type != TxType::kDynamicFee &&
        tx.type != TxType::kBlob && tx.type != TxType::kSetCode)
        return false;
    if (tx.type == TxType::kLegacy) {
        if (tx.v != U256(27) && tx.v != U256(28) && tx.v < U256(37)) return false;
    } else if (tx.v != U256(tx.y_parity ? 1 : 0)) {
        return false;
    }
    Bytes again;
    again.reserve(raw.size());
    format::encode_transaction(again, tx);
    return equal(again, raw);
}

Result<Analysed> analyse(std::span<const Bytes> txs) {
    Analysed a;
    a.txs.reserve(txs.size());
    std::unordered_map<std::uint64_t, std::size_t> gas_count;
    bool have_chain = false;
    for (const auto& raw : txs) {
        auto tx = format::decode_transaction(raw);
        if (!tx) return std::unexpected(std::move(tx.error().at("transaction " + std::to_string(a.txs.size()))));
        if (!modelled(*tx, raw)) {
            a.txs.emplace_back(std::nullopt);
            continue;
        }
        if (!have_chain) {
            if (tx->type != format::TxType::kLegacy) {
                a.chain_id = *tx->chain_id;
                have_chain = true;
            } else if (tx->v >= U256(37)) {
                a.chain_id = (tx->v - U256(35)) / U256(2);
                have_chain = true;
            }
        }
        ++gas_count[tx->gas_limit];
        a.txs.emplace_back(std::move(*tx));
    }
    std::vector<std::pair<std::size_t, std::uint64_t>> by_count;
    for (auto [g, n] : gas_count)
        if (n >= 2) by_count.emplace_back(n, g);
    std::sort(by_count.begin(), by_count.end(), [](const auto& x, const auto& y) {
        return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    for (std::size_t i = 0; i < by_count.size() && i < kMaxGasDict; ++i) a.gas_dict.push_back(by_count[i].second);
    return a;
}

}  // namespace detail

namespace {

using namespace detail;

// Compresses one column. Level tuning (measured on the real mainnet transactions): past a zstd level
// of 6 or so the big calldata columns gain under 1% while costing 3-30x the time, and brotli only wins
// at levels far too slow for the 20 MB/s budget; so small columns get a high zstd level (cheap there),
// large ones a fast one, brotli only when the options ask for it, and incompressible columns
// (signatures) are stored without trying.
void write_column(Bytes& out, Column c, const Bytes& raw, const ColumnarOptions& opt, ColumnStat* stat) {
    const std::size_t start = out.size();
    ColumnChoice choice(raw);
    if (raw.size() >= 8 && c != kColSig) {
        // Our Huffman-over-RLE wins on near-constant columns, where the others' frame headers dominate.
        if (raw.size() < 4096)
            choice.consider(CompressionType::kCustom,
                            compress_raw({CompressionType::kCustom, Variant::kDefault, 0}, raw));
        if (raw.size() >= 32) {
            // New addresses are near random: the fast level finds their few shared prefixes as well.
            const int level = c == kColAddrNew                     ? opt.zstd_level_large
                              : raw.size() <= opt.zstd_small_limit ? opt.zstd_level
                              : raw.size() <= opt.zstd_mid_limit   ? opt.zstd_level_mid
                                                                   : opt.zstd_level_large;
            choice.consider(CompressionType::kZstandard,
                            compress_raw({CompressionType::kZstandard, Variant::kDefault, level}, raw));
        }
        if (raw.size() >= 256 && opt.brotli_level >= 0)
            choice.consider(CompressionType::kBrotli,
                            compress_raw({CompressionType::kBrotli, Variant::kDefault, opt.brotli_level}, raw));
    }
    choice.write(out);
    if (stat != nullptr) *stat = {kColumnNames[c], raw.size(), out.size() - start, choice.type()};
}

}  // namespace

Result<Bytes> encode_columnar(std::span<const Bytes> txs, const ColumnarOptions& opt, std::span<const Address> senders,
                              ColumnarStats* stats) {
    if (opt.signature_free && senders.size() != txs.size())
        return fail(errc::bad_envelope, "signature-free batches need one sender per transaction");
    LUXL2_TRY(a, analyse(txs));
    ColumnBuilder b(opt.signature_free, a.chain_id, a.base_fee, a.gas_dict, opt.context);
    // The batch hash: the chunked SHA-256 tree over the hashed form (docs/format/columnar.md).
    crypto::Sha256Chunked hasher;
    std::size_t fallback = 0;
    for (std::size_t i = 0; i < txs.size(); ++i) {
        if (!a.txs[i]) {
            b.add_verbatim(txs[i], opt.signature_free ? &senders[i] : nullptr);
            ++fallback;
        } else {
            b.add(*a.txs[i], opt.signature_free ? &senders[i] : nullptr);
        }
        if (opt.signature_free) {
            hasher.update(a.txs[i] ? format::signing_hash(*a.txs[i]) : crypto::keccak256(txs[i]));
            hasher.update(senders[i]);
        } else {
            hasher.update(txs[i]);
        }
    }
    const Hash32 digest = hasher.finish();

    Bytes out;
    out.push_back(kColumnarVersion);
    out.push_back(static_cast<std::uint8_t>((opt.signature_free ? kFlagSignatureFree : 0) |
                                            (opt.context != nullptr ? kFlagContext : 0)));
    put_varint(out, txs.size());
    b.write_header_fields(out);
    append(out, digest);
    if (stats != nullptr) {
        stats->transactions = txs.size();
        stats->fallback_txs = fallback;
        stats->header_bytes = out.size();
        stats->columns.assign(kColumnCount, {});
    }
    for (std::size_t c = 0; c < kColumnCount; ++c)
        write_column(out, static_cast<Column>(c), b.columns()[c], opt, stats != nullptr ? &stats->columns[c] : nullptr);
    return out;
}

}  // namespace luxl2::compress

namespace luxl2::compress {

Result<CommonFields> extract_common_fields(std::span<const Bytes> txs) {
    LUXL2_TRY(a, detail::analyse(txs));
    detail::ColumnBuilder b(false, a.chain_id, a.base_fee, a.gas_dict);
    CommonFields out;
    // The tables' new entries go to `common`; every other column entry of a transaction is its delta.
    std::array<std::size_t, detail::kColumnCount> before{};
    for (std::size_t i = 0; i < txs.size(); ++i) {
        for (std::size_t c = 0; c < detail::kColumnCount; ++c) before[c] = b.columns()[c].size();
        if (a.txs[i])
            b.add(*a.txs[i], nullptr);
        else
            b.add_verbatim(txs[i], nullptr);
        Bytes delta;
        for (std::size_t c = 0; c < detail::kColumnCount; ++c) {
            if (c == detail::kColAddrNew || c == detail::kColSelNew) continue;
            const Bytes& col = b.columns()[c];
            delta.insert(delta.end(), col.begin() + static_cast<std::ptrdiff_t>(before[c]), col.end());
        }
        out.deltas.push_back(std::move(delta));
    }
    b.write_header_fields(out.common);
    append(out.common, b.columns()[detail::kColAddrNew]);
    append(out.common, b.columns()[detail::kColSelNew]);
    return out;
}

}  // namespace luxl2::compress
