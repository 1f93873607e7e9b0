// Shared helpers of the node tests: dev keys and signed transfers.
#pragma once

#include "luxl2/format/transaction.hpp"
#include "luxl2/node/devnet_accounts.hpp"
#include "luxl2/node/node.hpp"

namespace luxl2::node::testing {

inline const std::vector<DevAccount>& dev() {
    static const auto accounts = derive_dev_accounts(kDevMnemonic, 10);
    return accounts;
}

inline crypto::SecretKey dev_key(std::size_t i) {
    return crypto::SecretKey::from_bytes(dev()[i].secret).value();
}

inline U256 ether(std::uint64_t n) {
    return U256(n) * U256(1'000'000'000'000'000'000ULL);
}
inline U256 gwei(std::uint64_t n) {
    return U256(n) * U256(1'000'000'000ULL);
}

inline format::Transaction transfer(std::size_t from, std::uint64_t nonce, const Address& to, U256 value,
                                    U256 max_fee = gwei(10), U256 tip = gwei(1), std::uint64_t chain_id = 1337) {
    format::Transaction tx;
    tx.type = format::TxType::kDynamicFee;
    tx.chain_id = U256(chain_id);
    tx.nonce = nonce;
    tx.max_fee_per_gas = max_fee;
    tx.max_priority_fee_per_gas = tip;
    tx.gas_limit = 21'000;
    tx.to = to;
    tx.value = value;
    format::sign_transaction(tx, dev_key(from));
    return tx;
}

inline NodeConfig dev_config() {
    NodeConfig cfg;
    cfg.chain_id = U256(1337);
    cfg.fee_recipient[0] = 0x42;
    cfg.fee_recipient[19] = 0x11;
    for (const auto& a : dev()) cfg.alloc.emplace_back(a.address, ether(10'000));
    cfg.genesis_timestamp = 1'700'000'000;
    cfg.sync_writes = false;
    return cfg;
}

inline Address addr(std::uint8_t i) {
    Address a;
    a[0] = 0xaa;
    a[19] = i;
    return a;
}

}  // namespace luxl2::node::testing
