#include "luxl2/state/smt_commitment.hpp"

#if LUXL2_HAVE_SMT

#include <cstring>

#include <string>

#include "luxl2/crypto/keccak.hpp"
#include "luxl2/state/account.hpp"

namespace luxl2::state {
namespace {

Bytes root_key() {
    const std::string_view k = "Msmtroot";
    return Bytes(k.begin(), k.end());
}

std::vector<merkle::smt::Update> updates_of(std::span<const StateChange> changes) {
    std::vector<merkle::smt::Update> u;
    u.reserve(changes.size());
    for (const auto& c : changes) u.push_back({c.key, smt_leaf_value(c.value)});
    return u;
}

}  // namespace

Hash32 smt_leaf_value(const std::optional<Bytes>& encoding) noexcept {
    return encoding ? crypto::keccak256(*encoding) : Hash32{};
}

Result<std::unique_ptr<SmtCommitment>> SmtCommitment::open(KvStore& store) {
    // Rebuild the tree from the state's own entries, bottom-up from the sorted keys: the same
    // hashing work as loading and checking every node record, without writing any of them per block.
    std::vector<merkle::smt::Update> leaves;
    std::optional<Error> bad;
    const std::uint8_t a = kAccountTable, sl = kStorageTable;
    LUXL2_CHECK(store.scan(ByteView(&a, 1), [&](ByteView key, ByteView value) {
        if (key.size() != 21) {
            bad = Error{errc::corrupt, "account key of " + std::to_string(key.size()) + " bytes"};
            return false;
        }
        leaves.push_back({account_key(Address::from_view(key.subspan(1))), crypto::keccak256(value)});
        return true;
    }));
    LUXL2_CHECK(store.scan(ByteView(&sl, 1), [&](ByteView key, ByteView value) {
        if (key.size() != 53) {
            bad = Error{errc::corrupt, "slot key of " + std::to_string(key.size()) + " bytes"};
            return false;
        }
        leaves.push_back({storage_key(Address::from_view(key.subspan(1, 20)), Hash32::from_view(key.subspan(21))),
                          crypto::keccak256(value)});
        return true;
    }));
    if (bad) return std::unexpected(std::move(*bad));
    merkle::smt::SparseMerkleTree tree;
    tree.update(leaves);
    LUXL2_TRY(recorded, store.get(root_key()));
    if (recorded && (recorded->size() != 32 || Hash32::from_view(*recorded) != tree.root()))
        return fail(errc::corrupt, "the state entries do not hash to the recorded state-tree root");
    return std::unique_ptr<SmtCommitment>(new SmtCommitment(&store, std::move(tree)));
}

Hash32 SmtCommitment::root_with(std::span<const StateChange> changes) const {
    if (changes.empty()) return tree_.root();
    merkle::smt::SparseMerkleTree copy = tree_;
    const auto u = updates_of(changes);
    copy.update(u);
    return copy.root();
}

Hash32 SmtCommitment::apply_working(std::span<const StateChange> changes) {
    if (!working_) working_ = tree_;
    if (!changes.empty()) {
        const auto u = updates_of(changes);
        working_->update(u);
    }
    return working_->root();
}

Hash32 SmtCommitment::stage(std::span<const StateChange> changes, WriteBatch& batch) {
    const Hash32 root = apply_working(changes);
    LUXL2_ASSERT(store_ != nullptr);  // a verifier() stages nothing
    batch.put(root_key(), root);
    return root;
}

std::unique_ptr<SmtCommitment> SmtCommitment::verifier() {
    return std::unique_ptr<SmtCommitment>(new SmtCommitment(nullptr, merkle::smt::SparseMerkleTree()));
}

std::optional<Bytes> SmtCommitment::prove_with(std::span<const StateChange> pending,
                                               std::span<const Hash32> keys) const {
    std::optional<merkle::smt::SparseMerkleTree> copy;
    const merkle::smt::SparseMerkleTree* tree = &tree_;
    if (!pending.empty()) {
        copy = tree_;
        const auto u = updates_of(pending);
        copy->update(u);
        tree = &*copy;
    }
    auto proof = tree->prove(keys);
    if (!proof) return std::nullopt;  // duplicate keys: the caller's bug, reported as "no proof"
    return merkle::smt::encode(*proof);
}

Result<void> SmtCommitment::verify(const Hash32& root, ByteView proof, std::span<const StateChange> claims) const {
    auto p = merkle::smt::decode_proof(proof);
    if (!p) return fail("state.bad_proof", "state proof: " + p.error().to_string());
    std::vector<merkle::smt::Claim> c;
    c.reserve(claims.size());
    for (const auto& x : claims) c.push_back({x.key, smt_leaf_value(x.value)});
    if (!merkle::smt::verify(root, *p, c)) return fail("state.bad_proof", "state proof does not match the root");
    return {};
}

void SmtCommitment::publish() {
    if (working_) tree_ = std::move(*working_);
    working_.reset();
}

}  // namespace luxl2::state

#endif
