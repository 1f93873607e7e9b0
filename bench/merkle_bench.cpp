// merkle/...: the state tree at a million keys (the goals: 2,000 updates + new root <= 20 ms,
// proofs for 100 keys <= 0.5 ms, <= 200 bytes per key, a proof <= 1 KiB), plus the positional tree.
#include <benchmark/benchmark.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "bench_summary.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/sparse.hpp"
#include "luxl2/merkle/tree.hpp"

namespace {

using luxl2::Hash32;
using namespace luxl2::merkle;

constexpr std::size_t kKeys = 1'000'000;

Hash32 random_hash(std::mt19937_64& rng) {
    Hash32 h;
    for (std::size_t i = 0; i < 32; i += 8) {
        const std::uint64_t x = rng();
        for (std::size_t j = 0; j < 8; ++j) h[i + j] = static_cast<std::uint8_t>(x >> (8 * j));
    }
    return h;
}

// This thread's CPU time: the machine is shared, so wall-clock figures include other processes' load.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Fixture {
    smt::SparseMerkleTree tree;
    std::vector<Hash32> keys;
    double build_ms = 0;
    double build_cpu_ms = 0;
    std::mt19937_64 rng{2026};

    Fixture() {
        std::vector<smt::Update> ups;
        ups.reserve(kKeys);
        for (std::size_t i = 0; i < kKeys; ++i) {
            ups.push_back({random_hash(rng), random_hash(rng)});
            keys.push_back(ups.back().key);
        }
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_ms();
        tree.update(ups);
        build_cpu_ms = thread_cpu_ms() - c0;
        build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void BM_SmtBuild(benchmark::State& state) {
    auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.tree.root());
    state.counters["build_ms"] = f.build_ms;
    state.counters["build_cpu_ms"] = f.build_cpu_ms;
    state.counters["keys"] = static_cast<double>(f.tree.size());
    state.counters["bytes_per_key"] = static_cast<double>(f.tree.memory_bytes()) / static_cast<double>(f.tree.size());
}
BENCHMARK(BM_SmtBuild)->Name("merkle/smt/build_1M")->Unit(benchmark::kMillisecond);

void BM_SmtUpdate2000(benchmark::State& state) {
    auto& f = fixture();
    std::vector<smt::Update> ups(2000);
    double cpu = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (std::size_t i = 0; i < ups.size(); ++i) {
            // Half the writes change existing keys, half insert new ones; a few delete.
            if (i % 2 == 0)
                ups[i] = {f.keys[f.rng() % f.keys.size()], random_hash(f.rng)};
            else
                ups[i] = {random_hash(f.rng), random_hash(f.rng)};
            if (i % 50 == 0) ups[i] = {f.keys[f.rng() % f.keys.size()], Hash32{}};
        }
        state.ResumeTiming();
        const double c0 = thread_cpu_ms();
        f.tree.update(ups);
        benchmark::DoNotOptimize(f.tree.root());
        cpu += thread_cpu_ms() - c0;
    }
    state.counters["cpu_ms"] = cpu / static_cast<double>(state.iterations());
    state.counters["keys"] = static_cast<double>(f.tree.size());
    state.counters["bytes_per_key"] = static_cast<double>(f.tree.memory_bytes()) / static_cast<double>(f.tree.size());
}
BENCHMARK(BM_SmtUpdate2000)->Name("merkle/smt/update_2000_of_1M")->Unit(benchmark::kMillisecond);

std::vector<Hash32> sample_keys(Fixture& f, std::size_t n) {
    std::vector<Hash32> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(i % 2 ? f.keys[f.rng() % f.keys.size()] : random_hash(f.rng));
    return out;
}

void BM_SmtProve100(benchmark::State& state) {
    auto& f = fixture();
    const auto keys = sample_keys(f, 100);
    std::size_t bytes = 0, max_bytes = 0;
    double cpu = 0;
    for (auto _ : state) {
        const double c0 = thread_cpu_ms();
        bytes = 0;
        for (const auto& k : keys) {
            const auto enc = smt::encode(f.tree.prove(k));
            bytes += enc.size();
            max_bytes = std::max(max_bytes, enc.size());
            benchmark::DoNotOptimize(enc.data());
        }
        cpu += thread_cpu_ms() - c0;
    }
    state.counters["cpu_ms"] = cpu / static_cast<double>(state.iterations());
    state.counters["avg_proof_bytes"] = static_cast<double>(bytes) / 100.0;
    state.counters["max_proof_bytes"] = static_cast<double>(max_bytes);
}
BENCHMARK(BM_SmtProve100)->Name("merkle/smt/prove_100_of_1M")->Unit(benchmark::kMicrosecond);

