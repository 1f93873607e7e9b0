// The BLS signature ciphersuite BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_ of
// draft-irtf-cfrg-bls-signature (Sections 2 and 3.3): public keys in G1, signatures in G2.
#include <sys/random.h>

#include <cstring>
#include <vector>

#include "internal.hpp"
#include "luxl2/crypto/bls12_381.hpp"
#include "luxl2/crypto/sha256.hpp"

namespace luxl2::crypto::bls {

using namespace detail;

namespace {

ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// A secret scalar that wipes itself.
struct SecretScalar {
    u64 k[4] = {};
    SecretScalar() = default;
    SecretScalar(const SecretScalar&) = delete;
    SecretScalar& operator=(const SecretScalar&) = delete;
    ~SecretScalar() { secure_wipe(k, sizeof k); }
};

Result<void> load_secret(SecretScalar& s, ByteView sk) {
    if (sk.size() != kSecretKeySize) return fail(errc::kSecretKey, "a BLS secret key has 32 bytes");
    if (!scalar_from_be32(s.k, sk.data())) return fail(errc::kSecretKey, "the secret key is zero or not below r");
    return {};
}

/// KeyValidate: a compressed G1 point of the subgroup, not the identity.
Result<G1> public_key_point(ByteView pk) {
    if (pk.size() != kPublicKeySize) return fail(errc::kLength, "a BLS public key has 48 bytes");
    LUXL2_TRY(p, decode_g1(pk));
    if (is_infinity(p)) return fail(errc::kInfinityKey, "the public key is the point at infinity");
    return p;
}

Result<G2> signature_point(ByteView sig) {
    if (sig.size() != kSignatureSize) return fail(errc::kLength, "a BLS signature has 96 bytes");
    return decode_g2(sig);
}

Result<void> check_dst(ByteView dst) {
    if (dst.empty()) return fail(errc::kDst, "the domain separation tag is empty");
    return {};
}

Signature encode_signature(const G2& p) {
    Signature out;
    encode_g2_compressed(out.data(), p);
    return out;
}

/// e(P, H(m))·e(-G1, S) == 1, i.e. e(P, H(m)) == e(G1, S).
bool pairing_verify(std::vector<PairingInput>& pairs, const G2& sig) {
    pairs.push_back({neg(g1_generator()), sig});
    return pairing_product_is_one(pairs);
}

}  // namespace

Result<SecretKey> keygen(ByteView ikm, ByteView key_info) {
    if (ikm.size() < 32) return fail(errc::kIkm, "KeyGen needs at least 32 bytes of IKM");
    static constexpr std::string_view kSalt = "BLS-SIG-KEYGEN-SALT-";
    Hash32 salt = sha256(as_bytes(kSalt));
    Bytes ikm0(ikm.begin(), ikm.end());
    ikm0.push_back(0);  // IKM || I2OSP(0, 1)
    Bytes info(key_info.begin(), key_info.end());
    info.push_back(0);
    info.push_back(48);  // key_info || I2OSP(L, 2), L = 48
    SecretScalar s;
    for (;;) {
        Hash32 prk = hmac_sha256(salt.view(), ikm0);
        // HKDF-Expand to 48 bytes: T(1) = HMAC(PRK, info || 1), T(2) = HMAC(PRK, T(1) || info || 2).
        Bytes t1in(info);
        t1in.push_back(1);
        Hash32 t1 = hmac_sha256(prk.view(), t1in);
        Bytes t2in(t1.data(), t1.data() + 32);
        t2in.insert(t2in.end(), info.begin(), info.end());
        t2in.push_back(2);
        Hash32 t2 = hmac_sha256(prk.view(), t2in);
        std::uint8_t okm[48];
        std::copy(t1.data(), t1.data() + 32, okm);
        std::copy(t2.data(), t2.data() + 16, okm + 32);
        scalar_reduce_be(s.k, ByteView(okm, 48));
        secure_wipe(okm, sizeof okm);
        secure_wipe(prk.data(), 32);
        secure_wipe(t1.data(), 32);
        secure_wipe(t2.data(), 32);
        secure_wipe(t2in.data(), t2in.size());
        if ((s.k[0] | s.k[1] | s.k[2] | s.k[3]) != 0) break;
        salt = sha256(salt.view());  // the draft's loop: salt = H(salt) and derive again
    }
    secure_wipe(ikm0.data(), ikm0.size());
    SecretKey out;
    scalar_to_be32(out.data(), s.k);
    return out;
}

Result<PublicKey> sk_to_pk(ByteView sk) {
    SecretScalar s;
    LUXL2_CHECK(load_secret(s, sk));
    PublicKey out;
    encode_g1_compressed(out.data(), mul_ct(g1_generator(), s.k));
    return out;
}

Result<Signature> core_sign(ByteView sk, ByteView msg, ByteView dst) {
    LUXL2_CHECK(check_dst(dst));
    SecretScalar s;
    LUXL2_CHECK(load_secret(s, sk));
    return encode_signature(mul_ct_g2(detail::hash_to_g2(msg, dst), s.k));
}

Result<bool> core_verify(ByteView pk, ByteView msg, ByteView sig, ByteView dst) {
    LUXL2_CHECK(check_dst(dst));
    LUXL2_TRY(p, public_key_point(pk));
    LUXL2_TRY(s, signature_point(sig));
    std::vector<PairingInput> pairs{{p, detail::hash_to_g2(msg, dst)}};
    return pairing_verify(pairs, s);
}

Result<bool> core_aggregate_verify(std::span<const ByteView> pks, std::span<const ByteView> msgs, ByteView sig,
                                   ByteView dst) {
    LUXL2_CHECK(check_dst(dst));
    if (pks.size() != msgs.size()) return fail(errc::kCount, "AggregateVerify takes one message per public key");
    LUXL2_TRY(s, signature_point(sig));
    if (pks.empty()) return false;
    std::vector<PairingInput> pairs;
    pairs.reserve(pks.size() + 1);
    for (std::size_t i = 0; i < pks.size(); ++i) {
        LUXL2_TRY(p, public_key_point(pks[i]));
        pairs.push_back({p, detail::hash_to_g2(msgs[i], dst)});
    }
    return pairing_verify(pairs, s);
}

Result<Signature> sign(ByteView sk, ByteView msg) {
    return core_sign(sk, msg, as_bytes(kDstSignature));
}

Result<bool> verify(ByteView pk, ByteView msg, ByteView sig) {
    return core_verify(pk, msg, sig, as_bytes(kDstSignature));
}

Result<Signature> aggregate(std::span<const ByteView> sigs) {
    if (sigs.empty()) return fail(errc::kEmpty, "Aggregate needs at least one signature");
    G2 acc = infinity<Fp2>();
    for (const auto& sig : sigs) {
        LUXL2_TRY(s, signature_point(sig));
        acc = add(acc, s);
    }
    return encode_signature(acc);
}

namespace {
Result<G1> sum_public_keys(std::span<const ByteView> pks) {
    G1 acc = infinity<Fp>();
    for (const auto& pk : pks) {
        LUXL2_TRY(p, public_key_point(pk));
        acc = add(acc, p);
    }
    return acc;
}
}  // namespace

Result<PublicKey> aggregate_public_keys(std::span<const ByteView> pks) {
    if (pks.empty()) return fail(errc::kEmpty, "no public keys to aggregate");
    LUXL2_TRY(acc, sum_public_keys(pks));
    PublicKey out;
    encode_g1_compressed(out.data(), acc);
    return out;
}

Result<bool> aggregate_verify(std::span<const ByteView> pks, std::span<const ByteView> msgs, ByteView sig) {
    return core_aggregate_verify(pks, msgs, sig, as_bytes(kDstSignature));
}

Result<bool> fast_aggregate_verify(std::span<const ByteView> pks, ByteView msg, ByteView sig) {
    LUXL2_TRY(s, signature_point(sig));
    if (pks.empty()) return false;
    LUXL2_TRY(acc, sum_public_keys(pks));
    std::vector<PairingInput> pairs{{acc, detail::hash_to_g2(msg, as_bytes(kDstSignature))}};
    return pairing_verify(pairs, s);
}

Result<Signature> pop_prove(ByteView sk) {
    LUXL2_TRY(pk, sk_to_pk(sk));
    return core_sign(sk, pk.view(), as_bytes(kDstPop));
}

Result<bool> pop_verify(ByteView pk, ByteView proof) {
    return core_verify(pk, pk, proof, as_bytes(kDstPop));
}

namespace {
G1 point_of(const ValidatedPublicKey& k) {
    G1 p;
    std::memcpy(p.x.l, k.point.data(), 48);
    std::memcpy(p.y.l, k.point.data() + 6, 48);
    p.z = kOne;
    return p;
}
}  // namespace

Result<ValidatedPublicKey> validate_public_key(ByteView pk) {
    LUXL2_TRY(p, public_key_point(pk));
    Fp x, y;
    to_affine(x, y, p);
    ValidatedPublicKey out;
    std::memcpy(out.point.data(), x.l, 48);
    std::memcpy(out.point.data() + 6, y.l, 48);
    return out;
}

Result<bool> verify(const ValidatedPublicKey& pk, ByteView msg, ByteView sig) {
    LUXL2_TRY(s, signature_point(sig));
    std::vector<PairingInput> pairs{{point_of(pk), detail::hash_to_g2(msg, as_bytes(kDstSignature))}};
    return pairing_verify(pairs, s);
}

Result<bool> aggregate_verify(std::span<const ValidatedPublicKey> pks, std::span<const ByteView> msgs, ByteView sig) {
    if (pks.size() != msgs.size()) return fail(errc::kCount, "AggregateVerify takes one message per public key");
    LUXL2_TRY(s, signature_point(sig));
    if (pks.empty()) return false;
    std::vector<PairingInput> pairs;
    pairs.reserve(pks.size() + 1);
    for (std::size_t i = 0; i < pks.size(); ++i)
        pairs.push_back({point_of(pks[i]), detail::hash_to_g2(msgs[i], as_bytes(kDstSignature))});
    return pairing_verify(pairs, s);
}

Result<bool> fast_aggregate_verify(std::span<const ValidatedPublicKey> pks, ByteView msg, ByteView sig) {
    LUXL2_TRY(s, signature_point(sig));
    if (pks.empty()) return false;
    G1 acc = infinity<Fp>();
    for (const auto& k : pks) acc = add(acc, point_of(k));
    std::vector<PairingInput> pairs{{acc, detail::hash_to_g2(msg, as_bytes(kDstSignature))}};
    return pairing_verify(pairs, s);
}

Result<bool> batch_verify(std::span<const BatchItem> items) {
    if (items.empty()) return false;
    std::vector<PairingInput> pairs;
    pairs.reserve(items.size() + 1);
    std::vector<u64> rnd(items.size());
    std::size_t got = 0;
    while (got < rnd.size() * sizeof(u64)) {
        const auto n = getrandom(reinterpret_cast<std::uint8_t*>(rnd.data()) + got, rnd.size() * sizeof(u64) - got, 0);
        if (n < 0) return fail("bls.random", "getrandom failed");
        got += static_cast<std::size_t>(n);
    }
    std::vector<G2> sigs;
    sigs.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        LUXL2_TRY(p, public_key_point(items[i].public_key));
        LUXL2_TRY(s, signature_point(items[i].signature));
        if (rnd[i] == 0) rnd[i] = 1;  // a uniformly random non-zero 64-bit weight
        pairs.push_back({mul_vartime(p, &rnd[i], 1), detail::hash_to_g2(items[i].message, as_bytes(kDstSignature))});
        sigs.push_back(s);
    }
    // sum r_i·S_i with shared doublings
    const G2 sig_sum = msm64_vartime<Fp2>(sigs, rnd);
    return pairing_verify(pairs, sig_sum);
}

Result<FixedBytes<192>> hash_to_g2(ByteView msg, ByteView dst) {
    LUXL2_CHECK(check_dst(dst));
    FixedBytes<192> out;
    encode_g2_uncompressed(out.data(), detail::hash_to_g2(msg, dst));
    return out;
}

Result<FixedBytes<96>> hash_to_g2_compressed(ByteView msg, ByteView dst) {
    LUXL2_CHECK(check_dst(dst));
    FixedBytes<96> out;
    encode_g2_compressed(out.data(), detail::hash_to_g2(msg, dst));
    return out;
}

Result<void> validate_g1(ByteView encoded) {
    LUXL2_TRY(p, decode_g1(encoded));
    (void)p;
    return {};
}

Result<void> validate_g2(ByteView encoded) {
    LUXL2_TRY(p, decode_g2(encoded));
    (void)p;
    return {};
}

}  // namespace luxl2::crypto::bls
