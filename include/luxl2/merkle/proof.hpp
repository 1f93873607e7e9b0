// Proofs for the positional tree of tree.hpp (RFC 6962 shape: a level with an odd count promotes its
// last node unchanged). A multiproof carries the sorted leaf indices and the minimal set of sibling
// hashes, in the order the verifier consumes them: level by level from the leaves up, left to right
// within a level. A single proof is a multiproof with one index. Binary layout: docs/format/merkle.md.
// As in RFC 6962 the root does not commit to the leaf count: a verifier must take leaf_count from a
// trusted source (a block header's count) and compare it, or a proof may be re-read under another
// count whose tree has the same shape along the proven paths.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::merkle {

namespace errc {
inline constexpr std::string_view empty_tree = "merkle.empty_tree";
inline constexpr std::string_view no_indices = "merkle.no_indices";
inline constexpr std::string_view index_out_of_range = "merkle.index_out_of_range";
inline constexpr std::string_view duplicate_index = "merkle.duplicate_index";
inline constexpr std::string_view unsorted_indices = "merkle.unsorted_indices";
inline constexpr std::string_view leaf_count_mismatch = "merkle.leaf_count_mismatch";
inline constexpr std::string_view missing_hashes = "merkle.missing_hashes";
inline constexpr std::string_view surplus_hashes = "merkle.surplus_hashes";
inline constexpr std::string_view too_large = "merkle.too_large";
inline constexpr std::string_view malformed = "merkle.malformed";
inline constexpr std::string_view trailing_bytes = "merkle.trailing_bytes";
inline constexpr std::string_view bad_version = "merkle.bad_version";
}  // namespace errc

/// A positional multiproof. `indices` are strictly ascending (generate sorts them); `hashes` are the
/// siblings the verifier cannot compute from the proven leaves, in consumption order.
struct MultiProof {
    std::uint64_t leaf_count = 0;
    std::vector<std::uint64_t> indices;
    std::vector<Hash32> hashes;

    friend bool operator==(const MultiProof&, const MultiProof&) = default;
};

/// Builds the multiproof of `indices` (any order) over already-hashed leaves. Rejects an empty tree,
/// an empty index set, duplicates and indices >= leaves.size().
[[nodiscard]] Result<MultiProof> generate_multiproof(std::span<const Hash32> leaf_hashes,
                                                     std::span<const std::uint64_t> indices);

/// The root that `proof` implies for `leaf_hashes` (one per index, in the proof's index order).
/// Rejects: leaf_count 0, no indices, indices not strictly ascending (duplicates get their own code),
/// an index >= leaf_count, a leaf count that differs from the index count, too few hashes (missing)
/// or hashes left over (surplus).
[[nodiscard]] Result<Hash32> multiproof_root(const MultiProof& proof, std::span<const Hash32> leaf_hashes);

/// True iff `proof` is well formed and folds `leaf_hashes` to `root`.
[[nodiscard]] bool verify_multiproof(const Hash32& root, const MultiProof& proof, std::span<const Hash32> leaf_hashes);

/// The same over leaf data (each hashed with leaf_hash first).
[[nodiscard]] Result<MultiProof> generate_multiproof(std::span<const Bytes> leaves,
                                                     std::span<const std::uint64_t> indices);
[[nodiscard]] bool verify_multiproof(const Hash32& root, const MultiProof& proof, std::span<const Bytes> leaves);

/// Single-leaf convenience wrappers (a multiproof with exactly one index).
[[nodiscard]] Result<MultiProof> generate_proof(std::span<const Hash32> leaf_hashes, std::uint64_t index);
[[nodiscard]] bool verify_proof(const Hash32& root, const MultiProof& proof, const Hash32& leaf_hash);

/// Bounds a decoder enforces before it allocates.
struct ProofLimits {
    std::uint64_t max_leaf_count = std::uint64_t{1} << 40;
    std::size_t max_indices = 1 << 16;
    std::size_t max_hashes = 1 << 20;
};

/// Appends the binary encoding (docs/format/merkle.md). The proof must be canonical (strictly
/// ascending indices below leaf_count, leaf_count > 0), as generate_multiproof makes it (asserted).
void encode(Bytes& out, const MultiProof& proof);
[[nodiscard]] Bytes encode(const MultiProof& proof);
[[nodiscard]] std::size_t encoded_size(const MultiProof& proof);

/// Decodes one proof and consumes it from `in`. Rejects a wrong version, counts over `limits`, indices
/// not strictly ascending or out of range, more hashes than the tree can need, truncation and
/// non-minimal varints.
[[nodiscard]] Result<MultiProof> decode(ByteView& in, const ProofLimits& limits = {});
/// Decodes a whole buffer: trailing bytes are an error.
[[nodiscard]] Result<MultiProof> decode_multiproof(ByteView in, const ProofLimits& limits = {});

}  // namespace luxl2::merkle
