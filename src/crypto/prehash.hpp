// Private: the pre-hash functions of HashML-DSA (FIPS 204 §5.4) and HashSLH-DSA (FIPS 205 §10.2),
// with the DER encodings of their OIDs (2.16.840.1.101.3.4.2.x, NIST hash algorithms arc).
#pragma once

#include <cstdint>

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto::prehash {

/// Same order as mldsa::PreHash and slhdsa::PreHash.
enum class Function : std::uint8_t { sha256, sha384, sha512, sha3_256, sha3_512, shake128, shake256 };

/// The 11-byte DER OBJECT IDENTIFIER (tag, length, value).
[[nodiscard]] ByteView oid(Function f) noexcept;
/// PH(M): SHA-2 through OpenSSL, SHA-3 and SHAKE ours; SHAKE128 gives 256 bits, SHAKE256 512 bits.
[[nodiscard]] Bytes digest(Function f, ByteView msg);

}  // namespace luxl2::crypto::prehash
