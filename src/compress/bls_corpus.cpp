// Real transfers re-signed under BLS keys (contract in bls_corpus.hpp).
#include "luxl2/compress/bls_corpus.hpp"

#include <algorithm>
#include <random>

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {

Result<BlsTransferCorpus> rekey_transactions(std::span<const Bytes> txs, ByteView seed) {
    BlsTransferCorpus out;
    std::unordered_map<Address, std::size_t> account_of;  // Ethereum address → index into accounts/keys
    std::vector<crypto::bls::SecretKey> account_keys;
    auto account = [&](const Address& eth) -> Result<std::size_t> {
        if (const auto it = account_of.find(eth); it != account_of.end()) return it->second;
        Bytes ikm_in(seed.begin(), seed.end());
        append(ikm_in, eth);
        const Hash32 ikm = crypto::keccak256(ikm_in);
        LUXL2_TRY(sk, crypto::bls::keygen(ikm));
        LUXL2_TRY(pk, crypto::bls::sk_to_pk(sk));
        account_keys.push_back(sk);
        out.accounts.push_back(crypto::bls::account_address(pk));
        account_of.emplace(eth, out.accounts.size() - 1);
        return out.accounts.size() - 1;
    };
    for (std::size_t i = 0; i < txs.size(); ++i) {
        auto tx = format::decode_transaction(txs[i]);
        if (!tx) return std::unexpected(std::move(tx.error().at("transaction " + std::to_string(i))));
        auto sender = format::recover_sender(*tx);
        if (!sender) return std::unexpected(std::move(sender.error().at("transaction " + std::to_string(i))));
        if (out.txs.empty()) out.chain_id = tx->chain_id.value_or(U256(1));
        LUXL2_TRY(from, account(*sender));
        InnerTx t;
        t.from = out.accounts[from];
        t.nonce = tx->nonce;
        if (tx->type == format::TxType::kLegacy || tx->type == format::TxType::kAccessList) {
            t.max_fee_per_gas = tx->gas_price;
            t.max_priority_fee_per_gas = tx->gas_price;
        } else {
            t.max_fee_per_gas = tx->max_fee_per_gas;
            t.max_priority_fee_per_gas = tx->max_priority_fee_per_gas;
        }
        t.gas_limit = tx->gas_limit;
        if (tx->to) {
            LUXL2_TRY(to, account(*tx->to));
            t.to = out.accounts[to];
        }
        t.value = tx->value;
        t.data = tx->data;
        out.txs.push_back(std::move(t));
        out.keys.push_back(account_keys[from]);
    }
    return out;
}

AccountIndex index_for(const BlsTransferCorpus& corpus, std::uint64_t population, std::uint64_t seed) {
    LUXL2_ASSERT(population >= corpus.accounts.size());
    // Positions of the corpus accounts: a seeded sample of distinct slots.
    std::mt19937_64 rng(seed);
    std::unordered_map<std::uint64_t, std::size_t> at;  // slot → corpus account
    for (std::size_t i = 0; i < corpus.accounts.size(); ++i) {
        std::uint64_t s;
        do {
            s = rng() % population;
        } while (at.contains(s));
        at.emplace(s, i);
    }
    std::unordered_map<Address, std::uint64_t> first_nonce;
    for (const auto& t : corpus.txs) first_nonce.try_emplace(t.from, t.nonce);
    AccountIndex index;
    for (std::uint64_t s = 0; s < population; ++s) {
        const auto it = at.find(s);
        if (it == at.end()) {
            // A placeholder account: keccak256 of its slot, which no corpus address equals.
            std::uint8_t be[8];
            store_be64(be, s);
            const Hash32 h = crypto::keccak256(ByteView(be, 8));
            index.add(Address::from_view(h.view().first(20)));
            continue;
        }
        const Address& a = corpus.accounts[it->second];
        const auto n = first_nonce.find(a);
        index.add(a, n == first_nonce.end() ? 0 : n->second);
    }
    return index;
}

}  // namespace luxl2::compress
