// The development accounts every Ethereum tool knows: the BIP-39 mnemonic "test test … junk" at
// BIP-32 path m/44'/60'/0'/0/i, the same addresses and keys that anvil and Hardhat print.
#pragma once

#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/crypto/secp256k1.hpp"

namespace luxl2::node {

inline constexpr std::string_view kDevMnemonic = "test test test test test test test test test test test junk";

struct DevAccount {
    Address address;
    Hash32 secret;  // the raw secret key, printed by `luxl2 devnet` like anvil does (test funds only)
};

/// The first `count` accounts of `mnemonic` at m/44'/60'/0'/0/i.
[[nodiscard]] std::vector<DevAccount> derive_dev_accounts(std::string_view mnemonic, std::size_t count);

}  // namespace luxl2::node
