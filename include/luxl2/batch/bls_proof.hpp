// The BLS form of a batch's aggregated proof: each block's sequencer signs block_hash (32 bytes) with
// BLS12-381 (the POP ciphersuite of crypto/bls12_381.hpp); aggregatedProof is the 96-byte aggregate of
// those signatures, checked with AggregateVerify against the public keys registered per sequencer.
// Block hashes in a chain are distinct, as AggregateVerify requires.
#pragma once

#include <map>
#include <span>

#include "luxl2/batch/batch.hpp"
#include "luxl2/crypto/bls12_381.hpp"

namespace luxl2::batch {

/// aggregate(signatures) as proof bytes; errors from crypto::bls (empty list, malformed signature).
[[nodiscard]] Result<Bytes> bls_aggregate_proof(std::span<const crypto::bls::Signature> sigs);

/// Verifies aggregated proofs against a registry sequencer address → BLS public key.
class BlsProofVerifier final : public ProofVerifier {
public:
    /// Registers (or replaces) a sequencer's key; refuses a key that fails KeyValidate. Callers
    /// should have checked its proof of possession (crypto::bls::pop_verify).
    [[nodiscard]] Result<void> register_key(const Address& sequencer, const crypto::bls::PublicKey& pk);
    /// Refuses: a sequencer without a key (batch.unknown_signer), a malformed aggregate or a failing
    /// AggregateVerify (batch.bad_proof).
    [[nodiscard]] Result<void> verify(std::span<const Hash32> hashes, std::span<const Address> sequencers,
                                      ByteView proof) const override;

private:
    std::map<Address, crypto::bls::ValidatedPublicKey> keys_;
};

}  // namespace luxl2::batch
