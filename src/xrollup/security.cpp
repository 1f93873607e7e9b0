#include "luxl2/xrollup/security.hpp"

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::xrollup {
namespace {
constexpr std::string_view kSigningPrefix = "\x19luxl2 cross-rollup message\n";
}  // namespace

Hash32 message_signing_digest(const format::CrossRollupMessage& m) {
    auto h = crypto::keccak256_hasher();
    h.absorb(ByteView{reinterpret_cast<const std::uint8_t*>(kSigningPrefix.data()), kSigningPrefix.size()});
    const auto chain = m.source_chain_id.to_be_bytes();
    h.absorb(ByteView{chain.data(), chain.size()});
    const Hash32 mh = format::message_hash(m);
    h.absorb(ByteView{mh.data(), mh.size()});
    Hash32 out;
    h.squeeze(std::span<std::uint8_t>{out.data(), out.size()});
    return out;
}

Bytes sign_message(const format::CrossRollupMessage& m, const crypto::SecretKey& sequencer_key) {
    const auto sig = crypto::sign_recoverable(message_signing_digest(m), sequencer_key);
    Bytes out(65, 0);
    sig.r.to_be32(out.data());
    sig.s.to_be32(out.data() + 32);
    out[64] = sig.recid;
    return out;
}

Result<void> verify_message_signature(const format::CrossRollupMessage& m, ByteView signature,
                                      const Address& expected_sequencer) {
    if (signature.size() != 65 || signature[64] > 1)
        return fail(errc::bad_signature, "a message signature is 65 bytes r ‖ s ‖ v with v 0 or 1");
    crypto::RecoverableSignature sig{U256::from_be32(signature.data()), U256::from_be32(signature.data() + 32),
                                     signature[64]};
    if (!crypto::is_low_s(sig.s)) return fail(errc::bad_signature, "signature s is not low (EIP-2)");
    auto pub = crypto::recover(message_signing_digest(m), sig);
    if (!pub) return fail(errc::bad_signature, "signature does not recover: " + pub.error().message);
    if (crypto::to_address(*pub) != expected_sequencer)
        return fail(errc::wrong_signer, "message is not signed by the source chain's sequencer");
    return {};
}

const Address* SequencerSet::find(const U256& chain_id) const {
    const auto it = by_chain_.find(chain_id);
    return it == by_chain_.end() ? nullptr : &it->second;
}

Result<void> SequencerSet::verify(const format::CrossRollupMessage& m, ByteView signature) const {
    const Address* seq = find(m.source_chain_id);
    if (seq == nullptr)
        return fail(errc::unknown_source, "no sequencer known for chain " + m.source_chain_id.to_string());
    return verify_message_signature(m, signature, *seq);
}

ReplayGuard::Key ReplayGuard::key_of(const format::CrossRollupMessage& m) {
    return Key{m.source_chain_id, m.target_chain_id, m.sender, m.nonce};
}

Result<void> ReplayGuard::check(const format::CrossRollupMessage& m, const U256& deadline, std::uint64_t now) const {
    if (m.target_chain_id != local_)
        return fail(errc::wrong_target,
                    "message targets chain " + m.target_chain_id.to_string() + ", this is chain " + local_.to_string());
    if (m.source_chain_id == local_) return fail(errc::same_chain, "message source is the local chain");
    if (U256{now} > deadline)
        return fail(errc::expired,
                    "deadline " + deadline.to_string() + " has passed (now " + std::to_string(now) + ")");
    if (seen_.contains(key_of(m)))
        return fail(errc::replayed,
                    "message (source, target, sender, nonce " + m.nonce.to_string() + ") was already accepted");
    return {};
}

Result<void> ReplayGuard::accept(const format::CrossRollupMessage& m, const U256& deadline, std::uint64_t now) {
    LUXL2_CHECK(check(m, deadline, now));
    const Key k = key_of(m);
    seen_.emplace(k, deadline);
    by_deadline_.emplace(deadline, k);
    return {};
}

std::size_t ReplayGuard::prune(std::uint64_t now) {
    std::size_t n = 0;
    const auto end = by_deadline_.lower_bound(U256{now});  // deadlines < now have passed
    for (auto it = by_deadline_.begin(); it != end; ++it, ++n) seen_.erase(it->second);
    by_deadline_.erase(by_deadline_.begin(), end);
    return n;
}

bool ReplayGuard::seen(const format::CrossRollupMessage& m) const {
    return seen_.contains(key_of(m));
}

}  // namespace luxl2::xrollup
