#include "luxl2/l1/types.hpp"

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "rlp_fields.hpp"

namespace luxl2::l1 {
namespace {

using detail::Fields;
using detail::header_payload;
using detail::wrap_list;

constexpr std::size_t kMaxMessageData = 1u << 20;
constexpr std::size_t kMaxMerkleProof = 64u << 10;

}  // namespace

namespace detail {

Bytes header_payload(const BatchHeader& h) {
    Bytes p;
    rlp::encode(p, h.batch_number);
    rlp::encode(p, h.parent_batch_hash);
    rlp::encode(p, h.state_root);
    rlp::encode(p, h.transaction_root);
    rlp::encode(p, h.receipt_root);
    rlp::encode(p, h.timestamp);
    rlp::encode(p, h.l1_block_number);
    rlp::encode(p, h.sequencer);
    return p;
}

Bytes encode_message(const L2Message& m) {
    Bytes p;
    rlp::encode(p, m.sender);
    rlp::encode(p, m.target);
    rlp::encode(p, m.value);
    rlp::encode(p, m.gas_limit);
    rlp::encode(p, ByteView(m.data));
    rlp::encode(p, m.nonce);
    return wrap_list(p);
}

Result<L2Message> read_message(Fields& f) {
    L2Message m;
    LUXL2_TRY(sender, f.fixed<20>());
    LUXL2_TRY(target, f.fixed<20>());
    LUXL2_TRY(value, f.u256());
    LUXL2_TRY(gas, f.u256());
    LUXL2_TRY(data, f.bytes(kMaxMessageData));
    LUXL2_TRY(nonce, f.u256());
    LUXL2_CHECK(f.end());
    m.sender = sender;
    m.target = target;
    m.value = value;
    m.gas_limit = gas;
    m.data = std::move(data);
    m.nonce = nonce;
    return m;
}

}  // namespace detail

namespace {

// Event kinds on the wire: the variant's index + 1.
constexpr std::string_view kEventCorrupt = "l1.bad_event";

}  // namespace

std::string_view to_string(MessageStatus s) noexcept {
    switch (s) {
        case MessageStatus::kUnknown: return "Unknown";
        case MessageStatus::kSent: return "Sent";
        case MessageStatus::kProven: return "Proven";
        case MessageStatus::kExecuted: return "Executed";
    }
    return "?";
}

Hash32 batch_hash(const BatchHeader& h) {
    return crypto::keccak256(wrap_list(header_payload(h)));
}

Hash32 message_hash(const L2Message& m) {
    return crypto::keccak256(detail::encode_message(m));
}

Bytes encode_output_proof(const OutputProof& o) {
    Bytes p;
    rlp::encode(p, o.message_root);
    rlp::encode(p, o.message_count);
    rlp::encode(p, o.l2_block_hash);
    rlp::encode(p, o.l2_block_number);
    return wrap_list(p);
}

Result<OutputProof> decode_output_proof(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, errc::bad_proof, "output proof"));
    OutputProof o;
    LUXL2_TRY(root, f.fixed<32>());
    LUXL2_TRY(count, f.u64());
    LUXL2_TRY(hash, f.fixed<32>());
    LUXL2_TRY(number, f.u64());
    LUXL2_CHECK(f.end());
    o.message_root = root;
    o.message_count = count;
    o.l2_block_hash = hash;
    o.l2_block_number = number;
    return o;
}

Bytes encode_withdrawal_proof(const L2Message& m, const MessageProof& pr) {
    Bytes p = detail::encode_message(m);
    Bytes q;
    rlp::encode(q, pr.batch_hash);
    rlp::encode(q, pr.message_hash);
    rlp::encode(q, ByteView(pr.merkle_proof));
    rlp::encode(q, pr.message_index);
    append(p, wrap_list(q));
    return wrap_list(p);
}

Result<WithdrawalProof> decode_withdrawal_proof(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, errc::bad_proof, "withdrawal proof"));
    LUXL2_TRY(mf, f.list());
    LUXL2_TRY(message, detail::read_message(mf));
    LUXL2_TRY(pf, f.list());
    LUXL2_CHECK(f.end());
    WithdrawalProof w;
    w.message = std::move(message);
    LUXL2_TRY(bh, pf.fixed<32>());
    LUXL2_TRY(mh, pf.fixed<32>());
    LUXL2_TRY(mp, pf.bytes(kMaxMerkleProof));
    LUXL2_TRY(idx, pf.u256());
    LUXL2_CHECK(pf.end());
    w.proof.batch_hash = bh;
    w.proof.message_hash = mh;
    w.proof.merkle_proof = std::move(mp);
    w.proof.message_index = idx;
    return w;
}

