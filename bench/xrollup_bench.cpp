// xrollup/...: cross-rollup messages. pack/unpack of a small message (LP-505's test asks < 200 bytes),
// the message hash, a MessageBatch of N messages with every inclusion proof, checking a received batch,
// one inclusion proof in a batch of 1,000, and the sequencer signature with the replay guard.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>

#include "bench_summary.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/xrollup/batch.hpp"
#include "luxl2/xrollup/pack.hpp"
#include "luxl2/xrollup/security.hpp"

namespace {

using namespace luxl2;

format::CrossRollupMessage message(std::uint64_t nonce, std::size_t payload) {
    format::CrossRollupMessage m;
    m.source_chain_id = U256{120001};
    m.target_chain_id = U256{120002};
    for (std::size_t i = 0; i < 20; ++i) {
        m.sender[i] = static_cast<std::uint8_t>(0x11 + i);
        m.target[i] = static_cast<std::uint8_t>(0x22 + i);
    }
    m.nonce = U256{nonce};
    for (std::size_t i = 0; i < payload; ++i) m.payload.push_back(static_cast<std::uint8_t>(i * 31 + nonce));
    m.message_hash = format::message_hash(m);
    return m;
}

const std::vector<format::CrossRollupMessage>& messages(std::size_t n) {
    static std::map<std::size_t, std::vector<format::CrossRollupMessage>> cache;
    auto it = cache.find(n);
    if (it == cache.end()) {
        std::vector<format::CrossRollupMessage> ms;
        for (std::size_t i = 0; i < n; ++i) ms.push_back(message(i, 64 + i % 128));
        it = cache.emplace(n, std::move(ms)).first;
    }
    return it->second;
}

void BM_pack(benchmark::State& state) {
    const auto m = message(7, static_cast<std::size_t>(state.range(0)));
    Bytes out;
    for (auto _ : state) {
        out.clear();
        xrollup::pack_message(out, m);
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bytes"] = static_cast<double>(out.size());
}
BENCHMARK(BM_pack)->Name("xrollup/pack")->Arg(32)->Arg(100)->Arg(1024)->Unit(benchmark::kNanosecond);

void BM_unpack(benchmark::State& state) {
    const Bytes packed = xrollup::pack_message(message(7, static_cast<std::size_t>(state.range(0))));
    for (auto _ : state) benchmark::DoNotOptimize(xrollup::unpack_message_exact(packed));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(packed.size()));
}
BENCHMARK(BM_unpack)->Name("xrollup/unpack")->Arg(32)->Arg(100)->Arg(1024)->Unit(benchmark::kNanosecond);

void BM_message_hash(benchmark::State& state) {
    const auto m = message(7, 100);
    for (auto _ : state) benchmark::DoNotOptimize(format::message_hash(m));
}
BENCHMARK(BM_message_hash)->Name("xrollup/message_hash")->Unit(benchmark::kNanosecond);

void BM_batch_messages(benchmark::State& state) {
    const auto& ms = messages(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(xrollup::batch_messages(ms, U256{1}));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_batch_messages)->Name("xrollup/batch_messages")->Arg(16)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_verify_batch(benchmark::State& state) {
    const auto batch = *xrollup::batch_messages(messages(static_cast<std::size_t>(state.range(0))), U256{1});
    for (auto _ : state) {
        auto r = xrollup::verify_batch(batch);
        if (!r) state.SkipWithError(r.error().to_string().c_str());
        benchmark::DoNotOptimize(r);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_verify_batch)->Name("xrollup/verify_batch")->Arg(16)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_verify_inclusion(benchmark::State& state) {
    const auto batch = *xrollup::batch_messages(messages(1000), U256{1});
    const auto& m = batch.messages[617];
    const auto proof = *merkle::decode_multiproof(m.proof);
    for (auto _ : state) {
        const bool ok = xrollup::verify_message_inclusion(m, batch.batch_hash, proof, 1000);
        if (!ok) state.SkipWithError("inclusion proof failed");
        benchmark::DoNotOptimize(ok);
    }
    state.counters["proof_bytes"] = static_cast<double>(m.proof.size());
}
BENCHMARK(BM_verify_inclusion)->Name("xrollup/verify_inclusion/1000")->Unit(benchmark::kMicrosecond);

const crypto::SecretKey& seq_key() {
    static const crypto::SecretKey k =
        *crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'x', 'r', 'o', 'l', 'l', 'u', 'p'}).view());
    return k;
}

