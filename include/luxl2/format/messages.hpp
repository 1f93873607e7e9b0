// LP-505 "Cross-Rollup Messaging" values. The routing and delivery logic lives in xrollup; these are
// the values blocks carry and the encodings hash.
#pragma once

#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

struct CrossRollupMessage {
    U256 source_chain_id;
    U256 target_chain_id;
    Address sender;
    Address target;
    U256 nonce;
    Bytes payload;
    Hash32 message_hash;  // message_hash(msg): keccak256 of the canonical message without hash and proof
    Bytes proof;          // inclusion proof
    friend bool operator==(const CrossRollupMessage&, const CrossRollupMessage&) = default;
};

struct MessageBatch {
    std::vector<CrossRollupMessage> messages;
    Hash32 batch_hash;  // messages_root: merkle root over the messages' hashes (proofs excluded)
    U256 block_height;
    Bytes aggregated_proof;
    friend bool operator==(const MessageBatch&, const MessageBatch&) = default;
};

struct RoutingInfo {
    std::vector<U256> path;  // chain ids, source first
    std::vector<U256> fees;  // one per hop: fees.size() + 1 == path.size()
    U256 deadline;           // unix seconds
    Bytes metadata;
    friend bool operator==(const RoutingInfo&, const RoutingInfo&) = default;
};

template <>
struct Schema<CrossRollupMessage> {
    static constexpr std::string_view name = "CrossRollupMessage";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("sourceChainId", s.source_chain_id);
        v("targetChainId", s.target_chain_id);
        v("sender", s.sender);
        v("target", s.target);
        v("nonce", s.nonce);
        v("payload", s.payload);
        v("messageHash", s.message_hash);
        v("proof", s.proof);
    }
};

template <>
struct Schema<MessageBatch> {
    static constexpr std::string_view name = "MessageBatch";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("messages", s.messages);
        v("batchHash", s.batch_hash);
        v("blockHeight", s.block_height);
        v("aggregatedProof", s.aggregated_proof);
    }
};

template <>
struct Schema<RoutingInfo> {
    static constexpr std::string_view name = "RoutingInfo";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("path", s.path);
        v("fees", s.fees);
        v("deadline", s.deadline);
        v("metadata", s.metadata);
    }
};

}  // namespace luxl2::format
