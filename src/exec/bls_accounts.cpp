// The BLS account registry over the state (contract and slot layout in bls_accounts.hpp).
#include "luxl2/exec/bls_accounts.hpp"

#include <algorithm>
#include <cstring>
#include <string>

#include "luxl2/core/endian.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls_registry.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::exec {
namespace {

constexpr std::uint8_t kKeyHiTag = 0x01, kKeyLoTag = 0x02, kIndexTag = 0x03, kChainTag = 0x04;

Hash32 address_slot(std::uint8_t tag, const Address& a) {
    std::uint8_t buf[21];
    buf[0] = tag;
    std::memcpy(buf + 1, a.data(), 20);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Hash32 index_slot(std::uint8_t tag, std::uint64_t i) {
    std::uint8_t buf[9];
    buf[0] = tag;
    store_be64(buf + 1, i);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

const Hash32 kCountSlot{};

Hash32 word(const U256& v) {
    Hash32 h;
    v.to_be32(h.data());
    return h;
}

U256 from_word(ByteView b) {
    return U256::from_be_bytes(b).value();  // 32 bytes or fewer always fit
}

Hash32 next_chain(const Hash32& prev, const Address& a) {
    std::uint8_t buf[52];
    std::memcpy(buf, prev.data(), 32);
    std::memcpy(buf + 32, a.data(), 20);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Error corrupt(const std::string& what) {
    return Error{errc::bls_registry_corrupt, "BLS account registry: " + what};
}

// Shape of the calldata, the key (KeyValidate) and the PoP; returns the key and its address.
Result<std::pair<crypto::bls::PublicKey, Address>> check_key_and_pop(const U256& value, ByteView data) {
    if (!value.is_zero()) return fail(errc::bad_bls_registration, "BLS registration carries no value");
    if (data.size() != kBlsRegistrationDataSize)
        return fail(errc::bad_bls_registration,
                    "BLS registration calldata is the 48-byte public key and its 96-byte "
                    "proof of possession (144 bytes), not " +
                        std::to_string(data.size()) + " bytes");
    const ByteView pk = data.first(crypto::bls::kPublicKeySize);
    const ByteView pop = data.subspan(crypto::bls::kPublicKeySize);
    if (auto v = crypto::bls::validate_public_key(pk); !v)
        return fail(errc::bad_bls_registration, "BLS registration: invalid public key (" + v.error().to_string() + ")");
    auto ok = crypto::bls::pop_verify(pk, pop);
    if (!ok)
        return fail(errc::bls_bad_pop,
                    "BLS registration: invalid proof of possession (" + ok.error().to_string() + ")");
    const crypto::bls::PublicKey key = crypto::bls::PublicKey::from_view(pk);
    const Address addr = crypto::bls::account_address(key);
    if (!*ok)
        return fail(errc::bls_bad_pop,
                    "BLS registration: the proof of possession does not verify for the key of " + to_hex(addr));
    return std::pair{key, addr};
}

}  // namespace

Result<std::uint64_t> bls_account_count(const state::StateReader& st) {
    LUXL2_TRY(n, st.storage(kBlsRegistryAddress, kCountSlot));
    if (n > U256(UINT64_MAX)) return std::unexpected(corrupt("count above 2^64"));
    return n.low64();
}

Result<std::optional<BlsAccount>> bls_account(const state::StateReader& st, const Address& account) {
    LUXL2_TRY(hi, st.storage(kBlsRegistryAddress, address_slot(kKeyHiTag, account)));
    if (hi.is_zero()) return std::optional<BlsAccount>{};
    LUXL2_TRY(lo, st.storage(kBlsRegistryAddress, address_slot(kKeyLoTag, account)));
    const Hash32 h = word(hi), l = word(lo);
    BlsAccount out;
    std::copy(h.bytes.begin(), h.bytes.end(), out.public_key.bytes.begin());
    std::copy(l.bytes.begin(), l.bytes.begin() + 16, out.public_key.bytes.begin() + 32);
    if (!std::all_of(l.bytes.begin() + 16, l.bytes.begin() + 24, [](std::uint8_t b) { return b == 0; }))
        return std::unexpected(corrupt("index above 2^64"));
    out.index = load_be64(l.data() + 24);
    return std::optional<BlsAccount>{out};
}

Result<std::pair<Address, Hash32>> bls_account_at(const state::StateReader& st, std::uint64_t index) {
    LUXL2_TRY(a, st.storage(kBlsRegistryAddress, index_slot(kIndexTag, index)));
    LUXL2_TRY(h, st.storage(kBlsRegistryAddress, index_slot(kChainTag, index)));
    if (a.is_zero() || h.is_zero()) return std::unexpected(corrupt("no account with index " + std::to_string(index)));
    const Hash32 w = word(a);
    return std::pair{Address::from_view(ByteView(w).subspan(12)), word(h)};
}

Bytes bls_registration_data(const crypto::bls::PublicKey& pk, const crypto::bls::Signature& pop) {
    Bytes out(pk.bytes.begin(), pk.bytes.end());
    out.insert(out.end(), pop.bytes.begin(), pop.bytes.end());
    return out;
}

Result<Address> check_bls_registration(const state::StateReader& st, const U256& value, ByteView data) {
    LUXL2_TRY(kp, check_key_and_pop(value, data));
    LUXL2_TRY(existing, bls_account(st, kp.second));
    if (existing)
        return fail(errc::bls_already_registered, "BLS registration: account " + to_hex(kp.second) +
                                                      " is already registered (index " +
                                                      std::to_string(existing->index) + ")");
    return kp.second;
}

Result<Address> register_bls_account(state::StateAccess& st, const U256& value, ByteView data) {
    LUXL2_CHECK(check_bls_registration(st, value, data));
    return append_bls_account(st, crypto::bls::PublicKey::from_view(data.first(crypto::bls::kPublicKeySize)));
}

Result<Address> append_bls_account(state::StateAccess& st, const crypto::bls::PublicKey& pk) {
    const Address addr = crypto::bls::account_address(pk);
    const ByteView data = pk.view();
    LUXL2_TRY(n, bls_account_count(st));
    Hash32 prev{};
    if (n > 0) {
        LUXL2_TRY(last, bls_account_at(st, n - 1));
        prev = last.second;
    }
    Hash32 hi, lo{};
    std::copy(data.begin(), data.begin() + 32, hi.bytes.begin());
    std::copy(data.begin() + 32, data.begin() + 48, lo.bytes.begin());
    store_be64(lo.data() + 24, n);
    Hash32 a{};
    std::copy(addr.bytes.begin(), addr.bytes.end(), a.bytes.begin() + 12);
    st.set_storage(kBlsRegistryAddress, address_slot(kKeyHiTag, addr), from_word(hi));
    st.set_storage(kBlsRegistryAddress, address_slot(kKeyLoTag, addr), from_word(lo));
    st.set_storage(kBlsRegistryAddress, index_slot(kIndexTag, n), from_word(a));
    st.set_storage(kBlsRegistryAddress, index_slot(kChainTag, n), from_word(next_chain(prev, addr)));
    st.set_storage(kBlsRegistryAddress, kCountSlot, U256(n + 1));
    return addr;
}

Result<void> BlsAccountCache::sync_locked(const state::StateReader& st) {
    LUXL2_TRY(n, bls_account_count(st));
    const std::uint64_t m = index_.size();
    // The cached index is a prefix of st's (or st's of it) iff the running hashes agree where both
    // end: one read, and an index that came from another state (a discarded block) is noticed.
    if (const std::uint64_t k = std::min(n, m); k > 0) {
        LUXL2_TRY(at, bls_account_at(st, k - 1));
        if (at.second != chain_[static_cast<std::size_t>(k - 1)]) {
            index_.truncate(0);
            chain_.clear();
        }
    }
    if (index_.size() > n) {
        index_.truncate(n);
        chain_.resize(static_cast<std::size_t>(n));
    }
    for (std::uint64_t i = index_.size(); i < n; ++i) {
        LUXL2_TRY(at, bls_account_at(st, i));
        const Hash32 prev = i == 0 ? Hash32{} : chain_.back();
        if (at.second != next_chain(prev, at.first) || index_.add(at.first, 0) != i) {
            index_.truncate(0);
            chain_.clear();
            return std::unexpected(corrupt("entry " + std::to_string(i) + " does not chain"));
        }
        chain_.push_back(at.second);
    }
    return {};
}

Result<compress::CompressedBatch> BlsAccountCache::decode(const format::TransactionData& td,
                                                          const state::StateReader& st,
                                                          const compress::CompressedLimits& limits) {
    if (td.tx_type != format::lp505_type::kCompressed)
        return fail(format::txdata_errc::wrong_type, "not a 0x53 Compressed transaction");
    LUXL2_CHECK(format::check_payload(td));
    LUXL2_TRY(c, format::decode_tx_payload<format::CompressedTransaction>(td));
    std::lock_guard lock(mu_);
    LUXL2_CHECK(sync_locked(st));
    LUXL2_TRY(batch, compress::decode_compressed(c, &index_, limits));
    if (c.body_format != static_cast<std::uint8_t>(compress::BodyFormat::kIndexed)) return batch;
    // The indexed body carries each sender's nonces as offsets from its next nonce in the index
    // (docs/format/transactions.md): decoded against next nonces of 0, they are the offsets, so
    // adding the state's nonce (mod 2^64, as the decoder counts) gives what decoding against the
    // state's nonces gives. Senders outside the index start from 0 in both.
    std::unordered_map<Address, std::uint64_t> base;
    for (auto& t : batch.txs) {
        auto it = base.find(t.from);
        if (it == base.end()) {
            std::uint64_t b = 0;
            if (index_.index_of(t.from)) {
                LUXL2_TRY(acc, st.account(t.from));
                b = acc.nonce;
            }
            it = base.emplace(t.from, b).first;
        }
        t.nonce += it->second;
    }
    return batch;
}

Result<bool> BlsAccountCache::verify(const compress::CompressedBatch& batch, ByteView aggregate,
                                     const state::StateReader& st) {
    std::unordered_map<Address, crypto::bls::ValidatedPublicKey> keys;
    {
        std::lock_guard lock(mu_);
        for (std::size_t i = 0; i < batch.txs.size(); ++i) {
            const Address& from = batch.txs[i].from;
            if (keys.contains(from)) continue;
            LUXL2_TRY(acc, bls_account(st, from));
            if (!acc)
                return fail(compress::compressed_errc::kUnknownSender, "inner transaction " + std::to_string(i) +
                                                                           ": sender " + to_hex(from) +
                                                                           " has no registered BLS key");
            auto it = keys_.find(acc->public_key);
            if (it == keys_.end()) {
                auto v = crypto::bls::validate_public_key(acc->public_key.view());
                if (!v) return std::unexpected(corrupt("stored key of " + to_hex(from) + ": " + v.error().message));
                it = keys_.emplace(acc->public_key, *v).first;
            }
            keys.emplace(from, it->second);
        }
    }
    // The pairings run outside the lock.
    return compress::verify_compressed(batch, aggregate,
                                       [&](const Address& a) -> const crypto::bls::ValidatedPublicKey* {
                                           const auto it = keys.find(a);
                                           return it == keys.end() ? nullptr : &it->second;
                                       });
}

Result<compress::AccountIndex> BlsAccountCache::index(const state::StateReader& st,
                                                      std::span<const Address> with_nonces) {
    compress::AccountIndex out;
    {
        std::lock_guard lock(mu_);
        LUXL2_CHECK(sync_locked(st));
        out = index_;
    }
    for (const Address& a : with_nonces) {
        const auto i = out.index_of(a);
        if (!i) continue;
        LUXL2_TRY(acc, st.account(a));
        out.set_next_nonce(*i, acc.nonce);
    }
    return out;
}

}  // namespace luxl2::exec
