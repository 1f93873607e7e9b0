// Private: writes Ethereum transactions (legacy, EIP-2930, EIP-1559, EIP-4844, EIP-7702) as EIP-2718 bytes straight
// into a caller's buffer from their fields, the sizes computed first, so the columnar decoder builds each transaction
// once, in place, with no intermediate Transaction, field buffer or per-transaction allocation. Byte for byte what
// format::encode_transaction writes (RLP of the Yellow Paper and EIP-2718/2930/1559/4844/7702); the columnar tests and
// the batch hash hold the two together.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::compress::detail {

/// An unsigned integer as RLP carries it: big-endian without leading zeros (zero is empty), kept
/// right-aligned in `b` (its bytes are b[32 − len, 32)).
struct BeInt {
    std::uint8_t b[32];
    std::uint8_t len = 0;

    static BeInt of(std::uint64_t v) noexcept {
        BeInt x;
        store_be64(x.b + 24, v);
        x.len = static_cast<std::uint8_t>((71 - std::countl_zero(v)) / 8);
        return x;
    }
    static BeInt of(const U256& v) noexcept {
        if (v.fits_u64()) return of(v.low64());
        BeInt x;
        v.to_be32(x.b);
        x.set_len();
        return x;
    }
    /// 32 big-endian bytes (a signature's r or s).
    static BeInt of_be32(const std::uint8_t* p) noexcept {
        BeInt x;
        std::memcpy(x.b, p, 32);
        x.set_len();
        return x;
    }

    [[nodiscard]] const std::uint8_t* begin() const noexcept { return b + 32 - len; }
    /// Encoded size: one byte for 0..127, else a length byte and the bytes.
    [[nodiscard]] std::size_t rlp_size() const noexcept { return len == 1 && b[31] < 0x80 ? 1 : 1u + len; }
    std::uint8_t* put(std::uint8_t* p) const noexcept {
        if (len == 1 && b[31] < 0x80) {
            *p = b[31];
            return p + 1;
        }
        *p++ = static_cast<std::uint8_t>(0x80 + len);
        std::memcpy(p, begin(), len);
        return p + len;
    }

private:
    void set_len() noexcept {
        unsigned lead = 0;
        for (unsigned i = 0; i < 4; ++i) {
            const std::uint64_t w = load_be64(b + 8 * i);
            if (w != 0) {
                lead += static_cast<unsigned>(std::countl_zero(w)) / 8;
                break;
            }
            lead += 8;
        }
        len = static_cast<std::uint8_t>(32 - lead);
    }
};

inline std::size_t rlp_header_size(std::size_t payload) noexcept {
    if (payload <= 55) return 1;
    std::size_t n = 1;
    while (payload != 0) ++n, payload >>= 8;
    return n;
}

/// A string or list header (`base` 0x80 or 0xc0) for a payload of `len` bytes.
inline std::uint8_t* put_rlp_header(std::uint8_t* p, std::uint8_t base, std::size_t len) noexcept {
    if (len <= 55) {
        *p = static_cast<std::uint8_t>(base + len);
        return p + 1;
    }
    const std::size_t n = rlp_header_size(len) - 1;
    *p++ = static_cast<std::uint8_t>(base + 55 + n);
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<std::uint8_t>(len >> (8 * (n - 1 - i)));
    return p + n;
}

/// Size of a byte string's encoding, whose first byte (when it has exactly one) is `first`.
inline std::size_t rlp_string_size(std::size_t len, std::uint8_t first) noexcept {
    return len == 1 && first < 0x80 ? 1 : rlp_header_size(len) + len;
}

/// The fields of one transaction, ready to be written. `data` is either given as bytes or only as
/// its length and first byte, the caller then filling the `data_len` bytes at `data_at` itself.
struct TxFields {
    format::TxType type = format::TxType::kLegacy;
    BeInt chain_id;  // typed
    BeInt nonce;
    BeInt gas_price;  // legacy, type 1
    BeInt tip;        // types 2-4: maxPriorityFeePerGas
    BeInt max_fee;    // types 2-4: maxFeePerGas
    BeInt gas;
    const Address* to = nullptr;  // null: contract creation
    BeInt value;
    std::size_t data_len = 0;
    std::uint8_t data_first = 0;
    std::size_t access_payload = 0;  // typed: encoded size of the access list's entries
    BeInt blob_fee;                  // type 3: maxFeePerBlobGas
    std::size_t tail_payload = 0;    // types 3/4: encoded size of the blob hashes' / authorizations' items
    BeInt v, r, s;
};

