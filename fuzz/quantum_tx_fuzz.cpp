// 0x54 Quantum transactions: an input is `0x54 ‖ rlp([fields…, signature])`, or the LP-505
// HybridSignature/QuantumSignature RLP when it starts with another byte. Never crash; an accepted
// envelope re-encodes to exactly its bytes and its JSON form reads back to the same transaction;
// verification only ever accepts or rejects (a mutated signature never verifies, checked against
// the unmutated seed's verdict by the replay corpus holding valid transactions too).
#include "luxl2/format/codec.hpp"
#include "luxl2/format/quantum_sig.hpp"
#include "luxl2/format/quantum_tx.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    if (size > 0 && data[0] == format::lp505_type::kQuantum) {
        auto tx = format::from_envelope(in);
        if (!tx) return 0;
        LUXL2_ASSERT(tx->tx_type == format::lp505_type::kQuantum);
        auto env = format::to_envelope(*tx);
        LUXL2_ASSERT(env.has_value() && equal(*env, in));
        auto j = format::quantum_tx_to_json(*tx);
        LUXL2_ASSERT(j.has_value());
        auto back = format::quantum_tx_from_json(*j);
        LUXL2_ASSERT(back.has_value() && *back == *tx);
        auto sender = format::verify_quantum_tx(*tx);
        // A verified transaction's sender is the derived one; a failure is a typed error.
        if (sender)
            LUXL2_ASSERT(*sender == *format::tx_sender(*tx));
        else
            LUXL2_ASSERT(!sender.error().code.empty());
        return 0;
    }
    auto h = format::rlp_decode<format::HybridSignature>(in);
    if (!h) return 0;
    LUXL2_ASSERT(equal(format::rlp_encode(*h), in));
    const Hash32 m{};
    auto v = format::verify_hybrid_signature(m, *h, Address{}, h->quantum_sig.public_key);
    if (v) LUXL2_ASSERT(v->valid == (h->require_both ? v->classical && v->quantum : v->classical || v->quantum));
    (void)format::verify_quantum_signature(m, h->quantum_sig);
    return 0;
}
