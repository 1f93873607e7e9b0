#include "luxl2/l1/embedded_l1.hpp"

#include "l1_tx.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::l1 {

struct EmbeddedL1::Impl {
    // Runs `f` over a fresh Tx under the lock and commits its writes atomically if it succeeds.
    template <class F>
    static auto call(const EmbeddedL1& self, F&& f) -> decltype(f(std::declval<detail::Tx&>())) {
        std::lock_guard lock(self.mu_);
        detail::Tx tx(*self.store_);
        auto r = f(tx);
        if (!r) return r;
        if (auto w = tx.commit(*self.store_, self.options_.sync_writes); !w)
            return std::unexpected(std::move(w.error()));
        return r;
    }
    // Read-only: the same view, never committed.
    template <class F>
    static auto view(const EmbeddedL1& self, F&& f) -> decltype(f(std::declval<detail::Tx&>())) {
        std::lock_guard lock(self.mu_);
        detail::Tx tx(*self.store_);
        return f(tx);
    }
};

namespace {

using detail::key;
using detail::key64;
using detail::Tx;

Result<void> not_payable(const Call& c, std::string_view fn) {
    if (!c.value.is_zero()) return fail(errc::bad_value, std::string(fn) + " is not payable: msg.value must be 0");
    return {};
}

Result<std::uint64_t> small(const U256& n, std::string_view what) {
    if (!n.fits_u64()) return fail(errc::unknown_batch, std::string(what) + " " + n.to_string() + " does not exist");
    return n.low64();
}

Result<std::optional<BatchInfo>> read_batch(const Tx& tx, std::uint64_t n) {
    LUXL2_TRY(raw, tx.get(key64('b', n)));
    if (!raw) return std::optional<BatchInfo>{};
    LUXL2_TRY(b, detail::decode_batch_info(*raw));
    return std::optional<BatchInfo>{std::move(b)};
}

Result<std::optional<OutputInfo>> read_output(const Tx& tx, std::uint64_t n) {
    LUXL2_TRY(raw, tx.get(key64('o', n)));
    if (!raw) return std::optional<OutputInfo>{};
    LUXL2_TRY(o, detail::decode_output_info(*raw));
    return std::optional<OutputInfo>{std::move(o)};
}

// Queues an L1→L2 message (its value already moved to the settlement address).
Result<U256> enqueue(Tx& tx, L2Message m) {
    LUXL2_TRY(cnt, tx.counters());
    LUXL2_TRY(h, tx.head());
    m.nonce = U256(cnt.next_nonce);
    const Hash32 mh = message_hash(m);
    tx.put(key64('q', cnt.next_nonce), detail::encode_queued({m, mh, h.number}));
    ++cnt.next_nonce;
    tx.set_counters(cnt);
    LUXL2_CHECK(tx.emit(MessageQueued{mh, std::move(m)}));
    LUXL2_CHECK(tx.advance_status(mh, MessageStatus::kSent));
    return U256(cnt.next_nonce - 1);
}

// Checks an L2→L1 message and its proof against the output of the batch the proof names; with
// `need_final`, the output must be finalized. Returns the message hash.
Result<Hash32> check_message_proof(const Tx& tx, const L2Message& m, const MessageProof& p, bool need_final) {
    const Hash32 mh = message_hash(m);
    if (p.message_hash != mh) return fail(errc::bad_proof, "proof.messageHash is not the hash of the message");
    LUXL2_TRY(nraw, tx.get(key('h', p.batch_hash)));
    if (!nraw || nraw->size() != 8)
        return fail(errc::unknown_batch, "no submitted batch has hash " + to_hex(p.batch_hash));
    const std::uint64_t n = load_be64(nraw->data());
    LUXL2_TRY(out, read_output(tx, n));
    if (!out) return fail(errc::not_proposed, "batch " + std::to_string(n) + " has no proposed output");
    if (need_final && out->status != OutputStatus::kFinalized)
        return fail(errc::not_finalized, "the output of batch " + std::to_string(n) +
                                             " is not finalized yet (challenge period running or not called)");
    auto proof = merkle::decode_multiproof(p.merkle_proof);
    if (!proof) return fail(errc::bad_proof, "merkle proof: " + proof.error().to_string());
    if (proof->indices.size() != 1 || U256(proof->indices[0]) != p.message_index)
        return fail(errc::bad_proof, "the merkle proof is not for messageIndex " + p.message_index.to_string());
    if (proof->leaf_count != out->output.message_count)
        return fail(errc::bad_proof, "the merkle proof is for " + std::to_string(proof->leaf_count) +
                                         " messages, the output has " + std::to_string(out->output.message_count));
    if (!merkle::verify_proof(out->output.message_root, *proof, merkle::leaf_hash(mh)))
        return fail(errc::bad_proof, "the message is not in the message tree of batch " + std::to_string(n));
    return mh;
}

// Pays out an L2→L1 message whose output is finalized, exactly once.
Result<void> execute_from_l2(Tx& tx, const L2Message& m, const MessageProof& p) {
    LUXL2_TRY(mh, check_message_proof(tx, m, p, true));
    LUXL2_TRY(st, tx.status(mh));
    if (st == MessageStatus::kExecuted)
        return fail(errc::already_executed, "message " + to_hex(mh) + " was already executed: it pays only once");
    LUXL2_CHECK(tx.move(settlement_address(), m.target, m.value, errc::insufficient_liquidity));
    return tx.advance_status(mh, MessageStatus::kExecuted);
}

}  // namespace

