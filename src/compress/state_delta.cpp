#include "luxl2/compress/state_delta.hpp"

#include <algorithm>
#include <string>

#include "column_io.hpp"
#include "luxl2/compress/envelope.hpp"

namespace luxl2::compress {
namespace {

using detail::Reader;

enum Op : std::uint8_t { kReplace = 0, kAdd = 1, kSub = 2 };
enum AddrMode : std::uint8_t { kSameAddress = 0, kKnownAddress = 1, kNewAddress = 2 };

// The shortest of: replace by `after`, add after-before, subtract before-after (ties in that order).
std::pair<Op, U256> pack(const U256& before, const U256& after) {
    std::pair<Op, U256> best{kReplace, after};
    unsigned best_len = after.byte_length();
    if (after > before && (after - before).byte_length() < best_len) {
        best = {kAdd, after - before};
        best_len = best.second.byte_length();
    }
    if (before > after && (before - after).byte_length() < best_len) best = {kSub, before - after};
    return best;
}

void put_value(Bytes& out, const U256& before, const U256& after) {
    const auto [op, operand] = pack(before, after);
    const Bytes b = operand.to_be_trimmed();
    out.push_back(static_cast<std::uint8_t>(b.size() << 2 | op));
    append(out, b);
}

Result<U256> get_value(Reader& r, const U256& before) {
    LUXL2_TRY(h, r.byte());
    const unsigned op = h & 3;
    const unsigned len = h >> 2;
    if (op > kSub || len > 32) return fail(errc::corrupt, "state: bad value op");
    LUXL2_TRY(b, r.take(len));
    if (len > 0 && b[0] == 0) return fail(errc::corrupt, "state: operand with a leading zero");
    LUXL2_TRY(operand, U256::from_be_bytes(b));
    U256 after;
    if (op == kReplace) {
        after = operand;
    } else if (op == kAdd) {
        if (add_overflow(before, operand, after) || operand.is_zero()) return fail(errc::corrupt, "state: bad add");
    } else {
        if (sub_overflow(before, operand, after) || operand.is_zero())
            return fail(errc::corrupt, "state: bad subtract");
    }
    const auto canonical = pack(before, after);
    if (canonical.first != op) return fail(errc::corrupt, "state: value packing is not the shortest");
    return after;
}

}  // namespace

const std::uint64_t* StateKeyIndex::account(const Address& a) const noexcept {
    const auto it = accounts_.find(a);
    return it == accounts_.end() ? nullptr : &it->second;
}
const std::uint64_t* StateKeyIndex::slot(const Address& a, const Hash32& s) const noexcept {
    const auto it = slots_.find({a, s});
    return it == slots_.end() ? nullptr : &it->second;
}
const Address* StateKeyIndex::account_at(std::uint64_t i) const noexcept {
    return i < account_list_.size() ? &account_list_[static_cast<std::size_t>(i)] : nullptr;
}
const std::pair<Address, Hash32>* StateKeyIndex::slot_at(std::uint64_t i) const noexcept {
    return i < slot_list_.size() ? &slot_list_[static_cast<std::size_t>(i)] : nullptr;
}
void StateKeyIndex::extend(std::span<const AccountChange> accounts, std::span<const StorageChange> storage) {
    for (const auto& a : accounts)
        if (accounts_.try_emplace(a.address, account_list_.size()).second) account_list_.push_back(a.address);
    for (const auto& s : storage)
        if (slots_.try_emplace({s.address, s.slot}, slot_list_.size()).second)
            slot_list_.push_back({s.address, s.slot});
}

Result<Bytes> encode_state_deltas(std::vector<AccountChange> accounts, std::vector<StorageChange> storage,
                                  const StateKeyIndex& known) {
    std::sort(accounts.begin(), accounts.end(), [](const auto& x, const auto& y) { return x.address < y.address; });
    std::sort(storage.begin(), storage.end(),
              [](const auto& x, const auto& y) { return std::tie(x.address, x.slot) < std::tie(y.address, y.slot); });
    Bytes out{kStateDeltaVersion};
    put_varint(out, accounts.size());
    for (std::size_t i = 0; i < accounts.size(); ++i) {
        const auto& a = accounts[i];
        if (i > 0 && accounts[i - 1].address == a.address) return fail(errc::corrupt, "state: account listed twice");
        const std::uint8_t mask = static_cast<std::uint8_t>((a.balance_before != a.balance_after ? 1 : 0) |
                                                            (a.nonce_before != a.nonce_after ? 2 : 0));
        if (mask == 0) return fail(errc::corrupt, "state: account without a change");
        if (const auto* idx = known.account(a.address)) {
            put_varint(out, *idx + 1);
        } else {
            put_varint(out, 0);
            append(out, a.address);
        }
        out.push_back(mask);
        if ((mask & 1) != 0) put_value(out, a.balance_before, a.balance_after);
        if ((mask & 2) != 0) put_value(out, U256(a.nonce_before), U256(a.nonce_after));
    }
    put_varint(out, storage.size());
    const Address* prev = nullptr;
    for (std::size_t i = 0; i < storage.size(); ++i) {
        const auto& s = storage[i];
        if (i > 0 && storage[i - 1].address == s.address && storage[i - 1].slot == s.slot)
            return fail(errc::corrupt, "state: slot listed twice");
        if (s.before == s.after) return fail(errc::corrupt, "state: slot without a change");
        if (const auto* idx = known.slot(s.address, s.slot)) {
            put_varint(out, *idx + 1);
        } else {
            put_varint(out, 0);
            if (prev != nullptr && *prev == s.address) {
                out.push_back(kSameAddress);
            } else if (const auto* ai = known.account(s.address)) {
                out.push_back(kKnownAddress);
                put_varint(out, *ai);
            } else {
                out.push_back(kNewAddress);
                append(out, s.address);
            }
            detail::put_compact_u256(out, U256::from_be32(s.slot.data()));
        }
        prev = &s.address;
        put_value(out, s.before, s.after);
    }
    return out;
}

Result<Bytes> compress_state_deltas(std::vector<AccountChange> accounts, std::vector<StorageChange> storage,
                                    const StateKeyIndex& known) {
    LUXL2_TRY(raw, encode_state_deltas(std::move(accounts), std::move(storage), known));
    LUXL2_TRY(block, compress_block(raw, CodecSpec{CompressionType::kZstandard, Variant::kDefault, 19}));
    return encode_envelope(block);
}

Result<StateDeltas> decode_state_deltas(ByteView in, const StateView& before, const StateKeyIndex& known,
                                        const StateDeltaLimits& limits) {
    Reader r{in, "state"};
    LUXL2_TRY(version, r.byte());
    if (version != kStateDeltaVersion) return fail(errc::bad_version, "state-delta version " + std::to_string(version));
    StateDeltas out;
    LUXL2_TRY(n_acc, r.varint());
    // Every account entry takes at least 3 bytes: a count above that is a lie.
    if (n_acc > limits.max_entries || n_acc > r.in.size() / 3)
        return fail(errc::too_many_elements, "state: too many accounts");
    out.accounts.reserve(static_cast<std::size_t>(n_acc));
    for (std::uint64_t i = 0; i < n_acc; ++i) {
        AccountChange a;
        LUXL2_TRY(ref, r.varint());
        if (ref == 0) {
            LUXL2_TRY(addr, r.fixed<20>());
            if (known.account(addr) != nullptr) return fail(errc::corrupt, "state: known account written out");
            a.address = addr;
        } else {
            const Address* addr = known.account_at(ref - 1);
            if (addr == nullptr) return fail(errc::corrupt, "state: account index past the known keys");
            a.address = *addr;
        }
        if (!out.accounts.empty() && !(out.accounts.back().address < a.address))
            return fail(errc::corrupt, "state: accounts not sorted");
        LUXL2_TRY(mask, r.byte());
        if (mask == 0 || mask > 3) return fail(errc::corrupt, "state: bad account mask");
        const auto [bal, nonce] = before.account(a.address);
        a.balance_before = a.balance_after = bal;
        a.nonce_before = a.nonce_after = nonce;
        if ((mask & 1) != 0) {
            LUXL2_TRY(v, get_value(r, bal));
            if (v == bal) return fail(errc::corrupt, "state: unchanged balance");
            a.balance_after = v;
        }
        if ((mask & 2) != 0) {
            LUXL2_TRY(v, get_value(r, U256(nonce)));
            if (!v.fits_u64() || v == U256(nonce)) return fail(errc::corrupt, "state: bad nonce");
            a.nonce_after = v.low64();
        }
        out.accounts.push_back(a);
    }
    LUXL2_TRY(n_slot, r.varint());
    if (n_slot > limits.max_entries || n_slot > r.in.size() / 2)
        return fail(errc::too_many_elements, "state: too many slots");
    out.storage.reserve(static_cast<std::size_t>(n_slot));
    for (std::uint64_t i = 0; i < n_slot; ++i) {
        StorageChange s;
        LUXL2_TRY(ref, r.varint());
        if (ref == 0) {
            LUXL2_TRY(mode, r.byte());
            if (mode == kSameAddress) {
                if (out.storage.empty()) return fail(errc::corrupt, "state: no previous address");
                s.address = out.storage.back().address;
            } else if (mode == kKnownAddress) {
                LUXL2_TRY(ai, r.varint());
                const Address* addr = known.account_at(ai);
                if (addr == nullptr) return fail(errc::corrupt, "state: account index past the known keys");
                s.address = *addr;
            } else if (mode == kNewAddress) {
                LUXL2_TRY(addr, r.fixed<20>());
                if (known.account(addr) != nullptr) return fail(errc::corrupt, "state: known address written out");
                s.address = addr;
            } else {
                return fail(errc::corrupt, "state: bad address mode");
            }
            if (mode != kSameAddress && !out.storage.empty() && out.storage.back().address == s.address)
                return fail(errc::corrupt, "state: repeated address written out");
            LUXL2_TRY(slot, detail::get_compact_u256(r));
            slot.to_be32(s.slot.data());
            if (known.slot(s.address, s.slot) != nullptr) return fail(errc::corrupt, "state: known slot written out");
        } else {
            const auto* key = known.slot_at(ref - 1);
            if (key == nullptr) return fail(errc::corrupt, "state: slot index past the known keys");
            s.address = key->first;
            s.slot = key->second;
        }
        if (!out.storage.empty() &&
            !(std::tie(out.storage.back().address, out.storage.back().slot) < std::tie(s.address, s.slot)))
            return fail(errc::corrupt, "state: slots not sorted");
        s.before = before.storage(s.address, s.slot);
        LUXL2_TRY(v, get_value(r, s.before));
        if (v == s.before) return fail(errc::corrupt, "state: unchanged slot");
        s.after = v;
        out.storage.push_back(s);
    }
    if (!r.in.empty()) return fail(errc::trailing_bytes, "state: bytes after the last entry");
    return out;
}

Result<StateDeltas> decompress_state_deltas(ByteView in, const StateView& before, const StateKeyIndex& known) {
    LUXL2_TRY(raw, decompress_envelope(in));
    return decode_state_deltas(raw, before, known);
}

}  // namespace luxl2::compress
