// luxl2 merkle root|prove|verify: the positional tree (merkle/tree.hpp, merkle/proof.hpp) or, with
// --oz, OpenZeppelin's StandardMerkleTree (merkle/oz.hpp). Leaves come from a file, one per line: hex
// data (positional, and --oz with the default leaf encoding "bytes"), or a JSON array of values when
// --encoding names other ABI types (e.g. --encoding address,uint256 and lines ["0x..", "100"]).
// Exit codes: verify prints valid/0 or invalid/1; malformed input or usage exits 2.
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/merkle/oz.hpp"
#include "luxl2/merkle/proof.hpp"
#include "luxl2/merkle/tree.hpp"

namespace luxl2::cli {
namespace {

using nlohmann::json;

struct Malformed {
    std::string message;
};

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw Malformed{"cannot read " + path};
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::vector<std::string> read_lines(const std::string& path, bool allow_empty = false) {
    std::vector<std::string> out;
    std::istringstream in(read_file(path));
    std::string line;
    while (std::getline(in, line))
        if (auto t = trim(line); !t.empty()) out.push_back(std::move(t));
    if (out.empty() && !allow_empty) throw Malformed{path + ": no leaves"};
    return out;
}

Bytes hex_or_throw(const std::string& s, const std::string& where) {
    auto b = from_hex(s);
    if (!b) throw Malformed{where + ": " + b.error().message};
    return std::move(*b);
}

Hash32 hash_or_throw(const json& j, const std::string& where) {
    if (!j.is_string()) throw Malformed{where + ": expected a hex string"};
    auto h = from_hex_fixed<32>(j.get<std::string>());
    if (!h) throw Malformed{where + ": " + h.error().message};
    return *h;
}

std::vector<std::uint64_t> parse_indices(const std::string& list) {
    std::vector<std::uint64_t> out;
    std::string_view rest = list;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string item = trim(rest.substr(0, comma));
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (item.empty() || ec != std::errc() || p != item.data() + item.size())
            throw Malformed{"--index: '" + item + "' is not an index"};
        out.push_back(v);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (out.empty()) throw Malformed{"--index: no index"};
    return out;
}

std::vector<std::string> split_types(const std::string& s) {
    std::vector<std::string> out;
    std::string_view rest = s;
    while (true) {
        const auto comma = rest.find(',');
        out.push_back(trim(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return out;
}

// An OpenZeppelin value as JSON: the hex string itself for the "bytes" encoding, else an array.
json oz_value_of_line(const std::string& line, const std::vector<std::string>& enc, std::size_t n) {
    if (enc.size() == 1 && enc[0] == "bytes") {
        hex_or_throw(line, "line " + std::to_string(n));
        return json::array({line.starts_with("0x") ? line : "0x" + line});
    }
    json v;
    try {
        v = json::parse(line);
    } catch (const json::exception& e) {
        throw Malformed{"line " + std::to_string(n) + ": not a JSON array of values"};
    }
    if (!v.is_array()) throw Malformed{"line " + std::to_string(n) + ": not a JSON array of values"};
    return v;
}

std::vector<std::string> value_strings(const json& v, const std::string& where) {
    if (!v.is_array()) throw Malformed{where + ": a value must be a JSON array"};
    std::vector<std::string> out;
    for (const auto& x : v) {
        if (x.is_string())
            out.push_back(x.get<std::string>());
        else if (x.is_boolean() || x.is_number_unsigned() || x.is_number_integer())
            out.push_back(x.dump());
        else
            throw Malformed{where + ": unsupported value " + x.dump()};
    }
    return out;
}

Hash32 oz_leaf(const json& value, const std::vector<std::string>& enc, const std::string& where) {
    auto h = merkle::oz::standard_leaf_hash(enc, value_strings(value, where));
    if (!h) throw Malformed{where + ": " + h.error().message};
    return *h;
}

struct OzInput {
    std::vector<std::string> encoding;
    std::vector<json> values;
    std::vector<Hash32> leaves;
};

OzInput oz_input(const std::string& file, const std::string& encoding) {
    OzInput in;
    in.encoding = split_types(encoding);
    const auto lines = read_lines(file);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        in.values.push_back(oz_value_of_line(lines[i], in.encoding, i + 1));
        in.leaves.push_back(oz_leaf(in.values.back(), in.encoding, "line " + std::to_string(i + 1)));
    }
    return in;
}

// An empty file is the empty tree (root keccak256("")) for `root`; `prove` then finds no index.
std::vector<Bytes> positional_input(const std::string& file) {
    std::vector<Bytes> out;
    const auto lines = read_lines(file, true);
    for (std::size_t i = 0; i < lines.size(); ++i)
        out.push_back(hex_or_throw(lines[i], "line " + std::to_string(i + 1)));
    return out;
}

json hex_array(const std::vector<Hash32>& hs) {
    json a = json::array();
    for (const auto& h : hs) a.push_back(to_hex(h));
    return a;
}

int cmd_root(const std::string& file, bool oz, const std::string& encoding) {
    if (oz) {
        const auto in = oz_input(file, encoding);
        auto t = merkle::oz::build(in.leaves);
        if (!t) throw Malformed{t.error().message};
        std::cout << to_hex(t->root()) << "\n";
    } else {
        std::cout << to_hex(merkle::root(positional_input(file))) << "\n";
    }
    return 0;
}

int cmd_prove(const std::string& file, const std::string& index_list, bool oz, const std::string& encoding,
              bool binary) {
    const auto idx = parse_indices(index_list);
    if (oz) {
        const auto in = oz_input(file, encoding);
        auto t = merkle::oz::build(in.leaves);
        if (!t) throw Malformed{t.error().message};
        std::vector<std::size_t> vi(idx.begin(), idx.end());
        auto mp = merkle::oz::get_multiproof(*t, vi);
        if (!mp) throw Malformed{mp.error().message};
        json leaves = json::array(), indices = json::array(), flags = json::array();
        for (std::size_t v : mp->value_indices) {
            indices.push_back(v);
            leaves.push_back(in.values[v]);
        }
        for (bool f : mp->flags) flags.push_back(f);
        json out = {{"format", "oz-standard-v1"},
                    {"leafEncoding", in.encoding},
                    {"root", to_hex(t->root())},
                    {"leafCount", t->size()},
                    {"indices", indices},
                    {"leaves", leaves},
                    {"leafHashes", hex_array(mp->leaves)},
                    {"proof", hex_array(mp->proof)},
                    {"proofFlags", flags}};
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    const auto data = positional_input(file);
    auto mp = merkle::generate_multiproof(data, idx);
    if (!mp) throw Malformed{mp.error().message};
    if (binary) {
        std::cout << to_hex(merkle::encode(*mp)) << "\n";
        return 0;
    }
    json leaves = json::array();
    for (auto i : mp->indices) leaves.push_back(to_hex(data[i]));
    json out = {{"root", to_hex(merkle::root(data))},
                {"leafCount", mp->leaf_count},
                {"indices", mp->indices},
                {"leaves", leaves},
                {"proof", hex_array(mp->hashes)}};
    std::cout << out.dump(2) << "\n";
    return 0;
}

// Returns the verdict; prints why a proof is invalid on stderr.
bool verify_oz(const json& j) {
    const Hash32 root = hash_or_throw(j.at("root"), "root");
    std::vector<std::string> enc = {"bytes"};
    if (j.contains("leafEncoding")) enc = j.at("leafEncoding").get<std::vector<std::string>>();
    std::vector<Hash32> leaves;
    for (std::size_t i = 0; i < j.at("leaves").size(); ++i)
        leaves.push_back(oz_leaf(j.at("leaves")[i], enc, "leaves[" + std::to_string(i) + "]"));
    std::vector<Hash32> proof;
    for (std::size_t i = 0; i < j.at("proof").size(); ++i)
        proof.push_back(hash_or_throw(j.at("proof")[i], "proof[" + std::to_string(i) + "]"));
    if (!j.contains("proofFlags")) {
        if (leaves.size() != 1) return std::cerr << "a single proof needs exactly one leaf\n", false;
        return merkle::oz::verify_proof(root, leaves[0], proof);
    }
    std::vector<bool> flags;
    for (const auto& f : j.at("proofFlags")) {
        if (!f.is_boolean()) throw Malformed{"proofFlags: expected booleans"};
        flags.push_back(f.get<bool>());
    }
    auto r = merkle::oz::process_multiproof(leaves, proof, flags);
    if (!r) return std::cerr << r.error().to_string() << "\n", false;
    return *r == root;
}

bool verify_positional(const json& j) {
    const Hash32 root = hash_or_throw(j.at("root"), "root");
    merkle::MultiProof mp;
    mp.leaf_count = j.at("leafCount").get<std::uint64_t>();
    const auto& idx = j.at("indices");
    const auto& data = j.at("leaves");
    if (!idx.is_array() || !data.is_array()) throw Malformed{"indices and leaves must be arrays"};
    if (idx.size() != data.size()) return std::cerr << "indices and leaves differ in count\n", false;
    std::vector<std::pair<std::uint64_t, Hash32>> pairs;
    for (std::size_t i = 0; i < idx.size(); ++i) {
        if (!data[i].is_string()) throw Malformed{"leaves: expected hex strings"};
        pairs.emplace_back(idx[i].get<std::uint64_t>(),
                           merkle::leaf_hash(hex_or_throw(data[i].get<std::string>(), "leaves")));
    }
    std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Hash32> leaves;
    for (const auto& [i, h] : pairs) {
        mp.indices.push_back(i);
        leaves.push_back(h);
    }
    for (std::size_t i = 0; i < j.at("proof").size(); ++i)
        mp.hashes.push_back(hash_or_throw(j.at("proof")[i], "proof[" + std::to_string(i) + "]"));
    auto r = merkle::multiproof_root(mp, leaves);
    if (!r) return std::cerr << r.error().to_string() << "\n", false;
    return *r == root;
}

int cmd_verify(const std::string& file, bool oz) {
    json j;
    try {
        j = json::parse(read_file(file));
    } catch (const json::exception& e) {
        throw Malformed{file + ": " + e.what()};
    }
    if (!j.is_object()) throw Malformed{file + ": expected a JSON object"};
    if (j.contains("format") && j["format"] == "oz-standard-v1") oz = true;
    bool ok = false;
    try {
        ok = oz ? verify_oz(j) : verify_positional(j);
    } catch (const json::exception& e) {
        throw Malformed{file + ": " + e.what()};
    }
    std::cout << (ok ? "valid" : "invalid") << "\n";
    return ok ? 0 : 1;
}

int guarded(const std::function<int()>& f) {
    try {
        return f();
    } catch (const Malformed& m) {
        std::cerr << "error: " << m.message << "\n";
        return 2;
    }
}

}  // namespace

void register_merkle(CLI::App& app, Registry& reg) {
    auto* m =
        app.add_subcommand("merkle", "Merkle roots and proofs: positional (RFC 6962 shape) or OpenZeppelin (--oz)");
    m->require_subcommand(1);
    static std::string leaves_file, index_list, proof_file, encoding = "bytes";
    static bool oz = false, binary = false;
    auto common = [](CLI::App* c) {
        c->add_flag("--oz", oz, "OpenZeppelin StandardMerkleTree format");
        c->add_option("--encoding", encoding, "--oz leaf ABI types, comma-separated (default bytes: hex lines)");
    };

    auto* root = m->add_subcommand("root", "Print the root of the leaves in a file (one hex blob per line)");
    root->add_option("--leaves", leaves_file, "file of leaves")->required();
    common(root);
    root->callback([&reg] { reg.exit_code = guarded([] { return cmd_root(leaves_file, oz, encoding); }); });

    auto* prove = m->add_subcommand("prove", "Print a JSON multiproof {root, leafCount, indices, leaves, proof}");
    prove->add_option("--leaves", leaves_file, "file of leaves")->required();
    prove->add_option("--index", index_list, "leaf indices, comma-separated (e.g. 3,5,9)")->required();
    prove->add_flag("--binary", binary, "print the binary proof (docs/format/merkle.md) as hex instead");
    common(prove);
    prove->callback(
        [&reg] { reg.exit_code = guarded([] { return cmd_prove(leaves_file, index_list, oz, encoding, binary); }); });

    auto* verify = m->add_subcommand("verify", "Verify a JSON proof: prints valid (exit 0) or invalid (exit 1)");
    verify->add_option("PROOF", proof_file, "proof JSON, as `merkle prove` prints it")->required();
    common(verify);
    verify->callback([&reg] { reg.exit_code = guarded([] { return cmd_verify(proof_file, oz); }); });
}

}  // namespace luxl2::cli
