#include "luxl2/crypto/secp256k1.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <sys/random.h>

#include <cstring>

#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto {
namespace {

secp256k1_context* make_context() noexcept {
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
    LUXL2_ASSERT(ctx != nullptr);
    // Blinding against side channels in signing; a failure to get entropy only loses the blinding.
    std::uint8_t seed[32];
    if (getrandom(seed, sizeof seed, 0) == static_cast<ssize_t>(sizeof seed))
        if (secp256k1_context_randomize(ctx, seed) != 1) std::memset(seed, 0, sizeof seed);
    secure_wipe(seed, sizeof seed);
    return ctx;
}

secp256k1_context* ctx() noexcept {
    static secp256k1_context* const context = make_context();
    return context;
}

void to_compact(const U256& r, const U256& s, std::uint8_t out[64]) noexcept {
    r.to_be32(out);
    s.to_be32(out + 32);
}

PublicKey serialize(const secp256k1_pubkey& pk) noexcept {
    std::uint8_t buf[65];
    std::size_t len = sizeof buf;
    (void)secp256k1_ec_pubkey_serialize(ctx(), buf, &len, &pk, SECP256K1_EC_UNCOMPRESSED);
    return PublicKey::from_view(ByteView(buf + 1, 64));
}

bool to_native(const PublicKey& pub, secp256k1_pubkey& out) noexcept {
    std::uint8_t buf[65];
    buf[0] = 0x04;
    std::memcpy(buf + 1, pub.data(), 64);
    return secp256k1_ec_pubkey_parse(ctx(), &out, buf, sizeof buf) == 1;
}

}  // namespace

const void* libsecp256k1_context() noexcept {
    return ctx();
}

Result<SecretKey> SecretKey::from_bytes(ByteView b) {
    if (b.size() != 32)
        return fail("secp256k1.invalid_secret_key", "a secret key is 32 bytes, got " + std::to_string(b.size()));
    if (secp256k1_ec_seckey_verify(ctx(), b.data()) != 1)
        return fail("secp256k1.invalid_secret_key", "secret key is zero or not below the curve order");
    SecretKey k;
    std::memcpy(k.key_.data(), b.data(), 32);
    return k;
}

SecretKey& SecretKey::operator=(SecretKey&& o) noexcept {
    if (this != &o) {
        key_ = o.key_;
        secure_wipe(o.key_.data(), 32);
    }
    return *this;
}

RecoverableSignature sign_recoverable(const Hash32& digest, const SecretKey& key) noexcept {
    secp256k1_ecdsa_recoverable_signature sig;
    // nullptr nonce function = RFC 6979 (secp256k1_nonce_function_default); it cannot fail for a
    // valid key, which SecretKey guarantees.
    const int ok = secp256k1_ecdsa_sign_recoverable(ctx(), &sig, digest.data(), key.data(), nullptr, nullptr);
    LUXL2_ASSERT(ok == 1);
    std::uint8_t compact[64];
    int recid = 0;
    (void)secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx(), compact, &recid, &sig);
    return RecoverableSignature{U256::from_be32(compact), U256::from_be32(compact + 32),
                                static_cast<std::uint8_t>(recid)};
}

Result<PublicKey> recover(const Hash32& digest, const RecoverableSignature& sig) {
    if (sig.r.is_zero() || sig.r >= kSecp256k1N || sig.s.is_zero() || sig.s >= kSecp256k1N)
        return fail("secp256k1.invalid_signature", "signature r and s must be in [1, n-1]");
    if (sig.recid > 3) return fail("secp256k1.invalid_signature", "recovery id must be 0..3");
    std::uint8_t compact[64];
    to_compact(sig.r, sig.s, compact);
    secp256k1_ecdsa_recoverable_signature native;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(ctx(), &native, compact, sig.recid) != 1)
        return fail("secp256k1.invalid_signature", "signature does not parse");
    secp256k1_pubkey pk;
    if (secp256k1_ecdsa_recover(ctx(), &pk, &native, digest.data()) != 1)
        return fail("secp256k1.recovery_failed", "no public key recovers from this signature");
    return serialize(pk);
}

