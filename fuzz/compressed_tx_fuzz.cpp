// 0x53 Compressed body decoder (both body formats): never crashes; whatever it accepts re-encodes and
// decodes to the same inner transactions. Input: byte 0 = the body format (0 columnar, 1 indexed,
// against the fixed index below), then the body; the count is read from the body's header.
#include <cstdint>

#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace {

using namespace luxl2;

// Eight accounts, address keccak256(i)[12..32], next nonce 3·i (the seed corpus uses the same).
const compress::AccountIndex& fuzz_index() {
    static const auto ix = [] {
        compress::AccountIndex out;
        for (std::uint8_t i = 0; i < 8; ++i) {
            const Hash32 h = crypto::keccak256(ByteView(&i, 1));
            out.add(Address::from_view(h.view().subspan(12)), 3u * i);
        }
        return out;
    }();
    return ix;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    format::CompressedTransaction c;
    c.chain_id = U256(1337);
    c.body_format = data[0];
    c.body.assign(data + 1, data + size);
    // The count the body claims (columnar: after version and flags).
    ByteView head(c.body);
    if (c.body_format == 0) head = head.size() > 2 ? head.subspan(2) : ByteView{};
    auto n = get_varint(head);
    c.count = n ? *n : 1;
    compress::CompressedLimits limits;
    limits.max_txs = 4096;
    limits.max_body_output = 4u << 20;
    auto batch = compress::decode_compressed(c, &fuzz_index(), limits);
    if (!batch) return 0;
    LUXL2_ASSERT(!batch->txs.empty() && batch->txs.size() == c.count);
    auto again = compress::encode_compressed(*batch, static_cast<compress::BodyFormat>(c.body_format), &fuzz_index());
    LUXL2_ASSERT(again.has_value());
    auto back = compress::decode_compressed(*again, &fuzz_index(), limits);
    LUXL2_ASSERT(back && *back == *batch);
    return 0;
}
