// batch/...: LP-505 batch aggregation. create_batch and verify_batch of N linked, signed blocks (100
// transactions each), with and without the BLS aggregated proof; batch data (raw RLP and zstd); cutting
// it into blob frames; joining them in order, shuffled (reassemble) and interleaved with another batch
// through the ChannelBank.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "bench_summary.hpp"
#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/bls_proof.hpp"
#include "luxl2/batch/chain.hpp"
#include "luxl2/batch/channel_bank.hpp"
#include "luxl2/batch/frames.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"

namespace {

using namespace luxl2;

constexpr std::size_t kTxsPerBlock = 100;

const crypto::SecretKey& seq_key() {
    static const crypto::SecretKey k = *crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'s', 'e', 'q'}).view());
    return k;
}

const crypto::bls::SecretKey& bls_key() {
    static const crypto::bls::SecretKey k = *crypto::bls::keygen(crypto::keccak256(Bytes{'b', 'l', 's'}).view());
    return k;
}

format::AggregationStrategy strategy(bool aggregate) {
    return {U256(4096), U256(256u << 20), U256(0), false, aggregate};
}

const std::vector<format::L2Block>& chain(std::size_t n) {
    static std::map<std::size_t, std::vector<format::L2Block>> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        batch::ChainSpec spec;
        spec.seed = 505;
        spec.blocks = n;
        spec.txs_per_block = kTxsPerBlock;
        it = cache.emplace(n, batch::make_chain(spec, seq_key())).first;
    }
    return it->second;
}

Bytes bls_proof_of(const std::vector<format::L2Block>& blocks) {
    std::vector<crypto::bls::Signature> sigs;
    for (const auto& b : blocks)
        sigs.push_back(*crypto::bls::sign(bls_key().view(), format::block_hash(b.header).view()));
    return *batch::bls_aggregate_proof(sigs);
}

const format::BatchedBlocks& batch_of(std::size_t n, bool aggregate) {
    static std::map<std::pair<std::size_t, bool>, format::BatchedBlocks> cache;
    auto it = cache.find({n, aggregate});
    if (it == cache.end()) {
        const auto& blocks = chain(n);
        const Bytes proof = aggregate ? bls_proof_of(blocks) : Bytes{};
        it = cache.emplace(std::pair{n, aggregate}, *batch::create_batch(blocks, strategy(aggregate), proof)).first;
    }
    return it->second;
}

const batch::BlsProofVerifier& verifier() {
    static const batch::BlsProofVerifier v = [] {
        batch::BlsProofVerifier out;
        auto r = out.register_key(chain(1).front().header.sequencer, *crypto::bls::sk_to_pk(bls_key().view()));
        LUXL2_ASSERT(r.has_value());
        return out;
    }();
    return v;
}

void BM_create(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const auto& blocks = chain(n);
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<format::L2Block> copy = blocks;
        state.ResumeTiming();
        benchmark::DoNotOptimize(batch::create_batch(std::move(copy), strategy(false)));
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_create)->Name("batch/create")->Arg(1)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

void BM_verify(benchmark::State& state) {
    const auto& b = batch_of(static_cast<std::size_t>(state.range(0)), false);
    for (auto _ : state) benchmark::DoNotOptimize(batch::verify_batch(b, strategy(false)));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_verify)->Name("batch/verify")->Arg(1)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

void BM_verify_bls(benchmark::State& state) {
    const auto& b = batch_of(static_cast<std::size_t>(state.range(0)), true);
    for (auto _ : state) {
        auto r = batch::verify_batch(b, strategy(true), &verifier());
        if (!r) state.SkipWithError(r.error().to_string().c_str());
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_verify_bls)->Name("batch/verify_bls")->Arg(1)->Arg(16)->Arg(64)->Unit(benchmark::kMillisecond);

void BM_bls_sign(benchmark::State& state) {
    const auto& blocks = chain(16);
    for (auto _ : state) benchmark::DoNotOptimize(bls_proof_of(blocks));
    state.SetItemsProcessed(state.iterations() * 16);
}
BENCHMARK(BM_bls_sign)->Name("batch/bls_sign_aggregate/16")->Unit(benchmark::kMillisecond);

void BM_encode_data(benchmark::State& state) {
    const bool compress = state.range(0) != 0;
    const auto& b = batch_of(16, false);
    std::size_t size = 0;
    for (auto _ : state) {
        auto d = batch::encode_batch_data(b, compress);
        size = d->size();
        benchmark::DoNotOptimize(d);
    }
    state.counters["bytes"] = static_cast<double>(size);
}
BENCHMARK(BM_encode_data)
    ->Name("batch/data_encode/16")
    ->Arg(0)
    ->Arg(1)
    ->ArgNames({"zstd"})
    ->Unit(benchmark::kMillisecond);

void BM_decode_data(benchmark::State& state) {
    const bool compress = state.range(0) != 0;
    const Bytes data = *batch::encode_batch_data(batch_of(16, false), compress);
    for (auto _ : state) benchmark::DoNotOptimize(batch::decode_batch_data(data));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(data.size()));
}
BENCHMARK(BM_decode_data)
    ->Name("batch/data_decode/16")
    ->Arg(0)
    ->Arg(1)
    ->ArgNames({"zstd"})
    ->Unit(benchmark::kMillisecond);

