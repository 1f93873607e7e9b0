// Signature schemes through the registry: keygen, sign (deterministic) and verify per scheme.
// `luxl2 bench sig` prints µs per operation and the anchors next to them.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include "bench_summary.hpp"
#include "luxl2/crypto/scheme.hpp"

namespace {

using luxl2::Bytes;
using luxl2::crypto::find_scheme;
using luxl2::crypto::SignatureScheme;

Bytes seed_for(const SignatureScheme& s) {
    Bytes seed(s.seed_size ? s.seed_size : 32);
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<std::uint8_t>(0x42 + i);
    return seed;
}

const Bytes kMsg(32, 0x5A);

void BM_keygen(benchmark::State& state, const char* name) {
    const auto* s = find_scheme(name);
    const Bytes seed = seed_for(*s);
    for (auto _ : state) {
        auto kp = s->keygen(seed);
        benchmark::DoNotOptimize(kp);
    }
}

void BM_sign(benchmark::State& state, const char* name) {
    const auto* s = find_scheme(name);
    const auto kp = s->keygen(seed_for(*s)).value();
    Bytes msg = kMsg;
    for (auto _ : state) {
        msg[0]++;  // a fresh message each time, so ML-DSA's rejection loop is sampled fairly
        auto sig = s->sign(kp.secret_key, msg, {}, true);
        benchmark::DoNotOptimize(sig);
    }
}

void BM_verify(benchmark::State& state, const char* name) {
    const auto* s = find_scheme(name);
    const auto kp = s->keygen(seed_for(*s)).value();
    const auto sig = s->sign(kp.secret_key, kMsg, {}, true).value();
    for (auto _ : state) {
        auto ok = s->verify(kp.public_key, kMsg, sig, {});
        if (!ok || !*ok) state.SkipWithError("verification failed");
        benchmark::DoNotOptimize(ok);
    }
}

#define LUXL2_SIG_BENCH(scheme)                                                                                 \
    BENCHMARK_CAPTURE(BM_keygen, scheme, scheme)->Name("sig/" scheme "/keygen")->Unit(benchmark::kMicrosecond); \
    BENCHMARK_CAPTURE(BM_sign, scheme, scheme)->Name("sig/" scheme "/sign")->Unit(benchmark::kMicrosecond);     \
    BENCHMARK_CAPTURE(BM_verify, scheme, scheme)->Name("sig/" scheme "/verify")->Unit(benchmark::kMicrosecond)

LUXL2_SIG_BENCH("secp256k1");
LUXL2_SIG_BENCH("ml-dsa-44");
LUXL2_SIG_BENCH("ml-dsa-65");
LUXL2_SIG_BENCH("ml-dsa-87");
LUXL2_SIG_BENCH("slh-dsa-shake-128f");
LUXL2_SIG_BENCH("slh-dsa-shake-128s");
LUXL2_SIG_BENCH("slh-dsa-sha2-128f");
LUXL2_SIG_BENCH("hybrid-secp256k1-ml-dsa-65");

// Anchors from the issue (µs, this machine's CPU): portable C references and the AVX2 goals.
struct Anchor {
    const char* name;
    double reference_us;  // portable C reference (mldsa-native portable, slhdsa-c)
    double goal_us;       // the AVX2 / 4-way Keccak goal
};
constexpr Anchor kAnchors[] = {
    {"sig/ml-dsa-65/sign", 365, 105},
    {"sig/ml-dsa-65/verify", 100, 37},
    {"sig/slh-dsa-shake-128f/sign", 27500, 12000},
    {"sig/slh-dsa-shake-128f/verify", 1650, 800},
};

// @noble/post-quantum measured now, by bench/noble_sig.mjs under Node (empty when Node or the npm
// peers are missing): "name us" per line.
std::map<std::string, double> noble_figures() {
    std::map<std::string, double> out;
    const auto script = std::filesystem::path(__FILE__).parent_path() / "noble_sig.mjs";
    if (!std::filesystem::exists(script)) return out;
    const std::string cmd = "node '" + script.string() + "' 2>/dev/null";
    FILE* f = popen(cmd.c_str(), "r");
    if (!f) return out;
    char name[128];
    double us = 0;
    while (std::fscanf(f, "%127s %lf", name, &us) == 2) out[name] = us;
    pclose(f);
    return out;
}

const bool kSummary = luxl2::bench::register_summary("sig", [](const std::vector<luxl2::bench::RunResult>& runs) {
    std::printf("measuring @noble/post-quantum (Node) ...\n");
    const auto noble = noble_figures();
    std::printf("%-44s %14s %14s\n", "benchmark", "luxl2 us/op", "noble us/op");
    for (const auto& r : runs) {
        const auto it = noble.find(r.name);
        if (it != noble.end())
            std::printf("%-44s %14.1f %14.1f\n", r.name.c_str(), r.real_time_ns / 1e3, it->second);
        else
            std::printf("%-44s %14.1f %14s\n", r.name.c_str(), r.real_time_ns / 1e3, "-");
    }
    if (noble.empty()) std::printf("(noble figures unavailable: needs node and tests/interop/node_modules)\n");
    std::printf("\n%-34s %12s %14s %12s\n", "anchor", "ours (us)", "reference (us)", "goal (us)");
    for (const auto& a : kAnchors) {
        const auto* r = luxl2::bench::find(runs, a.name);
        if (!r) continue;
        std::printf("%-34s %12.1f %14.1f %12.1f  %s\n", a.name, r->real_time_ns / 1e3, a.reference_us, a.goal_us,
                    r->real_time_ns / 1e3 <= a.reference_us ? "<= reference" : "slower than reference");
    }
});

}  // namespace