/// Where the parts of a written transaction lie, relative to its first byte.
struct TxLayout {
    std::size_t size = 0;          // the whole EIP-2718 encoding
    std::size_t fields_begin = 0;  // first byte of the first field (after type and list header)
    std::size_t data_at = 0;       // first byte of the calldata
    std::size_t access_at = 0;     // typed: first byte of the access list's entries
    std::size_t tail_at = 0;       // types 3/4: first item of the blob hashes / authorizations
    std::size_t unsigned_end = 0;  // one past the last field before v (the signed part's end)
};

inline TxLayout tx_layout(const TxFields& f) noexcept {
    const bool legacy = f.type == format::TxType::kLegacy;
    std::size_t before_data = f.nonce.rlp_size() + f.gas.rlp_size() + (f.to != nullptr ? 21 : 1) + f.value.rlp_size();
    if (legacy || f.type == format::TxType::kAccessList)
        before_data += f.gas_price.rlp_size();
    else
        before_data += f.tip.rlp_size() + f.max_fee.rlp_size();
    if (!legacy) before_data += f.chain_id.rlp_size();
    const std::size_t data_size = rlp_string_size(f.data_len, f.data_first);
    const std::size_t data_header = data_size - f.data_len;
    std::size_t unsigned_size = before_data + data_size;
    if (!legacy) unsigned_size += rlp_header_size(f.access_payload) + f.access_payload;
    const bool tail = f.type == format::TxType::kBlob || f.type == format::TxType::kSetCode;
    if (f.type == format::TxType::kBlob) unsigned_size += f.blob_fee.rlp_size();
    if (tail) unsigned_size += rlp_header_size(f.tail_payload) + f.tail_payload;
    const std::size_t payload = unsigned_size + f.v.rlp_size() + f.r.rlp_size() + f.s.rlp_size();
    TxLayout l;
    l.fields_begin = (legacy ? 0 : 1) + rlp_header_size(payload);
    l.size = l.fields_begin + payload;
    l.data_at = l.fields_begin + before_data + data_header;
    l.access_at = l.data_at + f.data_len + (legacy ? 0 : rlp_header_size(f.access_payload));
    l.unsigned_end = l.fields_begin + unsigned_size;
    l.tail_at = l.unsigned_end - (tail ? f.tail_payload : 0);
    return l;
}

/// Writes everything but the calldata bytes, the access list's entries and the blob hashes' or
/// authorizations' items (left for the caller, at l.data_at, l.access_at and l.tail_at) into
/// out[0, l.size).
inline void put_tx(std::uint8_t* out, const TxFields& f, const TxLayout& l) noexcept {
    const bool legacy = f.type == format::TxType::kLegacy;
    std::uint8_t* p = out;
    if (!legacy) *p++ = static_cast<std::uint8_t>(f.type);
    p = put_rlp_header(p, 0xc0, l.size - l.fields_begin);
    if (!legacy) p = f.chain_id.put(p);
    p = f.nonce.put(p);
    if (legacy || f.type == format::TxType::kAccessList) {
        p = f.gas_price.put(p);
    } else {
        p = f.tip.put(p);
        p = f.max_fee.put(p);
    }
    p = f.gas.put(p);
    if (f.to != nullptr) {
        *p++ = 0x80 + 20;
        std::memcpy(p, f.to->data(), 20);
        p += 20;
    } else {
        *p++ = 0x80;
    }
    p = f.value.put(p);
    if (!(f.data_len == 1 && f.data_first < 0x80)) put_rlp_header(p, 0x80, f.data_len);
    p = out + l.data_at + f.data_len;
    if (!legacy) put_rlp_header(p, 0xc0, f.access_payload);
    if (f.type == format::TxType::kBlob || f.type == format::TxType::kSetCode) {
        p = out + l.access_at + f.access_payload;
        if (f.type == format::TxType::kBlob) p = f.blob_fee.put(p);
        put_rlp_header(p, 0xc0, f.tail_payload);
    }
    p = out + l.unsigned_end;
    p = f.v.put(p);
    p = f.r.put(p);
    f.s.put(p);
}

}  // namespace luxl2::compress::detail
