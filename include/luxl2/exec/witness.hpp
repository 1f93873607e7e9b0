// Witnesses for one transaction: every account and slot it reads (and so every key it writes, since
// it reads each before writing it), with their pre-state values, and re-execution over the witness
// alone. A fraud proof names one transaction; the challenger re-executes it over its witness and
// compares the post-state with the receipt's root.
//
// With a commitment that has compact proofs (the sparse Merkle tree), the witness carries one proof of
// all its entries against `pre_root`, and reexecute() checks it before running, so a witness cannot
// lie about the pre-state. Computing the post-state root from the witness alone (a stateless update
// of the proof) is the fraud-proof issue's; until then the post root comes from the full state.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "luxl2/exec/transition.hpp"
#include "luxl2/format/tx_data.hpp"
#include "luxl2/state/commitment.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::exec {

inline constexpr std::string_view witness_incomplete = "exec.witness_incomplete";
inline constexpr std::string_view witness_proof = "exec.witness_proof";  // the proof does not show the pre-state

struct Witness {
    std::map<Address, state::Account> accounts;        // pre-state, empty if absent
    std::map<std::pair<Address, Hash32>, U256> slots;  // pre-state, zero if absent
    std::map<Hash32, Bytes> codes;                     // code hash → code
    Hash32 pre_root;
    std::optional<Bytes> proof;  // of every entry against pre_root, when the commitment has proofs
    /// The commitment keys touched (read or written), sorted.
    [[nodiscard]] std::vector<Hash32> keys() const;
    /// The entries as commitment leaves (empty accounts and zero slots as absent), sorted by key.
    [[nodiscard]] std::vector<state::StateChange> claims() const;
    friend bool operator==(const Witness&, const Witness&) = default;
};

struct WitnessRun {
    Witness witness;
    TxResult result;
    std::vector<state::StateChange> post;  // the leaves the transaction changed, by key
};

/// Executes `tx` over `pre` (not modified), recording what it touches (no proof).
[[nodiscard]] Result<WitnessRun> generate_witness(const state::StateReader& pre, const Hash32& pre_root,
                                                  const BlockEnv& env, const format::Transaction& tx,
                                                  const Address& sender, std::uint64_t gas_available);
/// Executes `tx` over `db`'s current state (committed plus pending; not modified) and adds the
/// commitment's proof of the entries against db.root(), when it has proofs.
[[nodiscard]] Result<WitnessRun> generate_witness(const state::StateDb& db, const BlockEnv& env,
                                                  const format::Transaction& tx, const Address& sender,
                                                  std::uint64_t gas_available);

struct Reexecution {
    TxResult result;
    std::vector<state::StateChange> post;
};

/// Re-executes `tx` over `w` alone. A read outside the witness fails with witness_incomplete. With
/// `verifier` (a commitment of the kind that made the proof), first checks w.proof against
/// w.pre_root (witness_proof when it is missing or wrong).
[[nodiscard]] Result<Reexecution> reexecute(const Witness& w, const BlockEnv& env, const format::Transaction& tx,
                                            const Address& sender, std::uint64_t gas_available,
                                            const state::StateCommitment* verifier = nullptr);

/// The same for a 0x53 Compressed transaction (exec/compressed.hpp): decoded, verified and applied
/// over what it reads, which the witness records — the inner accounts, the senders' registered keys
/// and the account index the body decodes against (today the whole index: two registry slots per
/// registered account, as a fresh BlsAccountCache reads it; the index's running hash would let a
/// later version prove only the entries the body names).
[[nodiscard]] Result<WitnessRun> generate_compressed_witness(const state::StateDb& db, const BlockEnv& env,
                                                             const format::TransactionData& td,
                                                             std::uint64_t gas_available);
[[nodiscard]] Result<Reexecution> reexecute_compressed(const Witness& w, const BlockEnv& env,
                                                       const format::TransactionData& td, std::uint64_t gas_available,
                                                       const state::StateCommitment* verifier = nullptr);

}  // namespace luxl2::exec
