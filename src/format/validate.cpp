#include "luxl2/format/validate.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/limits.hpp"

namespace luxl2::format {
namespace {

std::unexpected<Error> invalid(std::string_view where, std::string msg) {
    Error e{errc::invalid, std::move(msg)};
    e.at(where);
    return std::unexpected(std::move(e));
}

Result<void> nest(Result<void> r, std::string_view where) {
    if (!r) r.error().at(where);
    return r;
}

template <class T>
Result<void> each(const std::vector<T>& v, std::string_view name) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (auto r = validate(v[i]); !r) return nest(std::move(r), std::string(name) + "[" + std::to_string(i) + "]");
    return {};
}

const U256 kBasisPoints = U256(10'000);

}  // namespace

Result<void> validate(const BlockHeader& h) {
    if (h.version == 0 || h.version > kFormatVersion)
        return fail(errc::unsupported, "header.version: format version " + std::to_string(h.version) +
                                           " is not supported (known: 1.." + std::to_string(kFormatVersion) + ")");
    if (h.gas_used > h.gas_limit) return invalid("header.gasUsed", "exceeds gasLimit");
    if (!h.signature.empty() && (h.signature.size() != 65 || h.signature[64] > 1))
        return invalid("header.signature", "must be empty or 65 bytes r ‖ s ‖ v with v ∈ {0, 1}");
    return {};
}

Result<void> validate(const TransactionData& tx) {
    auto r = check_payload(tx);
    if (!r) return fail(errc::invalid, r.error().to_string());
    return {};
}

Result<void> validate(const AccountDelta& d) {
    if (!d.balance_delta.canonical()) return invalid("balanceDelta", "not canonical (−0 or magnitude ≥ 2^255)");
    return {};
}

Result<void> validate(const StorageDelta& d) {
    if (d.keys.size() != d.values.size()) return invalid("values", "one value per key is required");
    for (std::size_t i = 1; i < d.keys.size(); ++i)
        if (!(d.keys[i - 1] < d.keys[i]))
            return invalid("keys[" + std::to_string(i) + "]", "keys must be strictly increasing");
    return {};
}

Result<void> validate(const StateTransition& s) {
    LUXL2_CHECK(each(s.account_deltas, "accountDeltas"));
    for (std::size_t i = 1; i < s.account_deltas.size(); ++i)
        if (!(s.account_deltas[i - 1].account < s.account_deltas[i].account))
            return invalid("accountDeltas[" + std::to_string(i) + "].account", "accounts must be strictly increasing");
    LUXL2_CHECK(each(s.storage_deltas, "storageDeltas"));
    for (std::size_t i = 1; i < s.storage_deltas.size(); ++i)
        if (!(s.storage_deltas[i - 1].contract < s.storage_deltas[i].contract))
            return invalid("storageDeltas[" + std::to_string(i) + "].contract",
                           "contracts must be strictly increasing");
    return {};
}

Result<void> validate(const ModelExecution&) {
    return {};
}

Result<void> validate(const ResourceUsage& r) {
    if (r.gpu_utilization > kBasisPoints) return invalid("gpuUtilization", "above 10000 basis points");
    return {};
}

Result<void> validate(const ComputeMetadata& m) {
    U256 sum;
    for (std::size_t i = 0; i < m.executions.size(); ++i)
        if (add_overflow(sum, m.executions[i].inference_count, sum))
            return invalid("executions", "inference counts overflow");
    if (sum > m.total_inferences) return invalid("totalInferences", "less than the executions' inference counts");
    return nest(validate(m.resources), "resources");
}

Result<void> validate(const ModelMetrics& m) {
    if (m.accuracy > kBasisPoints) return invalid("accuracy", "above 10000 basis points");
    return {};
}

Result<void> validate(const ComputeRequirements& r) {
    if (r.accelerator_type.size() > 64) return invalid("acceleratorType", "longer than 64 characters");
    for (char ch : r.accelerator_type)
        if (ch < 0x20 || ch > 0x7e) return invalid("acceleratorType", "must be printable ASCII");
    return {};
}

Result<void> validate(const CrossRollupMessage& m) {
    if (m.source_chain_id == m.target_chain_id) return invalid("targetChainId", "equals sourceChainId");
    if (m.message_hash != message_hash(m)) return invalid("messageHash", "does not match the message");
    return {};
}

Result<void> validate(const MessageBatch& b) {
    LUXL2_CHECK(each(b.messages, "messages"));
    if (b.batch_hash != messages_root(b.messages)) return invalid("batchHash", "is not the messages' root");
    return {};
}

Result<void> validate(const RoutingInfo& r) {
    if (r.path.size() < 2) return invalid("path", "needs a source and a target chain");
    if (r.fees.size() + 1 != r.path.size()) return invalid("fees", "one fee per hop is required");
    for (std::size_t i = 0; i < r.path.size(); ++i)
        for (std::size_t j = i + 1; j < r.path.size(); ++j)
            if (r.path[i] == r.path[j]) return invalid("path[" + std::to_string(j) + "]", "chain appears twice");
    return {};
}

Result<void> validate(const L2Block& b) {
    LUXL2_CHECK(nest(validate(b.header), "header"));
    LUXL2_CHECK(each(b.transactions, "transactions"));
    if (b.header.transactions_root != transactions_root(b.transactions))
        return invalid("header.transactionsRoot", "does not match the transactions");
    LUXL2_CHECK(nest(validate(b.state_transition), "stateTransition"));
    if (b.state_transition.new_state_root != b.header.state_root)
        return invalid("stateTransition.newStateRoot", "differs from header.stateRoot");
    LUXL2_CHECK(nest(validate(b.compute_metadata), "computeMetadata"));
    return each(b.messages, "messages");
}

Result<void> validate(const BatchedBlocks& b) {
    if (b.end_block < b.start_block) return invalid("endBlock", "before startBlock");
    if (U256(b.blocks.size()) != b.end_block - b.start_block + U256(1))
        return invalid("blocks", "count differs from endBlock − startBlock + 1");
    for (std::size_t i = 0; i < b.blocks.size(); ++i) {
        const std::string where = "blocks[" + std::to_string(i) + "]";
        LUXL2_CHECK(nest(validate(b.blocks[i]), where));
        if (b.blocks[i].header.block_number != b.start_block + U256(i))
            return invalid(where + ".header.blockNumber", "not consecutive");
        if (i > 0 && b.blocks[i].header.parent_hash != block_hash(b.blocks[i - 1].header))
            return invalid(where + ".header.parentHash", "is not the previous block's hash");
    }
    if (b.batch_root != batch_root(b.blocks)) return invalid("batchRoot", "is not the blocks' root");
    return {};
}

Result<void> validate(const AggregationStrategy& s) {
    if (s.max_blocks.is_zero()) return invalid("maxBlocks", "must be at least 1");
    if (s.max_size.is_zero()) return invalid("maxSize", "must be at least 1");
    return {};
}

Result<void> validate(const MerkleMultiProof& p) {
    if (p.proofs.size() != p.leaves.size()) return invalid("proofs", "one proof per leaf is required");
    if (p.indices.size() != p.leaves.size()) return invalid("indices", "one index per leaf is required");
    for (std::size_t i = 1; i < p.indices.size(); ++i)
        if (!(p.indices[i - 1] < p.indices[i]))
            return invalid("indices[" + std::to_string(i) + "]", "must be strictly increasing");
    return {};
}

Result<void> validate(const QuantumSignature& s) {
    switch (s.algorithm) {
        case PostQuantumAlgorithm::kSphincsShake256:
        case PostQuantumAlgorithm::kDilithium3:
        case PostQuantumAlgorithm::kFalcon512: break;
        case PostQuantumAlgorithm::kRainbow:
        case PostQuantumAlgorithm::kMcEliece:
            return invalid("algorithm", "Rainbow is broken and McEliece is not a signature scheme");
        default: return invalid("algorithm", "unknown algorithm " + std::to_string(static_cast<unsigned>(s.algorithm)));
    }
    if (s.public_key.empty()) return invalid("publicKey", "is empty");
    if (s.signature.empty()) return invalid("signature", "is empty");
    // The issue fixes securityLevel as the NIST category of the scheme (1..5), not bits.
    if (s.security_level.is_zero() || s.security_level > U256(5))
        return invalid("securityLevel", "must be a NIST security category, 1 to 5");
    return {};
}

Result<void> validate(const HybridSignature& s) {
    if (s.require_both ? s.classical_sig.size() != 65 : !(s.classical_sig.empty() || s.classical_sig.size() == 65))
        return invalid("classicalSig", "must be 65 bytes r ‖ s ‖ v");
    return nest(validate(s.quantum_sig), "quantumSig");
}

Result<void> validate(const CompressionConfig& c) {
    if (static_cast<unsigned>(c.algorithm) > static_cast<unsigned>(CompressionType::kCustom))
        return invalid("algorithm", "unknown compression");
    if (c.compression_level > U256(22)) return invalid("compressionLevel", "above 22");
    if (c.dictionary_size != U256(c.dictionary.size()))
        return invalid("dictionarySize", "differs from the dictionary's size");
    return {};
}

Result<void> validate(const CompressedBlock& c) {
    if (static_cast<unsigned>(c.compression) > static_cast<unsigned>(CompressionType::kCustom))
        return invalid("compression", "unknown compression");
    return {};
}

Result<void> validate(const StandardTransaction& t) {
    if (t.chain_id.is_zero()) return invalid("chainId", "must be set (EIP-155)");
    if (!t.nonce.fits_u64()) return invalid("nonce", "exceeds 2^64 − 1 (EIP-2681)");
    if (!t.gas_limit.fits_u64()) return invalid("gasLimit", "exceeds 2^64 − 1");
    return {};
}

Result<void> validate(const AIInferenceTransaction& t) {
    if (t.chain_id.is_zero()) return invalid("chainId", "must be set");
    if (t.max_gas.is_zero()) return invalid("maxGas", "must be positive");
    return nest(validate(t.requirements), "requirements");
}

Result<void> validate(const TrainingTransaction& t) {
    if (t.chain_id.is_zero()) return invalid("chainId", "must be set");
    if (t.job_id.is_zero()) return invalid("jobId", "must be set");
    return {};
}

}  // namespace luxl2::format
