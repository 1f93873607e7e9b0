#include "luxl2/state/account.hpp"

#include "luxl2/codec/rlp.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::state {

void encode_account(Bytes& out, const Account& a) {
    std::size_t payload = rlp::length(a.nonce) + rlp::length(a.balance) + rlp::length(a.code_hash);
    std::size_t pq_payload = 0;
    if (a.pq_key) {
        pq_payload = rlp::length(std::uint64_t{a.pq_key->scheme}) + rlp::length(ByteView(a.pq_key->public_key)) +
                     (a.pq_key->ecdsa_disabled ? 1 : 0);
        payload += rlp::header_length(pq_payload) + pq_payload;
    }
    rlp::encode_header(out, {true, payload});
    rlp::encode(out, a.nonce);
    rlp::encode(out, a.balance);
    rlp::encode(out, a.code_hash);
    if (a.pq_key) {
        rlp::encode_header(out, {true, pq_payload});
        rlp::encode(out, std::uint64_t{a.pq_key->scheme});
        rlp::encode(out, ByteView(a.pq_key->public_key));
        if (a.pq_key->ecdsa_disabled) out.push_back(0x01);  // true; false is the item's absence
    }
}

Bytes encode_account(const Account& a) {
    Bytes out;
    encode_account(out, a);
    return out;
}

Result<Account> decode_account(ByteView in) {
    auto bad = [](const Error& e) { return fail(errc::bad_account, "account: " + e.to_string()); };
    auto list = rlp::decode_list(in);
    if (!list) return bad(list.error());
    if (!in.empty()) return fail(errc::bad_account, "account: trailing bytes");
    ByteView p = *list;
    Account a;
    auto nonce = rlp::decode_uint64(p);
    if (!nonce) return bad(nonce.error());
    auto balance = rlp::decode_u256(p);
    if (!balance) return bad(balance.error());
    auto code = rlp::decode_fixed<32>(p);
    if (!code) return bad(code.error());
    a.nonce = *nonce;
    a.balance = *balance;
    a.code_hash = *code;
    if (!p.empty()) {
        auto pq = rlp::decode_list(p);
        if (!pq) return bad(pq.error());
        ByteView q = *pq;
        auto scheme = rlp::decode_uint64(q);
        if (!scheme) return bad(scheme.error());
        if (*scheme > 0xff) return fail(errc::bad_account, "account: pq scheme id above 255");
        auto key = rlp::decode_string(q);
        if (!key) return bad(key.error());
        if (key->empty() || key->size() > kMaxPqKeyBytes)
            return fail(errc::bad_account, "account: pq key size out of range");
        bool ecdsa_disabled = false;
        if (!q.empty()) {
            if (q[0] != 0x01) return fail(errc::bad_account, "account: the pq key's flag must be 0x01 or absent");
            ecdsa_disabled = true;
            q = q.subspan(1);
        }
        if (!q.empty()) return fail(errc::bad_account, "account: extra items in pq key");
        a.pq_key = PqKey{static_cast<std::uint8_t>(*scheme), Bytes(key->begin(), key->end()), ecdsa_disabled};
        if (!p.empty()) return fail(errc::bad_account, "account: more than 4 items");
    }
    if (a.is_empty()) return fail(errc::bad_account, "account: empty accounts are never stored");
    return a;
}

Bytes encode_slot_value(const U256& v) {
    return v.to_be_trimmed();
}

Result<U256> decode_slot_value(ByteView in) {
    if (in.empty()) return fail(errc::bad_slot, "slot value: empty (zero is never stored)");
    if (in.size() > 32) return fail(errc::bad_slot, "slot value: more than 32 bytes");
    if (in[0] == 0) return fail(errc::bad_slot, "slot value: leading zero byte");
    return U256::from_be_bytes(in);
}

Hash32 account_key(const Address& a) noexcept {
    std::uint8_t buf[21];
    buf[0] = 0x00;
    std::memcpy(buf + 1, a.data(), 20);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Hash32 storage_key(const Address& a, const Hash32& slot) noexcept {
    std::uint8_t buf[53];
    buf[0] = 0x01;
    std::memcpy(buf + 1, a.data(), 20);
    std::memcpy(buf + 21, slot.data(), 32);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

Bytes account_db_key(const Address& a) {
    Bytes k{kAccountTable};
    append(k, a);
    return k;
}
Bytes storage_db_key(const Address& a, const Hash32& slot) {
    Bytes k{kStorageTable};
    append(k, a);
    append(k, slot);
    return k;
}
Bytes code_db_key(const Hash32& code_hash) {
    Bytes k{kCodeTable};
    append(k, code_hash);
    return k;
}

}  // namespace luxl2::state
