// luxl2 devnet: the one-command development chain. Starts the node over RocksDB in --datadir (a fresh
// temporary directory by default), the sequencer loop and the JSON-RPC server, prints the RPC URL, the
// chain id and the ten funded accounts of the well-known test mnemonic (as anvil does), logs one line
// per block, resumes from its datadir after a restart and stops cleanly on SIGINT/SIGTERM.
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
#include "luxl2/node/devnet_accounts.hpp"
#include "luxl2/node/http_server.hpp"
#include "luxl2/node/node.hpp"
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

// "1s", "500ms", "2" (seconds).
std::optional<std::chrono::milliseconds> parse_duration(const std::string& s) {
    try {
        std::size_t used = 0;
        const unsigned long long v = std::stoull(s, &used);
        const std::string unit = s.substr(used);
        if (unit.empty() || unit == "s") return std::chrono::milliseconds(v * 1000);
        if (unit == "ms") return std::chrono::milliseconds(v);
    } catch (const std::exception&) {}
    return std::nullopt;
}

// The sequencer's fee recipient: the OP Stack's SequencerFeeVault predeploy address.
constexpr std::string_view kFeeRecipient = "0x4200000000000000000000000000000000000011";

struct DevnetOptions {
    std::string datadir;
    std::string host = "127.0.0.1";
    int port = 8545;
    std::string block_time = "1s";
    std::uint64_t chain_id = 1337;
    std::size_t accounts = 10;
    std::uint64_t balance_ether = 10000;
    std::string sequencer_key;  // hex; empty: node::dev_sequencer_key()
};

int run_devnet(const DevnetOptions& o) {
    const auto block_time = parse_duration(o.block_time);
    if (!block_time || block_time->count() == 0) {
        std::cerr << "error: --block-time: expected e.g. 1s or 500ms, got '" << o.block_time << "'\n";
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
    node::Rpc rpc(nd, std::string("luxl2/v") + LUXL2_VERSION);
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
    std::thread server([&] { http.run(); });
    seq.start();

    int sig = 0;
    sigwait(&signals, &sig);
    std::printf("received %s, shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    http.stop();
    server.join();
    seq.stop();  // finishes the block in progress: every committed block is whole
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
    cmd->add_option("--sequencer-key", o.sequencer_key,
                    "Hex secp256k1 key that signs blocks (default: the public devnet sequencer key)");
    cmd->callback([&reg] { reg.exit_code = run_devnet(o); });
}

}  // namespace luxl2::cli
