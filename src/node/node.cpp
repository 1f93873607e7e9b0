#include "luxl2/node/node.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/exec/compressed.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/quantum.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/quantum_tx.hpp"
#include "luxl2/node/user_tx.hpp"
#include "luxl2/node/withdrawals.hpp"

namespace luxl2::node {
namespace {

// go-ethereum's wording for the static refusals wallets see from eth_sendRawTransaction.
Error geth_error(const Error& e, const format::Transaction& tx, const format::Rules& rules) {
    using namespace format::txerrc;
    if (e.code == intrinsic_gas_too_low)
        return {exec::errc::intrinsic_gas, "intrinsic gas too low: gas " + std::to_string(tx.gas_limit) +
                                               ", minimum needed " + std::to_string(format::intrinsic_gas(tx, rules))};
    if (e.code == invalid_signature) return {nodeerrc::invalid_tx, "invalid sender: " + e.message};
    if (e.code == invalid_chain_id) return {nodeerrc::invalid_tx, "invalid chain id for signer: " + e.message};
    if (e.code == priority_above_max_fee)
        return {exec::errc::tip_above_fee_cap, "max priority fee per gas higher than max fee per gas"};
    if (e.code == type_not_supported) return {exec::errc::tx_type_not_supported, "transaction type not supported"};
    return {nodeerrc::invalid_tx, "invalid transaction: " + e.message};
}

// Rejections after which a transaction can never become valid again on this chain.
bool permanent(std::string_view code) {
    return code != exec::errc::nonce_too_high && code != exec::errc::block_gas_limit &&
           code != exec::errc::fee_cap_too_low;
}

// One AccountDelta per account whose balance, nonce or code the block changed, in address order.
Result<std::vector<format::AccountDelta>> account_deltas(const state::Overlay& writes) {
    std::vector<format::AccountDelta> out;
    out.reserve(writes.accounts().size());
    for (const auto& [a, post] : writes.accounts()) {
        LUXL2_TRY(pre, writes.base_account(a));
        if (pre == post) continue;
        format::AccountDelta d;
        d.account = a;
        const bool down = post.balance < pre.balance;
        LUXL2_TRY(bd, format::BalanceDelta::make(down, down ? pre.balance - post.balance : post.balance - pre.balance));
        d.balance_delta = bd;
        d.nonce_delta = U256(post.nonce - pre.nonce);
        if (post.code_hash != pre.code_hash) d.code_hash = post.code_hash;
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<format::StorageDelta> storage_deltas(const state::Overlay& writes) {
    std::vector<format::StorageDelta> out;
    for (const auto& [k, v] : writes.slots()) {
        if (out.empty() || out.back().contract != k.first) out.push_back({k.first, {}, {}, {}});
        Hash32 value;
        v.to_be32(value.data());
        out.back().keys.push_back(k.second);
        out.back().values.push_back(value);
    }
    return out;
}

format::TransactionData wrap_raw(const Bytes& raw) {
    format::TransactionData t;
    t.tx_type = !raw.empty() && raw[0] < 0x80 ? raw[0] : 0;  // typed envelope, else legacy RLP list
    t.payload = raw;
    return t;
}

}  // namespace

Hash32 dev_sequencer_key() {
    const std::string_view phrase = "luxl2 devnet sequencer";
    return crypto::keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(phrase.data()), phrase.size()));
}

Address dev_sequencer_address() {
    const Hash32 k = dev_sequencer_key();
    return crypto::to_address(crypto::public_key(crypto::SecretKey::from_bytes(k).value()));
}

Node::Node(std::unique_ptr<state::KvStore> store, NodeConfig config, std::unique_ptr<state::StateCommitment> commitment,
           crypto::SecretKey key)
    : store_(std::move(store)),
      config_(std::move(config)),
      key_(std::move(key)),
      sequencer_(crypto::to_address(crypto::public_key(key_))),
      db_(*store_, std::move(commitment)),
      committed_(*store_),
      chain_(*store_),
      pool_(config_.pool) {}

Result<std::unique_ptr<Node>> Node::open(std::unique_ptr<state::KvStore> store, NodeConfig config) {
    auto key = crypto::SecretKey::from_bytes(config.sequencer_key);
    if (!key) return fail(nodeerrc::bad_sequencer_key, "sequencer key: " + key.error().message);
    LUXL2_TRY(commitment, state::open_state_commitment(*store));
    std::unique_ptr<Node> node(new Node(std::move(store), std::move(config), std::move(commitment), std::move(*key)));
    LUXL2_TRY(stored_chain, node->chain_.chain_id());
    if (stored_chain && *stored_chain != node->config_.chain_id)
        return fail(nodeerrc::chain_mismatch, "the data directory holds chain " + stored_chain->to_string() + ", not " +
                                                  node->config_.chain_id.to_string());
    LUXL2_TRY(head, node->chain_.head());
    if (!head) {
        LUXL2_CHECK(node->init_genesis());
    } else {
        LUXL2_TRY(b, node->chain_.block(*head));
        if (!b) return fail(state::errc::corrupt, "head block " + std::to_string(*head) + " is missing");
        if (b->state_root() != node->db_.committed_root())
            return fail(state::errc::corrupt,
                        "state root of the store does not match head block " + std::to_string(*head));
        if (b->sequencer() != node->sequencer_)
            return fail(nodeerrc::chain_mismatch, "the data directory's blocks are signed by sequencer " +
                                                      to_hex(b->sequencer()) + ", not by the configured key's " +
                                                      to_hex(node->sequencer_));
        node->head_block_ = std::move(b);
        node->head_.store(*head, std::memory_order_release);
    }
    return node;
}

Result<void> Node::init_genesis() {
    for (const auto& [addr, balance] : config_.alloc) {
        LUXL2_TRY(acc, db_.account(addr));
        acc.balance += balance;
        db_.set_account(addr, acc);
    }
    format::L2Block g;
    g.header.block_number = U256(0);
    g.header.timestamp = U256(config_.genesis_timestamp);
    g.header.gas_limit = U256(config_.gas_limit);
    g.header.extra_data = base_fee_extra_data(U256(exec::kInitialBaseFee));
    LUXL2_TRY(b, seal_and_commit(std::move(g), db_.committed_root(), {}, {}));
    (void)b;
    return {};
}

Result<BlockPtr> Node::seal_and_commit(
    format::L2Block block, const Hash32& parent_state_root, const std::vector<exec::Receipt>& receipts,
    const std::vector<Hash32>& tx_hashes,
    const std::vector<std::pair<Hash32, std::shared_ptr<const compress::CompressedBatch>>>& inner) {
    const std::uint64_t number = block.header.block_number.low64();
    state::WriteBatch batch;
    // Deltas compare the pending writes with the committed state, so read them before staging.
    auto deltas = account_deltas(db_.pending());
    if (!deltas) {
        db_.discard();
        return std::unexpected(std::move(deltas.error()));
    }
    auto root = db_.stage(batch, number);
    if (!root) {
        db_.discard();
        return std::unexpected(std::move(root.error()));
    }
    block.state_transition.previous_state_root = parent_state_root;
    block.state_transition.new_state_root = *root;
    block.state_transition.account_deltas = std::move(*deltas);
    block.state_transition.storage_deltas = storage_deltas(db_.pending());
    block.header.state_root = *root;
    std::vector<Bytes> encoded;
    encoded.reserve(receipts.size());
    for (const auto& r : receipts) encoded.push_back(exec::encode_receipt(r));
    block.header.receipts_root = format::receipts_root(encoded);
    block.header.transactions_root = format::transactions_root(block.transactions);
    format::sign_header(block.header, key_);
    auto rec = BlockRecord::from_block(std::move(block));
    if (!rec) {
        db_.discard();
        return std::unexpected(std::move(rec.error()));
    }
    auto sealed = std::make_shared<const BlockRecord>(std::move(*rec));
    chain_.stage_block(batch, *sealed, encoded, tx_hashes);
    for (const auto& [hash, b] : inner) chain_.stage_compressed_inner(batch, hash, *b);
    if (number == 0) chain_.stage_chain_id(batch, config_.chain_id);
    if (auto w = store_->write(batch, config_.sync_writes); !w) {
        db_.discard();
        return std::unexpected(std::move(w.error()));
    }
    db_.publish();
    chain_.remember(sealed);
    {
        std::lock_guard lock(head_mu_);
        head_block_ = sealed;
    }
    head_.store(number, std::memory_order_release);
    return sealed;
}

BlockPtr Node::head_block() const {
    std::lock_guard lock(head_mu_);
    return head_block_;
}

Result<state::HistoricalStateReader> Node::state_at(std::uint64_t number) const {
    return state::open_history(*store_, number);
}

format::Rules Node::rules() const {
    format::Rules r;
    r.fork = format::Fork::kCancun;  // EIP-1559 and EIP-2930; Prague's calldata floor awaits the EVM
    r.chain_id = config_.chain_id;
    return r;
}

U256 Node::next_base_fee() const {
    const BlockPtr h = head_block();
    return exec::next_base_fee(h->gas_used, h->gas_limit, h->base_fee);
}

Hash32 Node::state_root() const {
    return head_block()->state_root();
}

Result<Hash32> Node::send_raw_transaction(ByteView raw) {
    if (!raw.empty() && raw[0] == format::lp505_type::kQuantum) return send_quantum_transaction(raw);
    if (!raw.empty() && raw[0] == format::lp505_type::kCompressed) return send_compressed_transaction(raw);
    auto tx = format::decode_transaction(raw);
    if (!tx) return fail(nodeerrc::invalid_tx, "invalid transaction: " + tx.error().message);
    const format::Rules r = rules();
    if (tx->type == format::TxType::kLegacy && !tx->chain_id)
        return fail(nodeerrc::invalid_tx, "only replay-protected (EIP-155) transactions allowed over RPC");
    auto sender = format::validate_transaction(*tx, r);
    if (!sender) return std::unexpected(geth_error(sender.error(), *tx, r));
    const Hash32 hash = crypto::keccak256(raw);  // = transaction_hash(tx): the exact EIP-2718 bytes
    PoolEnv env{next_base_fee(), config_.gas_limit, r};
    LUXL2_CHECK(
        pool_.add(exec::SignedTx{std::move(*tx), *sender, hash}, Bytes(raw.begin(), raw.end()), committed_, env));
    return hash;
}

Result<Hash32> Node::send_quantum_transaction(ByteView raw) {
    // Limits before anything is decoded: a post-quantum envelope is large, but not unbounded.
    if (raw.size() > config_.pool.max_tx_bytes)
        return fail(poolerrc::oversized, "oversized data: transaction size " + std::to_string(raw.size()) + ", limit " +
                                             std::to_string(config_.pool.max_tx_bytes));
    format::TxLimits limits;
    limits.max_bytes = config_.pool.max_tx_bytes;
    auto td = format::from_envelope(raw, limits);
    if (!td) return fail(nodeerrc::invalid_tx, "invalid transaction: " + td.error().message);
    const format::Rules r = rules();
    // Verified once, here; the block builder trusts the sender it yields (signature_verified).
    auto stx = verified_quantum_tx(std::move(*td), r, limits);
    if (!stx) {
        const Error& e = stx.error();
        if (e.code == format::quantum_tx_errc::bad_signature)
            return fail(nodeerrc::invalid_tx, "invalid sender: " + e.message);
        if (e.code == exec::errc::invalid_chain_id) return fail(nodeerrc::invalid_tx, e.message);
        return fail(nodeerrc::invalid_tx, "invalid transaction: " + e.message);
    }
    if (stx->tx.max_priority_fee_per_gas > stx->tx.max_fee_per_gas)
        return fail(exec::errc::tip_above_fee_cap, "max priority fee per gas higher than max fee per gas");
    const Hash32 hash = stx->hash;
    PoolEnv env{next_base_fee(), config_.gas_limit, r};
    LUXL2_CHECK(pool_.add(std::move(*stx), Bytes(raw.begin(), raw.end()), committed_, env));
    return hash;
}

Result<Hash32> Node::send_compressed_transaction(ByteView raw) {
    if (raw.size() > config_.pool.max_tx_bytes)
        return fail(poolerrc::oversized, "oversized data: transaction size " + std::to_string(raw.size()) + ", limit " +
                                             std::to_string(config_.pool.max_tx_bytes));
    format::TxLimits limits;
    limits.max_bytes = config_.pool.max_tx_bytes;
    auto td = format::from_envelope(raw, limits);
    if (!td) return fail(nodeerrc::invalid_tx, "invalid transaction: " + td.error().message);
    const Hash32 hash = crypto::keccak256(raw);
    // Everything the next block would check, on a scratch overlay of the latest state: the
    // aggregate is verified here once; the block builder decodes again and verifies only if the
    // decoding changed.
    const BlockPtr head = head_block();
    exec::BlockEnv env;
    env.number = head->number + 1;
    env.timestamp = head->timestamp + 1;
    env.base_fee = next_base_fee();
    env.gas_limit = config_.gas_limit;
    env.fee_recipient = config_.fee_recipient;
    env.rules = rules();
    state::Overlay scratch(committed_);
    auto res = exec::apply_compressed_transaction(scratch, env, *td, config_.gas_limit, bls_);
    if (!res) {
        const Error& e = res.error();
        if (e.code == compress::compressed_errc::kUnknownSender || e.code == exec::errc::bad_aggregate ||
            e.code.starts_with("bls."))
            return fail(nodeerrc::invalid_tx,
                        e.message.starts_with("invalid sender") ? e.message : "invalid sender: " + e.message);
        if (e.code.starts_with("exec.") || e.code == state::errc::io || e.code == state::errc::corrupt)
            return std::unexpected(e);
        return fail(nodeerrc::invalid_tx, "invalid transaction: " + e.message);
    }
    // Only Ethereum-type transactions send L2→L1 messages (withdrawals.hpp): an inner transfer to the
    // passer would burn its value for nothing, so the pool refuses it (a policy, not a block rule).
    for (std::size_t i = 0; i < res->batch.txs.size(); ++i)
        if (res->batch.txs[i].to == l2_to_l1_message_passer())
            return fail(nodeerrc::invalid_tx, "inner transaction " + std::to_string(i) +
                                                  ": 0x53 inner transactions send no L2→L1 message; withdraw with an "
                                                  "Ethereum transaction to the message passer");
    exec::SignedTx stx{exec::compressed_fee_view(res->batch), res->batch.txs.front().from, hash};
    stx.lp505 = std::move(*td);
    stx.compressed = std::make_shared<const compress::CompressedBatch>(std::move(res->batch));
    LUXL2_CHECK(pool_.add_compressed(std::move(stx), Bytes(raw.begin(), raw.end())));
    return hash;
}

Result<void> Node::queue_deposits(std::vector<format::DepositTransaction> deposits, std::uint64_t l1_block_number) {
    for (const auto& d : deposits)
        if (d.gas > config_.gas_limit)
            return fail(nodeerrc::deposits_too_large, "deposit gas " + std::to_string(d.gas) +
                                                          " exceeds the block gas limit " +
                                                          std::to_string(config_.gas_limit));
    std::lock_guard lock(deposits_mu_);
    for (std::size_t i = 0; i < deposits.size(); ++i)
        deposits_.push_back({std::move(deposits[i]), l1_block_number, i + 1 == deposits.size()});
    if (deposits.empty()) deposits_.push_back({std::nullopt, l1_block_number, true});
    return {};
}

std::size_t Node::queued_deposits() const {
    std::lock_guard lock(deposits_mu_);
    std::size_t n = 0;
    for (const auto& q : deposits_) n += q.tx ? 1u : 0u;
    return n;
}

Result<BlockPtr> Node::produce_block(std::uint64_t timestamp) {
    const BlockPtr parent = head_block();
    exec::BlockEnv env;
    env.number = parent->number + 1;
    env.timestamp = std::max(timestamp, parent->timestamp + 1);
    env.base_fee = exec::next_base_fee(parent->gas_used, parent->gas_limit, parent->base_fee);
    env.gas_limit = config_.gas_limit;
    env.fee_recipient = config_.fee_recipient;
    env.rules = rules();

    // Deposits first, while their gas fits the block.
    std::vector<format::DepositTransaction> deposits;
    U256 l1_block = parent->block.header.l1_block_number;
    {
        std::lock_guard lock(deposits_mu_);
        std::uint64_t gas = 0;
        while (!deposits_.empty()) {
            QueuedDeposit& q = deposits_.front();
            if (q.tx) {
                if (q.tx->gas > env.gas_limit - gas) break;
                gas += q.tx->gas;
                deposits.push_back(std::move(*q.tx));
            }
            if (q.last_of_l1_block) l1_block = std::max(l1_block, U256(q.l1_block_number));
            deposits_.pop_front();
        }
    }
    std::uint64_t deposit_gas_limit = 0;
    for (const auto& d : deposits) deposit_gas_limit += d.gas;

    const auto candidates = pool_.select(committed_, env.base_fee, env.gas_limit - deposit_gas_limit);
    auto result = exec::execute_block(db_, env, deposits, candidates, &bls_);
    if (!result) {
        db_.discard();
        return std::unexpected(std::move(result.error()));
    }

    format::L2Block b;
    b.header.block_number = U256(env.number);
    b.header.parent_hash = parent->hash;
    b.header.timestamp = U256(env.timestamp);
    b.header.l1_block_number = l1_block;
    b.header.gas_used = U256(result->gas_used);
    b.header.gas_limit = U256(env.gas_limit);
    b.header.extra_data = base_fee_extra_data(env.base_fee);
    std::vector<Hash32> hashes;
    hashes.reserve(deposits.size() + result->included.size());
    b.transactions.reserve(deposits.size() + result->included.size());
    for (const auto& d : deposits) {
        b.transactions.push_back(format::make_tx_data(d));
        hashes.push_back(exec::deposit_hash(d));
    }
    std::vector<std::pair<Hash32, std::shared_ptr<const compress::CompressedBatch>>> inner;
    for (std::size_t k = 0; k < result->included.size(); ++k)
        if (result->compressed[k]) inner.emplace_back(candidates[result->included[k]].hash, result->compressed[k]);
    for (std::size_t i : result->included) {
        const auto entry = pool_.get(candidates[i].hash);
        if (candidates[i].lp505)
            b.transactions.push_back(*candidates[i].lp505);  // payload and signature, as LP-505 carries them
        else
            b.transactions.push_back(entry ? wrap_raw(entry->raw) : format::wrap_ethereum(candidates[i].tx));
        hashes.push_back(candidates[i].hash);
    }
    LUXL2_TRY(committed, seal_and_commit(std::move(b), parent->state_root(), result->receipts, hashes, inner));

    std::vector<Hash32> dropped;
    for (const auto& [i, err] : result->rejected)
        if (permanent(err.code)) dropped.push_back(candidates[i].hash);
    pool_.reset(committed_, dropped);
    return committed;
}

}  // namespace luxl2::node