// The raw batch data of 64 blocks: several blobs.
const Bytes& big_data() {
    static const Bytes d = *batch::encode_batch_data(batch_of(64, false), false);
    return d;
}

void BM_split(benchmark::State& state) {
    std::size_t frames = 0;
    for (auto _ : state) {
        auto f = batch::split_frames(big_data());
        frames = f->size();
        benchmark::DoNotOptimize(f);
    }
    state.counters["frames"] = static_cast<double>(frames);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(big_data().size()));
}
BENCHMARK(BM_split)->Name("batch/frames/split")->Unit(benchmark::kMicrosecond);

void BM_reassemble(benchmark::State& state) {
    auto frames = *batch::split_frames(big_data());
    if (state.range(0) != 0) std::shuffle(frames.begin(), frames.end(), std::mt19937(1));
    for (auto _ : state) benchmark::DoNotOptimize(batch::reassemble(frames));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(big_data().size()));
}
BENCHMARK(BM_reassemble)
    ->Name("batch/frames/reassemble")
    ->Arg(0)
    ->Arg(1)
    ->ArgNames({"shuffled"})
    ->Unit(benchmark::kMicrosecond);

void BM_channel_bank(benchmark::State& state) {
    // This batch's frames interleaved, shuffled, with the frames of a second batch (calldata-sized).
    const Bytes other = *batch::encode_batch_data(batch_of(16, false), true);
    auto frames = *batch::split_frames(big_data(), batch::kDefaultCalldataFrameSize);
    const auto more = *batch::split_frames(other, 4096);
    frames.insert(frames.end(), more.begin(), more.end());
    std::shuffle(frames.begin(), frames.end(), std::mt19937(2));
    std::size_t completed = 0;
    for (auto _ : state) {
        batch::ChannelBank bank;
        completed = 0;
        for (const auto& f : frames) {
            auto r = bank.add(f, 0);
            if (r && *r) ++completed;
        }
    }
    if (completed != 2) state.SkipWithError("channel bank did not complete both batches");
    state.counters["frames"] = static_cast<double>(frames.size());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(big_data().size() + other.size()));
}
BENCHMARK(BM_channel_bank)->Name("batch/frames/channel_bank")->Unit(benchmark::kMicrosecond);

double cpu_ms(const luxl2::bench::RunResult* r) {
    return r ? r->cpu_time_ns / 1e6 : 0;
}

void summary(const std::vector<luxl2::bench::RunResult>& runs) {
    using luxl2::bench::find;
    std::printf("blocks of %zu transactions each; CPU time (the machine is shared)\n", kTxsPerBlock);
    std::printf("  %-8s %12s %12s %14s\n", "blocks", "create ms", "verify ms", "verify+BLS ms");
    for (int n : {1, 16, 64}) {
        const std::string s = "/" + std::to_string(n);
        std::printf("  %-8d %12.2f %12.2f %14.2f\n", n, cpu_ms(find(runs, "batch/create" + s)),
                    cpu_ms(find(runs, "batch/verify" + s)), cpu_ms(find(runs, "batch/verify_bls" + s)));
    }
    if (const auto* r = find(runs, "batch/verify/64"))
        std::printf("  verify per block: %.3f ms (format::validate + sequencer signature + roots)\n",
                    r->cpu_time_ns / 1e6 / 64);
    if (const auto* r = find(runs, "batch/verify_bls/64"); r && find(runs, "batch/verify/64"))
        std::printf("  BLS aggregate check per block: %.3f ms\n",
                    (r->cpu_time_ns - find(runs, "batch/verify/64")->cpu_time_ns) / 1e6 / 64);
    const auto* raw = find(runs, "batch/data_encode/16/zstd:0");
    const auto* z = find(runs, "batch/data_encode/16/zstd:1");
    if (raw && z)
        std::printf("batch data of 16 blocks: raw %.0f bytes (%.2f ms), zstd %.0f bytes (%.2f ms, %.1f%%)\n",
                    raw->counters.at("bytes"), cpu_ms(raw), z->counters.at("bytes"), cpu_ms(z),
                    100.0 * z->counters.at("bytes") / raw->counters.at("bytes"));
    if (const auto* r = find(runs, "batch/frames/split"))
        std::printf("64-block batch data (%zu bytes) into %.0f blob frames: %.1f us\n", big_data().size(),
                    r->counters.at("frames"), r->cpu_time_ns / 1e3);
    for (const char* n :
         {"batch/frames/reassemble/shuffled:0", "batch/frames/reassemble/shuffled:1", "batch/frames/channel_bank"})
        if (const auto* r = find(runs, n))
            std::printf("  %-38s %8.1f us  %8.0f MB/s\n", n + 6, r->cpu_time_ns / 1e3, r->bytes_per_second / 1e6);
}
const bool registered = luxl2::bench::register_summary("batch", summary);

}  // namespace
