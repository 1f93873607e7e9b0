// luxl2 devnet: the one-command development chain. Starts the node over RocksDB in --datadir (a fresh
// temporary directory by default), the sequencer loop and the JSON-RPC server, prints the RPC URL, the
// chain id and the ten funded accounts of the well-known test mnemonic (as anvil does), logs one line
// per block, resumes from its datadir after a restart and stops cleanly on SIGINT/SIGTERM.
// With it run the embedded L1 (datadir/l1, the same accounts funded) and the rollup roles: the
// batcher and the proposer log one line per batch, proposal and finalization.
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/l1/embedded_l1.hpp"
#include "luxl2/node/devnet_accounts.hpp"
#include "luxl2/node/genesis.hpp"
#include "luxl2/node/http_server.hpp"
#include "luxl2/node/node.hpp"
#include "luxl2/node/rollup_rpc.hpp"
#include "luxl2/node/rollup_service.hpp"
#include "luxl2/node/rpc.hpp"
#include "luxl2/node/sequencer.hpp"

namespace luxl2::cli {
namespace {

// EIP-55 mixed-case checksum encoding, as wallets print addresses.
std::string checksum_address(const Address& a) {
    const std::string hex = to_hex(a, false);
    const Hash32 h = crypto::keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(hex.data()), hex.size()));
    std::string out = "0x";
    for (std::size_t i = 0; i < hex.size(); ++i) {
        const unsigned nibble = (i % 2 == 0) ? (h[i / 2] >> 4) : (h[i / 2] & 0x0f);
        out += (hex[i] >= 'a' && nibble >= 8) ? static_cast<char>(hex[i] - 'a' + 'A') : hex[i];
    }
    return out;
}

