#include "luxl2/exec/witness.hpp"

#include <algorithm>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/compressed.hpp"

namespace luxl2::exec {
namespace {

// Reads through to `base` and keeps the first value seen of every key.
class RecordingReader final : public state::StateReader {
public:
    RecordingReader(const state::StateReader& base, Witness& w) : base_(base), w_(w) {}
    Result<state::Account> account(const Address& a) const override {
        if (auto it = w_.accounts.find(a); it != w_.accounts.end()) return it->second;
        LUXL2_TRY(acc, base_.account(a));
        w_.accounts.emplace(a, acc);
        if (acc.has_code()) {
            LUXL2_TRY(c, base_.code(acc.code_hash));
            w_.codes.emplace(acc.code_hash, std::move(c));
        }
        return acc;
    }
    Result<U256> storage(const Address& a, const Hash32& slot) const override {
        if (auto it = w_.slots.find({a, slot}); it != w_.slots.end()) return it->second;
        LUXL2_TRY(v, base_.storage(a, slot));
        w_.slots.emplace(std::pair{a, slot}, v);
        return v;
    }
    Result<Bytes> code(const Hash32& h) const override {
        LUXL2_TRY(c, base_.code(h));
        if (h != state::kEmptyCodeHash) w_.codes.emplace(h, c);
        return c;
    }

private:
    const state::StateReader& base_;
    Witness& w_;
};

class WitnessReader final : public state::StateReader {
public:
    explicit WitnessReader(const Witness& w) : w_(w) {}
    Result<state::Account> account(const Address& a) const override {
        auto it = w_.accounts.find(a);
        if (it == w_.accounts.end()) return fail(witness_incomplete, "witness lacks account " + to_hex(a));
        return it->second;
    }
    Result<U256> storage(const Address& a, const Hash32& slot) const override {
        auto it = w_.slots.find({a, slot});
        if (it == w_.slots.end())
            return fail(witness_incomplete, "witness lacks slot " + to_hex(slot) + " of " + to_hex(a));
        return it->second;
    }
    Result<Bytes> code(const Hash32& h) const override {
        if (h == state::kEmptyCodeHash) return Bytes{};
        auto it = w_.codes.find(h);
        if (it == w_.codes.end()) return fail(witness_incomplete, "witness lacks code " + to_hex(h));
        return it->second;
    }

private:
    const Witness& w_;
};

std::vector<state::StateChange> sorted_changes(const state::Overlay& o) {
    auto c = o.changes();
    std::sort(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return c;
}

}  // namespace

std::vector<Hash32> Witness::keys() const {
    std::vector<Hash32> out;
    for (const auto& [a, acc] : accounts) out.push_back(state::account_key(a));
    for (const auto& [k, v] : slots) out.push_back(state::storage_key(k.first, k.second));
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<state::StateChange> Witness::claims() const {
    std::vector<state::StateChange> out;
    for (const auto& [a, acc] : accounts)
        out.push_back(
            {state::account_key(a), acc.is_empty() ? std::nullopt : std::optional<Bytes>(state::encode_account(acc))});
    for (const auto& [k, v] : slots)
        out.push_back({state::storage_key(k.first, k.second),
                       v.is_zero() ? std::nullopt : std::optional<Bytes>(state::encode_slot_value(v))});
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
    return out;
}

Result<WitnessRun> generate_witness(const state::StateDb& db, const BlockEnv& env, const format::Transaction& tx,
                                    const Address& sender, std::uint64_t gas_available) {
    const auto pending = db.pending().changes();
    LUXL2_TRY(run, generate_witness(db, db.commitment().root_with(pending), env, tx, sender, gas_available));
    run.witness.proof = db.commitment().prove_with(pending, run.witness.keys());
    return run;
}

Result<WitnessRun> generate_witness(const state::StateReader& pre, const Hash32& pre_root, const BlockEnv& env,
                                    const format::Transaction& tx, const Address& sender, std::uint64_t gas_available) {
    WitnessRun run;
    run.witness.pre_root = pre_root;
    RecordingReader rec(pre, run.witness);
    state::Overlay overlay(rec);
    LUXL2_TRY(result, apply_transaction(overlay, env, tx, sender, gas_available));
    run.result = std::move(result);
    run.post = sorted_changes(overlay);
    return run;
}

namespace {

Result<void> check_proof(const Witness& w, const state::StateCommitment* verifier) {
    if (!verifier) return {};
    if (!w.proof) return fail(witness_proof, "witness carries no proof");
    const auto claims = w.claims();
    if (auto ok = verifier->verify(w.pre_root, *w.proof, claims); !ok)
        return fail(witness_proof, "witness pre-state: " + ok.error().message);
    return {};
}

}  // namespace

Result<WitnessRun> generate_compressed_witness(const state::StateDb& db, const BlockEnv& env,
                                               const format::TransactionData& td, std::uint64_t gas_available) {
    const auto pending = db.pending().changes();
    WitnessRun run;
    run.witness.pre_root = db.commitment().root_with(pending);
    RecordingReader rec(db, run.witness);
    state::Overlay overlay(rec);
    BlsAccountCache cache;  // fresh: every registry read goes through the recorder
    LUXL2_TRY(result, apply_compressed_transaction(overlay, env, td, gas_available, cache));
    run.result = std::move(result.result);
    run.post = sorted_changes(overlay);
    run.witness.proof = db.commitment().prove_with(pending, run.witness.keys());
    return run;
}

Result<Reexecution> reexecute_compressed(const Witness& w, const BlockEnv& env, const format::TransactionData& td,
                                         std::uint64_t gas_available, const state::StateCommitment* verifier) {
    LUXL2_CHECK(check_proof(w, verifier));
    WitnessReader reader(w);
    state::Overlay overlay(reader);
    BlsAccountCache cache;
    LUXL2_TRY(result, apply_compressed_transaction(overlay, env, td, gas_available, cache));
    return Reexecution{std::move(result.result), sorted_changes(overlay)};
}

Result<Reexecution> reexecute(const Witness& w, const BlockEnv& env, const format::Transaction& tx,
                              const Address& sender, std::uint64_t gas_available,
                              const state::StateCommitment* verifier) {
    LUXL2_CHECK(check_proof(w, verifier));
    WitnessReader reader(w);
    state::Overlay overlay(reader);
    LUXL2_TRY(result, apply_transaction(overlay, env, tx, sender, gas_available));
    return Reexecution{std::move(result), sorted_changes(overlay)};
}

}  // namespace luxl2::exec
