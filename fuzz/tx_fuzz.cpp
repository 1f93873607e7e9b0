// Transaction decoder: never crashes; an accepted transaction re-encodes to exactly its input bytes,
// and hashing, signing-hash and sender recovery run on it without crashing.
#include <cstdint>

#include "luxl2/format/transaction.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const luxl2::ByteView in(data, size);
    auto tx = luxl2::format::decode_transaction(in, {.max_bytes = 1 << 20});
    if (!tx) return 0;
    const luxl2::Bytes out = luxl2::format::encode_transaction(*tx);
    LUXL2_ASSERT(luxl2::equal(out, in));
    (void)luxl2::format::transaction_hash(*tx);
    (void)luxl2::format::recover_sender(*tx);
    (void)luxl2::format::validate_transaction(*tx, {});
    return 0;
}
