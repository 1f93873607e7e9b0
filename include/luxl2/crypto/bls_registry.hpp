// LP-505 BLS aggregation over a registry of signers (POP ciphersuite, see bls12_381.hpp).
//
// A signer is named by an Address derived from its public key:
//     signer_address(pk) = keccak256(pk)[12..32]
// where pk is the 48-byte compressed G1 public key exactly as registered (the last 20 bytes of the
// hash, as Ethereum derives an address from a secp256k1 key). The registry only admits a key with a
// valid proof of possession (PopVerify), which is what makes FastAggregateVerify and AggregateVerify
// over repeated messages sound: a rogue key pk' = x·G - pk_victim cannot come with a PoP.
//
// Error or false:
// - Error (a Result error) when the input is malformed or cannot be evaluated: an empty list, counts
//   that differ, a signer not in the registry, a signature or aggregate that is not a valid 96-byte
//   encoding of a G2 subgroup point (codes from bls12_381.hpp's errc, e.g. "bls.not_in_subgroup").
// - false when everything is well formed and every signer is known, but the pairing check fails
//   (a wrong signature, a tampered message, a missing or extra signer).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/bls12_381.hpp"

namespace luxl2::crypto::bls {

namespace errc {
inline constexpr std::string_view kRegistryDuplicate = "bls_registry.duplicate";     // signer already registered
inline constexpr std::string_view kRegistryBadPop = "bls_registry.bad_pop";          // well-formed PoP that fails
inline constexpr std::string_view kRegistryUnknown = "bls_registry.unknown_signer";  // address not registered
inline constexpr std::string_view kRegistryEmpty = "bls_registry.empty";             // no signatures / signers
inline constexpr std::string_view kRegistryCount = "bls_registry.count";             // messages and signers differ
inline constexpr std::string_view kRegistryTooMany = "bls_registry.too_many";        // above kMaxAggregated
}  // namespace errc

/// Upper bound on the signatures of one aggregate (bounds the work an untrusted list can cause).
inline constexpr std::size_t kMaxAggregated = 1u << 16;

/// keccak256(pk)[12..32] of the 48-byte compressed public key.
[[nodiscard]] Address signer_address(const PublicKey& pk) noexcept;

/// The address of a BLS-keyed L2 account (the senders of 0x53 Compressed transactions):
///     account_address(pk) = keccak256("LUXL2_BLS_ACCOUNT_V1" ‖ pk)[12..32]
/// with pk the 48-byte compressed G1 key. The tag keeps it apart from signer_address (a sequencer's key
/// also used as an account gets a different address) and from secp256k1 (64-byte input) and 0x54
/// (scheme byte ‖ key) addresses, whose preimages have other lengths or first bytes.
inline constexpr std::string_view kAccountAddressTag = "LUXL2_BLS_ACCOUNT_V1";
[[nodiscard]] Address account_address(const PublicKey& pk) noexcept;

/// Which address a registry files a key under.
enum class AddressKind : std::uint8_t {
    kSigner,   // signer_address: sequencers, batch proofs
    kAccount,  // account_address: BLS-keyed accounts
};

class SignerRegistry {
public:
    explicit SignerRegistry(AddressKind kind = AddressKind::kSigner) noexcept : kind_(kind) {}
    /// The address this registry files `pk` under.
    [[nodiscard]] Address address_of(const PublicKey& pk) const noexcept {
        return kind_ == AddressKind::kAccount ? account_address(pk) : signer_address(pk);
    }
    /// Admits `pubkey` (48 bytes, compressed) with its proof of possession `pop` (96 bytes,
    /// PopProve over the same 48 bytes) and returns the signer's address. Rejects:
    /// - a malformed key or PoP encoding: the bls.* code of bls12_381.hpp (bls.length, bls.flags,
    ///   bls.not_in_subgroup, bls.infinity_key, ...);
    /// - a well-formed PoP that does not verify for this key: bls_registry.bad_pop;
    /// - a key already registered: bls_registry.duplicate (the registry is left unchanged).
    [[nodiscard]] Result<Address> register_signer(ByteView pubkey, ByteView pop);

    /// The validated key of a registered signer, or nullptr. Valid until the next registration.
    [[nodiscard]] const ValidatedPublicKey* find(const Address& signer) const noexcept;
    /// The compressed key of a registered signer.
    [[nodiscard]] std::optional<PublicKey> public_key(const Address& signer) const;
    [[nodiscard]] bool contains(const Address& signer) const noexcept { return find(signer) != nullptr; }
    [[nodiscard]] std::size_t size() const noexcept { return signers_.size(); }

private:
    struct Entry {
        PublicKey compressed;
        ValidatedPublicKey point;
    };
    AddressKind kind_;
    std::unordered_map<Address, Entry> signers_;
};

/// LP-505 aggregateSignatures: the 96-byte sum of the signatures. Rejects an empty list
/// (bls_registry.empty), more than kMaxAggregated (bls_registry.too_many) and any signature that is
/// not a valid compressed G2 subgroup point (bls.* codes).
[[nodiscard]] Result<Signature> aggregate_signatures(std::span<const ByteView> signatures);

/// LP-505 verifyAggregatedSignature: signers[i] signed messages[i], each signer resolved through
/// `registry`. When all messages are byte-equal it runs FastAggregateVerify (one pairing pair per
/// call), otherwise AggregateVerify (one per distinct signer-message pair; POP makes repeated
/// messages and repeated signers safe). Error on: empty input (bls_registry.empty), counts that
/// differ (bls_registry.count), more than kMaxAggregated (bls_registry.too_many), an unknown signer
/// (bls_registry.unknown_signer, message names its index), a malformed aggregate (bls.*).
/// Otherwise true iff the aggregate verifies.
[[nodiscard]] Result<bool> verify_aggregated_signature(const SignerRegistry& registry, ByteView aggregated,
                                                       std::span<const ByteView> messages,
                                                       std::span<const Address> signers);

}  // namespace luxl2::crypto::bls
