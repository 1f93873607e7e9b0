#include "luxl2/node/rollup_rpc.hpp"

#include <algorithm>

#include "luxl2/core/hex.hpp"
#include "luxl2/node/batch_data.hpp"
#include "luxl2/node/withdrawals.hpp"

namespace luxl2::node {
namespace {

using json = nlohmann::json;

std::string qty(const U256& v) {
    return v.to_hex();
}
std::string qty(std::uint64_t v) {
    return U256(v).to_hex();
}

[[noreturn]] void bad_params(const std::string& msg) {
    throw RpcError{rpc_code::invalid_params, msg};
}

template <class T>
T ok(Result<T> r) {
    if (!r) throw RpcError{rpc_code::server_error, r.error().to_string()};
    return std::move(*r);
}
void ok(Result<void> r) {
    if (!r) throw RpcError{rpc_code::server_error, r.error().to_string()};
}

const json& param(const json& params, std::size_t i) {
    static const json null;
    return params.is_array() && i < params.size() ? params[i] : null;
}

U256 quantity(const json& j, const char* what) {
    if (j.is_number_unsigned()) return U256(j.get<std::uint64_t>());
    if (!j.is_string()) bad_params(std::string(what) + " must be a hex quantity");
    auto v = U256::from_hex(j.get<std::string>());
    if (!v) bad_params(std::string(what) + ": " + v.error().message);
    return *v;
}
std::uint64_t u64(const json& j, const char* what) {
    const U256 v = quantity(j, what);
    if (!v.fits_u64()) bad_params(std::string(what) + " exceeds 64 bits");
    return v.low64();
}
template <std::size_t N>
FixedBytes<N> fixed(const json& j, const char* what) {
    if (!j.is_string()) bad_params(std::string(what) + " must be a hex string");
    auto v = from_hex_fixed<N>(j.get<std::string>());
    if (!v) bad_params(std::string(what) + ": " + v.error().message);
    return *v;
}
Bytes data(const json& j) {
    if (j.is_null()) return {};
    if (!j.is_string()) bad_params("data must be hex");
    auto v = from_hex(j.get<std::string>());
    if (!v) bad_params("data: " + v.error().message);
    return *v;
}

json message_json(const l1::L2Message& m) {
    return {{"sender", to_hex(m.sender)},   {"target", to_hex(m.target)}, {"value", qty(m.value)},
            {"gasLimit", qty(m.gas_limit)}, {"data", to_hex(m.data)},     {"nonce", qty(m.nonce)}};
}

class RollupMethods {
public:
    explicit RollupMethods(RollupRpcContext ctx) : c_(std::move(ctx)) {}

    std::optional<json> operator()(const std::string& method, const json& params) const {
        if (method == "rollup_getBatch") return get_batch(u64(param(params, 0), "batch number"));
        if (method == "rollup_getOutput") return get_output(u64(param(params, 0), "batch number"));
        if (method == "rollup_getWithdrawalProof") return withdrawal(fixed<32>(param(params, 0), "txHash"));
        if (method == "rollup_l1Status") return status();
        if (method == "rollup_getL1Balance") return qty(ok(c_.l1->balance(fixed<20>(param(params, 0), "address"))));
        if (method == "rollup_depositToL2") return deposit(param(params, 0));
        if (method == "rollup_finalizeWithdrawal") return finalize(param(params, 0));
        return std::nullopt;
    }

private:
    json get_batch(std::uint64_t n) const {
        const auto b = ok(c_.l1->batch(n));
        if (!b) return nullptr;
        const Bytes payload = ok(c_.l1->batch_data(n)).value();
        const Bytes d = ok(from_l1_payload(payload));
        const auto range = ok(block_batch_range(d));
        return {{"batchNumber", qty(n)},
                {"batchHash", to_hex(b->batch_hash)},
                {"parentBatchHash", to_hex(b->header.parent_batch_hash)},
                {"stateRoot", to_hex(b->header.state_root)},
                {"transactionRoot", to_hex(b->header.transaction_root)},
                {"timestamp", qty(b->header.timestamp)},
                {"sequencer", to_hex(b->header.sequencer)},
                {"l1BlockNumber", qty(b->l1_block)},
                {"l1Timestamp", qty(b->l1_timestamp)},
                {"firstBlock", qty(range.first)},
                {"lastBlock", qty(range.second)},
                {"dataHash", to_hex(b->data_hash)},
                {"dataSize", qty(b->data_size)},
                {"frames", qty(ok(frame_count(payload)))}};
    }

