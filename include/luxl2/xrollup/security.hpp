// LP-505 "Cross-Rollup Security": a message is signed by the source rollup's sequencer, and the
// receiving rollup refuses a message it has seen, one past its deadline, or one for another chain.
//   signing digest = keccak256("\x19luxl2 cross-rollup message\n" ‖ be32(sourceChainId) ‖ messageHash)
// (a prefix no Ethereum transaction or EIP-191 "\x19Ethereum Signed Message" digest starts with, so a
// sequencer's message signature cannot be replayed as a block or transaction signature). The signature
// is r ‖ s ‖ v (65 bytes, v = recovery id 0/1, low s), as format's block signatures.
#pragma once

#include <cstdint>
#include <map>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/secp256k1.hpp"
#include "luxl2/format/messages.hpp"
#include "luxl2/xrollup/routing.hpp"  // errc::expired

namespace luxl2::xrollup {

namespace errc {
inline constexpr std::string_view bad_signature = "xrollup.bad_signature";
inline constexpr std::string_view wrong_signer = "xrollup.wrong_signer";
inline constexpr std::string_view unknown_source = "xrollup.unknown_source";
inline constexpr std::string_view wrong_target = "xrollup.wrong_target";
inline constexpr std::string_view same_chain = "xrollup.same_chain";
inline constexpr std::string_view replayed = "xrollup.replayed";
}  // namespace errc

/// The digest the source sequencer signs; message_hash is recomputed from the content.
[[nodiscard]] Hash32 message_signing_digest(const format::CrossRollupMessage& m);

/// r ‖ s ‖ v over message_signing_digest(m).
[[nodiscard]] Bytes sign_message(const format::CrossRollupMessage& m, const crypto::SecretKey& sequencer_key);

/// Recovers the signer (65 bytes, v ∈ {0,1}, low s) and checks it is `expected_sequencer`.
/// Codes "xrollup.bad_signature", "xrollup.wrong_signer".
[[nodiscard]] Result<void> verify_message_signature(const format::CrossRollupMessage& m, ByteView signature,
                                                    const Address& expected_sequencer);

/// The sequencer address the receiving rollup trusts for each source chain (the caller supplies it,
/// e.g. from L1). Not thread-safe.
class SequencerSet {
public:
    void set(const U256& chain_id, const Address& sequencer) { by_chain_[chain_id] = sequencer; }
    [[nodiscard]] const Address* find(const U256& chain_id) const;
    /// verify_message_signature against the sequencer of m.source_chain_id; "xrollup.unknown_source"
    /// when there is none.
    [[nodiscard]] Result<void> verify(const format::CrossRollupMessage& m, ByteView signature) const;

private:
    std::map<U256, Address> by_chain_;
};

/// The receiving side's replay guard for chain `local_chain_id`. A message is keyed by (source chain,
/// target chain, sender, nonce); accept() refuses a key it has seen, a message whose deadline has
/// passed (now > deadline), a target other than the local chain and a source equal to it. Entries are
/// kept until their deadline passes; prune(now) then drops them (an expired message is refused anyway,
/// so forgetting its key cannot let it through). Not thread-safe.
class ReplayGuard {
public:
    explicit ReplayGuard(const U256& local_chain_id) : local_(local_chain_id) {}

    /// Checks without recording. Codes "xrollup.wrong_target", "xrollup.same_chain", "xrollup.expired",
    /// "xrollup.replayed".
    [[nodiscard]] Result<void> check(const format::CrossRollupMessage& m, const U256& deadline,
                                     std::uint64_t now) const;
    /// check(), then records the key.
    [[nodiscard]] Result<void> accept(const format::CrossRollupMessage& m, const U256& deadline, std::uint64_t now);
    /// Forgets keys whose deadline is before `now`; returns how many.
    std::size_t prune(std::uint64_t now);

    [[nodiscard]] bool seen(const format::CrossRollupMessage& m) const;
    [[nodiscard]] std::size_t size() const noexcept { return seen_.size(); }
    [[nodiscard]] const U256& local_chain_id() const noexcept { return local_; }

private:
    struct Key {
        U256 source;
        U256 target;
        Address sender;
        U256 nonce;
        friend auto operator<=>(const Key&, const Key&) = default;
    };
    static Key key_of(const format::CrossRollupMessage& m);

    U256 local_;
    std::map<Key, U256> seen_;              // key -> deadline
    std::multimap<U256, Key> by_deadline_;  // for prune
};

}  // namespace luxl2::xrollup