void BM_sign(benchmark::State& state) {
    const auto m = message(7, 100);
    for (auto _ : state) benchmark::DoNotOptimize(xrollup::sign_message(m, seq_key()));
}
BENCHMARK(BM_sign)->Name("xrollup/sign")->Unit(benchmark::kMicrosecond);

void BM_receive(benchmark::State& state) {
    // What a receiving rollup does per message: signature against the source's sequencer, then the
    // replay guard (the guard grows by one key per iteration, as in a real stream).
    const auto m0 = message(0, 100);
    xrollup::SequencerSet seqs;
    seqs.set(m0.source_chain_id, crypto::to_address(crypto::public_key(seq_key())));
    xrollup::ReplayGuard guard(m0.target_chain_id);
    std::uint64_t nonce = 0;
    auto m = m0;
    const Bytes sig = xrollup::sign_message(m, seq_key());
    for (auto _ : state) {
        if (auto r = seqs.verify(m, sig); !r) state.SkipWithError(r.error().to_string().c_str());
        m.nonce = U256{++nonce};  // the signature covers the old nonce; only the guard sees the new one
        benchmark::DoNotOptimize(guard.accept(m, U256{2'000'000'000}, 1'700'000'000));
        m.nonce = m0.nonce;
    }
}
BENCHMARK(BM_receive)->Name("xrollup/receive")->Unit(benchmark::kMicrosecond);

void summary(const std::vector<luxl2::bench::RunResult>& runs) {
    using luxl2::bench::find;
    std::printf("CPU time (the machine is shared)\n");
    for (int p : {32, 100, 1024}) {
        const auto* pk = find(runs, "xrollup/pack/" + std::to_string(p));
        const auto* un = find(runs, "xrollup/unpack/" + std::to_string(p));
        if (pk && un)
            std::printf("  %4d-byte payload: packed %4.0f bytes%s, pack %.0f ns, unpack %.0f ns\n", p,
                        pk->counters.at("bytes"), p == 100 ? " (LP-505: < 200)" : "", pk->cpu_time_ns, un->cpu_time_ns);
    }
    if (const auto* r = find(runs, "xrollup/message_hash")) std::printf("  message hash: %.0f ns\n", r->cpu_time_ns);
    for (int n : {16, 1000}) {
        const auto* b = find(runs, "xrollup/batch_messages/" + std::to_string(n));
        const auto* v = find(runs, "xrollup/verify_batch/" + std::to_string(n));
        if (b && v)
            std::printf("  batch of %4d messages: build with every proof %.1f us (%.2f us/msg), verify %.1f us\n", n,
                        b->cpu_time_ns / 1e3, b->cpu_time_ns / 1e3 / n, v->cpu_time_ns / 1e3);
    }
    if (const auto* r = find(runs, "xrollup/verify_inclusion/1000"))
        std::printf("  one inclusion proof in 1,000 messages: %.0f bytes, verified in %.2f us\n",
                    r->counters.at("proof_bytes"), r->cpu_time_ns / 1e3);
    if (const auto* s = find(runs, "xrollup/sign"))
        std::printf("  sequencer signature: sign %.1f us", s->cpu_time_ns / 1e3);
    if (const auto* r = find(runs, "xrollup/receive"))
        std::printf(", receive (recover + replay guard) %.1f us\n", r->cpu_time_ns / 1e3);
}
const bool registered = luxl2::bench::register_summary("xrollup", summary);

}  // namespace