// "500ms", "1s", "2" (seconds), "2m", "3h", "7d".
std::optional<std::chrono::milliseconds> parse_duration(const std::string& s) {
    try {
        std::size_t used = 0;
        const unsigned long long v = std::stoull(s, &used);
        const std::string unit = s.substr(used);
        if (v > 1'000'000'000ULL) return std::nullopt;
        if (unit.empty() || unit == "s") return std::chrono::milliseconds(v * 1000);
        if (unit == "ms") return std::chrono::milliseconds(v);
        if (unit == "m") return std::chrono::milliseconds(v * 60'000);
        if (unit == "h") return std::chrono::milliseconds(v * 3'600'000);
        if (unit == "d") return std::chrono::milliseconds(v * 86'400'000);
    } catch (const std::exception&) {}
    return std::nullopt;
}

// The sequencer's fee recipient: the OP Stack's SequencerFeeVault predeploy address.
constexpr std::string_view kFeeRecipient = "0x4200000000000000000000000000000000000011";
// The proposer on the embedded L1 (which identifies callers by address, so it needs no key here).
constexpr std::string_view kProposer = "0x4200000000000000000000000000000000000012";
// L1 blocks within which the sequencer must include a queued deposit (the L1 refuses batches after).
constexpr std::uint64_t kInclusionWindow = 10;

struct DevnetOptions {
    std::string datadir;
    std::string host = "127.0.0.1";
    int port = 8545;
    std::string block_time = "1s";
    std::uint64_t chain_id = 1337;
    std::size_t accounts = 10;
    std::uint64_t balance_ether = 10000;
    std::string challenge_period = "30s";
    std::string l1_block_time = "1s";
    std::string batch_max_delay = "2s";
    std::uint64_t batch_max_blocks = 64;
    std::string sequencer_key;  // hex; empty: node::dev_sequencer_key()
};

int run_devnet(const DevnetOptions& o) {
    const auto block_time = parse_duration(o.block_time);
    if (!block_time || block_time->count() == 0) {
        std::cerr << "error: --block-time: expected e.g. 1s or 500ms, got '" << o.block_time << "'\n";
        return 2;
    }
    const auto challenge = parse_duration(o.challenge_period);
    const auto l1_block_time = parse_duration(o.l1_block_time);
    const auto max_delay = parse_duration(o.batch_max_delay);
    if (!challenge || !l1_block_time || l1_block_time->count() < 1000 || !max_delay) {
        std::cerr << "error: --challenge-period, --l1-block-time (≥ 1s) and --batch-max-delay take e.g. 5s, 2m, 7d\n";
        return 2;
    }
    std::string datadir = o.datadir;
    if (datadir.empty()) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "luxl2-devnet-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) {
            std::cerr << "error: cannot create a temporary data directory\n";
            return 1;
        }
        datadir = tmpl;
    }
    std::error_code ec;
    std::filesystem::create_directories(datadir, ec);

    // Block the signals in every thread; the main thread waits for them with sigwait.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    const auto accounts = node::derive_dev_accounts(node::kDevMnemonic, o.accounts);
    node::NodeConfig cfg;
    cfg.chain_id = U256(o.chain_id);
    cfg.fee_recipient = from_hex_fixed<20>(kFeeRecipient).value();
    const U256 balance = U256(o.balance_ether) * U256(1'000'000'000'000'000'000ULL);
    for (const auto& a : accounts) cfg.alloc.emplace_back(a.address, balance);
    cfg.genesis_timestamp = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());

    if (!o.sequencer_key.empty()) {
        auto k = from_hex_fixed<32>(o.sequencer_key);
        if (!k) {
            std::cerr << "error: --sequencer-key: " << k.error().message << "\n";
            return 2;
        }
        cfg.sequencer_key = *k;
    }

    auto store = state::open_rocksdb((std::filesystem::path(datadir) / "chaindata").string());
    if (!store) {
        std::cerr << "error: " << store.error().to_string() << "\n";
        return 1;
    }
    auto n = node::Node::open(std::move(*store), cfg);
    if (!n) {
        std::cerr << "error: " << n.error().to_string() << "\n";
        return 1;
    }
    node::Node& nd = **n;

    // The embedded L1: the same accounts funded, plus the sequencer and proposer for bonds.
    const Address sequencer = nd.sequencer();  // the key that signs L2 blocks submits their batches
    const Address proposer = from_hex_fixed<20>(kProposer).value();
    l1::EmbeddedL1Options l1o;
    l1o.alloc = cfg.alloc;
    l1o.alloc.emplace_back(sequencer, balance);
    l1o.alloc.emplace_back(proposer, balance);
    l1o.genesis_timestamp = cfg.genesis_timestamp;
    l1o.block_time = static_cast<std::uint64_t>(l1_block_time->count() / 1000);
    l1o.inclusion_window = kInclusionWindow;
    auto l1store = state::open_rocksdb((std::filesystem::path(datadir) / "l1").string());
    if (!l1store) {
        std::cerr << "error: " << l1store.error().to_string() << "\n";
        return 1;
    }
    auto l1 = l1::EmbeddedL1::open(std::move(*l1store), l1o);
    if (!l1) {
        std::cerr << "error: " << l1.error().to_string() << "\n";
        return 1;
    }
    const auto l1cfg = (*l1)->config();
    if (!l1cfg) {
        std::cerr << "error: " << l1cfg.error().to_string() << "\n";
        return 1;
    }
    const U256 period_s(static_cast<std::uint64_t>(challenge->count() / 1000));
    if (!*l1cfg) {
        l1::RollupConfig rc;
        rc.sequencer = sequencer;
        rc.proposer = proposer;
        rc.challenger = proposer;
        rc.challenge_period = period_s;
        rc.min_stake = U256(1'000'000'000'000'000'000ULL);
        auto g = nd.block(0);
        rc.genesis_state_root = g && *g ? (*g)->state_root() : Hash32{};
        rc.init_code = node::encode_genesis(cfg);
        if (auto init = (*l1)->initialize({sequencer, {}}, rc); !init) {
            std::cerr << "error: " << init.error().to_string() << "\n";
            return 1;
        }
    } else if ((*l1cfg)->challenge_period != period_s) {
        std::printf("note: the L1 keeps the challenge period it was initialized with (%s s)\n",
                    (*l1cfg)->challenge_period.to_string().c_str());
    }
    node::ChainBlockSource blocks(nd.chain());

    node::Rpc rpc(nd, std::string("luxl2/v") + LUXL2_VERSION);
    {
        node::RollupRpcContext rctx;
        rctx.l1 = l1->get();
        rctx.chain = &nd.chain();
        rctx.blocks = &blocks;
        rctx.rules = nd.rules();
        for (const auto& a : accounts) rctx.l1_accounts.push_back(a.address);
        rpc.add_extension(node::rollup_rpc(std::move(rctx)));
    }
    node::HttpServer http(rpc);
    auto port = http.bind(o.host, o.port);
    if (!port) {
        std::cerr << "error: " << port.error().to_string() << "\n";
        return 1;
    }

    std::printf("luxl2 devnet\n\n");
    std::printf("Chain ID:   %s\n", cfg.chain_id.to_string().c_str());
    std::printf("RPC URL:    http://%s:%d\n", o.host.c_str(), *port);
    std::printf("Data dir:   %s\n", datadir.c_str());
    std::printf("Block time: %s\n", o.block_time.c_str());
    std::printf("L1:         embedded, block time %s, challenge period %s, settlement %s\n", o.l1_block_time.c_str(),
                o.challenge_period.c_str(), checksum_address(l1::settlement_address()).c_str());
    std::printf("Sequencer:  %s%s\n", checksum_address(nd.sequencer()).c_str(),
                o.sequencer_key.empty() ? " (the public devnet key, keccak256(\"luxl2 devnet sequencer\"))" : "");
    std::printf("Head:       block %llu (%s)\n\n", static_cast<unsigned long long>(nd.head_number()),
                nd.head_number() == 0 ? "new chain" : "resumed");
    std::printf("Available Accounts\n==================\n");
    for (std::size_t i = 0; i < accounts.size(); ++i)
        std::printf("(%zu) %s (%llu ETH)\n", i, checksum_address(accounts[i].address).c_str(),
                    static_cast<unsigned long long>(o.balance_ether));
    std::printf("\nPrivate Keys\n==================\n");
    for (std::size_t i = 0; i < accounts.size(); ++i) std::printf("(%zu) %s\n", i, to_hex(accounts[i].secret).c_str());
    std::printf("\nMnemonic: %s\nDerivation path: m/44'/60'/0'/0/\n\nListening on %s:%d\n",
                std::string(node::kDevMnemonic).c_str(), o.host.c_str(), *port);
    std::fflush(stdout);

    node::Sequencer seq(
        nd, *block_time,
        [](const node::BlockRecord& b) {
            std::printf("block %llu hash %s txs %zu gas %llu base_fee %s state_root %s\n",
                        static_cast<unsigned long long>(b.number), to_hex(node::block_hash(b)).c_str(), b.tx_count(),
                        static_cast<unsigned long long>(b.gas_used), b.base_fee.to_string().c_str(),
                        to_hex(b.state_root()).c_str());
            std::fflush(stdout);
        },
        [](const Error& e) {
            std::fprintf(stderr, "error: block production failed: %s\n", e.to_string().c_str());
            std::fflush(stderr);
        });
    node::RollupServiceConfig rsc;
    rsc.l1_block_time = *l1_block_time;
    rsc.batcher.sequencer = sequencer;
    rsc.batcher.max_blocks = o.batch_max_blocks;
    rsc.batcher.max_delay = static_cast<std::uint64_t>(max_delay->count() / 1000);
    rsc.proposer = {proposer, U256(1'000'000'000'000'000'000ULL), nd.rules()};
    node::RollupService rollup(
        **l1, blocks, &nd, rsc,
        [](const node::BatchReport& r) {
            std::printf(
                "batch %llu blocks %llu-%llu txs %zu raw %zu B compressed %zu B ratio %.2f L1 %zu B frames %zu "
                "hash %s\n",
                static_cast<unsigned long long>(r.batch_number), static_cast<unsigned long long>(r.first_block),
                static_cast<unsigned long long>(r.last_block), r.transactions, r.raw_bytes, r.data_bytes, r.ratio(),
                r.l1_bytes, r.frames, to_hex(r.batch_hash).c_str());
            std::fflush(stdout);
        },
        [&nd](const node::ProposerAction& a) {
            const bool fin = a.kind == node::ProposerAction::Kind::kFinalized;
            std::string age;
            if (fin) {
                // Time from the L2 block's inclusion to the finalization of its output.
                auto b = nd.block(a.l2_block);
                const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
                if (b && *b)
                    age = " inclusion_to_final " + std::to_string(now - static_cast<long long>((*b)->timestamp)) + "s";
            }
            std::printf("%s batch %llu l2_block %llu state_root %s messages %llu%s\n", fin ? "finalized" : "proposed",
                        static_cast<unsigned long long>(a.batch_number), static_cast<unsigned long long>(a.l2_block),
                        to_hex(a.state_root).c_str(), static_cast<unsigned long long>(a.messages),
                        fin ? age.c_str() : " bond 1 ETH");
            std::fflush(stdout);
        },
        [](const Error& e) {
            std::fprintf(stderr, "error: rollup: %s\n", e.to_string().c_str());
            std::fflush(stderr);
        });
    std::thread server([&] { http.run(); });
    seq.start();
    rollup.start();

    int sig = 0;
    sigwait(&signals, &sig);
    std::printf("received %s, shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    http.stop();
    server.join();
    seq.stop();     // finishes the block in progress: every committed block is whole
    rollup.stop();  // finishes the L1 call in progress: every L1 call is whole
    std::printf("stopped at block %llu\n", static_cast<unsigned long long>(nd.head_number()));
    return 0;
}

}  // namespace

