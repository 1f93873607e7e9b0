// luxl2: the one binary. Each subcommand group lives in its own file and registers itself here.
#include <CLI/CLI.hpp>

#include "commands.hpp"

int main(int argc, char** argv) {
    CLI::App app{"luxl2: LP-505 L2 block format and LP-500 rollup node", "luxl2"};
    app.set_version_flag("--version", std::string("luxl2 ") + LUXL2_VERSION);
    app.require_subcommand(1);
    luxl2::cli::Registry reg;
    luxl2::cli::register_demo(app, reg);
    luxl2::cli::register_tx(app, reg);
    luxl2::cli::register_sig(app, reg);
    luxl2::cli::register_merkle(app, reg);
    luxl2::cli::register_block(app, reg);
    luxl2::cli::register_ssz(app, reg);
    luxl2::cli::register_msg(app, reg);
    luxl2::cli::register_bench(app, reg);
    luxl2::cli::register_compress(app, reg);
    luxl2::cli::register_devnet(app, reg);
    luxl2::cli::register_batch(app, reg);
    luxl2::cli::register_node(app, reg);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : 2;
    }
    return reg.exit_code;
}
