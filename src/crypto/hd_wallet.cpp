#include "luxl2/crypto/hd_wallet.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>
#include <cstring>
#include <string>

namespace luxl2::crypto {

std::array<std::uint8_t, 64> bip39_seed(std::string_view mnemonic, std::string_view passphrase) {
    std::string salt = "mnemonic";
    salt.append(passphrase);
    std::array<std::uint8_t, 64> out{};
    const int ok = PKCS5_PBKDF2_HMAC(mnemonic.data(), static_cast<int>(mnemonic.size()),
                                     reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                                     2048, EVP_sha512(), static_cast<int>(out.size()), out.data());
    LUXL2_ASSERT(ok == 1);
    secure_wipe(salt.data(), salt.size());
    return out;
}

std::array<std::uint8_t, 64> hmac_sha512(ByteView key, ByteView data) noexcept {
    std::array<std::uint8_t, 64> out{};
    unsigned int len = 0;
    const unsigned char* r =
        HMAC(EVP_sha512(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &len);
    LUXL2_ASSERT(r != nullptr && len == 64);
    return out;
}

namespace {

Result<ExtendedKey> split(const std::array<std::uint8_t, 64>& i, const SecretKey* parent) {
    Hash32 il = Hash32::from_view(ByteView(i.data(), 32));
    const Hash32 ir = Hash32::from_view(ByteView(i.data() + 32, 32));
    Result<SecretKey> key = parent ? secret_key_tweak_add(*parent, il) : SecretKey::from_bytes(il);
    secure_wipe(il.data(), 32);
    if (!key) return fail("bip32.invalid_key", "derived key is invalid: use the next index");
    return ExtendedKey{std::move(*key), ir};
}

}  // namespace

Result<ExtendedKey> bip32_master(ByteView seed) {
    if (seed.size() < 16 || seed.size() > 64) return fail("bip32.invalid_seed", "a BIP-32 seed is 16 to 64 bytes");
    static constexpr std::string_view kKey = "Bitcoin seed";
    auto i = hmac_sha512(ByteView(reinterpret_cast<const std::uint8_t*>(kKey.data()), kKey.size()), seed);
    auto out = split(i, nullptr);
    secure_wipe(i.data(), i.size());
    return out;
}

Result<ExtendedKey> bip32_child(const ExtendedKey& parent, std::uint32_t index) {
    std::array<std::uint8_t, 37> data{};
    if (index >= kHardened) {
        data[0] = 0x00;
        std::memcpy(data.data() + 1, parent.key.data(), 32);
    } else {
        const auto pub = public_key_compressed(parent.key);
        std::memcpy(data.data(), pub.data(), 33);
    }
    data[33] = static_cast<std::uint8_t>(index >> 24);
    data[34] = static_cast<std::uint8_t>(index >> 16);
    data[35] = static_cast<std::uint8_t>(index >> 8);
    data[36] = static_cast<std::uint8_t>(index);
    auto i = hmac_sha512(parent.chain_code, data);
    secure_wipe(data.data(), data.size());
    auto out = split(i, &parent.key);
    secure_wipe(i.data(), i.size());
    return out;
}

Result<SecretKey> bip32_derive(ByteView seed, std::string_view path) {
    if (!path.starts_with("m")) return fail("bip32.invalid_path", "path must start with m");
    path.remove_prefix(1);
    LUXL2_TRY(node, bip32_master(seed));
    while (!path.empty()) {
        if (path[0] != '/') return fail("bip32.invalid_path", "expected '/' in path");
        path.remove_prefix(1);
        std::uint32_t index = 0;
        const auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), index);
        if (ec != std::errc{} || end == path.data() || index >= kHardened)
            return fail("bip32.invalid_path", "bad index in path");
        path.remove_prefix(static_cast<std::size_t>(end - path.data()));
        if (!path.empty() && (path[0] == '\'' || path[0] == 'h')) {
            index |= kHardened;
            path.remove_prefix(1);
        }
        LUXL2_TRY(child, bip32_child(node, index));
        node = std::move(child);
    }
    return std::move(node.key);
}

}  // namespace luxl2::crypto
