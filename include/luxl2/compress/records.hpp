// Columnar coding of a sequence of LP-505 records of one described type (ComputeMetadata per block,
// ModelMetrics, ...): every leaf field of the schema (format/schema.hpp) gets its own column, so the
// same field of every record sits together; 32- and 20-byte values become references to the values
// already seen in that field (model hashes repeat from block to block); integers are varints; each
// column is then compressed with zstd. Layout in docs/format/records.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "luxl2/compress/codec.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::compress {

inline constexpr std::uint8_t kRecordsVersion = 1;

/// Memory while decoding is bounded by max_output plus max_records records and max_elements vector
/// elements at their in-memory size (a ComputeMetadata is ~300 bytes, a ModelExecution ~160).
struct RecordLimits {
    std::size_t max_records = 1u << 16;
    std::uint64_t max_output = 64ull << 20;  // all columns' decompressed bytes together
    std::size_t max_elements = 1u << 18;     // vector elements and table entries over the whole input
};

namespace detail {

// Column framing and compression shared by every record type (src/compress/records.cpp).
void write_record_columns(Bytes& out, std::span<const Bytes> columns);
Result<std::vector<Bytes>> read_record_columns(ByteView& in, std::size_t count, std::uint64_t max_output);

template <class T>
struct IsVector : std::false_type {};
template <class E>
struct IsVector<std::vector<E>> : std::true_type {};
template <class T>
struct IsOptional : std::false_type {};
template <class E>
struct IsOptional<std::optional<E>> : std::true_type {};
template <class T>
struct IsFixed : std::false_type {};
template <std::size_t N>
struct IsFixed<FixedBytes<N>> : std::true_type {};

/// Columns a value of type T uses: 1 per integer or flag, 2 per fixed-size value (reference, new
/// values), 2 per byte string (length, bytes), 1 + the element's per vector or optional.
template <class T>
std::size_t slots() {
    if constexpr (std::is_same_v<T, U256> || std::is_same_v<T, std::uint64_t> || std::is_same_v<T, bool>) {
        return 1;
    } else if constexpr (IsFixed<T>::value || std::is_same_v<T, Bytes> || std::is_same_v<T, std::string>) {
        return 2;
    } else if constexpr (IsVector<T>::value || IsOptional<T>::value) {
        return 1 + slots<typename T::value_type>();
    } else {
        static_assert(format::Described<T>, "records: a field type this coder does not know");
        static const std::size_t n = [] {
            std::size_t c = 0;
            const T probe{};
            format::Schema<T>::fields(
                probe, [&c](std::string_view, const auto& f) { c += slots<std::remove_cvref_t<decltype(f)>>(); });
            return c;
        }();
        return n;
    }
}

class RecordWriter {
public:
    explicit RecordWriter(std::size_t columns) : cols_(columns), tables_(columns) {}

    template <class T>
    void put(const T& v, std::size_t slot) {
        if constexpr (std::is_same_v<T, U256>) {
            // varint(v + 1) when v < 2^64 - 1; else 0 ‖ u8 len ‖ minimal big-endian
            if (v.fits_u64() && v.low64() != ~std::uint64_t{0}) {
                put_varint(cols_[slot], v.low64() + 1);
            } else {
                cols_[slot].push_back(0);
                const Bytes b = v.to_be_trimmed();
                cols_[slot].push_back(static_cast<std::uint8_t>(b.size()));
                append(cols_[slot], b);
            }
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
            put_varint(cols_[slot], v);
        } else if constexpr (std::is_same_v<T, bool>) {
            cols_[slot].push_back(v ? 1 : 0);
        } else if constexpr (IsFixed<T>::value) {
            auto& table = tables_[slot];
            const Bytes key(v.bytes.begin(), v.bytes.end());
            const auto [it, fresh] = table.try_emplace(key, table.size() + 1);
            put_varint(cols_[slot], fresh ? 0 : it->second);
            if (fresh) append(cols_[slot + 1], key);
        } else if constexpr (std::is_same_v<T, Bytes> || std::is_same_v<T, std::string>) {
            put_varint(cols_[slot], v.size());
            cols_[slot + 1].insert(cols_[slot + 1].end(), v.begin(), v.end());
        } else if constexpr (IsVector<T>::value) {
            put_varint(cols_[slot], v.size());
            for (const auto& e : v) put(e, slot + 1);
        } else if constexpr (IsOptional<T>::value) {
            cols_[slot].push_back(v ? 1 : 0);
            if (v) put(*v, slot + 1);
        } else {
            std::size_t at = slot;
            format::Schema<T>::fields(v, [&](std::string_view, const auto& f) {
                put(f, at);
                at += slots<std::remove_cvref_t<decltype(f)>>();
            });
        }
    }
    [[nodiscard]] const std::vector<Bytes>& columns() const noexcept { return cols_; }

private:
    std::vector<Bytes> cols_;
    std::vector<std::map<Bytes, std::size_t>> tables_;
};

class RecordReader {
public:
    RecordReader(std::vector<Bytes> cols, std::size_t max_elements)
        : cols_(std::move(cols)), tables_(cols_.size()), seen_(cols_.size()), budget_(max_elements) {
        for (const auto& c : cols_) in_.emplace_back(c);
    }

