#include "luxl2/crypto/sha256.hpp"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "luxl2/core/error.hpp"

namespace luxl2::crypto {

Hash32 sha256(ByteView data) noexcept {
    Hash32 out;
    SHA256(data.data(), data.size(), out.data());
    return out;
}

Hash32 hmac_sha256(ByteView key, ByteView data) noexcept {
    // OpenSSL 3's HMAC() fails on a null key pointer, which is what an empty span holds; an empty key
    // is valid HMAC (zero padding), so hand it a non-null pointer of length zero.
    static constexpr std::uint8_t kEmpty[1] = {0};
    const std::uint8_t* key_ptr = key.empty() ? kEmpty : key.data();
    const std::uint8_t* data_ptr = data.empty() ? kEmpty : data.data();
    Hash32 out;
    unsigned len = 0;
    const auto* r = HMAC(EVP_sha256(), key_ptr, static_cast<int>(key.size()), data_ptr, data.size(), out.data(), &len);
    LUXL2_ASSERT(r != nullptr && len == 32);
    return out;
}

}  // namespace luxl2::crypto
