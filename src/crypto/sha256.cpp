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
    Hash32 out;
    unsigned len = 0;
    const auto* r = HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), data.data(), data.size(), out.data(), &len);
    LUXL2_ASSERT(r != nullptr && len == 32);
    return out;
}

}  // namespace luxl2::crypto
