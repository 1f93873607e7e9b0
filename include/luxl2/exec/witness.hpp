// Witnesses for one transaction: every account and slot it reads (and so every key it writes, since
// it reads each before writing it), with their pre-state values, and re-execution over the witness
// alone. A fraud proof names one transaction; the challenger re-executes it over its witness and
// compares the post-state with the receipt's root.
//
// Until the sparse Merkle tree lands, a witness holds values without inclusion proofs: `pre_root`
// and `post_root` are bound by the full state (StateDb), not by the witness; with the SMT each entry
// gains a compressed proof against pre_root and reexecute() recomputes post_root from the proofs.
#pragma once

#include <map>
#include <utility>
#include <vector>

#include "luxl2/exec/transition.hpp"
#include "luxl2/state/commitment.hpp"

namespace luxl2::exec {

inline constexpr std::string_view witness_incomplete = "exec.witness_incomplete";

struct Witness {
    std::map<Address, state::Account> accounts;                         // pre-state, empty if absent
    std::map<std::pair<Address, Hash32>, U256> slots;                   // pre-state, zero if absent
    std::map<Hash32, Bytes> codes;                                      // code hash → code
    Hash32 pre_root;
    /// The commitment keys touched (read or written), sorted.
    [[nodiscard]] std::vector<Hash32> keys() const;
    friend bool operator==(const Witness&, const Witness&) = default;
};

struct WitnessRun {
    Witness witness;
    TxResult result;
    std::vector<state::StateChange> post;  // the leaves the transaction changed, by key
};

/// Executes `tx` over `pre` (not modified), recording what it touches.
[[nodiscard]] Result<WitnessRun> generate_witness(const state::StateReader& pre, const Hash32& pre_root, const BlockEnv& env,
                                                  const format::Transaction& tx, const Address& sender,
                                                  std::uint64_t gas_available);

struct Reexecution {
    TxResult result;
    std::vector<state::StateChange> post;
};

/// Re-executes `tx` over `w` alone. A read outside the witness fails with witness_incomplete.
[[nodiscard]] Result<Reexecution> reexecute(const Witness& w, const BlockEnv& env, const format::Transaction& tx,
                                            const Address& sender, std::uint64_t gas_available);

}  // namespace luxl2::exec
