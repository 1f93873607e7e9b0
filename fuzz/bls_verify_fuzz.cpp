// BLS verification on arbitrary input: public key (48 bytes) ‖ signature (96 bytes) ‖ message. The
// only triples that may verify are those signed by the fixed test key below (the seed corpus holds
// one); anything else must be rejected, as an Error or as false, and never crash.
#include <cstdint>
#include <cstdlib>

#include "luxl2/crypto/bls12_381.hpp"

namespace bls = luxl2::crypto::bls;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const bls::SecretKey sk = [] {
        luxl2::Bytes ikm(32, 0x42);
        return *bls::keygen(ikm);
    }();
    static const bls::PublicKey pk = *bls::sk_to_pk(sk);
    if (size < 144) return 0;
    const luxl2::ByteView p(data, 48), s(data + 48, 96), m(data + 144, size - 144);
    const auto ok = bls::verify(p, m, s);
    if (ok && *ok) {
        const auto expect = bls::sign(sk, m);
        LUXL2_ASSERT(luxl2::equal(p, pk.view()) && expect && luxl2::equal(s, expect->view()));
    }
    // The same triple through the aggregate paths gives the same answer.
    const luxl2::ByteView pks[1] = {p};
    const luxl2::ByteView msgs[1] = {m};
    const auto agg = bls::aggregate_verify(pks, msgs, s);
    const auto fast = bls::fast_aggregate_verify(pks, m, s);
    const bool v = ok && *ok;
    LUXL2_ASSERT((agg && *agg) == v && (fast && *fast) == v);
    return 0;
}
