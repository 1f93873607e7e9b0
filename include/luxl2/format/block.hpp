// LP-505 "Core Block Structure": L2Block, BlockHeader, StateTransition, AccountDelta, StorageDelta.
// Values only; encodings are in codec.hpp, hashes and roots in hashing.hpp, invariants in
// validate.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/balance_delta.hpp"
#include "luxl2/format/compute.hpp"
#include "luxl2/format/messages.hpp"
#include "luxl2/format/schema.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::format {

struct BlockHeader {
    std::uint64_t version = kFormatVersion;  // not in LP-505's struct: its "Version Field"
    U256 block_number;
    Hash32 parent_hash;
    Hash32 state_root;
    Hash32 transactions_root;  // transactions_root(block)
    Hash32 receipts_root;
    Address sequencer;
    U256 timestamp;  // unix seconds
    U256 l1_block_number;
    U256 gas_used;
    U256 gas_limit;
    Hash32 extra_data;
    Bytes signature;  // the sequencer's: r ‖ s ‖ v (65 bytes) over block_hash(header); empty if unsigned
    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

struct AccountDelta {
    Address account;
    BalanceDelta balance_delta;
    U256 nonce_delta;
    Hash32 code_hash;  // zero unless a contract was deployed
    friend bool operator==(const AccountDelta&, const AccountDelta&) = default;
};

struct StorageDelta {
    Address contract;
    std::vector<Hash32> keys;
    std::vector<Hash32> values;  // values[i] is the new value of keys[i]
    Bytes proof;
    friend bool operator==(const StorageDelta&, const StorageDelta&) = default;
};

struct StateTransition {
    Hash32 previous_state_root;
    Hash32 new_state_root;
    std::vector<AccountDelta> account_deltas;
    std::vector<StorageDelta> storage_deltas;
    Hash32 global_state_hash;
    friend bool operator==(const StateTransition&, const StateTransition&) = default;
};

struct L2Block {
    BlockHeader header;
    std::vector<TransactionData> transactions;
    StateTransition state_transition;
    ComputeMetadata compute_metadata;
    std::vector<CrossRollupMessage> messages;  // LP-505's CrossRollupMessages[]
    Bytes witness;
    friend bool operator==(const L2Block&, const L2Block&) = default;
};

template <>
struct Schema<BlockHeader> {
    static constexpr std::string_view name = "BlockHeader";
    static constexpr bool carries_format_version = true;  // "version" must stay the first field
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("version", s.version);
        v("blockNumber", s.block_number);
        v("parentHash", s.parent_hash);
        v("stateRoot", s.state_root);
        v("transactionsRoot", s.transactions_root);
        v("receiptsRoot", s.receipts_root);
        v("sequencer", s.sequencer);
        v("timestamp", s.timestamp);
        v("l1BlockNumber", s.l1_block_number);
        v("gasUsed", s.gas_used);
        v("gasLimit", s.gas_limit);
        v("extraData", s.extra_data);
        v("signature", s.signature);  // must stay last: the signed header is every field before it
    }
};

template <>
struct Schema<AccountDelta> {
    static constexpr std::string_view name = "AccountDelta";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("account", s.account);
        v("balanceDelta", s.balance_delta);
        v("nonceDelta", s.nonce_delta);
        v("codeHash", s.code_hash);
    }
};

template <>
struct Schema<StorageDelta> {
    static constexpr std::string_view name = "StorageDelta";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("contract", s.contract);
        v("keys", s.keys);
        v("values", s.values);
        v("proof", s.proof);
    }
};

template <>
struct Schema<StateTransition> {
    static constexpr std::string_view name = "StateTransition";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("previousStateRoot", s.previous_state_root);
        v("newStateRoot", s.new_state_root);
        v("accountDeltas", s.account_deltas);
        v("storageDeltas", s.storage_deltas);
        v("globalStateHash", s.global_state_hash);
    }
};

template <>
struct Schema<L2Block> {
    static constexpr std::string_view name = "L2Block";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("header", s.header);
        v("transactions", s.transactions);
        v("stateTransition", s.state_transition);
        v("computeMetadata", s.compute_metadata);
        v("messages", s.messages);
        v("witness", s.witness);
    }
};

}  // namespace luxl2::format