void BM_SmtMultiProve100(benchmark::State& state) {
    auto& f = fixture();
    const auto keys = sample_keys(f, 100);
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto p = f.tree.prove(keys);
        bytes = smt::encode(*p).size();
        benchmark::DoNotOptimize(bytes);
    }
    state.counters["proof_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SmtMultiProve100)->Name("merkle/smt/multiproof_100_of_1M")->Unit(benchmark::kMicrosecond);

void BM_SmtVerify100(benchmark::State& state) {
    auto& f = fixture();
    const auto keys = sample_keys(f, 100);
    std::vector<smt::Proof> proofs;
    std::vector<smt::Claim> claims;
    for (const auto& k : keys) {
        proofs.push_back(f.tree.prove(k));
        claims.push_back({k, f.tree.get(k).value_or(Hash32{})});
    }
    const Hash32 root = f.tree.root();
    for (auto _ : state) {
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (!smt::verify(root, proofs[i], std::span<const smt::Claim>(&claims[i], 1)))
                state.SkipWithError("bad proof");
    }
}
BENCHMARK(BM_SmtVerify100)->Name("merkle/smt/verify_100_of_1M")->Unit(benchmark::kMicrosecond);

void BM_TreeRoot(benchmark::State& state) {
    std::mt19937_64 rng(1);
    std::vector<Hash32> leaves(static_cast<std::size_t>(state.range(0)));
    for (auto& l : leaves) l = random_hash(rng);
    for (auto _ : state) benchmark::DoNotOptimize(root_of_leaf_hashes(leaves));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_TreeRoot)->Name("merkle/tree/root")->Arg(1024)->Arg(65536);

void BM_TreeMultiproof(benchmark::State& state) {
    std::mt19937_64 rng(2);
    std::vector<Hash32> leaves(65536);
    for (auto& l : leaves) l = random_hash(rng);
    std::vector<std::uint64_t> idx;
    for (int i = 0; i < 100; ++i) idx.push_back(rng() % leaves.size());
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    const Hash32 root = root_of_leaf_hashes(leaves);
    const auto proof = *generate_multiproof(leaves, idx);
    std::vector<Hash32> chosen;
    for (auto i : idx) chosen.push_back(leaves[i]);
    for (auto _ : state)
        if (!verify_multiproof(root, proof, chosen)) state.SkipWithError("bad proof");
    state.counters["proof_hashes"] = static_cast<double>(proof.hashes.size());
}
BENCHMARK(BM_TreeMultiproof)->Name("merkle/tree/verify_multiproof_100_of_65536")->Unit(benchmark::kMicrosecond);

const bool summary_registered =
    luxl2::bench::register_summary("merkle", [](const std::vector<luxl2::bench::RunResult>& runs) {
        using luxl2::bench::find;
        auto line = [](const char* what, double value, const char* unit, double goal) {
            const bool ok = value <= goal;
            std::printf("  %-44s %10.3f %-6s (goal <= %g) %s\n", what, value, unit, goal, ok ? "ok" : "MISSED");
        };
        std::printf("  (cpu = this thread's CPU time; wall-clock time also counts other load on a shared machine)\n");
        if (const auto* b = find(runs, "merkle/smt/build_1M")) {
            std::printf("  %-44s %10.1f ms wall, %.1f ms cpu\n", "build a 1,000,000-key tree",
                        b->counters.at("build_ms"), b->counters.at("build_cpu_ms"));
            line("memory per key", b->counters.at("bytes_per_key"), "bytes", 200);
        }
        if (const auto* u = find(runs, "merkle/smt/update_2000_of_1M")) {
            line("2,000 updates on 1M keys + new root (cpu)", u->counters.at("cpu_ms"), "ms", 20);
            line("2,000 updates on 1M keys + new root (wall)", u->real_time_ns / 1e6, "ms", 20);
            line("memory per key after the update runs", u->counters.at("bytes_per_key"), "bytes", 200);
        }
        if (const auto* p = find(runs, "merkle/smt/prove_100_of_1M")) {
            line("proofs for 100 keys (cpu)", p->counters.at("cpu_ms"), "ms", 0.5);
            line("proofs for 100 keys (wall)", p->real_time_ns / 1e6, "ms", 0.5);
            line("proof size, largest of 100 (1M keys)", p->counters.at("max_proof_bytes"), "bytes", 1024);
            std::printf("  %-44s %10.1f bytes\n", "proof size, average", p->counters.at("avg_proof_bytes"));
        }
        if (const auto* m = find(runs, "merkle/smt/multiproof_100_of_1M"))
            std::printf("  %-44s %10.3f ms, %.0f bytes\n", "one multi-key proof of 100 keys", m->real_time_ns / 1e6,
                        m->counters.at("proof_bytes"));
        if (const auto* v = find(runs, "merkle/smt/verify_100_of_1M"))
            std::printf("  %-44s %10.3f ms\n", "verify 100 single proofs", v->real_time_ns / 1e6);
    });

}  // namespace
