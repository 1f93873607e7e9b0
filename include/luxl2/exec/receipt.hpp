// Receipts. Each carries the state root after its transaction (LP-500: a fraud proof names one
// transaction and re-executes only that one), its status, the block's cumulative gas and its logs.
//
// Stored encoding: type-byte ‖ rlp([status, cumulative_gas_used, gas_used, effective_gas_price,
// state_root, logs]) with logs = [[address, [topics...], data]...]; the type byte is the EIP-2718
// type (0 for legacy, always present here so the encoding is uniform).
#pragma once

#include <cstdint>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::exec {

struct Log {
    Address address;
    std::vector<Hash32> topics;  // at most 4
    Bytes data;
    friend bool operator==(const Log&, const Log&) = default;
};

struct Receipt {
    format::TxType type = format::TxType::kLegacy;
    bool status = true;  // true: success
    std::uint64_t cumulative_gas_used = 0;
    std::uint64_t gas_used = 0;
    U256 effective_gas_price;
    Hash32 state_root;  // after this transaction
    std::vector<Log> logs;
    friend bool operator==(const Receipt&, const Receipt&) = default;
};

void encode_receipt(Bytes& out, const Receipt& r);
[[nodiscard]] Bytes encode_receipt(const Receipt& r);
/// Strict inverse of encode_receipt (code "exec.bad_receipt").
[[nodiscard]] Result<Receipt> decode_receipt(ByteView in);

/// The 2048-bit Ethereum logs bloom of a set of logs (for eth_getBlock/receipt JSON).
[[nodiscard]] std::array<std::uint8_t, 256> logs_bloom(const std::vector<Log>& logs);

}  // namespace luxl2::exec
