// BLS keys for `luxl2 batch create|verify`: the aggregated proof of a batch (batch/bls_proof.hpp).
// Keys are matched to the batch's distinct sequencer addresses in the order they first appear:
//   create  --bls-key SK_HEX ...   one key signs every block, or one key per distinct sequencer;
//   verify  --bls-pub [ADDRESS=]PK_HEX ...   an entry with an address registers that sequencer's key;
//           entries without one go, in order, to the sequencers left (one entry: all of them).
// A key file holds one such value per line; blank lines and lines starting with '#' are skipped.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "luxl2/batch/bls_proof.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/format/block.hpp"

namespace luxl2::cli::batch_bls {

/// The values given on the command line followed by the lines of `file` (when not empty).
[[nodiscard]] Result<std::vector<std::string>> gather(const std::vector<std::string>& args, const std::string& file);

/// Distinct header.sequencer addresses of `blocks`, in order of first appearance.
[[nodiscard]] std::vector<Address> sequencers_of(std::span<const format::L2Block> blocks);

struct Signed {
    Bytes proof;                                                   // the 96-byte aggregate
    std::vector<std::pair<Address, crypto::bls::PublicKey>> keys;  // one per distinct sequencer
};
/// Each block's sequencer key signs block_hash(header); the signatures are aggregated.
[[nodiscard]] Result<Signed> sign_blocks(std::span<const format::L2Block> blocks,
                                         const std::vector<std::string>& secret_hex);

/// A verifier with the keys of `entries` ("[ADDRESS=]PK_HEX") registered for `sequencers`.
[[nodiscard]] Result<batch::BlsProofVerifier> make_verifier(const std::vector<std::string>& entries,
                                                            std::span<const Address> sequencers);

}  // namespace luxl2::cli::batch_bls
