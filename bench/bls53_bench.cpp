// 0x53 Compressed transactions, group "sig": the plain transfers of mainnet_txs.csv re-keyed under BLS
// keys, packed into 0x53 transactions of 100 and 1,000 transfers. Benchmarks time decoding with
// AggregateVerify; the summary prints bytes per transfer (whole envelope, 96-byte aggregate included)
// with indexed accounts (warm and cold index) and without (columnar body).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>

#include "bench_data.hpp"
#include "bench_summary.hpp"
#include "luxl2/compress/bls_corpus.hpp"
#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/core/hex.hpp"

namespace {

namespace bls = luxl2::crypto::bls;
namespace cx = luxl2::compress;
using luxl2::Bytes;

// An L2 whose state already holds 2^20 accounts: references take 3 bytes, as they would.
constexpr std::uint64_t kPopulation = 1u << 20;

struct Fixture {
    cx::BlsTransferCorpus corpus;
    std::vector<bls::Signature> sigs;
    bls::SignerRegistry keys{bls::AddressKind::kAccount};
    std::size_t eth_bytes = 0;  // the original signed Ethereum transfers

    Fixture() {
        std::vector<Bytes> transfers;
        for (const auto& raw : luxl2::bench::mainnet_transactions())
            if (cx::is_plain_transfer(raw)) transfers.push_back(raw);
        for (const auto& t : transfers) eth_bytes += t.size();
        corpus = cx::rekey_transactions(transfers, luxl2::from_hex("0x4c55584c32").value()).value();
        for (std::size_t i = 0; i < corpus.txs.size(); ++i) {
            sigs.push_back(cx::sign_inner(corpus.keys[i], corpus.chain_id, corpus.txs[i]).value());
            const auto pk = bls::sk_to_pk(corpus.keys[i]).value();
            if (!keys.contains(bls::account_address(pk)))
                (void)keys.register_signer(pk, bls::pop_prove(corpus.keys[i]).value()).value();
        }
    }
    [[nodiscard]] cx::CompressedBatch chunk(std::size_t from, std::size_t n) const {
        cx::CompressedBatch b{corpus.chain_id, {}};
        b.txs.assign(corpus.txs.begin() + static_cast<std::ptrdiff_t>(from),
                     corpus.txs.begin() + static_cast<std::ptrdiff_t>(from + n));
        return b;
    }
    [[nodiscard]] std::span<const bls::Signature> chunk_sigs(std::size_t from, std::size_t n) const {
        return std::span(sigs).subspan(from, n);
    }
};

const Fixture& fx() {
    static const Fixture f;
    return f;
}

const cx::AccountIndex& warm_index() {
    static const auto ix = cx::index_for(fx().corpus, kPopulation, 7);
    return ix;
}

void BM_verify(benchmark::State& st, cx::BodyFormat fmt, std::size_t n) {
    const auto& f = fx();
    n = std::min(n, f.corpus.txs.size());
    const auto tx = cx::make_compressed_tx(f.chunk(0, n), fmt, f.chunk_sigs(0, n), &warm_index()).value();
    const auto lookup = [&](const luxl2::Address& a) { return f.keys.find(a); };
    for (auto _ : st) {
        auto ok = cx::verify_compressed_tx(tx, lookup, &warm_index());
        if (!ok || !*ok) st.SkipWithError("0x53 did not verify");
    }
    st.counters["transfers"] = static_cast<double>(n);
}

void BM_encode(benchmark::State& st, cx::BodyFormat fmt, std::size_t n) {
    const auto& f = fx();
    n = std::min(n, f.corpus.txs.size());
    const auto batch = f.chunk(0, n);
    for (auto _ : st) benchmark::DoNotOptimize(cx::encode_compressed(batch, fmt, &warm_index()));
}

BENCHMARK_CAPTURE(BM_verify, indexed100, cx::BodyFormat::kIndexed, 100)
    ->Name("sig/0x53/decode-verify-100")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_verify, indexed1000, cx::BodyFormat::kIndexed, 1000)
    ->Name("sig/0x53/decode-verify-1000")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK_CAPTURE(BM_encode, indexed1000, cx::BodyFormat::kIndexed, 1000)
    ->Name("sig/0x53/encode-indexed-1000")
    ->Unit(benchmark::kMillisecond);

struct Figure {
    std::size_t bytes = 0, transfers = 0, txs = 0, first_sight = 0;
    [[nodiscard]] double per_transfer() const { return transfers ? double(bytes) / double(transfers) : 0; }
};

