// SSZ: strict decoding, dynamic-value decoding and hash_tree_root of a real mainnet BeaconBlock
// (the largest of ../shared/data/ssz/mainnet_beacon_blocks), and the 64-byte SHA-256 that
// merkleization is made of.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "bench_summary.hpp"
#include "luxl2/codec/ssz.hpp"
#include "luxl2/codec/ssz_value.hpp"
#include "luxl2/crypto/sha256.hpp"
#include "luxl2/format/detail/random_fill.hpp"
#include "luxl2/format/ssz_block.hpp"
#include "luxl2/format/testing.hpp"

namespace {

using namespace luxl2;

// Capella BeaconBlock (consensus-specs mainnet presets); as in tests/codec/ssz_beacon_test.cpp.
ssz::TypeRef capella_block() {
    using namespace ssz;
    const auto u64 = uint64();
    const auto b32 = byte_vector(32), b48 = byte_vector(48), b96 = byte_vector(96), b20 = byte_vector(20);
    const auto checkpoint = container({{"epoch", u64}, {"root", b32}});
    const auto att_data = container(
        {{"slot", u64}, {"index", u64}, {"beacon_block_root", b32}, {"source", checkpoint}, {"target", checkpoint}});
    const auto indexed = container({{"attesting_indices", list(u64, 2048)}, {"data", att_data}, {"signature", b96}});
    const auto header = container(
        {{"slot", u64}, {"proposer_index", u64}, {"parent_root", b32}, {"state_root", b32}, {"body_root", b32}});
    const auto signed_header = container({{"message", header}, {"signature", b96}});
    const auto withdrawal = container({{"index", u64}, {"validator_index", u64}, {"address", b20}, {"amount", u64}});
    const auto payload = container({{"parent_hash", b32},
                                    {"fee_recipient", b20},
                                    {"state_root", b32},
                                    {"receipts_root", b32},
                                    {"logs_bloom", byte_vector(256)},
                                    {"prev_randao", b32},
                                    {"block_number", u64},
                                    {"gas_limit", u64},
                                    {"gas_used", u64},
                                    {"timestamp", u64},
                                    {"extra_data", byte_list(32)},
                                    {"base_fee_per_gas", uint256()},
                                    {"block_hash", b32},
                                    {"transactions", list(byte_list(1ull << 30), 1ull << 20)},
                                    {"withdrawals", list(withdrawal, 16)}});
    const auto change = container({{"validator_index", u64}, {"from_bls_pubkey", b48}, {"to_execution_address", b20}});
    const auto body = container(
        {{"randao_reveal", b96},
         {"eth1_data", container({{"deposit_root", b32}, {"deposit_count", u64}, {"block_hash", b32}})},
         {"graffiti", b32},
         {"proposer_slashings",
          list(container({{"signed_header_1", signed_header}, {"signed_header_2", signed_header}}), 16)},
         {"attester_slashings", list(container({{"attestation_1", indexed}, {"attestation_2", indexed}}), 2)},
         {"attestations",
          list(container({{"aggregation_bits", bitlist(2048)}, {"data", att_data}, {"signature", b96}}), 128)},
         {"deposits", list(container({{"proof", vector(b32, 33)},
                                      {"data", container({{"pubkey", b48},
                                                          {"withdrawal_credentials", b32},
                                                          {"amount", u64},
                                                          {"signature", b96}})}}),
                           16)},
         {"voluntary_exits",
          list(container({{"message", container({{"epoch", u64}, {"validator_index", u64}})}, {"signature", b96}}),
               16)},
         {"sync_aggregate", container({{"sync_committee_bits", bitvector(512)}, {"sync_committee_signature", b96}})},
         {"execution_payload", payload},
         {"bls_to_execution_changes", list(container({{"message", change}, {"signature", b96}}), 16)}});
    return container(
        {{"slot", u64}, {"proposer_index", u64}, {"parent_root", b32}, {"state_root", b32}, {"body", body}});
}

const Bytes& mainnet_block() {
    static const Bytes b = [] {
        const char* env = std::getenv("LUXL2_DATA_DIR");
        const std::string dir = env ? env : LUXL2_DATA_DIR;
        const std::string path = dir + "/ssz/mainnet_beacon_blocks/capella_block_19426586.ssz";
        std::ifstream f(path, std::ios::binary);
        if (!f) {
            std::fprintf(stderr, "missing %s\n", path.c_str());
            std::abort();
        }
        return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    }();
    return b;
}

const ssz::Type& block_type() {
    static const ssz::TypeRef t = capella_block();
    return *t;
}

void BM_validate(benchmark::State& state) {
    const auto& b = mainnet_block();
    for (auto _ : state) benchmark::DoNotOptimize(ssz::validate(block_type(), b));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(b.size()));
}
BENCHMARK(BM_validate)->Name("ssz/beacon_block/validate")->Unit(benchmark::kMicrosecond);

