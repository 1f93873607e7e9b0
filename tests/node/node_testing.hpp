// Shared helpers of the node tests: dev keys, signed transfers, derivation from L1 data.
#pragma once

#include <memory>

#include "luxl2/format/transaction.hpp"
#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/node/batcher.hpp"
#include "luxl2/node/derivation.hpp"
#include "luxl2/node/devnet_accounts.hpp"
#include "luxl2/node/node.hpp"
#include "luxl2/node/rollup_blocks.hpp"
#include "luxl2/state/kv_store.hpp"

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

/// Posts every block of `node` as one batch (at time `now`) to a fresh in-memory embedded L1, then
/// derives the chain again from that L1's data alone, as a verifier that trusts nothing else would.
inline Result<DerivationReport> derive_through_embedded_l1(const Node& node, std::uint64_t now) {
    const Address sequencer = addr(0x51), proposer = addr(0x52);
    l1::EmbeddedL1Options o;
    o.alloc = {{sequencer, ether(10)}, {proposer, ether(10)}};
    o.genesis_timestamp = 1'000;
    o.sync_writes = false;
    LUXL2_TRY(l1, l1::EmbeddedL1::open(std::make_unique<state::MemoryKvStore>(), o));
    l1::RollupConfig c;
    c.sequencer = sequencer;
    c.proposer = proposer;
    c.challenge_period = U256(60);
    c.min_stake = ether(1);
    LUXL2_TRY(genesis, node.block(0));
    c.genesis_state_root = genesis->state_root();
    LUXL2_CHECK(l1->initialize({proposer, {}}, c));
    ChainBlockSource source(node.chain());
    BatcherConfig cfg;
    cfg.sequencer = sequencer;
    Batcher batcher(*l1, source, cfg);
    LUXL2_TRY(posted, batcher.step(now, true));
    if (!posted) return fail("test.no_batch", "the batcher posted nothing");
    return derive_chain(*l1, dev_config());
}

}  // namespace luxl2::node::testing