// Packs the corpus in order into 0x53 transactions of `size` transfers (the tail that does not fill
// one is left out) and sums their envelopes. `index` null: columnar body. `learn`: the index starts
// without the corpus's accounts and assigns each one a number after the transaction where it is first
// seen (a cold L2), counting those first sights; otherwise every account is known (a warm L2).
Figure pack(std::size_t size, const cx::AccountIndex* index, bool learn,
            cx::BodyFormat fmt = cx::BodyFormat::kIndexed) {
    const auto& f = fx();
    Figure out;
    std::optional<cx::AccountIndex> live;
    if (index) live = *index;
    for (std::size_t at = 0; at + size <= f.corpus.txs.size(); at += size) {
        const auto batch = f.chunk(at, size);
        if (!index) fmt = cx::BodyFormat::kColumnar;
        const auto tx = cx::make_compressed_tx(batch, fmt, f.chunk_sigs(at, size), live ? &*live : nullptr).value();
        out.bytes += luxl2::format::to_envelope(tx).value().size();
        out.transfers += size;
        ++out.txs;
        if (!live) continue;
        // The state after the transaction: nonces move on, new accounts get numbers.
        for (const auto& t : batch.txs) {
            for (const auto& a : {std::optional(t.from), t.to}) {
                if (!a || live->index_of(*a)) continue;
                live->add(*a, 0);
                if (learn) ++out.first_sight;
            }
            live->set_next_nonce(*live->index_of(t.from), t.nonce + 1);
        }
    }
    return out;
}

const bool registered = luxl2::bench::register_summary("sig", [](const std::vector<luxl2::bench::RunResult>&) {
    const auto& f = fx();
    const auto cold_index = cx::index_for(cx::BlsTransferCorpus{}, kPopulation, 7);
    std::printf(
        "\n0x53 Compressed: %zu plain mainnet transfers re-keyed under BLS (%zu accounts); signed "
        "Ethereum form %.1f B/transfer\n",
        f.corpus.txs.size(), f.corpus.accounts.size(),
        double(f.eth_bytes) / double(std::max<std::size_t>(1, f.corpus.txs.size())));
    std::printf("%-58s %10s %8s %12s   (goal <= 12)\n", "bytes per transfer (whole 0x53 envelope)", "transfers",
                "0x53 txs", "B/transfer");
    // The registry holding exactly the corpus's accounts, numbered at first sight (2 bytes a reference).
    const auto dense_index = cx::index_for(f.corpus, f.corpus.accounts.size(), 7);
    for (std::size_t size : {std::size_t{100}, std::size_t{1000}}) {
        const auto warm = pack(size, &warm_index(), false);
        const auto dense = pack(size, &dense_index, false);
        const auto cold = pack(size, &cold_index, true);
        const auto col = pack(size, nullptr, false);
        const auto col_ctx = pack(size, &warm_index(), false, cx::BodyFormat::kColumnar);
        std::printf("%-58s %10zu %8zu %12.2f\n",
                    ("indexed, warm (2^20 accounts, all known), " + std::to_string(size) + "/tx").c_str(),
                    warm.transfers, warm.txs, warm.per_transfer());
        std::printf("%-58s %10zu %8zu %12.2f\n",
                    ("indexed, warm (" + std::to_string(f.corpus.accounts.size()) + " accounts, all known), " +
                     std::to_string(size) + "/tx")
                        .c_str(),
                    dense.transfers, dense.txs, dense.per_transfer());
        std::printf("%-58s %10zu %8zu %12.2f   %zu first sights\n",
                    ("indexed, cold (accounts numbered at first sight), " + std::to_string(size) + "/tx").c_str(),
                    cold.transfers, cold.txs, cold.per_transfer(), cold.first_sight);
        std::printf("%-58s %10zu %8zu %12.2f\n",
                    ("columnar, the 2^20 index as its context, " + std::to_string(size) + "/tx").c_str(),
                    col_ctx.transfers, col_ctx.txs, col_ctx.per_transfer());
        std::printf("%-58s %10zu %8zu %12.2f\n", ("columnar, no index, " + std::to_string(size) + "/tx").c_str(),
                    col.transfers, col.txs, col.per_transfer());
    }
    // Where the bytes of one 1,000-transfer indexed body go.
    const std::size_t n = std::min<std::size_t>(1000, f.corpus.txs.size());
    cx::ColumnarStats stats;
    (void)cx::encode_compressed(f.chunk(0, n), cx::BodyFormat::kIndexed, &warm_index(), &stats).value();
    std::printf("indexed body of %zu transfers: header %zu B;", n, stats.header_bytes);
    for (const auto& c : stats.columns)
        std::printf(" %.*s %.2f", int(c.name.size()), c.name.data(), double(c.stored_bytes) / double(n));
    std::printf(" (B/transfer per column)\n");
});

}  // namespace
