// The node's stored encodings (accounts, slot values, receipts, block records): never crash, and
// whatever decodes re-encodes to exactly the input (the decoders accept only canonical forms). The
// first byte picks the decoder.
#include <cstdint>

#include "luxl2/exec/receipt.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/state/account.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace luxl2;
    if (size == 0) return 0;
    const ByteView in(data + 1, size - 1);
    switch (data[0] % 4) {
        case 0:
            if (auto a = state::decode_account(in)) LUXL2_ASSERT(equal(state::encode_account(*a), in));
            break;
        case 1:
            if (auto v = state::decode_slot_value(in)) LUXL2_ASSERT(equal(state::encode_slot_value(*v), in));
            break;
        case 2:
            if (auto r = exec::decode_receipt(in)) LUXL2_ASSERT(equal(exec::encode_receipt(*r), in));
            break;
        default:
            if (auto b = node::decode_block_record(in)) LUXL2_ASSERT(equal(node::encode_block_record(*b), in));
            break;
    }
    return 0;
}
