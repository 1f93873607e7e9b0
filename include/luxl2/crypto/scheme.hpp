// The signature-scheme registry: every scheme luxl2 signs with (secp256k1, ML-DSA, SLH-DSA, BLS,
// hybrids, ...) behind one table, for algorithm agility, the `luxl2 sig` CLI and benchmarks.
#pragma once

#include <span>
#include <string_view>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto {

struct KeyPair {
    Bytes secret_key;  // wipe after use (secure_wipe)
    Bytes public_key;
};

struct SignatureScheme {
    std::string_view name;  // CLI name: "secp256k1", "ml-dsa-65", "slh-dsa-shake-128f", "bls12-381", ...
    unsigned nist_level;    // NIST security category (1..5); 1 for 128-bit classical schemes
    bool post_quantum;
    bool supports_context;  // accepts a non-empty context string
    std::size_t seed_size;  // bytes `keygen` takes (0: any length, as BLS IKM ≥ 32)
    std::size_t public_key_size;
    std::size_t signature_size;  // maximum
    /// Key pair from a seed, as the scheme's standard derives it.
    Result<KeyPair> (*keygen)(ByteView seed);
    /// Signature of `msg`. `deterministic` selects the deterministic variant where the scheme has a
    /// hedged one; `ctx` is the context string (empty when unsupported).
    Result<Bytes> (*sign)(ByteView secret_key, ByteView msg, ByteView ctx, bool deterministic);
    /// true/false for a well-formed key and signature; an error when they are malformed.
    Result<bool> (*verify)(ByteView public_key, ByteView msg, ByteView sig, ByteView ctx);
};

/// All registered schemes, in a stable order.
[[nodiscard]] std::span<const SignatureScheme* const> signature_schemes() noexcept;
/// The scheme called `name`, or nullptr.
[[nodiscard]] const SignatureScheme* find_scheme(std::string_view name) noexcept;

}  // namespace luxl2::crypto
