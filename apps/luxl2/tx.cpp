// luxl2 tx decode|sign: Ethereum transactions from and to their raw bytes.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/transaction_json.hpp"

namespace luxl2::cli {
namespace {

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

Result<nlohmann::json> decode_one(std::string_view hex) {
    LUXL2_TRY(raw, from_hex(hex));
    LUXL2_TRY(tx, format::decode_transaction(raw));
    auto sender = format::recover_sender(tx);
    auto j = format::to_json(tx, sender ? std::optional<Address>(*sender) : std::nullopt);
    if (!sender) j["fromError"] = sender.error().to_string();
    return j;
}

// One hex transaction per line, or a CSV whose header names a raw_tx_hex column.
int decode_file(const std::string& path) {
    std::ifstream f(path);
    if (!f) {
        std::cerr << "error: cannot open " << path << "\n";
        return 2;
    }
    std::string line;
    std::size_t line_no = 0;
    std::optional<std::size_t> column;
    bool failed = false;
    while (std::getline(f, line)) {
        ++line_no;
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        if (line_no == 1 && line.find("raw_tx_hex") != std::string::npos) {
            std::size_t idx = 0;
            std::stringstream ss(line);
            std::string cell;
            while (std::getline(ss, cell, ',')) {
                if (trim(cell) == "raw_tx_hex") column = idx;
                ++idx;
            }
            continue;
        }
        std::string hex = line;
        if (column) {
            std::stringstream ss(line);
            std::string cell;
            for (std::size_t i = 0; i <= *column && std::getline(ss, cell, ','); ++i) hex = cell;
            hex = trim(hex);
        }
        auto j = decode_one(hex);
        if (!j) {
            std::cerr << path << ":" << line_no << ": " << j.error().to_string() << "\n";
            failed = true;
            continue;
        }
        std::cout << j->dump() << "\n";
    }
    return failed ? 1 : 0;
}

}  // namespace

void register_tx(CLI::App& app, Registry& reg) {
    auto* tx = app.add_subcommand("tx", "Ethereum and LP-505 transactions");
    tx->require_subcommand(1);

    auto* decode = tx->add_subcommand("decode", "Decode raw transactions to JSON (Ethereum JSON-RPC names)");
    static std::string hex, file;
    decode->add_option("HEX", hex, "one raw transaction, hex with or without 0x");
    decode->add_option("--file", file, "a file of hex transactions, one per line, or a CSV with a raw_tx_hex column");
    decode->callback([&reg] {
        if (!file.empty()) {
            reg.exit_code = decode_file(file);
            return;
        }
        if (hex.empty()) {
            std::cerr << "error: give HEX or --file\n";
            reg.exit_code = 2;
            return;
        }
        auto j = decode_one(trim(hex));
        if (!j) {
            std::cerr << "error: " << j.error().to_string() << "\n";
            reg.exit_code = 1;
            return;
        }
        std::cout << j->dump(2) << "\n";
    });

    auto* sign = tx->add_subcommand("sign", "Sign a transaction given as JSON; prints the raw signed transaction");
    static std::string key, json_path;
    sign->add_option("--key", key, "secret key, 32 bytes hex")->required();
    sign->add_option("TX.json", json_path, "the transaction (JSON-RPC names); - for stdin")->required();
    sign->callback([&reg] {
        std::stringstream ss;
        if (json_path == "-") {
            ss << std::cin.rdbuf();
        } else {
            std::ifstream f(json_path);
            if (!f) {
                std::cerr << "error: cannot open " << json_path << "\n";
                reg.exit_code = 2;
                return;
            }
            ss << f.rdbuf();
        }
        const auto j = nlohmann::json::parse(ss.str(), nullptr, false);
        if (j.is_discarded()) {
            std::cerr << "error: " << json_path << " is not valid JSON\n";
            reg.exit_code = 2;
            return;
        }
        auto txr = format::transaction_from_json(j);
        if (!txr) {
            std::cerr << "error: " << txr.error().to_string() << "\n";
            reg.exit_code = 2;
            return;
        }
        auto key_bytes = from_hex(trim(key));
        auto sk = key_bytes ? crypto::SecretKey::from_bytes(*key_bytes) : std::unexpected(key_bytes.error());
        if (key_bytes) secure_wipe(key_bytes->data(), key_bytes->size());
        secure_wipe(key.data(), key.size());
        if (!sk) {
            std::cerr << "error: --key: " << sk.error().to_string() << "\n";
            reg.exit_code = 2;
            return;
        }
        format::sign_transaction(*txr, *sk);
        std::cout << to_hex(format::encode_transaction(*txr)) << "\n";
    });
    register_tx_quantum(*tx, reg);
    register_tx_compressed(*tx, reg);
}

}  // namespace luxl2::cli
