// SHA-256 and HMAC-SHA-256 through OpenSSL 3.
#pragma once

#include "luxl2/core/bytes.hpp"

namespace luxl2::crypto {

[[nodiscard]] Hash32 sha256(ByteView data) noexcept;
[[nodiscard]] Hash32 hmac_sha256(ByteView key, ByteView data) noexcept;

}  // namespace luxl2::crypto
