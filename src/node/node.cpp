#include "luxl2/node/node.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/merkle/tree.hpp"

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

}  // namespace

Node::Node(std::unique_ptr<state::KvStore> store, NodeConfig config, std::unique_ptr<state::StateCommitment> commitment)
    : store_(std::move(store)),
      config_(std::move(config)),
      db_(*store_, std::move(commitment)),
      committed_(*store_),
      chain_(*store_),
      pool_(config_.pool) {}

Result<std::unique_ptr<Node>> Node::open(std::unique_ptr<state::KvStore> store, NodeConfig config) {
    LUXL2_TRY(commitment, state::open_state_commitment(*store));
    std::unique_ptr<Node> node(new Node(std::move(store), std::move(config), std::move(commitment)));
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
        if (b->state_root != node->db_.committed_root())
            return fail(state::errc::corrupt,
                        "state root of the store does not match head block " + std::to_string(*head));
        node->head_block_ = std::move(*b);
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
    BlockRecord g;
    g.number = 0;
    g.timestamp = config_.genesis_timestamp;
    g.fee_recipient = config_.fee_recipient;
    g.gas_limit = config_.gas_limit;
    g.base_fee = U256(exec::kInitialBaseFee);
    g.transactions_root = merkle::empty_root();
    g.receipts_root = merkle::empty_root();
    LUXL2_TRY(b, commit(std::move(g), {}, {}));
    (void)b;
    return {};
}

Result<BlockRecord> Node::commit(BlockRecord block, const std::vector<exec::Receipt>& receipts,
                                 const std::vector<Hash32>& tx_hashes) {
    state::WriteBatch batch;
    block.state_root = db_.stage(batch);
    const Hash32 hash = block_hash(block);
    chain_.stage_block(batch, block, hash, receipts, tx_hashes);
    if (block.number == 0) chain_.stage_chain_id(batch, config_.chain_id);
    if (auto w = store_->write(batch, config_.sync_writes); !w) {
        db_.discard();
        return std::unexpected(std::move(w.error()));
    }
    db_.publish();
    {
        std::lock_guard lock(head_mu_);
        head_block_ = block;
    }
    head_.store(block.number, std::memory_order_release);
    return block;
}

format::Rules Node::rules() const {
    format::Rules r;
    r.fork = format::Fork::kCancun;  // EIP-1559 and EIP-2930; Prague's calldata floor awaits the EVM
    r.chain_id = config_.chain_id;
    return r;
}

U256 Node::next_base_fee() const {
    std::lock_guard lock(head_mu_);
    return exec::next_base_fee(head_block_.gas_used, head_block_.gas_limit, head_block_.base_fee);
}

Hash32 Node::state_root() const {
    std::lock_guard lock(head_mu_);
    return head_block_.state_root;
}

Result<Hash32> Node::send_raw_transaction(ByteView raw) {
    auto tx = format::decode_transaction(raw);
    if (!tx) return fail(nodeerrc::invalid_tx, "invalid transaction: " + tx.error().message);
    const format::Rules r = rules();
    if (tx->type == format::TxType::kLegacy && !tx->chain_id)
        return fail(nodeerrc::invalid_tx, "only replay-protected (EIP-155) transactions allowed over RPC");
    auto sender = format::validate_transaction(*tx, r);
    if (!sender) return std::unexpected(geth_error(sender.error(), *tx, r));
    const Hash32 hash = format::transaction_hash(*tx);
    PoolEnv env{next_base_fee(), config_.gas_limit, r};
    LUXL2_CHECK(
        pool_.add(exec::SignedTx{std::move(*tx), *sender, hash}, Bytes(raw.begin(), raw.end()), committed_, env));
    return hash;
}

Result<BlockRecord> Node::produce_block(std::uint64_t timestamp) {
    BlockRecord parent;
    {
        std::lock_guard lock(head_mu_);
        parent = head_block_;
    }
    exec::BlockEnv env;
    env.number = parent.number + 1;
    env.timestamp = std::max(timestamp, parent.timestamp + 1);
    env.base_fee = exec::next_base_fee(parent.gas_used, parent.gas_limit, parent.base_fee);
    env.gas_limit = config_.gas_limit;
    env.fee_recipient = config_.fee_recipient;
    env.rules = rules();

    const auto candidates = pool_.select(committed_, env.base_fee, env.gas_limit);
    auto result = exec::execute_block(db_, env, candidates);

    BlockRecord b;
    b.number = env.number;
    b.parent_hash = block_hash(parent);
    b.timestamp = env.timestamp;
    b.fee_recipient = env.fee_recipient;
    b.gas_used = result.gas_used;
    b.gas_limit = env.gas_limit;
    b.base_fee = env.base_fee;
    std::vector<Hash32> hashes;
    std::vector<Bytes> receipt_bytes;
    for (std::size_t i : result.included) {
        const auto entry = pool_.get(candidates[i].hash);
        b.transactions.push_back(entry ? entry->raw : format::encode_transaction(candidates[i].tx));
        hashes.push_back(candidates[i].hash);
    }
    for (const auto& rc : result.receipts) receipt_bytes.push_back(exec::encode_receipt(rc));
    b.transactions_root = merkle::root(std::span<const Bytes>(b.transactions));
    b.receipts_root = merkle::root(std::span<const Bytes>(receipt_bytes));
    LUXL2_TRY(committed, commit(std::move(b), result.receipts, hashes));

    std::vector<Hash32> dropped;
    for (const auto& [i, err] : result.rejected)
        if (permanent(err.code)) dropped.push_back(candidates[i].hash);
    pool_.reset(committed_, dropped);
    return committed;
}

}  // namespace luxl2::node
