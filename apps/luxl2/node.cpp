// luxl2 node --verify --datadir DIR: a verifier. Rebuilds the L2 chain from the L1 data alone (the
// embedded L1 in DIR/l1, read as a snapshot so the devnet may keep running): genesis from the
// rollup's initCode, then every batch decompressed, decoded and re-executed. Reports each proposed
// output that differs from the derived one, and compares with the sequencer's own chain in
// DIR/chaindata when it is there. Exit 0 when everything agrees, 1 on a mismatch or an invalid batch.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/node/derivation.hpp"
#include "luxl2/node/genesis.hpp"

namespace luxl2::cli {
namespace {

struct NodeOptions {
    std::string datadir;
    bool verify = false;
};

int run_verify(const NodeOptions& o) {
    const auto dir = std::filesystem::path(o.datadir);
    state::RocksDbOptions ro;
    ro.read_only = true;
    ro.create_if_missing = false;
    auto l1store = state::open_rocksdb((dir / "l1").string(), ro);
    if (!l1store) {
        std::cerr << "error: " << l1store.error().to_string() << "\n";
        return 2;
    }
    l1::EmbeddedL1Options lo;
    lo.sync_writes = false;
    auto l1 = l1::EmbeddedL1::open(std::move(*l1store), lo);
    if (!l1) {
        std::cerr << "error: " << l1.error().to_string() << "\n";
        return 2;
    }
    auto report = node::derive_chain(**l1);
    if (!report) {
        std::printf("verify: FAILED: %s\n", report.error().to_string().c_str());
        return 1;
    }
    std::printf("verify: derived %llu batches, %llu blocks, %llu transactions from L1 data; state root %s\n",
                static_cast<unsigned long long>(report->batches), static_cast<unsigned long long>(report->blocks),
                static_cast<unsigned long long>(report->transactions), to_hex(report->state_root).c_str());
    std::printf("verify: %llu outputs checked, %zu mismatches\n",
                static_cast<unsigned long long>(report->outputs_checked), report->mismatches.size());
    for (const auto& m : report->mismatches)
        std::printf("mismatch: batch %llu: %s\n", static_cast<unsigned long long>(m.batch_number), m.what.c_str());
    int rc = report->mismatches.empty() ? 0 : 1;
    if (std::filesystem::exists(dir / "chaindata")) {
        auto chainstore = state::open_rocksdb((dir / "chaindata").string(), ro);
        if (!chainstore) {
            std::cerr << "error: " << chainstore.error().to_string() << "\n";
            return 2;
        }
        node::ChainStore chain(**chainstore);
        node::ChainBlockSource blocks(chain);
        if (auto c = node::compare_with_chain(*report, blocks); !c) {
            std::printf("verify: the sequencer's chain differs: %s\n", c.error().to_string().c_str());
            rc = 1;
        } else {
            std::printf("verify: the sequencer's chain agrees on blocks 0-%llu\n",
                        static_cast<unsigned long long>(report->blocks));
        }
    }
    std::printf("verify: %s\n", rc == 0 ? "OK" : "MISMATCH");
    return rc;
}

}  // namespace

void register_node(CLI::App& app, Registry& reg) {
    auto* cmd = app.add_subcommand("node", "Run a node against the L1; --verify derives the chain from L1 data");
    static NodeOptions o;
    cmd->add_option("--datadir", o.datadir, "Data directory of a devnet (its l1/ and chaindata/)")->required();
    cmd->add_flag("--verify", o.verify, "Verifier mode: rebuild the L2 from the L1 and compare")->required();
    cmd->callback([&reg] { reg.exit_code = run_verify(o); });
}

}  // namespace luxl2::cli
