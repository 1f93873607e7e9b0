#include "prehash.hpp"

#include <openssl/evp.h>

#include <array>

#include "luxl2/core/error.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto::prehash {
namespace {

constexpr std::array<std::uint8_t, 11> make_oid(std::uint8_t last) {
    return {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last};
}

// Final arcs: SHA-256 1, SHA-384 2, SHA-512 3, SHA3-256 8, SHA3-512 10, SHAKE128 11, SHAKE256 12.
constexpr std::array<std::array<std::uint8_t, 11>, 7> kOids = {
    make_oid(1), make_oid(2), make_oid(3), make_oid(8), make_oid(10), make_oid(11), make_oid(12),
};

Bytes openssl_digest(const EVP_MD* md, ByteView msg) {
    Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
    unsigned len = 0;
    LUXL2_ASSERT(EVP_Digest(msg.data(), msg.size(), out.data(), &len, md, nullptr) == 1);
    out.resize(len);
    return out;
}

}  // namespace

ByteView oid(Function f) noexcept {
    return kOids[static_cast<std::size_t>(f)];
}

Bytes digest(Function f, ByteView msg) {
    switch (f) {
        case Function::sha256: return openssl_digest(EVP_sha256(), msg);
        case Function::sha384: return openssl_digest(EVP_sha384(), msg);
        case Function::sha512: return openssl_digest(EVP_sha512(), msg);
        case Function::sha3_256: {
            const auto h = sha3_256(msg);
            return Bytes(h.bytes.begin(), h.bytes.end());
        }
        case Function::sha3_512: {
            const auto h = sha3_512(msg);
            return Bytes(h.begin(), h.end());
        }
        case Function::shake128: {
            Bytes out(32);
            shake128(msg, out);
            return out;
        }
        case Function::shake256: {
            Bytes out(64);
            shake256(msg, out);
            return out;
        }
    }
    LUXL2_ASSERT(false);
    return {};
}

}  // namespace luxl2::crypto::prehash
