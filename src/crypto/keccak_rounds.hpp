// Private: the Keccak-f[1600] round (FIPS 202 §3.3) as macros over named lanes, and the permutation
// built from them, inlinable so that callers which know part of the input (zero lanes, constant
// padding) and need only a few output lanes (SLH-DSA's F, H and PRF read n bytes) let the compiler drop
// the work that does not matter: the first round is peeled for the constants, the last one for the
// outputs. keccak.cpp compiles it into keccak_f1600; slhdsa_hash.cpp into its one-block hashes.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace luxl2::crypto::keccak_detail {

inline constexpr std::uint64_t kRoundConstants[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL, 0x000000000000808bULL,
    0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL, 0x0000000000000088ULL,
    0x0000000080008009ULL, 0x000000008000000aULL, 0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
    0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

[[gnu::always_inline]] constexpr std::uint64_t rotl(std::uint64_t v, int n) noexcept {
    return std::rotl(v, n);
}

// One round (FIPS 202 §3.3: θ, ρ, π, χ, ι) fused, from lanes A0..A24 (A[x + 5y]) into E0..E24 and
// back. For output row y' and column x', π takes lane x = (x' + 3y') mod 5, y = x' and ρ rotates it
// by its offset; χ then combines the row. Unrolled so the state stays in registers.
#define LUXL2_KECCAK_ROUND_AE(rc)   \
    C0 = A0 ^ A5 ^ A10 ^ A15 ^ A20; \
    C1 = A1 ^ A6 ^ A11 ^ A16 ^ A21; \
    C2 = A2 ^ A7 ^ A12 ^ A17 ^ A22; \
    C3 = A3 ^ A8 ^ A13 ^ A18 ^ A23; \
    C4 = A4 ^ A9 ^ A14 ^ A19 ^ A24; \
    D0 = C4 ^ rotl(C1, 1);          \
    D1 = C0 ^ rotl(C2, 1);          \
    D2 = C1 ^ rotl(C3, 1);          \
    D3 = C2 ^ rotl(C4, 1);          \
    D4 = C3 ^ rotl(C0, 1);          \
    B0 = A0 ^ D0;                   \
    B1 = rotl(A6 ^ D1, 44);         \
    B2 = rotl(A12 ^ D2, 43);        \
    B3 = rotl(A18 ^ D3, 21);        \
    B4 = rotl(A24 ^ D4, 14);        \
    E0 = B0 ^ (~B1 & B2) ^ (rc);    \
    E1 = B1 ^ (~B2 & B3);           \
    E2 = B2 ^ (~B3 & B4);           \
    E3 = B3 ^ (~B4 & B0);           \
    E4 = B4 ^ (~B0 & B1);           \
    B0 = rotl(A3 ^ D3, 28);         \
    B1 = rotl(A9 ^ D4, 20);         \
    B2 = rotl(A10 ^ D0, 3);         \
    B3 = rotl(A16 ^ D1, 45);        \
    B4 = rotl(A22 ^ D2, 61);        \
    E5 = B0 ^ (~B1 & B2);           \
    E6 = B1 ^ (~B2 & B3);           \
    E7 = B2 ^ (~B3 & B4);           \
    E8 = B3 ^ (~B4 & B0);           \
    E9 = B4 ^ (~B0 & B1);           \
    B0 = rotl(A1 ^ D1, 1);          \
    B1 = rotl(A7 ^ D2, 6);          \
    B2 = rotl(A13 ^ D3, 25);        \
    B3 = rotl(A19 ^ D4, 8);         \
    B4 = rotl(A20 ^ D0, 18);        \
    E10 = B0 ^ (~B1 & B2);          \
    E11 = B1 ^ (~B2 & B3);          \
    E12 = B2 ^ (~B3 & B4);          \
    E13 = B3 ^ (~B4 & B0);          \
    E14 = B4 ^ (~B0 & B1);          \
    B0 = rotl(A4 ^ D4, 27);         \
    B1 = rotl(A5 ^ D0, 36);         \
    B2 = rotl(A11 ^ D1, 10);        \
    B3 = rotl(A17 ^ D2, 15);        \
    B4 = rotl(A23 ^ D3, 56);        \
    E15 = B0 ^ (~B1 & B2);          \
    E16 = B1 ^ (~B2 & B3);          \
    E17 = B2 ^ (~B3 & B4);          \
    E18 = B3 ^ (~B4 & B0);          \
    E19 = B4 ^ (~B0 & B1);          \
    B0 = rotl(A2 ^ D2, 62);         \
    B1 = rotl(A8 ^ D3, 55);         \
    B2 = rotl(A14 ^ D4, 39);        \
    B3 = rotl(A15 ^ D0, 41);        \
    B4 = rotl(A21 ^ D1, 2);         \
    E20 = B0 ^ (~B1 & B2);          \
    E21 = B1 ^ (~B2 & B3);          \
    E22 = B2 ^ (~B3 & B4);          \
    E23 = B3 ^ (~B4 & B0);          \
    E24 = B4 ^ (~B0 & B1);

#define LUXL2_KECCAK_ROUND_EA(rc)   \
    C0 = E0 ^ E5 ^ E10 ^ E15 ^ E20; \
    C1 = E1 ^ E6 ^ E11 ^ E16 ^ E21; \
    C2 = E2 ^ E7 ^ E12 ^ E17 ^ E22; \
    C3 = E3 ^ E8 ^ E13 ^ E18 ^ E23; \
    C4 = E4 ^ E9 ^ E14 ^ E19 ^ E24; \
    D0 = C4 ^ rotl(C1, 1);          \
    D1 = C0 ^ rotl(C2, 1);          \
    D2 = C1 ^ rotl(C3, 1);          \
    D3 = C2 ^ rotl(C4, 1);          \
    D4 = C3 ^ rotl(C0, 1);          \
    B0 = E0 ^ D0;                   \
    B1 = rotl(E6 ^ D1, 44);         \
    B2 = rotl(E12 ^ D2, 43);        \
    B3 = rotl(E18 ^ D3, 21);        \
    B4 = rotl(E24 ^ D4, 14);        \
    A0 = B0 ^ (~B1 & B2) ^ (rc);    \
    A1 = B1 ^ (~B2 & B3);           \
    A2 = B2 ^ (~B3 & B4);           \
    A3 = B3 ^ (~B4 & B0);           \
    A4 = B4 ^ (~B0 & B1);           \
    B0 = rotl(E3 ^ D3, 28);         \
    B1 = rotl(E9 ^ D4, 20);         \
    B2 = rotl(E10 ^ D0, 3);         \
    B3 = rotl(E16 ^ D1, 45);        \
    B4 = rotl(E22 ^ D2, 61);        \
    A5 = B0 ^ (~B1 & B2);           \
    A6 = B1 ^ (~B2 & B3);           \
    A7 = B2 ^ (~B3 & B4);           \
    A8 = B3 ^ (~B4 & B0);           \
    A9 = B4 ^ (~B0 & B1);           \
    B0 = rotl(E1 ^ D1, 1);          \
    B1 = rotl(E7 ^ D2, 6);          \
    B2 = rotl(E13 ^ D3, 25);        \
    B3 = rotl(E19 ^ D4, 8);         \
    B4 = rotl(E20 ^ D0, 18);        \
    A10 = B0 ^ (~B1 & B2);          \
    A11 = B1 ^ (~B2 & B3);          \
    A12 = B2 ^ (~B3 & B4);          \
    A13 = B3 ^ (~B4 & B0);          \
    A14 = B4 ^ (~B0 & B1);          \
    B0 = rotl(E4 ^ D4, 27);         \
    B1 = rotl(E5 ^ D0, 36);         \
    B2 = rotl(E11 ^ D1, 10);        \
    B3 = rotl(E17 ^ D2, 15);        \
    B4 = rotl(E23 ^ D3, 56);        \
    A15 = B0 ^ (~B1 & B2);          \
    A16 = B1 ^ (~B2 & B3);          \
    A17 = B2 ^ (~B3 & B4);          \
    A18 = B3 ^ (~B4 & B0);          \
    A19 = B4 ^ (~B0 & B1);          \
    B0 = rotl(E2 ^ D2, 62);         \
    B1 = rotl(E8 ^ D3, 55);         \
    B2 = rotl(E14 ^ D4, 39);        \
    B3 = rotl(E15 ^ D0, 41);        \
    B4 = rotl(E21 ^ D1, 2);         \
    A20 = B0 ^ (~B1 & B2);          \
    A21 = B1 ^ (~B2 & B3);          \
    A22 = B2 ^ (~B3 & B4);          \
    A23 = B3 ^ (~B4 & B0);          \
    A24 = B4 ^ (~B0 & B1);

/// Keccak-f[1600] on lanes s[0], s[Stride], …, s[24·Stride] (Stride 4: one instance of a four-way
/// interleaved state, permuted where it lies), writing back only lanes 0..Out−1 (the others are then
/// stale).
template <std::size_t Out = 25, std::size_t Stride = 1>
[[gnu::always_inline]] inline void permute(std::uint64_t* s) noexcept {
    static_assert(Out >= 1 && Out <= 25);
    std::uint64_t A0 = s[0 * Stride], A1 = s[1 * Stride], A2 = s[2 * Stride], A3 = s[3 * Stride], A4 = s[4 * Stride],
                  A5 = s[5 * Stride], A6 = s[6 * Stride], A7 = s[7 * Stride], A8 = s[8 * Stride], A9 = s[9 * Stride],
                  A10 = s[10 * Stride], A11 = s[11 * Stride], A12 = s[12 * Stride], A13 = s[13 * Stride],
                  A14 = s[14 * Stride], A15 = s[15 * Stride], A16 = s[16 * Stride], A17 = s[17 * Stride],
                  A18 = s[18 * Stride], A19 = s[19 * Stride], A20 = s[20 * Stride], A21 = s[21 * Stride],
                  A22 = s[22 * Stride], A23 = s[23 * Stride], A24 = s[24 * Stride];
    std::uint64_t E0, E1, E2, E3, E4, E5, E6, E7, E8, E9, E10, E11, E12, E13, E14, E15, E16, E17, E18, E19, E20, E21,
        E22, E23, E24;
    std::uint64_t B0, B1, B2, B3, B4, C0, C1, C2, C3, C4, D0, D1, D2, D3, D4;
    if constexpr (Out == 25) {
        // The whole state: a plain loop (peeling costs GCC about 3% here).
        for (std::size_t round = 0; round < 24; round += 2) {
            LUXL2_KECCAK_ROUND_AE(kRoundConstants[round])
            LUXL2_KECCAK_ROUND_EA(kRoundConstants[round + 1])
        }
    } else {
        // The first and last rounds peeled, for the known input lanes and the few output lanes.
        LUXL2_KECCAK_ROUND_AE(kRoundConstants[0])
        for (std::size_t round = 1; round < 23; round += 2) {
            LUXL2_KECCAK_ROUND_EA(kRoundConstants[round])
            LUXL2_KECCAK_ROUND_AE(kRoundConstants[round + 1])
        }
        LUXL2_KECCAK_ROUND_EA(kRoundConstants[23])
    }
    if constexpr (Out == 25) {
        // Lane by lane from the named variables (gathering them in an array first makes GCC spill more
        // here, about 4% slower; the other way round for the few lanes below, by about 1%).
#define LUXL2_KECCAK_STORE(i) s[i * Stride] = A##i
        LUXL2_KECCAK_STORE(0);
        LUXL2_KECCAK_STORE(1);
        LUXL2_KECCAK_STORE(2);
        LUXL2_KECCAK_STORE(3);
        LUXL2_KECCAK_STORE(4);
        LUXL2_KECCAK_STORE(5);
        LUXL2_KECCAK_STORE(6);
        LUXL2_KECCAK_STORE(7);
        LUXL2_KECCAK_STORE(8);
        LUXL2_KECCAK_STORE(9);
        LUXL2_KECCAK_STORE(10);
        LUXL2_KECCAK_STORE(11);
        LUXL2_KECCAK_STORE(12);
        LUXL2_KECCAK_STORE(13);
        LUXL2_KECCAK_STORE(14);
        LUXL2_KECCAK_STORE(15);
        LUXL2_KECCAK_STORE(16);
        LUXL2_KECCAK_STORE(17);
        LUXL2_KECCAK_STORE(18);
        LUXL2_KECCAK_STORE(19);
        LUXL2_KECCAK_STORE(20);
        LUXL2_KECCAK_STORE(21);
        LUXL2_KECCAK_STORE(22);
        LUXL2_KECCAK_STORE(23);
        LUXL2_KECCAK_STORE(24);
#undef LUXL2_KECCAK_STORE
    } else {
        const std::uint64_t out[25] = {A0,  A1,  A2,  A3,  A4,  A5,  A6,  A7,  A8,  A9,  A10, A11, A12,
                                       A13, A14, A15, A16, A17, A18, A19, A20, A21, A22, A23, A24};
        for (std::size_t i = 0; i < Out; ++i) s[i * Stride] = out[i];
    }
}

#undef LUXL2_KECCAK_ROUND_AE
#undef LUXL2_KECCAK_ROUND_EA

}  // namespace luxl2::crypto::keccak_detail
