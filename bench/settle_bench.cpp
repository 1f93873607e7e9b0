// Settlement costs on the real-transaction load: the 3,542 mainnet transactions of
// eth-mainnet/derived/mainnet_txs.csv sealed into signed LP-505 blocks of 100 transactions, batched
// by the batcher's encoding (compressed headers + columnar transactions) and framed for the L1.
// The summary prints L1 bytes per L2 transaction for several batch sizes.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "bench_data.hpp"
#include "bench_summary.hpp"
#include "luxl2/batch/frames.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/node/batch_data.hpp"
#include "luxl2/node/block_record.hpp"
#include "luxl2/node/node.hpp"

namespace {

using namespace luxl2;

constexpr std::size_t kTxsPerBlock = 100;

// Signed blocks holding the mainnet transactions, in order, as the sequencer seals them.
const std::vector<node::SealedBlock>& mainnet_blocks() {
    static const std::vector<node::SealedBlock> blocks = [] {
        const auto& txs = bench::mainnet_transactions();
        const auto key = crypto::SecretKey::from_bytes(node::dev_sequencer_key()).value();
        std::vector<node::SealedBlock> out;
        Hash32 parent;
        for (std::size_t i = 0; i * kTxsPerBlock < txs.size(); ++i) {
            format::L2Block b;
            b.header.block_number = U256(i + 1);
            b.header.parent_hash = parent;
            b.header.timestamp = U256(1'700'000'000 + 2 * i);
            b.header.gas_limit = U256(30'000'000);
            b.header.gas_used = U256(21'000 * kTxsPerBlock);
            b.header.extra_data = node::base_fee_extra_data(U256(1'000'000'000));
            for (std::size_t j = i * kTxsPerBlock; j < std::min(txs.size(), (i + 1) * kTxsPerBlock); ++j) {
                auto tx = format::decode_transaction(txs[j]);
                if (tx) b.transactions.push_back(format::wrap_ethereum(*tx));
            }
            b.header.transactions_root = format::transactions_root(b.transactions);
            b.header.state_root = crypto::keccak256(b.header.transactions_root);  // stands for a real root
            b.header.receipts_root = crypto::keccak256(b.header.state_root);
            format::sign_header(b.header, key);
            auto rec = node::BlockRecord::from_block(std::move(b)).value();
            parent = rec.hash;
            out.push_back(node::seal(rec).value());
        }
        return out;
    }();
    return blocks;
}

struct Cost {
    std::size_t txs = 0, raw = 0, l1 = 0, batches = 0;
};

Cost batch_all(std::size_t blocks_per_batch) {
    const auto& blocks = mainnet_blocks();
    Cost c;
    for (std::size_t i = 0; i < blocks.size(); i += blocks_per_batch) {
        const std::size_t n = std::min(blocks_per_batch, blocks.size() - i);
        node::BatchDataStats stats;
        const Bytes data = node::encode_block_batch(std::span(blocks).subspan(i, n), &stats).value();
        const Bytes payload = node::to_l1_payload(data, batch::kBlobUsableBytes).value();
        for (std::size_t k = i; k < i + n; ++k) c.txs += blocks[k].transactions.size();
        c.raw += stats.raw_bytes;
        c.l1 += payload.size();
        ++c.batches;
    }
    return c;
}

void BM_encode(benchmark::State& state) {
    const auto per = static_cast<std::size_t>(state.range(0));
    Cost c;
    for (auto _ : state) c = batch_all(per);
    state.counters["l1_bytes_per_tx"] = double(c.l1) / double(c.txs);
    state.counters["txs"] = double(c.txs);
    state.SetItemsProcessed(state.iterations() * static_cast<benchmark::IterationCount>(c.txs));
}
BENCHMARK(BM_encode)->Name("settle/batch/mainnet")->Arg(1)->Arg(4)->Arg(12)->Unit(benchmark::kMillisecond);

void summary(const std::vector<bench::RunResult>& runs) {
    (void)runs;
    std::printf("\nL1 cost of the real-transaction load (%zu mainnet txs, %zu per block):\n",
                bench::mainnet_transactions().size(), kTxsPerBlock);
    std::printf("%-18s %8s %12s %12s %10s %8s\n", "blocks per batch", "batches", "raw B/tx", "L1 B/tx", "ratio", "");
    for (const std::size_t per : {std::size_t{1}, std::size_t{4}, std::size_t{12}, std::size_t{36}}) {
        const Cost c = batch_all(per);
        std::printf("%-18zu %8zu %12.1f %12.1f %10.2f\n", per, c.batches, double(c.raw) / double(c.txs),
                    double(c.l1) / double(c.txs), double(c.raw) / double(c.l1));
    }
}
const bool summary_registered = luxl2::bench::register_summary("settle", summary);

}  // namespace
