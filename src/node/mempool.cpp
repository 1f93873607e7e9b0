#include "luxl2/node/mempool.hpp"

#include <algorithm>
#include <queue>

#include "luxl2/core/hex.hpp"
#include "luxl2/exec/bls_accounts.hpp"
#include "luxl2/exec/fees.hpp"
#include "luxl2/exec/quantum.hpp"

namespace luxl2::node {
namespace {

// a * (100 + percent) / 100 rounded down, as geth's price-bump threshold; saturating.
U256 bumped(const U256& a, unsigned percent) {
    U256 product;
    if (mul_overflow(a, U256(100 + percent), product)) return U256::max();
    return product / U256(100);
}

}  // namespace

Result<void> Mempool::add(exec::SignedTx stx, Bytes raw, const state::StateReader& state, const PoolEnv& env) {
    using format::TxType;
    const auto& tx = stx.tx;
    {
        std::lock_guard lock(mu_);
        if (by_hash_.contains(stx.hash)) return fail(poolerrc::already_known, "already known");
    }
    if (raw.size() > config_.max_tx_bytes)
        return fail(poolerrc::oversized, "oversized data: transaction size " + std::to_string(raw.size()) + ", limit " +
                                             std::to_string(config_.max_tx_bytes));
    if (stx.lp505 && stx.lp505->tx_type == format::lp505_type::kCompressed)
        return add_compressed(std::move(stx), std::move(raw));
    std::optional<format::QuantumTransaction> quantum;
    if (stx.lp505) {
        if (stx.lp505->tx_type != format::lp505_type::kQuantum || !stx.signature_verified)
            return fail(exec::errc::tx_type_not_supported, "transaction type not supported");
        LUXL2_TRY(q, format::decode_tx_payload<format::QuantumTransaction>(*stx.lp505));
        quantum = std::move(q);
    } else if (tx.type != TxType::kLegacy && tx.type != TxType::kAccessList && tx.type != TxType::kDynamicFee) {
        return fail(exec::errc::tx_type_not_supported, "transaction type not supported");
    }
    if (!tx.to)
        return fail(exec::errc::contract_creation_unsupported,
                    "contract creation is not supported: this node executes no EVM code yet");
    const std::uint64_t intrinsic = quantum ? exec::quantum_intrinsic_gas(*quantum, stx.lp505->signature, env.rules)
                                            : exec::execution_gas(tx, env.rules);
    if (tx.gas_limit < intrinsic)
        return fail(exec::errc::intrinsic_gas, "intrinsic gas too low: gas " + std::to_string(tx.gas_limit) +
                                                   ", minimum needed " + std::to_string(intrinsic));
    if (tx.gas_limit > env.gas_limit) return fail(poolerrc::gas_limit, "exceeds block gas limit");
    if (exec::tip_cap(tx) > exec::fee_cap(tx))
        return fail(exec::errc::tip_above_fee_cap, "max priority fee per gas higher than max fee per gas");
    if (exec::fee_cap(tx) < env.base_fee)
        return fail(exec::errc::fee_cap_too_low,
                    "max fee per gas less than block base fee: address " + to_hex(stx.sender) +
                        ", maxFeePerGas: " + exec::fee_cap(tx).to_string() + ", baseFee: " + env.base_fee.to_string());
    LUXL2_TRY(from, state.account(stx.sender));
    if (tx.nonce < from.nonce)
        return fail(exec::errc::nonce_too_low, "nonce too low: next nonce " + std::to_string(from.nonce) +
                                                   ", tx nonce " + std::to_string(tx.nonce));
    if (from.has_code()) return fail(exec::errc::sender_not_eoa, "sender not an eoa: address " + to_hex(stx.sender));
    U256 cost;
    const bool overflow =
        mul_overflow(U256(tx.gas_limit), exec::fee_cap(tx), cost) || add_overflow(cost, tx.value, cost);
    if (overflow || from.balance < cost)
        return fail(exec::errc::insufficient_funds,
                    "insufficient funds for gas * price + value: balance " + from.balance.to_string() + ", tx cost " +
                        (overflow ? std::string("more than 2^256-1")
                                  : cost.to_string() + ", overshot " + (cost - from.balance).to_string()));
    // The migration rules (exec/quantum_migration.hpp), with exec's messages.
    if (quantum)
        LUXL2_CHECK(exec::check_quantum_authority(state, *quantum, stx.sender));
    else
        LUXL2_CHECK(exec::check_ecdsa_sender(state, stx.sender));
    if (!quantum && tx.to && *tx.to == exec::kBlsRegistryAddress)
        LUXL2_CHECK(exec::check_bls_registration(state, tx.value, tx.data));
    if (tx.to && *tx.to != exec::kQuantumMigrationAddress) {
        LUXL2_TRY(to, state.account(*tx.to));
        if (to.has_code())
            return fail(exec::errc::call_into_code_unsupported,
                        "calls into contract code are not supported: this node executes no EVM code yet (to " +
                            to_hex(*tx.to) + ")");
    }

    std::lock_guard lock(mu_);
    if (by_hash_.contains(stx.hash)) return fail(poolerrc::already_known, "already known");
    Chain& chain = senders_[stx.sender];
    // Nonces below the state nonce are stale leftovers; drop them while here.
    while (!chain.empty() && chain.begin()->first < from.nonce) remove_locked(stx.sender, chain.begin());
    if (auto it = chain.find(tx.nonce); it != chain.end()) {
        const auto& old = it->second->stx.tx;
        if (exec::fee_cap(tx) < bumped(exec::fee_cap(old), config_.price_bump_percent) ||
            exec::tip_cap(tx) < bumped(exec::tip_cap(old), config_.price_bump_percent))
            return fail(poolerrc::replacement_underpriced, "replacement transaction underpriced");
        // A larger replacement (a post-quantum one) may need room; never at the cost of its own chain.
        const std::size_t old_size = it->second->raw.size();
        while (bytes_ - old_size + raw.size() > config_.max_total_bytes)
            if (!evict_for_locked(exec::fee_cap(tx), &stx.sender)) return fail(poolerrc::pool_full, "txpool is full");
        remove_locked(stx.sender, chain.find(tx.nonce));
    } else {
        if (chain.size() >= config_.max_per_sender) return fail(poolerrc::account_limit, "account limit exceeded");
        while (by_hash_.size() >= config_.max_total || bytes_ + raw.size() > config_.max_total_bytes)
            if (!evict_for_locked(exec::fee_cap(tx))) return fail(poolerrc::pool_full, "txpool is full");
    }
    auto entry = std::make_shared<const Entry>(Entry{std::move(stx), std::move(raw), arrivals_++});
    Chain& c = senders_[entry->stx.sender];  // eviction may have erased the sender's chain
    c.emplace(entry->stx.tx.nonce, entry);
    by_hash_.emplace(entry->stx.hash, entry);
    bytes_ += entry->raw.size();
    return {};
}

Result<void> Mempool::add_compressed(exec::SignedTx stx, Bytes raw) {
    if (!stx.lp505 || stx.lp505->tx_type != format::lp505_type::kCompressed || !stx.compressed)
        return fail(exec::errc::tx_type_not_supported, "transaction type not supported");
    if (raw.size() > config_.max_tx_bytes)
        return fail(poolerrc::oversized, "oversized data: transaction size " + std::to_string(raw.size()) + ", limit " +
                                             std::to_string(config_.max_tx_bytes));
    std::lock_guard lock(mu_);
    if (by_hash_.contains(stx.hash)) return fail(poolerrc::already_known, "already known");
    // The pooled 0x53s claiming one of its (sender, nonce) pairs: it replaces them all when it pays
    // at least price_bump_percent more than each (smallest inner fee cap and tip cap), else refused.
    std::vector<Hash32> conflicts;
    for (const auto& t : stx.compressed->txs)
        if (auto it = claims_.find({t.from, t.nonce}); it != claims_.end()) {
            if (std::find(conflicts.begin(), conflicts.end(), it->second) != conflicts.end()) continue;
            const auto& old = by_hash_.at(it->second)->stx.tx;
            if (exec::fee_cap(stx.tx) < bumped(exec::fee_cap(old), config_.price_bump_percent) ||
                exec::tip_cap(stx.tx) < bumped(exec::tip_cap(old), config_.price_bump_percent))
                return fail(poolerrc::replacement_underpriced,
                            "replacement transaction underpriced: address " + to_hex(t.from) + ", nonce " +
                                std::to_string(t.nonce) + " is pending in another 0x53 transaction");
            conflicts.push_back(it->second);
        }
    if (!conflicts.empty()) {
        // A replacement never evicts others: it must fit in the room of the ones it replaces.
        std::size_t freed = 0;
        for (const Hash32& h : conflicts) freed += by_hash_.at(h)->raw.size();
        if (bytes_ - freed + raw.size() > config_.max_total_bytes) return fail(poolerrc::pool_full, "txpool is full");
        for (const Hash32& h : conflicts) remove_compressed_locked(compressed_.find(by_hash_.at(h)->arrival));
    }
    while (by_hash_.size() >= config_.max_total || bytes_ + raw.size() > config_.max_total_bytes)
        if (!evict_for_locked(exec::fee_cap(stx.tx))) return fail(poolerrc::pool_full, "txpool is full");
    const std::uint64_t arrival = arrivals_++;
    auto entry = std::make_shared<const Entry>(Entry{std::move(stx), std::move(raw), arrival});
    for (const auto& t : entry->stx.compressed->txs) claims_.emplace(std::pair{t.from, t.nonce}, entry->stx.hash);
    compressed_.emplace(arrival, entry);
    by_hash_.emplace(entry->stx.hash, entry);
    bytes_ += entry->raw.size();
    return {};
}

void Mempool::remove_compressed_locked(std::map<std::uint64_t, std::shared_ptr<const Entry>>::iterator it) {
    const Entry& e = *it->second;
    for (const auto& t : e.stx.compressed->txs) claims_.erase({t.from, t.nonce});
    bytes_ -= e.raw.size();
    by_hash_.erase(e.stx.hash);
    compressed_.erase(it);
}

void Mempool::remove_locked(const Address& sender, Chain::iterator it) {
    bytes_ -= it->second->raw.size();
    by_hash_.erase(it->second->stx.hash);
    auto sit = senders_.find(sender);
    sit->second.erase(it);
}

bool Mempool::evict_for_locked(const U256& incoming_fee_cap, const Address* keep) {
    // The victim: the highest-nonce transaction (the last to become executable) with the lowest fee cap.
    const Address* victim = nullptr;
    U256 lowest = U256::max();
    for (auto& [sender, chain] : senders_) {
        if (chain.empty() || (keep && sender == *keep)) continue;
        const U256& f = exec::fee_cap(chain.rbegin()->second->stx.tx);
        if (!victim || f < lowest) {
            victim = &sender;
            lowest = f;
        }
    }
    if (!victim || lowest >= incoming_fee_cap) return false;
    const Address who = *victim;
    Chain& chain = senders_[who];
    remove_locked(who, std::prev(chain.end()));
    if (chain.empty()) senders_.erase(who);
    return true;
}

std::vector<exec::SignedTx> Mempool::select(const state::StateReader& state, const U256& base_fee,
                                            std::uint64_t gas_limit) const {
    std::lock_guard lock(mu_);
    struct Cursor {
        const Chain* chain;  // null: a 0x53, no successor
        Chain::const_iterator it;
        const Entry* entry;
        U256 tip;
        std::uint64_t arrival;
    };
    auto worse = [](const Cursor& a, const Cursor& b) {
        if (a.tip != b.tip) return a.tip < b.tip;
        return a.arrival > b.arrival;
    };
    std::priority_queue<Cursor, std::vector<Cursor>, decltype(worse)> heads(worse);
    auto push = [&](const Chain& chain, Chain::const_iterator it) {
        const auto& tx = it->second->stx.tx;
        if (exec::fee_cap(tx) < base_fee) return;  // cannot pay; neither can its successors run before it
        heads.push({&chain, it, it->second.get(), exec::effective_tip(tx, base_fee), it->second->arrival});
    };
    for (const auto& [sender, chain] : senders_) {
        auto acc = state.account(sender);
        if (!acc || chain.empty()) continue;
        auto it = chain.find(acc->nonce);
        if (it != chain.end()) push(chain, it);
    }
    // A 0x53 whose inner transactions start at their senders' state nonces (stale ones wait for reset).
    for (const auto& [arrival, e] : compressed_) {
        const auto& tx = e->stx.tx;
        if (exec::fee_cap(tx) < base_fee) continue;
        std::map<Address, std::uint64_t> first;
        for (const auto& t : e->stx.compressed->txs) first.try_emplace(t.from, t.nonce);
        bool ready = true;
        for (const auto& [sender, nonce] : first) {
            auto acc = state.account(sender);
            ready = ready && acc && acc->nonce == nonce;
        }
        if (ready) heads.push({nullptr, {}, e.get(), exec::effective_tip(tx, base_fee), arrival});
    }
    std::vector<exec::SignedTx> out;
    std::uint64_t gas = 0;
    while (!heads.empty()) {
        Cursor c = heads.top();
        heads.pop();
        const auto& e = *c.entry;
        if (e.stx.tx.gas_limit > gas_limit - gas) continue;  // does not fit; its successors wait too
        gas += e.stx.tx.gas_limit;
        out.push_back(e.stx);
        if (c.chain == nullptr) continue;
        auto next = std::next(c.it);
        if (next != c.chain->end() && next->first == c.it->first + 1) push(*c.chain, next);
    }
    return out;
}

void Mempool::reset(const state::StateReader& state, const std::vector<Hash32>& dropped) {
    std::lock_guard lock(mu_);
    for (auto it = compressed_.begin(); it != compressed_.end();) {
        bool stale = std::find(dropped.begin(), dropped.end(), it->second->stx.hash) != dropped.end();
        for (const auto& t : it->second->stx.compressed->txs) {
            if (stale) break;
            auto acc = state.account(t.from);
            stale = acc && t.nonce < acc->nonce;
        }
        if (!stale) {
            ++it;
            continue;
        }
        const auto next = std::next(it);
        remove_compressed_locked(it);
        it = next;
    }
    for (const Hash32& h : dropped) {
        auto it = by_hash_.find(h);
        if (it == by_hash_.end() || it->second->stx.compressed) continue;
        const Address sender = it->second->stx.sender;
        Chain& chain = senders_[sender];
        if (auto cit = chain.find(it->second->stx.tx.nonce); cit != chain.end()) remove_locked(sender, cit);
    }
    for (auto sit = senders_.begin(); sit != senders_.end();) {
        auto acc = state.account(sit->first);
        if (acc) {
            Chain& chain = sit->second;
            while (!chain.empty() && chain.begin()->first < acc->nonce) remove_locked(sit->first, chain.begin());
        }
        sit = sit->second.empty() ? senders_.erase(sit) : std::next(sit);
    }
}

std::uint64_t Mempool::pending_nonce(const Address& sender, std::uint64_t state_nonce) const {
    std::lock_guard lock(mu_);
    auto sit = senders_.find(sender);
    std::uint64_t n = state_nonce;
    // A BLS account's nonces are claimed by pooled 0x53s, an ECDSA account's by its chain.
    while ((sit != senders_.end() && sit->second.contains(n)) || claims_.contains({sender, n})) ++n;
    return n;
}

std::shared_ptr<const Mempool::Entry> Mempool::get(const Hash32& hash) const {
    std::lock_guard lock(mu_);
    auto it = by_hash_.find(hash);
    return it == by_hash_.end() ? nullptr : it->second;
}

std::size_t Mempool::size() const {
    std::lock_guard lock(mu_);
    return by_hash_.size();
}

std::size_t Mempool::bytes() const {
    std::lock_guard lock(mu_);
    return bytes_;
}

std::pair<std::size_t, std::size_t> Mempool::counts(const state::StateReader& state) const {
    std::lock_guard lock(mu_);
    std::size_t pending = compressed_.size(), total = compressed_.size();
    for (const auto& [sender, chain] : senders_) {
        total += chain.size();
        auto acc = state.account(sender);
        if (!acc) continue;
        std::uint64_t n = acc->nonce;
        for (auto it = chain.find(n); it != chain.end() && it->first == n; ++it, ++n) ++pending;
    }
    return {pending, total - pending};
}

}  // namespace luxl2::node