Address settlement_address() noexcept {
    Address a;
    a[0] = 0x4c;
    a[1] = 0x55;
    a[19] = 0x01;
    return a;
}

std::string_view to_string(OutputStatus s) noexcept {
    return s == OutputStatus::kFinalized ? "Finalized" : "Proposed";
}

EmbeddedL1::EmbeddedL1(std::unique_ptr<state::KvStore> store, EmbeddedL1Options options)
    : store_(std::move(store)), options_(std::move(options)) {}

Result<std::unique_ptr<EmbeddedL1>> EmbeddedL1::open(std::unique_ptr<state::KvStore> store, EmbeddedL1Options options) {
    std::unique_ptr<EmbeddedL1> l1(new EmbeddedL1(std::move(store), std::move(options)));
    LUXL2_CHECK(Impl::call(*l1, [&](Tx& tx) -> Result<void> {
        LUXL2_TRY(raw, tx.get(key('H')));
        if (raw) return {};  // resume
        for (const auto& [a, v] : l1->options_.alloc) {
            LUXL2_TRY(b, tx.balance(a));
            tx.set_balance(a, b + v);
        }
        tx.set_head({0, l1->options_.genesis_timestamp, 0});
        tx.set_counters({});
        return {};
    }));
    return l1;
}

Result<L1Head> EmbeddedL1::mine_block(std::optional<std::uint64_t> timestamp) {
    return Impl::call(*this, [&](Tx& tx) -> Result<L1Head> {
        LUXL2_TRY(h, tx.head());
        const std::uint64_t ts = timestamp.value_or(h.timestamp + options_.block_time);
        if (ts <= h.timestamp)
            return fail(errc::bad_time,
                        "L1 block timestamp " + std::to_string(ts) + " is not after " + std::to_string(h.timestamp));
        tx.set_head({h.number + 1, ts, 0});
        return L1Head{h.number + 1, ts};
    });
}

Result<void> EmbeddedL1::transfer(const Address& from, const Address& to, const U256& value) {
    return Impl::call(*this, [&](Tx& tx) { return tx.move(from, to, value); });
}

Result<std::uint64_t> EmbeddedL1::submitted_bytes() const {
    return Impl::view(*this, [](Tx& tx) -> Result<std::uint64_t> {
        LUXL2_TRY(c, tx.counters());
        return c.submitted_bytes;
    });
}

Result<void> EmbeddedL1::initialize(const Call& c, const RollupConfig& config) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_CHECK(not_payable(c, "initialize"));
        LUXL2_TRY(existing, tx.config());
        if (existing) return fail(errc::already_initialized, "the rollup is already initialized");
        if (config.sequencer.is_zero()) return fail(errc::bad_config, "the sequencer address must not be zero");
        if (config.challenge_period.is_zero() &&
            (config.rollup_type == RollupType::kOptimistic || config.rollup_type == RollupType::kHybrid))
            return fail(errc::bad_config, "an optimistic or hybrid rollup needs a challenge period above zero");
        if (!config.challenge_period.fits_u64())
            return fail(errc::bad_config, "challengePeriod " + config.challenge_period.to_string() + " s is too long");
        tx.put(key('C'), detail::encode_config(config));
        return {};
    });
}

