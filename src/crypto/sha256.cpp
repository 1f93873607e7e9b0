#include "luxl2/crypto/sha256.hpp"

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "luxl2/core/endian.hpp"
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

namespace {
// The second block of a 64-byte message (FIPS 180-4 §5.1.1): 0x80, zeros, then the bit length 512.
constexpr std::uint8_t kPad64[64] = {0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x00};
}  // namespace

// SHA256_Transform is deprecated in OpenSSL 3 but remains the only way to reach its block function
// (SHA-NI when the CPU has it) without the per-call EVP context that dominates 64-byte inputs.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
void sha256_64(const std::uint8_t* in64, std::uint8_t* out32) noexcept {
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Transform(&c, in64);
    SHA256_Transform(&c, kPad64);
    for (std::size_t i = 0; i < 8; ++i) store_be32(out32 + 4 * i, static_cast<std::uint32_t>(c.h[i]));
}
#pragma GCC diagnostic pop

void sha256_64_many(const std::uint8_t* in, std::size_t n, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i < n; ++i) sha256_64(in + 64 * i, out + 32 * i);
}

}  // namespace luxl2::crypto
