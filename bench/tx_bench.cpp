// `luxl2 bench tx`: transaction decoding and hashing, sender recovery against raw libsecp256k1 on the
// same signatures, and keccak256 against OpenSSL's SHA3-256 (the same permutation) on 1 MiB.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstdio>
#include <thread>

#include "bench_data.hpp"
#include "bench_summary.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/transaction.hpp"

namespace {

using namespace luxl2;

std::size_t total_bytes(const std::vector<Bytes>& txs) {
    std::size_t n = 0;
    for (const auto& t : txs) n += t.size();
    return n;
}

const std::vector<format::Transaction>& decoded() {
    static const auto txs = [] {
        std::vector<format::Transaction> out;
        for (const auto& raw : bench::mainnet_transactions()) out.push_back(*format::decode_transaction(raw));
        return out;
    }();
    return txs;
}

// What raw recovery needs, prepared outside the timed loop: digest, compact signature, recovery id.
struct RawSig {
    Hash32 digest;
    std::uint8_t compact[64];
    int recid;
};

const std::vector<RawSig>& raw_signatures() {
    static const auto sigs = [] {
        std::vector<RawSig> out;
        for (const auto& tx : decoded()) {
            RawSig s{};
            s.digest = format::signing_hash(tx);
            tx.r.to_be32(s.compact);
            tx.s.to_be32(s.compact + 32);
            s.recid = tx.y_parity ? 1 : 0;
            out.push_back(s);
        }
        return out;
    }();
    return sigs;
}

unsigned cores() {
    return std::max(1u, std::thread::hardware_concurrency());
}

void BM_decode_hash(benchmark::State& state) {
    const auto& txs = bench::mainnet_transactions();
    for (auto _ : state) {
        for (const auto& raw : txs) {
            auto tx = format::decode_transaction(raw);
            benchmark::DoNotOptimize(tx);
            benchmark::DoNotOptimize(crypto::keccak256(raw));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(txs.size()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(total_bytes(txs)));
}
BENCHMARK(BM_decode_hash)->Name("tx/decode+hash")->Unit(benchmark::kMillisecond);

// Full sender recovery as a node does it: signing hash (re-encoding + keccak), checks, recovery,
// address. Each thread takes a slice of the transactions.
void BM_recover_sender(benchmark::State& state) {
    const auto& txs = decoded();
    const std::size_t n = txs.size();
    const std::size_t begin =
        n * static_cast<std::size_t>(state.thread_index()) / static_cast<std::size_t>(state.threads());
    const std::size_t end =
        n * static_cast<std::size_t>(state.thread_index() + 1) / static_cast<std::size_t>(state.threads());
    for (auto _ : state)
        for (std::size_t i = begin; i < end; ++i) benchmark::DoNotOptimize(format::recover_sender(txs[i]));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>((end - begin)));
}
BENCHMARK(BM_recover_sender)->Name("tx/recover_sender")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_recover_sender)
    ->Name("tx/recover_sender_all_cores")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Threads(static_cast<int>(cores()));

// libsecp256k1 alone on the same signatures and digests: parse + recover, nothing else.
void BM_raw_recover(benchmark::State& state) {
    const auto& sigs = raw_signatures();
    const auto* ctx = static_cast<const secp256k1_context*>(crypto::libsecp256k1_context());
    for (auto _ : state) {
        for (const auto& s : sigs) {
            secp256k1_ecdsa_recoverable_signature sig;
            secp256k1_pubkey pk;
            const int ok = secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, s.compact, s.recid) &&
                           secp256k1_ecdsa_recover(ctx, &pk, &sig, s.digest.data());
            benchmark::DoNotOptimize(ok);
            benchmark::DoNotOptimize(pk);
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sigs.size()));
}
BENCHMARK(BM_raw_recover)->Name("tx/raw_libsecp256k1_recover")->Unit(benchmark::kMillisecond);

const Bytes& one_mib() {
    static const Bytes b = [] {
        Bytes out(1 << 20);
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(i * 131 + 7);
        return out;
    }();
    return b;
}

void BM_keccak_1mib(benchmark::State& state) {
    const auto& in = one_mib();
    for (auto _ : state) benchmark::DoNotOptimize(crypto::keccak256(in));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
BENCHMARK(BM_keccak_1mib)->Name("tx/keccak256_1MiB")->Unit(benchmark::kMicrosecond);

void BM_openssl_sha3_1mib(benchmark::State& state) {
    const auto& in = one_mib();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
    std::uint8_t out[32];
    unsigned len = 0;
    for (auto _ : state) {
        EVP_DigestInit_ex(ctx, md, nullptr);
        EVP_DigestUpdate(ctx, in.data(), in.size());
        EVP_DigestFinal_ex(ctx, out, &len);
        benchmark::DoNotOptimize(out);
    }
    EVP_MD_free(md);
    EVP_MD_CTX_free(ctx);
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in.size()));
}
BENCHMARK(BM_openssl_sha3_1mib)->Name("tx/openssl_sha3_256_1MiB")->Unit(benchmark::kMicrosecond);

void summary(const std::vector<bench::RunResult>& runs) {
    const auto* dec = bench::find(runs, "tx/decode+hash");
    const auto* rec1 = bench::find(runs, "tx/recover_sender");
    const auto* recn = bench::find(runs, "tx/recover_sender_all_cores/real_time/threads:" + std::to_string(cores()));
    const auto* raw = bench::find(runs, "tx/raw_libsecp256k1_recover");
    const auto* kec = bench::find(runs, "tx/keccak256_1MiB");
    const auto* ssl = bench::find(runs, "tx/openssl_sha3_256_1MiB");
    std::printf("corpus: %zu real mainnet transactions, %zu bytes\n", bench::mainnet_transactions().size(),
                total_bytes(bench::mainnet_transactions()));
    if (dec)
        std::printf("decode+hash:             %8.1f MB/s  %10.0f tx/s\n", dec->bytes_per_second / 1e6,
                    dec->items_per_second);
    if (rec1) std::printf("sender recovery, 1 core: %10.0f tx/s\n", rec1->items_per_second);
    if (recn) std::printf("sender recovery, %u cores:%10.0f tx/s\n", cores(), recn->items_per_second);
    if (raw) std::printf("raw libsecp256k1 recover: %9.0f tx/s (1 core)\n", raw->items_per_second);
    if (rec1 && raw)
        std::printf("our overhead over raw recovery: %.1f%% (goal <= 10%%)\n",
                    100.0 * (raw->items_per_second / rec1->items_per_second - 1.0));
    if (kec && ssl)
        std::printf("keccak256 1 MiB: %.1f MB/s, OpenSSL SHA3-256: %.1f MB/s, ratio %.2f (goal >= 0.90)\n",
                    kec->bytes_per_second / 1e6, ssl->bytes_per_second / 1e6,
                    kec->bytes_per_second / ssl->bytes_per_second);
}

const bool registered = bench::register_summary("tx", summary);

}  // namespace
