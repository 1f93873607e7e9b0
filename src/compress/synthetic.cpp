#include "luxl2/compress/synthetic.hpp"

#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::compress {
namespace {

// SplitMix64: a tiny, well-known deterministic generator.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() noexcept {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) noexcept { return static_cast<std::size_t>(next() % n); }
};

Hash32 seed_hash(std::uint64_t seed, std::uint64_t i, std::uint8_t domain) {
    std::uint8_t buf[17];
    store_be64(buf, seed);
    store_be64(buf + 8, i);
    buf[16] = domain;
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

struct Account {
    crypto::SecretKey key;
    Address address;
    std::uint64_t nonce;
};

std::vector<Account> make_users(std::size_t n, std::uint64_t seed, Rng& rng) {
    std::vector<Account> users;
    users.reserve(n);
    for (std::size_t i = 0; users.size() < n; ++i) {
        auto key = crypto::SecretKey::from_bytes(seed_hash(seed, i, 1));
        if (!key) continue;
        const Address a = crypto::to_address(crypto::public_key(*key));
        users.push_back({std::move(*key), a, rng.next() % 5000});
    }
    return users;
}

Address derived_address(std::uint64_t seed, std::uint64_t i) {
    return Address::from_view(seed_hash(seed, i, 2).view().subspan(12));
}

void put_word_u256(Bytes& out, const U256& v) {
    const auto b = v.to_be_bytes();
    out.insert(out.end(), b.begin(), b.end());
}
void put_word_address(Bytes& out, const Address& a) {
    out.insert(out.end(), 12, 0);
    append(out, a);
}

// Token amounts as people type them: a few significant digits times a power of ten.
U256 round_amount(Rng& rng) {
    U256 v(1 + rng.below(9999));
    for (std::size_t e = 12 + rng.below(8); e > 0; --e) v *= U256(10);
    return v;
}

format::Transaction base_tx(Rng& rng, Account& from) {
    format::Transaction tx;
    tx.type = format::TxType::kDynamicFee;
    tx.chain_id = U256(1);
    tx.nonce = from.nonce++;
    const std::uint64_t base_fee = 50'000'000;  // 0.05 gwei, an L2's base fee
    tx.max_priority_fee_per_gas = U256(rng.below(2) == 0 ? 1'000'000 : 10'000'000);
    tx.max_fee_per_gas = U256(base_fee * 2) + tx.max_priority_fee_per_gas;
    return tx;
}

}  // namespace

std::vector<SyntheticTx> synthetic_contract_calls(std::size_t n, std::uint64_t seed, std::size_t users_n) {
    Rng rng{seed};
    auto users = make_users(users_n, seed, rng);
    std::vector<Address> tokens, routers;
    for (std::uint64_t i = 0; i < 24; ++i) tokens.push_back(derived_address(seed, i));
    for (std::uint64_t i = 100; i < 104; ++i) routers.push_back(derived_address(seed, i));
    std::vector<SyntheticTx> out;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        Account& from = users[rng.below(users.size())];
        format::Transaction tx = base_tx(rng, from);
        const std::size_t kind = rng.below(10);
        if (kind < 6) {  // transfer(address,uint256)
            tx.to = tokens[rng.below(tokens.size())];
            tx.data = {0xa9, 0x05, 0x9c, 0xbb};
            put_word_address(tx.data, users[rng.below(users.size())].address);
            put_word_u256(tx.data, round_amount(rng));
            tx.gas_limit = 65'000 + 1000 * rng.below(3);
        } else if (kind < 8) {  // approve(address,uint256) for a router, unlimited
            tx.to = tokens[rng.below(tokens.size())];
            tx.data = {0x09, 0x5e, 0xa7, 0xb3};
            put_word_address(tx.data, routers[rng.below(routers.size())]);
            put_word_u256(tx.data, U256::max());
            tx.gas_limit = 46'000;
        } else {  // swapExactTokensForTokens(uint256,uint256,address[],address,uint256)
            tx.to = routers[rng.below(routers.size())];
            tx.data = {0x38, 0xed, 0x17, 0x39};
            const U256 in = round_amount(rng);
            put_word_u256(tx.data, in);
            put_word_u256(tx.data, in / U256(100) * U256(97 - rng.below(3)));
            put_word_u256(tx.data, U256(0xa0));
            put_word_address(tx.data, from.address);
            put_word_u256(tx.data, U256(1'700'000'000 + k * 2 + rng.below(600)));
            put_word_u256(tx.data, U256(2));
            put_word_address(tx.data, tokens[rng.below(tokens.size())]);
            put_word_address(tx.data, tokens[rng.below(tokens.size())]);
            tx.gas_limit = 180'000 + 10'000 * rng.below(10);
        }
        format::sign_transaction(tx, from.key);
        out.push_back({format::encode_transaction(tx), from.address});
    }
    return out;
}

std::vector<SyntheticTx> synthetic_transfers(std::size_t n, std::uint64_t seed, std::size_t users_n) {
    Rng rng{seed};
    auto users = make_users(users_n, seed, rng);
    std::vector<SyntheticTx> out;
    out.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
        Account& from = users[rng.below(users.size())];
        format::Transaction tx = base_tx(rng, from);
        tx.to = users[rng.below(users.size())].address;
        tx.value = round_amount(rng);
        tx.gas_limit = 21'000;
        format::sign_transaction(tx, from.key);
        out.push_back({format::encode_transaction(tx), from.address});
    }
    return out;
}