Result<Hash32> EmbeddedL1::submit_batch(const Call& c, const BatchHeader& header, ByteView transactions) {
    return Impl::call(*this, [&](Tx& tx) -> Result<Hash32> {
        LUXL2_CHECK(not_payable(c, "submitBatch"));
        LUXL2_TRY(cfg, tx.require_config());
        if (c.from != cfg.sequencer)
            return fail(errc::not_sequencer,
                        "only the sequencer " + to_hex(cfg.sequencer) + " submits batches, not " + to_hex(c.from));
        if (header.sequencer != cfg.sequencer)
            return fail(errc::not_sequencer, "header.sequencer " + to_hex(header.sequencer) + " is not the sequencer");
        const Hash32 bh = batch_hash(header);
        if (!header.signature.empty()) {
            LUXL2_TRY(signer, recover_signer(bh, header.signature));
            if (signer != cfg.sequencer)
                return fail(errc::not_sequencer,
                            "the batch header is signed by " + to_hex(signer) + ", not the sequencer");
        }
        LUXL2_TRY(cnt, tx.counters());
        if (header.batch_number != U256(cnt.batches))
            return fail(errc::bad_batch_number, "batch number " + header.batch_number.to_string() +
                                                    " is not the next (" + std::to_string(cnt.batches) + ")");
        Hash32 parent;
        if (cnt.batches > 0) {
            LUXL2_TRY(prev, read_batch(tx, cnt.batches - 1));
            if (!prev) return fail(detail::kCorrupt, "batch " + std::to_string(cnt.batches - 1) + " is missing");
            parent = prev->batch_hash;
        }
        if (header.parent_batch_hash != parent)
            return fail(errc::bad_parent, "parentBatchHash " + to_hex(header.parent_batch_hash) +
                                              " does not chain to the previous batch " + to_hex(parent));
        if (transactions.empty()) return fail(errc::bad_batch, "a batch carries at least one byte of data");
        if (transactions.size() > options_.max_batch_bytes)
            return fail(errc::bad_batch, "batch data of " + std::to_string(transactions.size()) +
                                             " bytes exceeds the limit of " + std::to_string(options_.max_batch_bytes));
        LUXL2_TRY(h, tx.head());
        if (header.l1_block_number > U256(h.number))
            return fail(errc::bad_batch, "header.l1BlockNumber " + header.l1_block_number.to_string() +
                                             " is in the future (L1 is at " + std::to_string(h.number) + ")");
        // The sequencer must have included every L1→L2 message older than the inclusion window.
        while (cnt.oldest_pending < cnt.next_nonce) {
            LUXL2_TRY(raw, tx.get(key64('q', cnt.oldest_pending)));
            if (!raw)
                return fail(detail::kCorrupt, "queued message " + std::to_string(cnt.oldest_pending) + " is missing");
            LUXL2_TRY(q, detail::decode_queued(*raw));
            LUXL2_TRY(st, tx.status(q.message_hash));
            if (st != MessageStatus::kExecuted) {
                if (options_.inclusion_window != 0 && q.l1_block + options_.inclusion_window < h.number)
                    return fail(errc::deposit_overdue, "L1→L2 message " + std::to_string(cnt.oldest_pending) +
                                                           " queued in L1 block " + std::to_string(q.l1_block) +
                                                           " is not included on L2 within " +
                                                           std::to_string(options_.inclusion_window) + " L1 blocks");
                break;
            }
            ++cnt.oldest_pending;
        }
        BatchInfo info{header, bh, crypto::keccak256(transactions), transactions.size(), h.number, h.timestamp};
        tx.put(key64('b', cnt.batches), detail::encode_batch_info(info));
        tx.put(key64('d', cnt.batches), Bytes(transactions.begin(), transactions.end()));
        Bytes nb(8);
        store_be64(nb.data(), cnt.batches);
        tx.put(key('h', bh), std::move(nb));
        ++cnt.batches;
        cnt.submitted_bytes += transactions.size();
        tx.set_counters(cnt);
        LUXL2_CHECK(tx.emit(BatchSubmitted{header.batch_number, bh}));
        return bh;
    });
}

