// The compact byte form of an LP-505 CrossRollupMessage ("packMessage"/"unpackMessage"); the layout
// is in docs/format/xrollup.md:
//   0x01 ‖ uvar(sourceChainId) ‖ uvar(targetChainId) ‖ sender[20] ‖ target[20] ‖ uvar(nonce)
//        ‖ uvar(len) ‖ payload ‖ uvar(len) ‖ proof
// uvar is an unsigned LEB128 varint over the full 256-bit value (1..37 bytes, minimal). messageHash
// is not stored: unpack recomputes it (format::message_hash), so a packed message cannot carry a hash
// that disagrees with its content.
#pragma once

#include <cstddef>
#include <cstdint>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/messages.hpp"

namespace luxl2::xrollup {

namespace errc {
inline constexpr std::string_view truncated = "xrollup.truncated";
inline constexpr std::string_view bad_version = "xrollup.bad_version";
inline constexpr std::string_view bad_varint = "xrollup.bad_varint";
inline constexpr std::string_view too_large = "xrollup.too_large";
inline constexpr std::string_view trailing_bytes = "xrollup.trailing_bytes";
inline constexpr std::string_view hash_mismatch = "xrollup.hash_mismatch";
}  // namespace errc

inline constexpr std::uint8_t kPackVersion = 0x01;

/// Bounds unpack enforces before it allocates.
struct PackLimits {
    std::size_t max_payload = 128 * 1024;
    std::size_t max_proof = 64 * 1024;
};

/// Appends the 256-bit unsigned LEB128 varint of `v` (minimal: 1 byte for 0..127, at most 37).
void put_uvar256(Bytes& out, const U256& v);
/// Reads one and consumes it. Rejects truncation, a value over 256 bits and a non-minimal encoding
/// (a last byte 0x00 after the first), code "xrollup.bad_varint" / "xrollup.truncated".
[[nodiscard]] Result<U256> get_uvar256(ByteView& in);

/// Appends the packed form of `m`. m.message_hash is not written (see the header comment).
void pack_message(Bytes& out, const format::CrossRollupMessage& m);
[[nodiscard]] Bytes pack_message(const format::CrossRollupMessage& m);
[[nodiscard]] std::size_t packed_size(const format::CrossRollupMessage& m);

/// Decodes one packed message and consumes it from `in`; sets message_hash = format::message_hash.
/// Rejects a version other than 0x01, bad varints, a payload or proof over `limits`, truncation.
[[nodiscard]] Result<format::CrossRollupMessage> unpack_message(ByteView& in, const PackLimits& limits = {});
/// Decodes a whole buffer: trailing bytes are an error ("xrollup.trailing_bytes").
[[nodiscard]] Result<format::CrossRollupMessage> unpack_message_exact(ByteView in, const PackLimits& limits = {});

/// Accepts m.message_hash when it is zero (not yet set) or equals format::message_hash(m); code
/// "xrollup.hash_mismatch" otherwise. For messages taken from JSON before packing.
[[nodiscard]] Result<void> check_message_hash(const format::CrossRollupMessage& m);

}  // namespace luxl2::xrollup
