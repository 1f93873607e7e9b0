// Private: the columns of the columnar transaction format and the per-transaction model shared by
// its encoder and decoder (docs/format/columnar.md).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace luxl2::compress::detail {

enum Column : std::uint8_t {
    kColKind,
    kColNonce,
    kColGas,
    kColFee,
    kColValue,
    kColAddrRef,
    kColAddrNew,
    kColSig,
    kColDataLen,
    kColSelRef,
    kColSelNew,
    kColWordTag,
    kColWordBytes,
    kColDataRaw,
    kColAccess,
    kColMisc,
    kColValueMant,
    kColAddrState,
    kColumnCount
};

inline constexpr std::array<std::string_view, kColumnCount> kColumnNames{
    "kind",       "nonce",    "gas",      "fee",          "value",          "addr_ref",
    "addr_new",   "sig",      "data_len", "selector_ref", "selector_new",   "word_tag",
    "word_bytes", "data_raw", "access",   "misc",         "value_mantissa", "addr_state"};

// kind byte
inline constexpr std::uint8_t kKindTypeMask = 0x07;
inline constexpr std::uint8_t kKindVerbatim = 0x07;  // type field value: stored verbatim in misc
inline constexpr std::uint8_t kKindParity = 0x08;
inline constexpr std::uint8_t kKindCreate = 0x10;
inline constexpr std::uint8_t kKindPre155 = 0x20;      // legacy without chain id (v = 27/28)
inline constexpr std::uint8_t kKindOtherChain = 0x40;  // chain id in misc, not the batch's
inline constexpr std::uint8_t kKindAbi = 0x80;         // calldata = selector ‖ 32-byte words

// header flags
inline constexpr std::uint8_t kFlagSignatureFree = 0x01;
inline constexpr std::uint8_t kFlagContext = 0x02;  // address references may name state accounts

inline constexpr std::size_t kMaxGasDict = 64;

// word tags (see docs/format/columnar.md)
inline constexpr std::uint8_t kWordZero = 0;
inline constexpr std::uint8_t kWordAddress = 1;    // 12 zero bytes, byte 12 non-zero: an address reference
inline constexpr std::uint8_t kWordOnes = 2;       // 32 x 0xff
inline constexpr std::uint8_t kWordLowBase = 2;    // 3..33: n = tag - 2 low bytes, leading zeros
inline constexpr std::uint8_t kWordFull = 34;      // 32 bytes as they are
inline constexpr std::uint8_t kWordHighBase = 34;  // 35..65: n = tag - 34 high bytes, trailing zeros
inline constexpr std::uint8_t kWordTagMax = 65;

}  // namespace luxl2::compress::detail
