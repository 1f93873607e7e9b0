// A small cross-rollup message for the xrollup tests.
#pragma once

#include "luxl2/core/hex.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/messages.hpp"

namespace luxl2::xrollup::test {

inline format::CrossRollupMessage sample_message(std::uint64_t nonce = 7, std::size_t payload_size = 32) {
    using namespace luxl2::literals;
    format::CrossRollupMessage m;
    m.source_chain_id = U256{120001};
    m.target_chain_id = U256{120002};
    m.sender = *from_hex_fixed<20>("0x1111111111111111111111111111111111111111");
    m.target = *from_hex_fixed<20>("0x2222222222222222222222222222222222222222");
    m.nonce = U256{nonce};
    for (std::size_t i = 0; i < payload_size; ++i) m.payload.push_back(static_cast<std::uint8_t>(i * 31 + nonce));
    m.message_hash = format::message_hash(m);
    return m;
}

}  // namespace luxl2::xrollup::test