void BM_decode_value(benchmark::State& state) {
    const auto& b = mainnet_block();
    for (auto _ : state) benchmark::DoNotOptimize(ssz::decode(block_type(), b));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(b.size()));
}
BENCHMARK(BM_decode_value)->Name("ssz/beacon_block/decode_value")->Unit(benchmark::kMicrosecond);

void BM_encode_value(benchmark::State& state) {
    const auto& b = mainnet_block();
    const auto v = ssz::decode(block_type(), b);
    for (auto _ : state) benchmark::DoNotOptimize(ssz::encode(block_type(), *v));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(b.size()));
}
BENCHMARK(BM_encode_value)->Name("ssz/beacon_block/encode_value")->Unit(benchmark::kMicrosecond);

void BM_root(benchmark::State& state) {
    const auto& b = mainnet_block();
    for (auto _ : state) benchmark::DoNotOptimize(ssz::hash_tree_root(block_type(), b));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(b.size()));
}
BENCHMARK(BM_root)->Name("ssz/beacon_block/hash_tree_root")->Unit(benchmark::kMicrosecond);

void BM_sha256_64(benchmark::State& state) {
    std::uint8_t buf[64] = {1};
    for (auto _ : state) {
        crypto::sha256_64(buf, buf);
        benchmark::DoNotOptimize(buf);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_sha256_64)->Name("ssz/sha256_64")->Unit(benchmark::kNanosecond);

void BM_sha256_64_many(benchmark::State& state) {
    Bytes buf(64 * 1024, 1);
    for (auto _ : state) {
        crypto::sha256_64_many(buf.data(), 1024, buf.data() + 32 * 1024);
        benchmark::DoNotOptimize(buf.data());
    }
    state.SetItemsProcessed(state.iterations() * 1024);
}
BENCHMARK(BM_sha256_64_many)->Name("ssz/sha256_64_x1024")->Unit(benchmark::kMicrosecond);

// An L2Block of 1,000 transactions with 100..400-byte payloads (typical mainnet sizes), half of them
// with 65-byte signatures, and every other field populated.
const format::L2Block& block_1000() {
    static const format::L2Block b = format::detail::RandomFill(2024).block(1000);
    return b;
}
const Bytes& block_1000_ssz() {
    static const Bytes b = *format::ssz_encode_block(block_1000());
    return b;
}

void BM_block_encode(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(format::ssz_encode_block(block_1000()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(block_1000_ssz().size()));
}
BENCHMARK(BM_block_encode)->Name("ssz/block1000/encode")->Unit(benchmark::kMicrosecond);

void BM_block_decode(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(format::ssz_decode_block(block_1000_ssz()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(block_1000_ssz().size()));
}
BENCHMARK(BM_block_decode)->Name("ssz/block1000/decode")->Unit(benchmark::kMicrosecond);

void BM_block_root_bytes(benchmark::State& state) {
    const ssz::View v(format::ssz_block_type(), block_1000_ssz());
    for (auto _ : state) benchmark::DoNotOptimize(ssz::hash_tree_root(v));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(block_1000_ssz().size()));
}
BENCHMARK(BM_block_root_bytes)->Name("ssz/block1000/hash_tree_root")->Unit(benchmark::kMicrosecond);

void BM_block_root_struct(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(format::ssz_block_root(block_1000()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(block_1000_ssz().size()));
}
BENCHMARK(BM_block_root_struct)->Name("ssz/block1000/encode+hash_tree_root")->Unit(benchmark::kMicrosecond);

// The block of `luxl2 bench block`: 1,000 transactions from the mainnet sample plus LP-505 types.
const format::L2Block& mainnet_block_1000() {
    static const format::L2Block b = [] {
        const char* env = std::getenv("LUXL2_DATA_DIR");
        std::ifstream f(std::string(env ? env : LUXL2_DATA_DIR) + "/eth-mainnet/derived/mainnet_txs.csv",
                        std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        auto sample = format::testing::parse_eth_sample_csv(ss.str());
        return format::testing::random_block(2026, 1000, sample ? &*sample : nullptr);
    }();
    return b;
}

void BM_mainnet_block_root(benchmark::State& state) {
    const Bytes bytes = *format::ssz_encode_block(mainnet_block_1000());
    for (auto _ : state) benchmark::DoNotOptimize(format::ssz_block_root(mainnet_block_1000()));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_mainnet_block_root)->Name("ssz/block_mainnet1000/encode+hash_tree_root")->Unit(benchmark::kMicrosecond);

void BM_mainnet_block_root_bytes(benchmark::State& state) {
    const Bytes bytes = *format::ssz_encode_block(mainnet_block_1000());
    const ssz::View v(format::ssz_block_type(), bytes);
    for (auto _ : state) benchmark::DoNotOptimize(ssz::hash_tree_root(v));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}
BENCHMARK(BM_mainnet_block_root_bytes)->Name("ssz/block_mainnet1000/hash_tree_root")->Unit(benchmark::kMicrosecond);

void summary(const std::vector<bench::RunResult>& runs) {
    std::printf("L2Block, 1,000 transactions: %zu bytes of SSZ\n", block_1000_ssz().size());
    for (const char* n : {"encode", "decode", "hash_tree_root", "encode+hash_tree_root"})
        if (const auto* r = bench::find(runs, std::string("ssz/block1000/") + n))
            std::printf("  %-22s %8.1f us  %8.1f MB/s\n", n, r->real_time_ns / 1e3, r->bytes_per_second / 1e6);
    if (const auto* r = bench::find(runs, "ssz/block1000/encode+hash_tree_root"))
        std::printf("  hash_tree_root of the block: %.2f ms, CPU %.2f ms (goal <= 2 ms)\n", r->real_time_ns / 1e6,
                    r->cpu_time_ns / 1e6);
    if (const auto* r = bench::find(runs, "ssz/block_mainnet1000/hash_tree_root"))
        std::printf(
            "L2Block of `luxl2 bench block` (1,000 mainnet-sample + LP-505 txs, %.0f bytes of SSZ): hash_tree_root of "
            "its SSZ form %.2f ms, CPU %.2f ms (goal <= 2 ms)\n",
            r->bytes_per_second * r->cpu_time_ns / 1e9, r->real_time_ns / 1e6, r->cpu_time_ns / 1e6);
    if (const auto* r = bench::find(runs, "ssz/block_mainnet1000/encode+hash_tree_root"))
        std::printf("  with the SSZ encoding first: %.2f ms\n", r->real_time_ns / 1e6);
    std::printf("mainnet capella BeaconBlock 19426586: %zu bytes\n", mainnet_block().size());
    for (const char* n : {"validate", "decode_value", "encode_value", "hash_tree_root"})
        if (const auto* r = bench::find(runs, std::string("ssz/beacon_block/") + n))
            std::printf("  %-15s %8.1f us  %8.1f MB/s\n", n, r->real_time_ns / 1e3, r->bytes_per_second / 1e6);
    if (const auto* r = bench::find(runs, "ssz/sha256_64"))
        std::printf("sha256 of 64 bytes: %.1f ns\n", r->real_time_ns);
    if (const auto* r = bench::find(runs, "ssz/sha256_64_x1024"))
        std::printf("sha256 of 64 bytes, 1024 independent (SHA-NI lanes): %.1f ns each\n", r->real_time_ns / 1024);
}
const bool registered = bench::register_summary("ssz", summary);

}  // namespace
