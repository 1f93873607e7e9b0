// luxl2 msg pack|unpack: the compact byte form of LP-505 cross-rollup messages (docs/format/xrollup.md).
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/xrollup/pack.hpp"

namespace luxl2::cli {
namespace {

// Exit 2: the file cannot be read or is not a CrossRollupMessage in JSON; 1: messageHash disagrees.
int cmd_pack(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::cerr << "error: cannot open " << path << "\n", 2;
    std::stringstream ss;
    ss << f.rdbuf();
    auto m = format::from_json_text<format::CrossRollupMessage>(ss.str());
    if (!m) return std::cerr << "error: " << path << ": " << m.error().to_string() << "\n", 2;
    if (auto r = xrollup::check_message_hash(*m); !r) return std::cerr << "error: " << r.error().to_string() << "\n", 1;
    std::cout << to_hex(xrollup::pack_message(*m)) << "\n";
    return 0;
}

// Exit 1 with the decoder's message when the hex or the packed bytes are malformed.
int cmd_unpack(std::string hex) {
    while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.pop_back();
    auto bytes = from_hex(hex);
    if (!bytes) return std::cerr << "error: " << bytes.error().to_string() << "\n", 1;
    auto m = xrollup::unpack_message_exact(*bytes);
    if (!m) return std::cerr << "error: " << m.error().to_string() << "\n", 1;
    std::cout << format::to_json(*m).dump(2) << "\n";
    return 0;
}

}  // namespace

void register_msg(CLI::App& app, Registry& reg) {
    auto* msg = app.add_subcommand("msg", "Cross-rollup messages in their compact byte form");
    msg->require_subcommand(1);
    static std::string file, hex;

    auto* pack = msg->add_subcommand("pack", "Print the packed form (hex) of a CrossRollupMessage JSON file");
    pack->add_option("MSG", file, "CrossRollupMessage JSON (messageHash may be zero or must match)")->required();
    pack->callback([&reg] { reg.exit_code = cmd_pack(file); });

    auto* unpack = msg->add_subcommand("unpack", "Print a packed message as JSON (messageHash recomputed)");
    unpack->add_option("HEX", hex, "packed message, hex (0x optional)")->required();
    unpack->callback([&reg] { reg.exit_code = cmd_unpack(hex); });
}

}  // namespace luxl2::cli
