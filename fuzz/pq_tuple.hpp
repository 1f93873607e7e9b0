// Shared by the post-quantum verification fuzzers (mldsa_verify, slhdsa_verify): a signed tuple
// (public key, signature, message, context) and the edits a fuzz input applies to it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "luxl2/core/bytes.hpp"

namespace luxl2::fuzz {

struct PqTuple {
    Bytes pk, sig, msg, ctx;
    friend bool operator==(const PqTuple&, const PqTuple&) = default;
};

/// Applies the input's (offset lo, offset hi, xor) triples to the tuple, the offset scaled by
/// `spread` (so two bytes reach every part of a long signature) and taken modulo the tuple's total
/// length; a trailing single byte b then truncates the signature by 1 + b % 8 bytes, so length errors
/// are exercised too.
inline void apply_edits(PqTuple& t, ByteView in, std::size_t spread) {
    const std::size_t total = t.pk.size() + t.sig.size() + t.msg.size() + t.ctx.size();
    for (std::size_t i = 0; i + 3 <= in.size(); i += 3) {
        std::size_t off = (std::size_t{in[i]} | (std::size_t{in[i + 1]} << 8)) * spread % total;
        for (Bytes* b : {&t.pk, &t.sig, &t.msg, &t.ctx}) {
            if (off < b->size()) {
                (*b)[off] ^= in[i + 2];
                break;
            }
            off -= b->size();
        }
    }
    if (in.size() % 3 == 1) t.sig.resize(t.sig.size() - 1 - in.back() % 8);
}

}  // namespace luxl2::fuzz
