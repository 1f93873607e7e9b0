// Accounts and storage slots, their canonical encodings, and where they live: the KvStore keys and
// the 256-bit keys of the state commitment.
//
// Account encoding (the value of its commitment leaf and of its store entry):
//   rlp([nonce, balance, code_hash])                  without a bound post-quantum key
//   rlp([nonce, balance, code_hash, [scheme, pubkey]]) with one
//   rlp([nonce, balance, code_hash, [scheme, pubkey, 0x01]]) with one, ECDSA-only transactions refused
// nonce and balance are canonical RLP integers, code_hash is 32 bytes, scheme one byte (the
// 0x54 scheme id, format/tx_data.hpp), pubkey at most kMaxPqKeyBytes. An empty account (nonce 0, balance
// 0, no code, no key) is never stored: it is the absence of an entry (EIP-161).
// Storage slot value: the minimal big-endian bytes of a non-zero U256 (zero is absence).
#pragma once

#include <cstdint>
#include <optional>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::state {

/// keccak256 of the empty string: the code hash of an account without code.
inline constexpr Hash32 kEmptyCodeHash{std::array<std::uint8_t, 32>{
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};

inline constexpr std::size_t kMaxPqKeyBytes = 4096;  // SLH-DSA/ML-DSA/Falcon public keys fit

/// A post-quantum public key bound to an account (the post-quantum issue's account migration,
/// exec/quantum_migration.hpp). `scheme` is the 0x54 scheme id (format/tx_data.hpp pq_scheme).
struct PqKey {
    std::uint8_t scheme = 0;
    Bytes public_key;
    bool ecdsa_disabled = false;  // the account opted in: ECDSA-only transactions from it are refused
    friend bool operator==(const PqKey&, const PqKey&) = default;
};

struct Account {
    std::uint64_t nonce = 0;
    U256 balance;
    Hash32 code_hash = kEmptyCodeHash;
    std::optional<PqKey> pq_key;

    [[nodiscard]] bool has_code() const noexcept { return code_hash != kEmptyCodeHash; }
    [[nodiscard]] bool is_empty() const noexcept { return nonce == 0 && balance.is_zero() && !has_code() && !pq_key; }
    friend bool operator==(const Account&, const Account&) = default;
};

namespace errc {
inline constexpr std::string_view bad_account = "state.bad_account";  // not a canonical account encoding
inline constexpr std::string_view bad_slot = "state.bad_slot";        // not a canonical slot value
}  // namespace errc

void encode_account(Bytes& out, const Account& a);
[[nodiscard]] Bytes encode_account(const Account& a);
/// Strict inverse of encode_account: canonical RLP, 3 or 4 items, no trailing bytes.
[[nodiscard]] Result<Account> decode_account(ByteView in);

/// Minimal big-endian bytes; the caller never stores zero.
[[nodiscard]] Bytes encode_slot_value(const U256& v);
/// Rejects empty input, a leading zero byte, and more than 32 bytes.
[[nodiscard]] Result<U256> decode_slot_value(ByteView in);

/// Keys of the state commitment (256-bit, uniformly spread, domain-separated so that an account key
/// never equals a storage key): keccak256(0x00 ‖ address) and keccak256(0x01 ‖ address ‖ slot).
[[nodiscard]] Hash32 account_key(const Address& a) noexcept;
[[nodiscard]] Hash32 storage_key(const Address& a, const Hash32& slot) noexcept;

/// KvStore keys of the state (one-byte table prefixes, see docs/format/state.md):
///   'a' ‖ address          → account encoding
///   's' ‖ address ‖ slot   → slot value
///   'c' ‖ code_hash        → code
inline constexpr std::uint8_t kAccountTable = 'a';
inline constexpr std::uint8_t kStorageTable = 's';
inline constexpr std::uint8_t kCodeTable = 'c';
[[nodiscard]] Bytes account_db_key(const Address& a);
[[nodiscard]] Bytes storage_db_key(const Address& a, const Hash32& slot);
[[nodiscard]] Bytes code_db_key(const Hash32& code_hash);

}  // namespace luxl2::state