Result<Address> recover_signer(const Hash32& digest, ByteView signature) {
    if (signature.size() != 65) return fail(errc::not_sequencer, "a signature is 65 bytes r ‖ s ‖ v");
    crypto::RecoverableSignature sig;
    sig.r = U256::from_be32(signature.data());
    sig.s = U256::from_be32(signature.data() + 32);
    const std::uint8_t v = signature[64];
    if (v != 0 && v != 1 && v != 27 && v != 28) return fail(errc::not_sequencer, "signature v must be 0, 1, 27 or 28");
    sig.recid = static_cast<std::uint8_t>(v >= 27 ? v - 27 : v);
    if (!crypto::is_low_s(sig.s)) return fail(errc::not_sequencer, "signature s is not in the lower half (EIP-2)");
    auto pub = crypto::recover(digest, sig);
    if (!pub) return fail(errc::not_sequencer, "signature does not recover: " + pub.error().message);
    return crypto::to_address(*pub);
}

std::string_view event_name(const EventData& d) noexcept {
    constexpr std::string_view names[] = {"BatchSubmitted", "StateRootProposed", "StateRootFinalized", "MessageQueued",
                                          "MessageStatusChanged"};
    return names[d.index()];
}

Bytes encode_event(const Event& e) {
    Bytes p;
    rlp::encode(p, static_cast<std::uint64_t>(e.data.index() + 1));
    rlp::encode(p, e.l1_block);
    rlp::encode(p, static_cast<std::uint64_t>(e.log_index));
    std::visit(
        [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, BatchSubmitted>) {
                rlp::encode(p, d.batch_number);
                rlp::encode(p, d.batch_hash);
            } else if constexpr (std::is_same_v<T, StateRootProposed> || std::is_same_v<T, StateRootFinalized>) {
                rlp::encode(p, d.batch_number);
                rlp::encode(p, d.state_root);
            } else if constexpr (std::is_same_v<T, MessageQueued>) {
                rlp::encode(p, d.message_hash);
                append(p, detail::encode_message(d.message));
            } else {
                rlp::encode(p, d.message_hash);
                rlp::encode(p, static_cast<std::uint64_t>(d.status));
            }
        },
        e.data);
    return wrap_list(p);
}

Result<Event> decode_event(ByteView in) {
    LUXL2_TRY(f, Fields::open(in, kEventCorrupt, "event"));
    LUXL2_TRY(kind, f.u64());
    LUXL2_TRY(block, f.u64());
    LUXL2_TRY(index, f.u64());
    if (index > UINT32_MAX) return fail(kEventCorrupt, "event: log index out of range");
    Event e;
    e.l1_block = block;
    e.log_index = static_cast<std::uint32_t>(index);
    switch (kind) {
        case 1: {
            LUXL2_TRY(n, f.u256());
            LUXL2_TRY(h, f.fixed<32>());
            e.data = BatchSubmitted{n, h};
            break;
        }
        case 2:
        case 3: {
            LUXL2_TRY(n, f.u256());
            LUXL2_TRY(r, f.fixed<32>());
            if (kind == 2)
                e.data = StateRootProposed{n, r};
            else
                e.data = StateRootFinalized{n, r};
            break;
        }
        case 4: {
            LUXL2_TRY(h, f.fixed<32>());
            LUXL2_TRY(mf, f.list());
            LUXL2_TRY(m, detail::read_message(mf));
            e.data = MessageQueued{h, std::move(m)};
            break;
        }
        case 5: {
            LUXL2_TRY(h, f.fixed<32>());
            LUXL2_TRY(s, f.u64());
            if (s > 3) return fail(kEventCorrupt, "event: unknown message status");
            e.data = MessageStatusChanged{h, static_cast<MessageStatus>(s)};
            break;
        }
        default: return fail(kEventCorrupt, "event: unknown kind " + std::to_string(kind));
    }
    LUXL2_CHECK(f.end());
    return e;
}

}  // namespace luxl2::l1
