#include "luxl2/node/devnet_accounts.hpp"

#include <string>

#include "luxl2/crypto/hd_wallet.hpp"

namespace luxl2::node {

std::vector<DevAccount> derive_dev_accounts(std::string_view mnemonic, std::size_t count) {
    auto seed = crypto::bip39_seed(mnemonic);
    std::vector<DevAccount> out;
    for (std::size_t i = 0; i < count; ++i) {
        auto key = crypto::bip32_derive(seed, "m/44'/60'/0'/0/" + std::to_string(i));
        LUXL2_ASSERT(key.has_value());  // invalid BIP-32 children have probability ~2^-127
        out.push_back({crypto::to_address(crypto::public_key(*key)), Hash32::from_view(ByteView(key->data(), 32))});
    }
    secure_wipe(seed.data(), seed.size());
    return out;
}

}  // namespace luxl2::node