Result<void> EmbeddedL1::propose_state_root(const Call& c, const U256& batch_number, const Hash32& state_root,
                                            ByteView proof) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_TRY(cfg, tx.require_config());
        if (!cfg.proposer.is_zero() && c.from != cfg.proposer)
            return fail(errc::not_proposer,
                        "only the proposer " + to_hex(cfg.proposer) + " proposes, not " + to_hex(c.from));
        if (c.value < cfg.min_stake)
            return fail(errc::insufficient_bond, "a proposal needs a bond of at least " + cfg.min_stake.to_string() +
                                                     " wei, got " + c.value.to_string());
        LUXL2_TRY(n, small(batch_number, "batch"));
        LUXL2_TRY(b, read_batch(tx, n));
        if (!b) return fail(errc::unknown_batch, "batch " + std::to_string(n) + " was not submitted");
        LUXL2_TRY(existing, read_output(tx, n));
        if (existing) return fail(errc::already_proposed, "batch " + std::to_string(n) + " already has an output");
        LUXL2_TRY(op, decode_output_proof(proof));
        LUXL2_CHECK(tx.move(c.from, settlement_address(), c.value));
        LUXL2_TRY(h, tx.head());
        OutputInfo o{batch_number, state_root, op, c.from, c.value, h.number, h.timestamp, OutputStatus::kProposed, 0};
        tx.put(key64('o', n), detail::encode_output_info(o));
        return tx.emit(StateRootProposed{batch_number, state_root});
    });
}

Result<void> EmbeddedL1::finalize_state_root(const Call& c, const U256& batch_number) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_CHECK(not_payable(c, "finalizeStateRoot"));
        LUXL2_TRY(cfg, tx.require_config());
        LUXL2_TRY(cnt, tx.counters());
        LUXL2_TRY(n, small(batch_number, "batch"));
        if (n < cnt.finalized)
            return fail(errc::already_finalized, "batch " + std::to_string(n) + " is already finalized");
        if (n > cnt.finalized)
            return fail(errc::out_of_order, "batches finalize in order: batch " + std::to_string(cnt.finalized) +
                                                " comes before " + std::to_string(n));
        LUXL2_TRY(o, read_output(tx, n));
        if (!o) return fail(errc::not_proposed, "batch " + std::to_string(n) + " has no proposed output");
        LUXL2_TRY(h, tx.head());
        const std::uint64_t ends = o->proposed_l1_timestamp + cfg.challenge_period.low64();
        if (h.timestamp < ends)
            return fail(errc::challenge_period, "the challenge period of batch " + std::to_string(n) +
                                                    " ends at L1 time " + std::to_string(ends) + ", now " +
                                                    std::to_string(h.timestamp) + " (" +
                                                    std::to_string(ends - h.timestamp) + " s left)");
        LUXL2_CHECK(tx.move(settlement_address(), o->proposer, o->bond, errc::insufficient_liquidity));
        o->status = OutputStatus::kFinalized;
        o->finalized_l1_block = h.number;
        tx.put(key64('o', n), detail::encode_output_info(*o));
        ++cnt.finalized;
        tx.set_counters(cnt);
        return tx.emit(StateRootFinalized{batch_number, o->state_root});
    });
}