void register_devnet(CLI::App& app, Registry& reg) {
    auto* cmd = app.add_subcommand("devnet", "Run a local development chain with funded test accounts and JSON-RPC");
    static DevnetOptions o;
    cmd->add_option("--datadir", o.datadir, "Data directory (default: a fresh temporary directory)");
    cmd->add_option("--host", o.host, "Address the JSON-RPC server binds")->capture_default_str();
    cmd->add_option("--port", o.port, "JSON-RPC port (0: any free port)")
        ->capture_default_str()
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--block-time", o.block_time, "Time between blocks (1s, 500ms)")->capture_default_str();
    cmd->add_option("--chain-id", o.chain_id, "Chain id")->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--accounts", o.accounts, "Funded accounts of the test mnemonic")
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--balance", o.balance_ether, "Balance of each funded account, in ether")->capture_default_str();
    cmd->add_option("--challenge-period", o.challenge_period, "Challenge period on the L1 (5s, 2m, 7d)")
        ->capture_default_str();
    cmd->add_option("--l1-block-time", o.l1_block_time, "Block time of the embedded L1 (1s, 12s)")
        ->capture_default_str();
    cmd->add_option("--batch-max-delay", o.batch_max_delay, "Longest a sealed block waits for its batch")
        ->capture_default_str();
    cmd->add_option("--batch-max-blocks", o.batch_max_blocks, "Most blocks in one batch")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--sequencer-key", o.sequencer_key,
                    "Hex secp256k1 key that signs blocks (default: the public devnet sequencer key)");
    cmd->callback([&reg] { reg.exit_code = run_devnet(o); });
}

}  // namespace luxl2::cli
