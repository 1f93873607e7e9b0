// luxl2 ssz sample|block: the SSZ form of L2Blocks, for interop checks and inspection.
//   luxl2 ssz sample [--seed S] [--txs N]   a deterministic block with every field populated (JSON)
//   luxl2 ssz block --from json|ssz IN       {"block": JSON, "ssz": "0x…", "root": "0x…"}
// IN is a file or "-" (stdin); the ssz input is hex text (whitespace ignored).
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/detail/random_fill.hpp"
#include "luxl2/format/ssz_block.hpp"

namespace luxl2::cli {
namespace {

bool read_input(const std::string& path, std::string& out) {
    if (path == "-") {
        out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    out.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    return true;
}

int block_command(const std::string& from, const std::string& path) {
    std::string text;
    if (!read_input(path, text)) {
        std::cerr << "error: cannot open " << path << "\n";
        return 2;
    }
    Result<format::L2Block> block =
        fail(format::errc::unsupported, "unknown input format \"" + from + "\" (json, ssz)");
    if (from == "json") {
        block = format::from_json_text<format::L2Block>(text);
    } else if (from == "ssz") {
        std::string hex;
        for (char c : text)
            if (!std::isspace(static_cast<unsigned char>(c))) hex.push_back(c);
        auto raw = from_hex(hex);
        if (!raw)
            block = std::unexpected(raw.error());
        else
            block = format::ssz_decode_block(*raw);
    }
    if (!block) {
        std::cerr << "error: " << block.error().to_string() << "\n";
        return 1;
    }
    const auto bytes = format::ssz_encode_block(*block);
    if (!bytes) {
        std::cerr << "error: " << bytes.error().to_string() << "\n";
        return 1;
    }
    nlohmann::json out;
    out["block"] = format::to_json(*block);
    out["ssz"] = to_hex(*bytes);
    out["root"] = to_hex(ssz::hash_tree_root(ssz::View(format::ssz_block_type(), *bytes)));
    std::cout << out.dump() << "\n";
    return 0;
}

}  // namespace

void register_ssz(CLI::App& app, Registry& reg) {
    auto* ssz = app.add_subcommand("ssz", "The SSZ form of L2Blocks (docs/format/ssz.md)");
    ssz->require_subcommand(1);

    auto* sample = ssz->add_subcommand("sample", "Print a deterministic block with every field populated, as JSON");
    static std::uint64_t seed = 1;
    static std::size_t txs = 3;
    sample->add_option("--seed", seed, "seed");
    sample->add_option("--txs", txs, "transactions");
    sample->callback([] {
        format::detail::RandomFill rng(seed);
        std::cout << format::to_json(rng.block(txs)).dump() << "\n";
    });

    auto* block = ssz->add_subcommand("block", "Print a block's JSON, SSZ bytes and hash_tree_root");
    static std::string from = "json", path;
    block->add_option("--from", from, "input format: json or ssz (hex)");
    block->add_option("IN", path, "input file or - for stdin")->required();
    block->callback([&reg] { reg.exit_code = block_command(from, path); });
}

}  // namespace luxl2::cli