Result<U256> EmbeddedL1::deposit_to_l2(const Call& c, const Address& token, const U256& amount, ByteView user_data) {
    return Impl::call(*this, [&](Tx& tx) -> Result<U256> {
        LUXL2_TRY(cfg, tx.require_config());
        (void)cfg;
        if (!token.is_zero())
            return fail(errc::unsupported_token,
                        "only the native token (address 0) can be deposited, not " + to_hex(token));
        if (c.value != amount)
            return fail(errc::bad_value,
                        "msg.value " + c.value.to_string() + " is not the amount " + amount.to_string());
        if (user_data.size() > (1u << 20)) return fail(errc::bad_value, "userData above 1 MiB");
        LUXL2_CHECK(tx.move(c.from, settlement_address(), c.value));
        L2Message m;
        m.sender = c.from;
        m.target = c.from;
        m.value = amount;
        m.gas_limit = U256(100'000);
        m.data.assign(user_data.begin(), user_data.end());
        return enqueue(tx, std::move(m));
    });
}

Result<U256> EmbeddedL1::initiate_withdrawal(const Call& c, const Address& token, const U256& amount, ByteView proof) {
    return Impl::call(*this, [&](Tx& tx) -> Result<U256> {
        LUXL2_CHECK(not_payable(c, "initiateWithdrawal"));
        LUXL2_TRY(cfg, tx.require_config());
        (void)cfg;
        if (!token.is_zero())
            return fail(errc::unsupported_token,
                        "only the native token (address 0) can be withdrawn, not " + to_hex(token));
        LUXL2_TRY(w, decode_withdrawal_proof(proof));
        if (w.message.value != amount)
            return fail(errc::bad_value, "amount " + amount.to_string() + " is not the withdrawal's value " +
                                             w.message.value.to_string());
        LUXL2_TRY(mh, check_message_proof(tx, w.message, w.proof, false));
        LUXL2_CHECK(tx.advance_status(mh, MessageStatus::kProven));
        return U256::from_be32(mh.data());
    });
}

Result<void> EmbeddedL1::finalize_withdrawal(const Call& c, const U256& withdrawal_id, ByteView proof) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_CHECK(not_payable(c, "finalizeWithdrawal"));
        LUXL2_TRY(cfg, tx.require_config());
        (void)cfg;
        LUXL2_TRY(w, decode_withdrawal_proof(proof));
        if (U256::from_be32(message_hash(w.message).data()) != withdrawal_id)
            return fail(errc::bad_proof, "withdrawalId is not the hash of the proven message");
        return execute_from_l2(tx, w.message, w.proof);
    });
}

Result<U256> EmbeddedL1::send_message_to_l2(const Call& c, const Address& target, ByteView data) {
    return Impl::call(*this, [&](Tx& tx) -> Result<U256> {
        LUXL2_TRY(cfg, tx.require_config());
        (void)cfg;
        if (data.size() > (1u << 20)) return fail(errc::bad_value, "message data above 1 MiB");
        LUXL2_CHECK(tx.move(c.from, settlement_address(), c.value));
        L2Message m;
        m.sender = c.from;
        m.target = target;
        m.value = c.value;
        m.gas_limit = U256(1'000'000);
        m.data.assign(data.begin(), data.end());
        return enqueue(tx, std::move(m));
    });
}

Result<void> EmbeddedL1::relay_message_to_l2(const Call& c, const L2Message& message, ByteView signature) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_CHECK(not_payable(c, "relayMessageToL2"));
        LUXL2_TRY(cfg, tx.require_config());
        const Hash32 mh = message_hash(message);
        if (signature.empty()) {
            if (c.from != cfg.sequencer)
                return fail(errc::not_sequencer, "only the sequencer, or a relayer with its signature, relays to L2");
        } else {
            LUXL2_TRY(signer, recover_signer(mh, signature));
            if (signer != cfg.sequencer)
                return fail(errc::not_sequencer, "the relay is signed by " + to_hex(signer) + ", not the sequencer");
        }
        if (!message.nonce.fits_u64()) return fail(errc::unknown_message, "no queued message has that nonce");
        LUXL2_TRY(raw, tx.get(key64('q', message.nonce.low64())));
        if (!raw) return fail(errc::unknown_message, "no L1→L2 message with nonce " + message.nonce.to_string());
        LUXL2_TRY(q, detail::decode_queued(*raw));
        if (q.message_hash != mh) return fail(errc::unknown_message, "the message differs from the one queued");
        return tx.advance_status(mh, MessageStatus::kExecuted);
    });
}

