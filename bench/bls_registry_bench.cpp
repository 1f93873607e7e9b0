// LP-505 verifyAggregatedSignature through the signer registry, group "sig": 100 registered signers,
// 100 distinct messages (registry lookups + AggregateVerify), and 100 signers over one message
// (lookups + FastAggregateVerify). Compare with sig/bls12-381/aggregate-verify-100 (bls_bench.cpp) for
// the cost of the registry itself.
#include <benchmark/benchmark.h>

#include <ctime>
#include <string>
#include <vector>

#include "luxl2/crypto/bls_registry.hpp"

namespace {

namespace bls = luxl2::crypto::bls;
using luxl2::Address;
using luxl2::Bytes;
using luxl2::ByteView;

// Thread CPU time per operation: the machine is shared, wall time would measure the neighbours.
double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct RegistryFixture {
    bls::SignerRegistry registry;
    std::vector<Address> signers;
    std::vector<Bytes> msgs;
    std::vector<Bytes> same_msgs;
    bls::Signature agg_distinct, agg_same;

    RegistryFixture() {
        std::vector<bls::Signature> sigs, same_sigs;
        for (int i = 0; i < 100; ++i) {
            const Bytes ikm(32, static_cast<std::uint8_t>(i + 101));
            const auto sk = *bls::keygen(ikm);
            signers.push_back(*registry.register_signer(*bls::sk_to_pk(sk), *bls::pop_prove(sk)));
            const std::string m = "lp-505 block hash " + std::to_string(i);
            msgs.emplace_back(m.begin(), m.end());
            same_msgs.push_back(msgs.front());
            sigs.push_back(*bls::sign(sk, msgs.back()));
            same_sigs.push_back(*bls::sign(sk, msgs.front()));
        }
        const std::vector<ByteView> v(sigs.begin(), sigs.end()), w(same_sigs.begin(), same_sigs.end());
        agg_distinct = *bls::aggregate_signatures(v);
        agg_same = *bls::aggregate_signatures(w);
    }
};

const RegistryFixture& rfx() {
    static const RegistryFixture f;
    return f;
}

void run(benchmark::State& st, const std::vector<Bytes>& msgs, const bls::Signature& agg) {
    const auto& f = rfx();
    const std::vector<ByteView> mv(msgs.begin(), msgs.end());
    for (auto _ : st) {
        const double t0 = thread_cpu_seconds();
        auto ok = bls::verify_aggregated_signature(f.registry, agg, mv, f.signers);
        st.SetIterationTime(thread_cpu_seconds() - t0);
        if (!ok || !*ok) st.SkipWithError("verifyAggregatedSignature failed");
    }
}

void BM_registry_verify_distinct(benchmark::State& st) {
    run(st, rfx().msgs, rfx().agg_distinct);
}

void BM_registry_verify_same(benchmark::State& st) {
    run(st, rfx().same_msgs, rfx().agg_same);
}

BENCHMARK(BM_registry_verify_distinct)
    ->Name("sig/bls12-381/registry-verify-aggregated-100")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_registry_verify_same)
    ->Name("sig/bls12-381/registry-verify-aggregated-100-same")
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
