// BIP-39 seeds and BIP-32 key derivation for secp256k1, enough to derive the well-known development
// accounts (the mnemonic "test test … junk" at m/44'/60'/0'/0/i, as anvil and Hardhat print them).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/secp256k1.hpp"

namespace luxl2::crypto {

/// BIP-39: PBKDF2-HMAC-SHA512(password = mnemonic, salt = "mnemonic" ‖ passphrase, 2048 rounds), 64
/// bytes. The mnemonic is used as given (NFKD-normalised ASCII words separated by single spaces);
/// its checksum is not verified here.
[[nodiscard]] std::array<std::uint8_t, 64> bip39_seed(std::string_view mnemonic, std::string_view passphrase = "");

/// HMAC-SHA512 (OpenSSL).
[[nodiscard]] std::array<std::uint8_t, 64> hmac_sha512(ByteView key, ByteView data) noexcept;

inline constexpr std::uint32_t kHardened = 0x80000000u;

/// A BIP-32 extended private key.
struct ExtendedKey {
    SecretKey key;
    Hash32 chain_code;
};

/// The master key of a seed (16..64 bytes). Code "bip32.invalid_key" if IL is 0 or ≥ n.
[[nodiscard]] Result<ExtendedKey> bip32_master(ByteView seed);
/// CKDpriv: the child at `index` (≥ kHardened for hardened). Code "bip32.invalid_key" for the
/// 1-in-2^127 indices BIP-32 declares invalid.
[[nodiscard]] Result<ExtendedKey> bip32_child(const ExtendedKey& parent, std::uint32_t index);
/// Parses "m/44'/60'/0'/0/3" (' or h for hardened) and derives it. Code "bip32.invalid_path".
[[nodiscard]] Result<SecretKey> bip32_derive(ByteView seed, std::string_view path);

}  // namespace luxl2::crypto
