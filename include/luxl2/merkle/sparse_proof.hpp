// Proofs of the state tree (sparse.hpp): one structure for one key or many, for inclusion and
// exclusion alike. Each key ends at a terminal, the shallowest depth where its subtree holds at most
// one key: its own leaf (inclusion), an empty subtree, or another key's leaf (both exclusion). Above
// the terminals the verifier walks the union of the key paths depth by depth; wherever only one side
// is on a path it reads one bit of `bits` (1 = the sibling is the next hash of `siblings`, 0 = the
// sibling is the empty default), in depth-first, left-before-right order. Bytes: docs/format/state-tree.md.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::merkle::smt {

namespace errc {
inline constexpr std::string_view duplicate_key = "smt.duplicate_key";
inline constexpr std::string_view claim_mismatch = "smt.claim_mismatch";
inline constexpr std::string_view malformed = "smt.malformed_proof";
inline constexpr std::string_view missing_siblings = "smt.missing_siblings";
inline constexpr std::string_view surplus_siblings = "smt.surplus_siblings";
inline constexpr std::string_view non_canonical = "smt.non_canonical";
inline constexpr std::string_view too_large = "smt.too_large";
inline constexpr std::string_view trailing_bytes = "smt.trailing_bytes";
inline constexpr std::string_view bad_version = "smt.bad_version";
inline constexpr std::string_view missing_node = "smt.missing_node";
inline constexpr std::string_view corrupt_node = "smt.corrupt_node";
}  // namespace errc

/// keccak256(0x00 ‖ key ‖ value).
[[nodiscard]] Hash32 leaf_hash(const Hash32& key, const Hash32& value) noexcept;
/// D_h, the hash of an empty subtree of height h (0..256).
[[nodiscard]] const Hash32& default_hash(unsigned height) noexcept;
/// Bit `depth` (0..255) of `key`, most significant bit of byte 0 first.
[[nodiscard]] inline bool key_bit(const Hash32& key, unsigned depth) noexcept {
    return ((key.bytes[depth / 8] >> (7 - depth % 8)) & 1) != 0;
}
/// Number of leading bits two keys share (256 when equal).
[[nodiscard]] unsigned common_prefix(const Hash32& a, const Hash32& b) noexcept;

enum class Terminal : std::uint8_t {
    Leaf = 0,   // the claimed key's own leaf
    Empty = 1,  // an empty subtree
    Other = 2,  // the leaf of another key sharing the path (other_key, other_value)
};

struct ProofEntry {
    Terminal kind = Terminal::Empty;
    std::uint16_t depth = 0;  // 0..256
    Hash32 other_key;         // Other only
    Hash32 other_value;       // Other only

    friend bool operator==(const ProofEntry&, const ProofEntry&) = default;
};

struct Proof {
    std::vector<ProofEntry> entries;  // one per key, keys in ascending order
    std::vector<bool> bits;           // the sibling bitmap, in consumption order
    std::vector<Hash32> siblings;     // the non-empty siblings, in consumption order

    friend bool operator==(const Proof&, const Proof&) = default;
};

/// What a verifier checks: `key` holds `value`, or is absent when `value` is zero.
struct Claim {
    Hash32 key;
    Hash32 value;
};

/// The root `proof` implies for `claims` (keys strictly ascending: duplicates and disorder are
/// rejected). Rejects a terminal that contradicts its claim (Leaf for an absent claim, Empty/Other
/// for a present one, Other naming the same key, a zero value or a key off the path), keys whose
/// terminals disagree, missing or surplus bits and siblings, and an explicit sibling equal to the
/// empty default (non-canonical).
[[nodiscard]] Result<Hash32> proof_root(const Proof& proof, std::span<const Claim> claims);
/// True iff proof_root succeeds and equals `root`. Claims may come in any order here.
[[nodiscard]] bool verify(const Hash32& root, const Proof& proof, std::span<const Claim> claims);

struct ProofLimits {
    std::size_t max_keys = 4096;
    std::size_t max_siblings = 4096 * 256;
};

/// Binary encoding (docs/format/state-tree.md).
void encode(Bytes& out, const Proof& proof);
[[nodiscard]] Bytes encode(const Proof& proof);
/// Decodes one proof and consumes it; rejects counts over `limits` (before allocating), depths over
/// 256, unknown kinds, non-zero padding bits, a sibling count that differs from the bitmap's ones,
/// truncation; decode_proof also rejects trailing bytes.
[[nodiscard]] Result<Proof> decode(ByteView& in, const ProofLimits& limits = {});
[[nodiscard]] Result<Proof> decode_proof(ByteView in, const ProofLimits& limits = {});

}  // namespace luxl2::merkle::smt