bool verify(const Hash32& digest, const U256& r, const U256& s, const PublicKey& pub, bool allow_high_s) noexcept {
    if (r.is_zero() || r >= kSecp256k1N || s.is_zero() || s >= kSecp256k1N) return false;
    if (!allow_high_s && !is_low_s(s)) return false;
    std::uint8_t compact[64];
    to_compact(r, s, compact);
    secp256k1_ecdsa_signature sig;
    if (secp256k1_ecdsa_signature_parse_compact(ctx(), &sig, compact) != 1) return false;
    // libsecp256k1 verifies only lower-s form; a high-s signature is equivalent to its negation.
    (void)secp256k1_ecdsa_signature_normalize(ctx(), &sig, &sig);
    secp256k1_pubkey pk;
    if (!to_native(pub, pk)) return false;
    return secp256k1_ecdsa_verify(ctx(), &sig, digest.data(), &pk) == 1;
}

Result<PublicKey> parse_public_key(ByteView sec1) {
    // libsecp256k1 also takes SEC1's "hybrid" 0x06/0x07 form; only compressed and uncompressed are
    // accepted here, so that each key has exactly the two encodings the header names.
    const bool compressed = sec1.size() == 33 && (sec1[0] == 0x02 || sec1[0] == 0x03);
    const bool uncompressed = sec1.size() == 65 && sec1[0] == 0x04;
    secp256k1_pubkey pk;
    if ((!compressed && !uncompressed) || secp256k1_ec_pubkey_parse(ctx(), &pk, sec1.data(), sec1.size()) != 1)
        return fail("secp256k1.invalid_public_key", "not a valid SEC1 public key on secp256k1");
    return serialize(pk);
}

PublicKey public_key(const SecretKey& key) noexcept {
    secp256k1_pubkey pk;
    const int ok = secp256k1_ec_pubkey_create(ctx(), &pk, key.data());
    LUXL2_ASSERT(ok == 1);
    return serialize(pk);
}

FixedBytes<33> public_key_compressed(const SecretKey& key) noexcept {
    secp256k1_pubkey pk;
    const int ok = secp256k1_ec_pubkey_create(ctx(), &pk, key.data());
    LUXL2_ASSERT(ok == 1);
    FixedBytes<33> out;
    std::size_t len = out.size();
    (void)secp256k1_ec_pubkey_serialize(ctx(), out.data(), &len, &pk, SECP256K1_EC_COMPRESSED);
    return out;
}

Result<SecretKey> secret_key_tweak_add(const SecretKey& key, const Hash32& tweak) {
    std::array<std::uint8_t, 32> k;
    std::memcpy(k.data(), key.data(), 32);
    if (secp256k1_ec_seckey_tweak_add(ctx(), k.data(), tweak.data()) != 1) {
        secure_wipe(k.data(), 32);
        return fail("secp256k1.invalid_tweak", "tweak is not below the curve order or gives the zero key");
    }
    auto out = SecretKey::from_bytes(k);
    secure_wipe(k.data(), 32);
    return out;
}

Address to_address(const PublicKey& pub) noexcept {
    const Hash32 h = keccak256(pub.view());
    return Address::from_view(ByteView(h.data() + 12, 20));
}

}  // namespace luxl2::crypto

namespace luxl2::crypto {

Result<std::pair<U256, U256>> parse_der_signature(ByteView der) {
    // An empty span has a null data pointer, which libsecp256k1 treats as a misuse and aborts on.
    if (der.empty()) return fail("secp256k1.invalid_der", "empty DER signature");
    secp256k1_ecdsa_signature sig;
    if (secp256k1_ecdsa_signature_parse_der(ctx(), &sig, der.data(), der.size()) != 1)
        return fail("secp256k1.invalid_der", "not a strict DER ECDSA signature");
    std::uint8_t compact[64];
    (void)secp256k1_ecdsa_signature_serialize_compact(ctx(), compact, &sig);
    return std::pair{U256::from_be32(compact), U256::from_be32(compact + 32)};
}

}  // namespace luxl2::crypto
