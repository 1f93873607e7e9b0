// SSZ, SimpleSerialize (ethereum/consensus-specs, ssz/simple-serialize.md).
//
// A schema is a small immutable tree of `Type` descriptors built once (`uint64()`, `list(elem, N)`,
// `container({{"a", t}, ...})`). Everything else works on serialized bytes against that tree:
//   - `validate` is the strict decoder: it accepts exactly the canonical serializations of the type;
//   - `View` reads fields and elements of validated bytes in O(1) without copying (C++ structs are
//     decoded from it field by field);
//   - `hash_tree_root` merkleizes straight from the bytes (packing basic data needs no copy of values);
//   - `OffsetScope` and the `put_*` helpers append the serialization of C++ structs to a caller's buffer.
// `ssz_value.hpp` adds a dynamic `Value` (decode to a tree of values, encode back) for generic use.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"

namespace luxl2::ssz {

namespace errc {
inline constexpr std::string_view size = "ssz.size";                    // wrong byte length for the type
inline constexpr std::string_view boolean = "ssz.boolean";              // a boolean byte other than 0x00/0x01
inline constexpr std::string_view padding = "ssz.padding";              // set bits past a bitvector's length
inline constexpr std::string_view delimiter = "ssz.bitlist_delimiter";  // bitlist without its final 1 bit
inline constexpr std::string_view limit = "ssz.limit";                  // more elements than the list limit
inline constexpr std::string_view offset = "ssz.offset";                // offset out of order or range
inline constexpr std::string_view selector = "ssz.union_selector";      // union selector out of range
inline constexpr std::string_view illegal_type = "ssz.illegal_type";    // Vector[T, 0], empty container, ...
inline constexpr std::string_view mismatch = "ssz.value_mismatch";      // a Value that does not fit its Type
inline constexpr std::string_view proof = "ssz.proof";                  // a generalized index outside the type
}  // namespace errc

inline constexpr std::size_t kBytesPerChunk = 32;
inline constexpr std::size_t kBytesPerOffset = 4;

enum class Kind : std::uint8_t { uint, boolean, bitvector, bitlist, vector, list, container, union_ };

class Type;
using TypeRef = std::shared_ptr<const Type>;

struct Field {
    std::string name;
    TypeRef type;
};

/// One node of a schema. Built only by the factories below, which compute the derived fields.
class Type {
public:
    Kind kind = Kind::uint;
    /// uint: byte width; bitvector, vector: length N; bitlist, list: limit N.
    std::uint64_t n = 0;
    TypeRef elem;                  // vector, list
    std::vector<Field> fields;     // container
    std::vector<TypeRef> options;  // union; options[0] may be null (the None option)

    // Derived.
    bool fixed = true;         // fixed-size (spec: not a list, bitlist, union, or anything holding one)
    std::uint64_t size = 0;    // serialized size when fixed
    std::uint64_t chunks = 0;  // chunk_count(type): leaves of its Merkle tree before padding
    /// Container: where each field sits in the fixed part; a variable field holds a 4-byte offset there.
    std::vector<std::uint64_t> field_pos;
    std::uint64_t fixed_part = 0;  // container: size of the fixed part (fixed fields + 4 per variable one)
    std::uint32_t var_fields = 0;  // container: number of variable-size fields