StateView SyntheticState::view() const {
    StateView v;
    v.account = [this](const Address& a) {
        const auto it = account_before.find(a);
        return it == account_before.end() ? std::pair<U256, std::uint64_t>{} : it->second;
    };
    v.storage = [this](const Address& a, const Hash32& s) {
        const auto it = storage_before.find({a, s});
        return it == storage_before.end() ? U256{} : it->second;
    };
    return v;
}

Bytes SyntheticState::naive_encoding() const {
    Bytes out;
    for (const auto& a : accounts) {
        append(out, a.address);
        out.insert(out.end(), 32, 0);  // "balance and nonce" record
        put_word_u256(out, a.balance_before);
        put_word_u256(out, a.balance_after);
    }
    for (const auto& s : storage) {
        append(out, s.address);
        append(out, s.slot);
        put_word_u256(out, s.before);
        put_word_u256(out, s.after);
    }
    return out;
}

SyntheticState synthetic_state_deltas(std::size_t n, std::uint64_t seed, std::size_t users, std::size_t tokens) {
    Rng rng{seed};
    SyntheticState st;
    std::map<Address, std::pair<U256, std::uint64_t>> accounts;
    std::map<std::pair<Address, Hash32>, U256> slots;
    auto holder = [&](std::size_t i) { return derived_address(seed, 1000 + i); };
    auto token = [&](std::size_t i) { return derived_address(seed, 10 + i); };
    // Solidity mapping slot: keccak256(pad32(holder) ‖ pad32(0)).
    auto balance_slot = [](const Address& h) {
        Bytes pre(12, 0);
        append(pre, h);
        pre.resize(64, 0);
        return crypto::keccak256(pre);
    };
    auto account = [&](const Address& a) -> std::pair<U256, std::uint64_t>& {
        auto [it, fresh] = accounts.try_emplace(a);
        if (fresh) {
            it->second = {round_amount(rng) * U256(1000), rng.next() % 3000};
            st.account_before[a] = it->second;
        }
        return it->second;
    };
    auto slot = [&](const Address& t, const Hash32& s) -> U256& {
        auto [it, fresh] = slots.try_emplace({t, s});
        if (fresh) {
            it->second = round_amount(rng) * U256(1'000'000) + U256(rng.next());
            st.storage_before[{t, s}] = it->second;
        }
        return it->second;
    };
    for (std::size_t k = 0; k < n; ++k) {
        const Address from = holder(rng.below(users));
        const Address to = holder(rng.below(users));
        const Address t = token(rng.below(tokens));
        auto& acc = account(from);
        acc.first -= U256(21'000 + rng.below(40'000)) * U256(60'000'000);  // gas paid
        acc.second += 1;
        const U256 amount = round_amount(rng);
        slot(t, balance_slot(from)) -= amount;
        slot(t, balance_slot(to)) += amount;
    }
    for (const auto& [a, v] : accounts) {
        const auto& b = st.account_before[a];
        if (v != b) st.accounts.push_back({a, b.first, v.first, b.second, v.second});
    }
    for (const auto& [k, v] : slots) {
        const auto& b = st.storage_before[k];
        if (v != b) st.storage.push_back({k.first, k.second, b, v});
    }
    return st;
}

}  // namespace luxl2::compress
