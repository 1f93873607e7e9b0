#include "luxl2/batch/bls_proof.hpp"

#include <string>
#include <vector>

namespace luxl2::batch {

Result<Bytes> bls_aggregate_proof(std::span<const crypto::bls::Signature> sigs) {
    std::vector<ByteView> views;
    views.reserve(sigs.size());
    for (const auto& s : sigs) views.emplace_back(s.view());
    LUXL2_TRY(agg, crypto::bls::aggregate(views));
    return Bytes(agg.view().begin(), agg.view().end());
}

Result<void> BlsProofVerifier::register_key(const Address& sequencer, const crypto::bls::PublicKey& pk) {
    LUXL2_TRY(v, crypto::bls::validate_public_key(pk.view()));
    keys_[sequencer] = v;
    return {};
}

Result<void> BlsProofVerifier::verify(std::span<const Hash32> hashes, std::span<const Address> sequencers,
                                      ByteView proof) const {
    if (hashes.size() != sequencers.size() || hashes.empty())
        return fail(errc::bad_proof, "one sequencer per block hash is required");
    std::vector<crypto::bls::ValidatedPublicKey> pks;
    std::vector<ByteView> msgs;
    pks.reserve(hashes.size());
    msgs.reserve(hashes.size());
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const auto it = keys_.find(sequencers[i]);
        if (it == keys_.end())
            return fail(errc::unknown_signer, "no BLS key registered for the sequencer of block " + std::to_string(i));
        pks.push_back(it->second);
        msgs.emplace_back(hashes[i].view());
    }
    auto ok = crypto::bls::aggregate_verify(pks, msgs, proof);
    if (!ok) return fail(errc::bad_proof, "malformed aggregate: " + ok.error().to_string());
    if (!*ok) return fail(errc::bad_proof, "AggregateVerify failed");
    return {};
}

}  // namespace luxl2::batch
