// Subcommand groups of the luxl2 binary. Each `register_*` adds its subcommands to the app; the
// callbacks store the process exit code in the registry (0 ok, 1 a failed check or bad input line,
// 2 malformed usage or input).
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "luxl2/core/bytes.hpp"

namespace luxl2::cli {

struct Registry {
    int exit_code = 0;
};

void register_demo(CLI::App& app, Registry& reg);
void register_tx(CLI::App& app, Registry& reg);
void register_bench(CLI::App& app, Registry& reg);
void register_sig(CLI::App& app, Registry& reg);
void register_merkle(CLI::App& app, Registry& reg);
void register_sig_bls(CLI::App& sig, Registry& reg);  // adds "aggregate", "verify-aggregate" under "sig"

// Adds "quantum-sign", "quantum-verify" under "tx".
void register_tx_quantum(CLI::App& tx, Registry& reg);
void register_tx_compressed(CLI::App& tx, Registry& reg);  // bls-register, compressed-sign|build|decode under "tx"
void register_compress(CLI::App& app, Registry& reg);
void register_devnet(CLI::App& app, Registry& reg);
void register_block(CLI::App& app, Registry& reg);
void register_ssz(CLI::App& app, Registry& reg);
void register_msg(CLI::App& app, Registry& reg);
void register_batch(CLI::App& app, Registry& reg);
void register_node(CLI::App& app, Registry& reg);

/// Fills `out` from the OS entropy source; prints an error and returns non-zero on failure.
int getrandom_bytes(Bytes& out);

/// The whole file as bytes; prints "error: cannot open PATH" and returns nullopt when unreadable.
std::optional<Bytes> read_file_bytes(const std::string& path);
/// Writes (truncating) `b` to `path`; prints an error and returns false on failure.
bool write_file_bytes(const std::string& path, ByteView b);

}  // namespace luxl2::cli
