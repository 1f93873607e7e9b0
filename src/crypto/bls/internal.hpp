// Internal interface of the BLS12-381 implementation (points, pairing, hashing, encodings), shared
// by the files of src/crypto/bls/ and the white-box tests. Not a public header.
#pragma once

#include <span>
#include <string_view>

#include "curve.hpp"
#include "luxl2/core/bytes.hpp"
#include "luxl2/core/error.hpp"

namespace luxl2::crypto::bls::detail {

// ---- endomorphisms, subgroups, cofactors (points.cpp) ----
inline G1 g1_generator() {
    return {kG1x, kG1y, kOne};
}
inline G2 g2_generator() {
    return {kG2x, kG2y, fp2_one()};
}
/// psi = untwist-Frobenius-twist on E2 (RFC 9380 Appendix G.3).
G2 psi(const G2& p);
/// Membership of the order-r subgroup, by the endomorphism tests of Scott ("A note on group
/// membership tests for G1, G2 and GT on BLS pairing-friendly curves", 2021):
/// G1: phi(P) = [-x^2]P with phi(x, y) = (beta·x, y); G2: psi(P) = [x]P. Infinity is a member.
bool in_subgroup(const G1& p);
bool in_subgroup(const G2& p);
/// k·P for P in G2 and a secret k < r, constant time: k is written in base |x| (four 64-bit digits,
/// by a division with a fixed reciprocal), and psi supplies [|x|^i]P, so one 64-step joint
/// double-and-add over a 16-entry table read with masks replaces the 256-step ladder (GLS).
G2 mul_ct_g2(const G2& p, const u64 k[4]);
/// h_eff·P by the psi decomposition of RFC 9380 Appendix G.3 (Budroni–Pintore).
G2 clear_cofactor(const G2& p);

// ---- ZCash encodings (points.cpp) ----
/// Decodes a 48-byte compressed or 96-byte uncompressed G1 point with every flag check; checks the
/// curve equation, and the subgroup when `check_subgroup`. Infinity is accepted (callers reject it
/// where the protocol must).
Result<G1> decode_g1(ByteView in, bool check_subgroup = true);
/// Same for G2: 96-byte compressed or 192-byte uncompressed, x = c1 ‖ c0.
Result<G2> decode_g2(ByteView in, bool check_subgroup = true);
void encode_g1_compressed(std::uint8_t out[48], const G1& p);
void encode_g1_uncompressed(std::uint8_t out[96], const G1& p);
void encode_g2_compressed(std::uint8_t out[96], const G2& p);
void encode_g2_uncompressed(std::uint8_t out[192], const G2& p);

// ---- hashing (hash_to_curve.cpp) ----
/// expand_message_xmd with SHA-256 (RFC 9380 Section 5.3.1); false when len or DST is out of range.
bool expand_message_xmd(std::uint8_t* out, std::size_t len, ByteView msg, ByteView dst);
/// map_to_curve (simplified SWU on E2', then the 3-isogeny to E2), without cofactor clearing.
G2 map_to_curve_g2(const Fp2& u);
/// hash_to_curve of BLS12381G2_XMD:SHA-256_SSWU_RO_ with the given DST.
G2 hash_to_g2(ByteView msg, ByteView dst);

// ---- pairing (pairing.cpp) ----
struct PairingInput {
    G1 p;  // any representation; normalised to affine inside
    G2 q;
};
/// prod f_{|x|,Q_i}(P_i), conjugated for the negative x; pairs with an infinite point are skipped.
Fp12 miller_loop(std::span<const PairingInput> pairs);
/// f^((p^12 - 1)/r) up to a fixed power coprime to r (the hard part computes the cube, following
/// Hayashida–Hayasaka–Teruya), which keeps e(P, Q) == 1 checks and bilinearity exact.
Fp12 final_exponentiation(const Fp12& f);
/// prod e(P_i, Q_i) == 1 with one shared final exponentiation.
bool pairing_product_is_one(std::span<const PairingInput> pairs);

// ---- scalars mod r (scalar.cpp) ----
/// 32 big-endian bytes -> 4 little-endian limbs; false unless 0 < k < r.
bool scalar_from_be32(u64 out[4], const std::uint8_t in[32]);
void scalar_to_be32(std::uint8_t out[32], const u64 k[4]);
/// OS2IP(in) mod r for any length up to 64 bytes (KeyGen uses 48).
void scalar_reduce_be(u64 out[4], ByteView in);

}  // namespace luxl2::crypto::bls::detail