    [[nodiscard]] bool basic() const noexcept { return kind == Kind::uint || kind == Kind::boolean; }
    /// Bytes this type takes in the fixed part of an enclosing container, vector or list.
    [[nodiscard]] std::uint64_t part_size() const noexcept { return fixed ? size : kBytesPerOffset; }
    /// Smallest and largest valid serialized size (saturated at UINT64_MAX).
    std::uint64_t min_bytes = 0;
    std::uint64_t max_bytes = 0;
    /// Index of the field named `name`, or -1.
    [[nodiscard]] int field_index(std::string_view name) const noexcept;
    /// The spec's notation: "List[uint16, 1024]", "Container(A: uint8, ...)".
    [[nodiscard]] std::string to_string() const;
};

// Factories. The `try_` forms reject illegal types (spec "Illegal types") with errc::illegal_type;
// the plain forms are for static schemas and abort on an illegal type (a programmer error).
[[nodiscard]] TypeRef uintn(unsigned bits);  // bits in {8, 16, 32, 64, 128, 256}
[[nodiscard]] TypeRef boolean();
[[nodiscard]] inline TypeRef byte() {
    return uintn(8);
}
[[nodiscard]] inline TypeRef uint8() {
    return uintn(8);
}
[[nodiscard]] inline TypeRef uint16() {
    return uintn(16);
}
[[nodiscard]] inline TypeRef uint32() {
    return uintn(32);
}
[[nodiscard]] inline TypeRef uint64() {
    return uintn(64);
}
[[nodiscard]] inline TypeRef uint128() {
    return uintn(128);
}
[[nodiscard]] inline TypeRef uint256() {
    return uintn(256);
}
[[nodiscard]] Result<TypeRef> try_uintn(unsigned bits);
[[nodiscard]] Result<TypeRef> try_bitvector(std::uint64_t n);
[[nodiscard]] Result<TypeRef> try_bitlist(std::uint64_t limit);
[[nodiscard]] Result<TypeRef> try_vector(TypeRef elem, std::uint64_t n);
[[nodiscard]] Result<TypeRef> try_list(TypeRef elem, std::uint64_t limit);
[[nodiscard]] Result<TypeRef> try_container(std::vector<Field> fields);
[[nodiscard]] Result<TypeRef> try_union(std::vector<TypeRef> options);
[[nodiscard]] TypeRef bitvector(std::uint64_t n);
[[nodiscard]] TypeRef bitlist(std::uint64_t limit);
[[nodiscard]] TypeRef vector(TypeRef elem, std::uint64_t n);
[[nodiscard]] TypeRef list(TypeRef elem, std::uint64_t limit);
[[nodiscard]] TypeRef container(std::vector<Field> fields);
[[nodiscard]] TypeRef union_of(std::vector<TypeRef> options);
[[nodiscard]] inline TypeRef byte_vector(std::uint64_t n) {
    return vector(byte(), n);
}  // BytesN
[[nodiscard]] inline TypeRef byte_list(std::uint64_t limit) {
    return list(byte(), limit);
}  // ByteList[N]

/// Strict decoding: accepts exactly the canonical serializations of `t`. Rejects a wrong size for
/// fixed types, booleans other than 0/1, set padding bits in bitvectors, bitlists without delimiter
/// or longer than their limit, lists longer than their limit, offsets that are out of order, out of
/// range, not starting right after the fixed part (first offset = fixed size; for a list of
/// variable-size elements a multiple of 4), unknown union selectors, a None union with a body, and
/// trailing bytes. Nothing is allocated; recursion is bounded by the depth of the schema.
[[nodiscard]] Result<void> validate(const Type& t, ByteView b);

/// Read access to bytes already accepted by `validate` for the same type (accessors assume that and
/// assert only the index ranges).
class View {
public:
    View(const Type& t, ByteView b) noexcept : t_(&t), b_(b) {}

    [[nodiscard]] const Type& type() const noexcept { return *t_; }
    [[nodiscard]] ByteView bytes() const noexcept { return b_; }

