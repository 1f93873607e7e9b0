#include "luxl2/state/smt_commitment.hpp"

#if LUXL2_HAVE_SMT

#include <cstring>

#include "luxl2/crypto/keccak.hpp"

namespace luxl2::state {
namespace {

Bytes node_key(const Hash32& id) {
    Bytes k(1 + 32);
    k[0] = 'n';
    std::memcpy(k.data() + 1, id.data(), 32);
    return k;
}

Bytes root_key() {
    const std::string_view k = "Msmtroot";
    return Bytes(k.begin(), k.end());
}

// Reads nodes from the store; writes go into the block's batch, not to the store directly.
class StagingNodeStore final : public merkle::NodeStore {
public:
    StagingNodeStore(const KvStore& store, WriteBatch* batch) : store_(store), batch_(batch) {}
    Result<std::optional<Bytes>> get(const Hash32& id) const override { return store_.get(node_key(id)); }
    Result<void> write(const merkle::NodeBatch& b) override {
        LUXL2_ASSERT(batch_ != nullptr);
        for (const auto& [id, rec] : b.puts) batch_->put(node_key(id), rec);
        for (const auto& id : b.erases) batch_->del(node_key(id));
        return {};
    }

private:
    const KvStore& store_;
    WriteBatch* batch_;
};

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
    LUXL2_TRY(root, store.get(root_key()));
    if (!root) return std::unique_ptr<SmtCommitment>(new SmtCommitment(&store, merkle::smt::SparseMerkleTree()));
    if (root->size() != 32) return fail(errc::corrupt, "stored state-tree root is not 32 bytes");
    StagingNodeStore nodes(store, nullptr);
    auto tree = merkle::smt::SparseMerkleTree::load(nodes, Hash32::from_view(*root));
    if (!tree) return fail(errc::corrupt, "state tree: " + tree.error().to_string());
    return std::unique_ptr<SmtCommitment>(new SmtCommitment(&store, std::move(*tree)));
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
    (void)apply_working(changes);
    LUXL2_ASSERT(store_ != nullptr);  // a verifier() stages nothing
    StagingNodeStore nodes(*store_, &batch);
    auto root = working_->commit(nodes);
    LUXL2_ASSERT(root.has_value());  // staging writes cannot fail
    batch.put(root_key(), *root);
    return *root;
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