Result<Hash32> EmbeddedL1::send_message_to_l1(const Call& c, const L2Message& message) {
    return Impl::call(*this, [&](Tx& tx) -> Result<Hash32> {
        LUXL2_CHECK(not_payable(c, "sendMessageToL1"));
        LUXL2_TRY(cfg, tx.require_config());
        if (c.from != cfg.sequencer) return fail(errc::not_sequencer, "only the sequencer reports L2→L1 messages");
        const Hash32 mh = message_hash(message);
        LUXL2_CHECK(tx.advance_status(mh, MessageStatus::kSent));
        return mh;
    });
}

Result<void> EmbeddedL1::relay_message_from_l2(const Call& c, const L2Message& message, const MessageProof& proof) {
    return Impl::call(*this, [&](Tx& tx) -> Result<void> {
        LUXL2_CHECK(not_payable(c, "relayMessageFromL2"));
        LUXL2_TRY(cfg, tx.require_config());
        (void)cfg;
        return execute_from_l2(tx, message, proof);
    });
}

Result<MessageStatus> EmbeddedL1::get_message_status(const Hash32& message_hash) const {
    return Impl::view(*this, [&](Tx& tx) { return tx.status(message_hash); });
}

Result<bool> EmbeddedL1::is_message_executed(const Hash32& message_hash) const {
    LUXL2_TRY(s, get_message_status(message_hash));
    return s == MessageStatus::kExecuted;
}

Result<std::optional<RollupConfig>> EmbeddedL1::config() const {
    return Impl::view(*this, [](Tx& tx) { return tx.config(); });
}

Result<L1Head> EmbeddedL1::head() const {
    return Impl::view(*this, [](Tx& tx) -> Result<L1Head> {
        LUXL2_TRY(h, tx.head());
        return L1Head{h.number, h.timestamp};
    });
}

Result<U256> EmbeddedL1::balance(const Address& account) const {
    return Impl::view(*this, [&](Tx& tx) { return tx.balance(account); });
}

Result<std::uint64_t> EmbeddedL1::batch_count() const {
    return Impl::view(*this, [](Tx& tx) -> Result<std::uint64_t> {
        LUXL2_TRY(c, tx.counters());
        return c.batches;
    });
}

Result<std::uint64_t> EmbeddedL1::finalized_count() const {
    return Impl::view(*this, [](Tx& tx) -> Result<std::uint64_t> {
        LUXL2_TRY(c, tx.counters());
        return c.finalized;
    });
}

Result<std::optional<BatchInfo>> EmbeddedL1::batch(std::uint64_t batch_number) const {
    return Impl::view(*this, [&](Tx& tx) { return read_batch(tx, batch_number); });
}

Result<std::optional<Bytes>> EmbeddedL1::batch_data(std::uint64_t batch_number) const {
    return Impl::view(*this, [&](Tx& tx) { return tx.get(key64('d', batch_number)); });
}

Result<std::optional<OutputInfo>> EmbeddedL1::output(std::uint64_t batch_number) const {
    return Impl::view(*this, [&](Tx& tx) { return read_output(tx, batch_number); });
}

Result<std::vector<QueuedMessage>> EmbeddedL1::queued_messages(std::uint64_t from_nonce, std::size_t max) const {
    std::vector<QueuedMessage> out;
    Error err;
    bool failed = false;
    LUXL2_CHECK(store_->scan_from(key('q'), key64('q', from_nonce), [&](ByteView, ByteView v) {
        if (out.size() >= max) return false;
        auto q = detail::decode_queued(v);
        if (!q) {
            err = q.error();
            failed = true;
            return false;
        }
        out.push_back(std::move(*q));
        return true;
    }));
    if (failed) return std::unexpected(err);
    return out;
}

Result<std::vector<Event>> EmbeddedL1::events(const EventFilter& filter) const {
    std::vector<Event> out;
    Error err;
    bool failed = false;
    LUXL2_CHECK(store_->scan_from(key('e'), key64('e', filter.from_block), [&](ByteView k, ByteView v) {
        if (k.size() != 13) return true;
        const std::uint64_t block = load_be64(k.data() + 1);
        if (block > filter.to_block) return false;
        auto e = decode_event(v);
        if (!e) {
            err = e.error();
            failed = true;
            return false;
        }
        out.push_back(std::move(*e));
        return true;
    }));
    if (failed) return std::unexpected(err);
    return out;
}

}  // namespace luxl2::l1
