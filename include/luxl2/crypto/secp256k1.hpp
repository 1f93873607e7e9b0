// secp256k1 ECDSA for Ethereum through libsecp256k1: recoverable RFC 6979 signatures, recovery,
// verification, the EIP-2 low-s rule and address derivation. One library context, created once.
#pragma once

#include <array>
#include <cstdint>
#include <utility>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::crypto {

/// The curve order n and n/2 (EIP-2: s must be ≤ n/2 in transactions after Homestead).
inline constexpr U256 kSecp256k1N =
    U256::from_words(0xFFFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFEULL, 0xBAAEDCE6AF48A03BULL, 0xBFD25E8CD0364141ULL);
inline constexpr U256 kSecp256k1HalfN =
    U256::from_words(0x7FFFFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFFFULL, 0x5D576E7357A4501DULL, 0xDFE92F46681B20A0ULL);

/// A secret key in [1, n-1]. Wiped on destruction; not copyable by accident.
class SecretKey {
public:
    /// Rejects anything but 32 bytes encoding 1 ≤ k < n (code "secp256k1.invalid_secret_key").
    [[nodiscard]] static Result<SecretKey> from_bytes(ByteView b);
    SecretKey(const SecretKey&) = delete;
    SecretKey& operator=(const SecretKey&) = delete;
    SecretKey(SecretKey&& o) noexcept : key_(o.key_) { secure_wipe(o.key_.data(), 32); }
    SecretKey& operator=(SecretKey&& o) noexcept;
    ~SecretKey() { secure_wipe(key_.data(), 32); }

    [[nodiscard]] const std::uint8_t* data() const noexcept { return key_.data(); }

private:
    SecretKey() = default;
    std::array<std::uint8_t, 32> key_{};
};

/// An uncompressed public key without the 0x04 prefix: x ‖ y, 64 bytes.
using PublicKey = FixedBytes<64>;

/// r, s and the recovery id (0 or 1 for Ethereum; libsecp256k1 may produce 0..3 only for r ≥ p,
/// which RFC 6979 signing never does in practice and recovery accepts).
struct RecoverableSignature {
    U256 r;
    U256 s;
    std::uint8_t recid = 0;
    friend bool operator==(const RecoverableSignature&, const RecoverableSignature&) = default;
};

/// RFC 6979 deterministic signature of a 32-byte digest, always low-s.
[[nodiscard]] RecoverableSignature sign_recoverable(const Hash32& digest, const SecretKey& key) noexcept;

/// Recovers the signer's public key. Requires 1 ≤ r, s < n and recid ≤ 3; high s is accepted here
/// (the EIP-2 rule is the caller's, see `is_low_s`). Codes "secp256k1.invalid_signature",
/// "secp256k1.recovery_failed".
[[nodiscard]] Result<PublicKey> recover(const Hash32& digest, const RecoverableSignature& sig);

/// Verifies (r, s) over `digest` for `pub`. High-s signatures verify only when `allow_high_s`.
[[nodiscard]] bool verify(const Hash32& digest, const U256& r, const U256& s, const PublicKey& pub,
                          bool allow_high_s) noexcept;

/// Parses a public key: 33-byte compressed (0x02/0x03) or 65-byte uncompressed (0x04) SEC1, on the
/// curve; the hybrid 0x06/0x07 form is rejected (code "secp256k1.invalid_public_key").
[[nodiscard]] Result<PublicKey> parse_public_key(ByteView sec1);

/// The public key of a secret key.
[[nodiscard]] PublicKey public_key(const SecretKey& key) noexcept;

/// The 33-byte SEC1 compressed public key of a secret key (BIP-32 serP).
[[nodiscard]] FixedBytes<33> public_key_compressed(const SecretKey& key) noexcept;

/// (key + tweak) mod n, the BIP-32 child key step. Fails (code "secp256k1.invalid_tweak") when tweak ≥ n
/// or the sum is zero; BIP-32 then skips to the next index.
[[nodiscard]] Result<SecretKey> secret_key_tweak_add(const SecretKey& key, const Hash32& tweak);

/// The Ethereum address: the last 20 bytes of keccak256(x ‖ y).
[[nodiscard]] Address to_address(const PublicKey& pub) noexcept;

[[nodiscard]] inline bool is_low_s(const U256& s) noexcept {
    return s <= kSecp256k1HalfN;
}

/// Opaque access to the process-wide libsecp256k1 context (for benchmarks that compare against the
/// raw library). Created once, randomised once.
[[nodiscard]] const void* libsecp256k1_context() noexcept;

}  // namespace luxl2::crypto

namespace luxl2::crypto {
/// Parses a strict DER ECDSA signature (r, s). Values out of range parse here and fail `verify`.
[[nodiscard]] Result<std::pair<U256, U256>> parse_der_signature(ByteView der);
}  // namespace luxl2::crypto
