#include "luxl2/node/user_tx.hpp"

#include "luxl2/exec/quantum.hpp"
#include "luxl2/format/quantum_tx.hpp"

namespace luxl2::node {

Result<exec::SignedTx> verified_quantum_tx(format::TransactionData td, const format::Rules& rules,
                                           const format::TxLimits& limits) {
    if (td.tx_type != format::lp505_type::kQuantum) return fail(format::txdata_errc::wrong_type, "not a 0x54");
    LUXL2_TRY(q, format::decode_tx_payload<format::QuantumTransaction>(td, limits));
    // The chain id first: a signature over another chain's transaction is not worth verifying.
    if (!rules.chain_id || q.chain_id != *rules.chain_id)
        return fail(exec::errc::invalid_chain_id,
                    "invalid chain id for signer: have " + q.chain_id.to_string() + " want " +
                        (rules.chain_id ? rules.chain_id->to_string() : std::string("none")));
    LUXL2_TRY(sender, format::verify_quantum_tx(td, limits));
    LUXL2_TRY(hash, format::tx_hash(td));
    exec::SignedTx out{exec::eip1559_equivalent(q), sender, hash};
    out.lp505 = std::move(td);
    out.signature_verified = true;
    return out;
}

Result<exec::SignedTx> block_user_tx(const format::TransactionData& td, const format::Rules& rules) {
    if (td.tx_type == format::lp505_type::kQuantum) return verified_quantum_tx(td, rules);
    if (td.tx_type == format::lp505_type::kCompressed) {
        LUXL2_CHECK(format::check_payload(td));
        LUXL2_TRY(hash, format::tx_hash(td));
        exec::SignedTx out{{}, {}, hash};
        out.lp505 = td;
        return out;
    }
    if (!format::is_ethereum_tx_type(td.tx_type))
        return fail(format::txdata_errc::wrong_type,
                    "transaction type " + std::to_string(td.tx_type) + " is not a user transaction this node executes");
    LUXL2_TRY(tx, format::decode_transaction(td.payload));
    LUXL2_TRY(sender, format::validate_transaction(tx, rules));
    const Hash32 h = format::transaction_hash(tx);
    return exec::SignedTx{std::move(tx), sender, h};
}

}  // namespace luxl2::node