    template <class T>
    Result<void> get(T& v, std::size_t slot) {
        if constexpr (std::is_same_v<T, U256>) {
            LUXL2_TRY(x, varint(slot));
            if (x != 0) {
                v = U256(x - 1);
                return {};
            }
            LUXL2_TRY(len, take(slot, 1));
            if (len[0] > 32) return bad(slot, "integer longer than 32 bytes");
            LUXL2_TRY(b, take(slot, len[0]));
            LUXL2_TRY(big, U256::from_be_bytes(b));
            v = big;
            if ((len[0] > 0 && b[0] == 0) || (v.fits_u64() && v.low64() != ~std::uint64_t{0}))
                return bad(slot, "integer not in its shortest form");
            return {};
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
            LUXL2_TRY(x, varint(slot));
            v = x;
            return {};
        } else if constexpr (std::is_same_v<T, bool>) {
            LUXL2_TRY(b, take(slot, 1));
            if (b[0] > 1) return bad(slot, "flag other than 0 or 1");
            v = b[0] == 1;
            return {};
        } else if constexpr (IsFixed<T>::value) {
            LUXL2_TRY(ref, varint(slot));
            auto& table = tables_[slot];
            if (ref == 0) {
                if (budget_ == 0) return fail(errc::too_many_elements, "records: table entries pass the limit");
                --budget_;
                LUXL2_TRY(b, take(slot + 1, T::size()));
                v = T::from_view(b);
                if (!seen_[slot].emplace(b.begin(), b.end()).second)
                    return bad(slot, "a value already in the table written out");
                table.push_back(Bytes(b.begin(), b.end()));
                return {};
            }
            if (ref > table.size()) return bad(slot, "reference past the table");
            v = T::from_view(table[static_cast<std::size_t>(ref - 1)]);
            return {};
        } else if constexpr (std::is_same_v<T, Bytes> || std::is_same_v<T, std::string>) {
            LUXL2_TRY(len, varint(slot));
            LUXL2_TRY(b, take(slot + 1, len));
            v.assign(b.begin(), b.end());
            return {};
        } else if constexpr (IsVector<T>::value) {
            LUXL2_TRY(n, varint(slot));
            if (n > budget_) return fail(errc::too_many_elements, "records: vector elements pass the limit");
            budget_ -= static_cast<std::size_t>(n);
            v.clear();
            for (std::uint64_t i = 0; i < n; ++i) {
                v.emplace_back();
                LUXL2_CHECK(get(v.back(), slot + 1));
            }
            return {};
        } else if constexpr (IsOptional<T>::value) {
            LUXL2_TRY(b, take(slot, 1));
            if (b[0] > 1) return bad(slot, "presence flag other than 0 or 1");
            if (b[0] == 0) {
                v.reset();
                return {};
            }
            v.emplace();
            return get(*v, slot + 1);
        } else {
            std::size_t at = slot;
            Result<void> r{};
            format::Schema<T>::fields(v, [&](std::string_view, auto& f) {
                if (r) r = get(f, at);
                at += slots<std::remove_cvref_t<decltype(f)>>();
            });
            return r;
        }
    }

    /// Every column consumed exactly.
    [[nodiscard]] Result<void> finish() const {
        for (std::size_t i = 0; i < in_.size(); ++i)
            if (!in_[i].empty()) return bad(i, "bytes left after the last record");
        return {};
    }

private:
    static Result<void> bad(std::size_t slot, const std::string& what) {
        return fail(errc::corrupt, "records column " + std::to_string(slot) + ": " + what);
    }
    Result<std::uint64_t> varint(std::size_t slot) {
        auto v = get_varint(in_[slot]);
        if (!v) return fail(errc::corrupt, "records column " + std::to_string(slot) + ": " + v.error().message);
        return *v;
    }
    Result<ByteView> take(std::size_t slot, std::uint64_t n) {
        if (n > in_[slot].size()) return fail(errc::corrupt, "records column " + std::to_string(slot) + " ends early");
        const ByteView out = in_[slot].first(static_cast<std::size_t>(n));
        in_[slot] = in_[slot].subspan(static_cast<std::size_t>(n));
        return out;
    }

    std::vector<Bytes> cols_;
    std::vector<ByteView> in_;
    std::vector<std::vector<Bytes>> tables_;
    std::vector<std::set<Bytes>> seen_;
    std::size_t budget_;
};

}  // namespace detail

/// Encodes `records` column by column. Never fails on a valid value; the Result is for symmetry.
template <format::Described T>
[[nodiscard]] Result<Bytes> encode_records(std::span<const T> records) {
    const std::size_t n = detail::slots<T>();
    detail::RecordWriter w(n);
    for (const auto& r : records) w.put(r, 0);
    Bytes out;
    out.push_back(kRecordsVersion);
    put_varint(out, records.size());
    put_varint(out, n);
    detail::write_record_columns(out, w.columns());
    return out;
}

/// Decodes what encode_records<T> wrote. Checks the limits before allocating, rejects a wrong column
/// count, non-canonical integers, repeated table entries, trailing bytes in any column or after them.
template <format::Described T>
[[nodiscard]] Result<std::vector<T>> decode_records(ByteView in, const RecordLimits& limits = {}) {
    if (in.empty()) return fail(errc::corrupt, "records: empty input");
    if (in[0] != kRecordsVersion) return fail(errc::bad_version, "records version " + std::to_string(in[0]));
    in = in.subspan(1);
    LUXL2_TRY(n, get_varint(in));
    if (n > limits.max_records) return fail(errc::too_many_elements, "records: count passes the limit");
    LUXL2_TRY(count, get_varint(in));
    if (count != detail::slots<T>()) return fail(errc::corrupt, "records: column count does not fit the type");
    LUXL2_TRY(cols, detail::read_record_columns(in, static_cast<std::size_t>(count), limits.max_output));
    if (!in.empty()) return fail(errc::trailing_bytes, "records: bytes after the last column");
    detail::RecordReader r(std::move(cols), limits.max_elements);
    std::vector<T> out;
    for (std::uint64_t i = 0; i < n; ++i) {
        out.emplace_back();
        LUXL2_CHECK(r.get(out.back(), 0));
    }
    LUXL2_CHECK(r.finish());
    return out;
}

}  // namespace luxl2::compress
