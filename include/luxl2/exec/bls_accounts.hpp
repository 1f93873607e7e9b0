// The BLS account registry in the L2 state: which 48-byte BLS12-381 public key an account of
// address crypto::bls::account_address(pk) has, and the account index of the indexed 0x53 body
// (compress/account_index.hpp): registered accounts numbered 0, 1, 2, … in registration order.
//
// Both live in the storage of the system address kBlsRegistryAddress (0x…0553), so they are part of
// the committed state exactly as any storage slot is: in the state root (sparse Merkle tree), in the
// block's atomic write batch, in the history records, in replay and derivation, in witnesses. Slots
// (docs/format/state.md, "BLS account registry"):
//
//   0                               count: the number of registered accounts
//   keccak256(0x01 ‖ address)       pk[0..32]   (never zero: pk[0] carries the compression flag)
//   keccak256(0x02 ‖ address)       pk[32..48] ‖ be128(index)
//   keccak256(0x03 ‖ be64(index))   the address, right-aligned
//   keccak256(0x04 ‖ be64(index))   h(index+1), h(0) = 0, h(i+1) = keccak256(h(i) ‖ address_i):
//                                   a running hash of the registration order (lets a cache of the
//                                   index check in one read that it is a prefix of a given state)
//
// Registration is an ordinary signed transaction (legacy, EIP-2930, EIP-1559, or an inner 0x53
// transaction) to kBlsRegistryAddress with value 0 and calldata pk ‖ pop (48 + 96 bytes, pop =
// PopProve(sk) of the POP ciphersuite). It costs kBlsRegistrationGas on top of the intrinsic gas.
// A malformed key or calldata, a PoP that does not verify and a key already registered make the
// transaction invalid (refused by the pool, never included), as the 0x54 migration rules do.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "luxl2/compress/account_index.hpp"
#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/crypto/bls12_381.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/tx_data.hpp"
#include "luxl2/state/state_db.hpp"

namespace luxl2::exec {

namespace errc {
inline constexpr std::string_view bad_bls_registration = "exec.bad_bls_registration";  // calldata, value, key shape
inline constexpr std::string_view bls_bad_pop = "exec.bls_bad_pop";  // a well-formed PoP that does not verify
inline constexpr std::string_view bls_already_registered = "exec.bls_already_registered";
inline constexpr std::string_view bls_registry_corrupt = "exec.bls_registry_corrupt";  // state slots inconsistent
}  // namespace errc

/// Where registrations go: 0x…0553. No account lives there; its storage is the registry.
inline constexpr Address kBlsRegistryAddress{
    std::array<std::uint8_t, 20>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x53}};

/// Gas of a registration on top of the intrinsic gas: PopVerify as EIP-2537 prices it (a pairing
/// check of 2 pairs, 37,700 + 2 × 32,600, and one hash to G2 at MAP_FP2_TO_G2's 23,800) plus the
/// storage it writes (4 new slots at 20,000, the count at 5,000).
inline constexpr std::uint64_t kBlsRegistrationGas = 37'700 + 2 * 32'600 + 23'800 + 4 * 20'000 + 5'000;

/// Registration calldata: the compressed G1 key and its proof of possession.
inline constexpr std::size_t kBlsRegistrationDataSize = crypto::bls::kPublicKeySize + crypto::bls::kSignatureSize;

struct BlsAccount {
    crypto::bls::PublicKey public_key;
    std::uint64_t index = 0;  // its number in the account index
    friend bool operator==(const BlsAccount&, const BlsAccount&) = default;
};

/// The number of registered accounts in `st`.
[[nodiscard]] Result<std::uint64_t> bls_account_count(const state::StateReader& st);
/// The registered key and index of `account`, nullopt when it has none.
[[nodiscard]] Result<std::optional<BlsAccount>> bls_account(const state::StateReader& st, const Address& account);
/// The address with number `index` (< count), with the running hash after it.
[[nodiscard]] Result<std::pair<Address, Hash32>> bls_account_at(const state::StateReader& st, std::uint64_t index);

/// Registration calldata for `pk` and `pop`.
[[nodiscard]] Bytes bls_registration_data(const crypto::bls::PublicKey& pk, const crypto::bls::Signature& pop);

/// Checks a registration against `st` without writing: `value` zero, `data` = pk ‖ pop, a valid key
/// (bls.* codes in the message), a PoP that verifies (exec.bls_bad_pop), a key not registered yet
/// (exec.bls_already_registered). Returns the account's address.
[[nodiscard]] Result<Address> check_bls_registration(const state::StateReader& st, const U256& value, ByteView data);
/// check_bls_registration, then append_bls_account. On error nothing changed.
[[nodiscard]] Result<Address> register_bls_account(state::StateAccess& st, const U256& value, ByteView data);
/// Writes the registry slots of `pk` (the next index) without checking it: the caller ran
/// check_bls_registration on this very state. Fails only when the state cannot be read.
[[nodiscard]] Result<Address> append_bls_account(state::StateAccess& st, const crypto::bls::PublicKey& pk);

/// What a node keeps between transactions so that decoding and verifying a 0x53 costs no more reads
/// than the senders it names: the account index (checked against each state in O(1) reads through
/// the running hash, extended or rebuilt when it is not that state's) and the validated keys
/// (decompressed and subgroup-checked once per key). Thread-safe; results never depend on what is
/// cached, only on the state passed.
class BlsAccountCache {
public:
    /// Decodes the 0x53 `td` as it executes on `st` (its pre-state: the state after the block's
    /// earlier transactions): the account index is `st`'s registry, the next nonce of an indexed
    /// sender its nonce in `st`. Errors: txdata.*, compressed_tx.*, the body's codes.
    [[nodiscard]] Result<compress::CompressedBatch> decode(const format::TransactionData& td,
                                                           const state::StateReader& st,
                                                           const compress::CompressedLimits& limits = {});
    /// AggregateVerify of `aggregate` over the batch with the keys `st` registers. Error: an
    /// unregistered sender (compressed_tx.unknown_sender), a malformed aggregate (bls.*).
    [[nodiscard]] Result<bool> verify(const compress::CompressedBatch& batch, ByteView aggregate,
                                      const state::StateReader& st);
    /// The account index of `st` (next nonces from `st` for the accounts `with_nonces` names; 0 for
    /// the others): what a wallet encodes an indexed body against.
    [[nodiscard]] Result<compress::AccountIndex> index(const state::StateReader& st,
                                                       std::span<const Address> with_nonces = {});

private:
    Result<void> sync_locked(const state::StateReader& st);
    std::mutex mu_;
    compress::AccountIndex index_;  // next nonces all 0: decode() adds the state's
    std::vector<Hash32> chain_;     // chain_[i] = h(i+1)
    std::unordered_map<crypto::bls::PublicKey, crypto::bls::ValidatedPublicKey> keys_;
};

}  // namespace luxl2::exec
