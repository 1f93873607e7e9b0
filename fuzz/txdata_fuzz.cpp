// Transaction envelopes (Ethereum and LP-505 types): never crash; an accepted envelope re-encodes to
// exactly its bytes; its TransactionData round-trips through RLP and binary; hashing, signing hash
// and sender recovery never crash.
#include "luxl2/format/codec.hpp"
#include "luxl2/format/tx_data.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    const ByteView in(data, size);
    auto tx = format::from_envelope(in);
    if (!tx) return 0;
    auto env = format::to_envelope(*tx);
    LUXL2_ASSERT(env.has_value() && equal(*env, in));
    LUXL2_ASSERT(*format::rlp_decode<format::TransactionData>(format::rlp_encode(*tx)) == *tx);
    LUXL2_ASSERT(*format::binary_decode<format::TransactionData>(format::binary_encode(*tx)) == *tx);
    (void)format::tx_hash(*tx);
    (void)format::tx_signing_hash(*tx);
    (void)format::tx_sender(*tx);
    return 0;
}