    /// Elements of a vector or list; bits of a bitvector or bitlist.
    [[nodiscard]] std::uint64_t count() const noexcept;
    /// Element `i` of a vector or list.
    [[nodiscard]] View at(std::uint64_t i) const noexcept;
    /// Field `i` of a container.
    [[nodiscard]] View field(std::size_t i) const noexcept;
    /// Bit `i` of a bitvector or bitlist.
    [[nodiscard]] bool bit(std::uint64_t i) const noexcept;
    /// A uint of at most 64 bits (or a boolean) as an integer.
    [[nodiscard]] std::uint64_t u64() const noexcept;
    /// Any uint as a U256.
    [[nodiscard]] U256 u256() const noexcept;
    [[nodiscard]] bool boolean() const noexcept { return b_[0] != 0; }
    /// Union: the selector, and the selected value (only when its option is not None).
    [[nodiscard]] std::uint8_t selector() const noexcept { return b_[0]; }
    [[nodiscard]] View value() const noexcept;
    /// Fixed bytes of type T (a BytesN): copies bytes().
    template <std::size_t N>
    [[nodiscard]] FixedBytes<N> fixed_bytes() const noexcept {
        LUXL2_ASSERT(b_.size() == N);
        return FixedBytes<N>::from_view(b_);
    }

private:
    const Type* t_;
    ByteView b_;
};

/// hash_tree_root of a serialization of `t`; validates it first (errors as `validate`).
[[nodiscard]] Result<Hash32> hash_tree_root(const Type& t, ByteView b);
/// hash_tree_root of bytes already accepted by `validate`.
[[nodiscard]] Hash32 hash_tree_root(const View& v);

/// The Merkle branch proving the node at generalized index `gindex` (1 = the root; spec
/// ssz/merkle-proofs.md) of a validated serialization: sibling hashes from the leaf up. Descends
/// through containers, vectors, lists (index 3 of a list is its length), bitfields and packed basic
/// data. Rejects an index that names no node of the type (errc::proof).
[[nodiscard]] Result<std::vector<Hash32>> merkle_branch(const View& v, std::uint64_t gindex);
/// Also returns the node itself.
[[nodiscard]] Result<Hash32> node_at(const View& v, std::uint64_t gindex);
/// Folds `leaf` up `branch` by the bits of `gindex` and compares with `root`.
[[nodiscard]] bool verify_merkle_branch(const Hash32& leaf, std::span<const Hash32> branch, std::uint64_t gindex,
                                        const Hash32& root) noexcept;

// ---- Merkleization primitives (spec "Merkleization") ----

/// zero_hash(0) = 32 zero bytes; zero_hash(i + 1) = sha256(zero_hash(i) ‖ zero_hash(i)); i ≤ 64.
[[nodiscard]] const Hash32& zero_hash(unsigned depth) noexcept;
/// ceil(log2(max(n, 1))): the depth of a tree padded to next_pow_of_two(n) leaves.
[[nodiscard]] unsigned depth_for(std::uint64_t n) noexcept;
/// merkleize(chunks, limit): `data` is packed (right-padded with zeros to whole chunks) and padded
/// virtually with zero chunks to next_pow_of_two(limit). The caller guarantees
/// ceil(data.size() / 32) ≤ limit (asserted).
[[nodiscard]] Hash32 merkleize(ByteView data, std::uint64_t limit);
/// The same over a scratch buffer of whole chunks, reduced in place (no copy); `n` chunks.
[[nodiscard]] Hash32 merkleize_in_place(std::uint8_t* chunks, std::uint64_t n, std::uint64_t limit) noexcept;
[[nodiscard]] Hash32 mix_in_length(const Hash32& root, std::uint64_t length) noexcept;
[[nodiscard]] Hash32 mix_in_selector(const Hash32& root, std::uint8_t selector) noexcept;
[[nodiscard]] Hash32 hash_pair(const Hash32& a, const Hash32& b) noexcept;

// ---- Encoding helpers for C++ structs (append to a caller's buffer) ----

inline void put_u8(Bytes& out, std::uint8_t v) {
    out.push_back(v);
}
inline void put_u16(Bytes& out, std::uint16_t v) {
    out.push_back(static_cast<std::uint8_t>(v));
    out.push_back(static_cast<std::uint8_t>(v >> 8));
}
inline void put_u32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline void put_u64(Bytes& out, std::uint64_t v) {
    const std::size_t at = out.size();
    out.resize(at + 8);
    store_le64(out.data() + at, v);
}
void put_u256(Bytes& out, const U256& v);
inline void put_bool(Bytes& out, bool v) {
    out.push_back(v ? 1 : 0);
}
inline void put_bytes(Bytes& out, ByteView v) {
    append(out, v);
}
/// A bitlist: the bits, then the delimiter bit.
void put_bitlist(Bytes& out, const std::vector<bool>& bits);
/// A bitvector of bits.size() bits.
void put_bitvector(Bytes& out, const std::vector<bool>& bits);

/// The offsets of one container (or vector/list of variable-size elements) being appended to `out`.
/// Write the fixed part in order, calling `offset()` where a variable-size field goes; then, for each
/// variable-size field in the same order, call `next()` right before appending its serialization.
/// `next()` returns false (and writes nothing) when the offset would not fit in 32 bits, i.e. the
/// value is too large for SSZ; `finish()` asserts every offset was filled.
class OffsetScope {
public:
    explicit OffsetScope(Bytes& out) : out_(out), start_(out.size()) {}
    void offset() {
        slots_.push_back(out_.size());
        out_.resize(out_.size() + kBytesPerOffset);
    }
    [[nodiscard]] bool next() {
        LUXL2_ASSERT(next_ < slots_.size());
        const std::size_t rel = out_.size() - start_;
        if (rel > 0xffffffffu) return false;
        const auto v = static_cast<std::uint32_t>(rel);
        std::uint8_t* p = out_.data() + slots_[next_++];
        for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
        return true;
    }
    void finish() const { LUXL2_ASSERT(next_ == slots_.size()); }

private:
    Bytes& out_;
    std::size_t start_;
    std::vector<std::size_t> slots_;
    std::size_t next_ = 0;
};

/// The little-endian uint32 at `p` (offsets).
[[nodiscard]] inline std::uint32_t load_le32(const std::uint8_t* p) noexcept {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace luxl2::ssz