    json get_output(std::uint64_t n) const {
        const auto o = ok(c_.l1->output(n));
        if (!o) return nullptr;
        const auto cfg = ok(c_.l1->config());
        const U256 ends = U256(o->proposed_l1_timestamp) + (cfg ? cfg->challenge_period : U256());
        return {{"batchNumber", qty(n)},
                {"stateRoot", to_hex(o->state_root)},
                {"status", std::string(l1::to_string(o->status))},
                {"proposer", to_hex(o->proposer)},
                {"bond", qty(o->bond)},
                {"l2BlockNumber", qty(o->output.l2_block_number)},
                {"l2BlockHash", to_hex(o->output.l2_block_hash)},
                {"messageRoot", to_hex(o->output.message_root)},
                {"messageCount", qty(o->output.message_count)},
                {"proposedL1Block", qty(o->proposed_l1_block)},
                {"proposedL1Timestamp", qty(o->proposed_l1_timestamp)},
                {"challengePeriodEnds", qty(ends)},
                {"finalizedL1Block",
                 o->status == l1::OutputStatus::kFinalized ? json(qty(o->finalized_l1_block)) : json(nullptr)}};
    }

    json withdrawal(const Hash32& tx) const {
        const auto w = ok(withdrawal_proof(*c_.l1, *c_.chain, *c_.blocks, c_.rules, tx));
        return {{"message", message_json(w.message)},
                {"messageHash", to_hex(w.proof.message_hash)},
                {"withdrawalId", qty(U256::from_be32(w.proof.message_hash.data()))},
                {"batchNumber", qty(w.batch_number)},
                {"batchHash", to_hex(w.proof.batch_hash)},
                {"messageIndex", qty(w.proof.message_index)},
                {"merkleProof", to_hex(w.proof.merkle_proof)},
                {"outputStatus", w.output_status ? json(std::string(l1::to_string(*w.output_status))) : json(nullptr)},
                {"proof", to_hex(w.encoded)}};
    }

    json status() const {
        const auto h = ok(c_.l1->head());
        const auto cfg = ok(c_.l1->config());
        json out = {{"l1BlockNumber", qty(h.number)},
                    {"l1Timestamp", qty(h.timestamp)},
                    {"batches", qty(ok(c_.l1->batch_count()))},
                    {"finalized", qty(ok(c_.l1->finalized_count()))}};
        if (cfg) {
            out["sequencer"] = to_hex(cfg->sequencer);
            out["proposer"] = to_hex(cfg->proposer);
            out["challengePeriod"] = qty(cfg->challenge_period);
            out["minStake"] = qty(cfg->min_stake);
        }
        return out;
    }

    Address acting(const json& req) const {
        if (!req.is_object()) bad_params("expected an object {from, ...}");
        const Address from = fixed<20>(req.value("from", json()), "from");
        if (std::find(c_.l1_accounts.begin(), c_.l1_accounts.end(), from) == c_.l1_accounts.end())
            bad_params("from is not one of the devnet's L1 accounts");
        return from;
    }

    json deposit(const json& req) const {
        const Address from = acting(req);
        const U256 value = quantity(req.value("value", json("0x0")), "value");
        const Bytes user = data(req.value("data", json()));
        const U256 nonce = ok(c_.l1->deposit_to_l2({from, value}, {}, value, user));
        const auto q = ok(c_.l1->queued_messages(nonce.low64(), 1));
        return {{"nonce", qty(nonce)}, {"messageHash", q.empty() ? json(nullptr) : json(to_hex(q[0].message_hash))}};
    }

    json finalize(const json& req) const {
        const Address from = acting(req);
        const auto w = ok(withdrawal_proof(*c_.l1, *c_.chain, *c_.blocks, c_.rules,
                                           fixed<32>(req.value("txHash", json()), "txHash")));
        const U256 id = U256::from_be32(w.proof.message_hash.data());
        ok(c_.l1->finalize_withdrawal({from, {}}, id, w.encoded));
        return {{"withdrawalId", qty(id)}, {"recipient", to_hex(w.message.target)}, {"value", qty(w.message.value)}};
    }

    RollupRpcContext c_;
};

}  // namespace

Rpc::Extension rollup_rpc(RollupRpcContext ctx) {
    return RollupMethods(std::move(ctx));
}

}  // namespace luxl2::node
