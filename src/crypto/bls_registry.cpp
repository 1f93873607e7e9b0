// LP-505 BLS signer registry and aggregate verification (contract in bls_registry.hpp).
#include "luxl2/crypto/bls_registry.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::crypto::bls {

Address signer_address(const PublicKey& pk) noexcept {
    const Hash32 h = keccak256(pk.view());
    Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

Address account_address(const PublicKey& pk) noexcept {
    auto h = keccak256_hasher();
    h.absorb(ByteView(reinterpret_cast<const std::uint8_t*>(kAccountAddressTag.data()), kAccountAddressTag.size()));
    h.absorb(pk.view());
    Hash32 d;
    h.squeeze(std::span<std::uint8_t>(d.data(), 32));
    Address a;
    std::copy(d.bytes.begin() + 12, d.bytes.end(), a.bytes.begin());
    return a;
}

Result<Address> SignerRegistry::register_signer(ByteView pubkey, ByteView pop) {
    // KeyValidate first: a malformed key gets its precise bls.* code, and the address below is then
    // taken over a canonical encoding, so one key has exactly one address.
    LUXL2_TRY(point, validate_public_key(pubkey));
    PublicKey compressed;
    std::copy(pubkey.begin(), pubkey.end(), compressed.bytes.begin());
    const Address addr = address_of(compressed);
    if (signers_.contains(addr))
        return fail(errc::kRegistryDuplicate, "signer " + to_hex(addr) + " already registered");
    LUXL2_TRY(ok, pop_verify(pubkey, pop));
    if (!ok) return fail(errc::kRegistryBadPop, "proof of possession does not verify for " + to_hex(addr));
    signers_.emplace(addr, Entry{compressed, point});
    return addr;
}

const ValidatedPublicKey* SignerRegistry::find(const Address& signer) const noexcept {
    const auto it = signers_.find(signer);
    return it == signers_.end() ? nullptr : &it->second.point;
}

std::optional<PublicKey> SignerRegistry::public_key(const Address& signer) const {
    const auto it = signers_.find(signer);
    if (it == signers_.end()) return std::nullopt;
    return it->second.compressed;
}

Result<Signature> aggregate_signatures(std::span<const ByteView> signatures) {
    if (signatures.empty()) return fail(errc::kRegistryEmpty, "no signatures to aggregate");
    if (signatures.size() > kMaxAggregated)
        return fail(errc::kRegistryTooMany, std::to_string(signatures.size()) + " signatures exceed the limit");
    return aggregate(signatures);
}

Result<bool> verify_aggregated_signature(const SignerRegistry& registry, ByteView aggregated,
                                         std::span<const ByteView> messages, std::span<const Address> signers) {
    if (messages.empty() || signers.empty()) return fail(errc::kRegistryEmpty, "no signers or no messages");
    if (messages.size() != signers.size())
        return fail(errc::kRegistryCount,
                    std::to_string(signers.size()) + " signers but " + std::to_string(messages.size()) + " messages");
    if (signers.size() > kMaxAggregated)
        return fail(errc::kRegistryTooMany, std::to_string(signers.size()) + " signers exceed the limit");

    std::vector<ValidatedPublicKey> keys;
    keys.reserve(signers.size());
    for (std::size_t i = 0; i < signers.size(); ++i) {
        const ValidatedPublicKey* k = registry.find(signers[i]);
        if (!k)
            return fail(errc::kRegistryUnknown,
                        "signer " + std::to_string(i) + " (" + to_hex(signers[i]) + ") is not registered");
        keys.push_back(*k);
    }

    const ByteView first = messages.front();
    const bool same =
        std::all_of(messages.begin() + 1, messages.end(), [&](ByteView m) { return std::ranges::equal(m, first); });
    // One common message: the keys add up to one, so a single pairing check instead of n.
    if (same) return fast_aggregate_verify(keys, first, aggregated);
    return aggregate_verify(keys, messages, aggregated);
}

}  // namespace luxl2::crypto::bls
