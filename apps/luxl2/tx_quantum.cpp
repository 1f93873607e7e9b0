// luxl2 tx quantum-sign|quantum-verify: the 0x54 Quantum transaction (docs/format/transactions.md).
// quantum-verify prints the transaction as JSON and exits 0 when its signature verifies, prints the
// reason and exits 1 when it does not, exits 2 for input that is not a well-formed 0x54.
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/quantum_tx.hpp"

namespace luxl2::cli {
namespace {}  // namespace

void register_tx_quantum(CLI::App& tx, Registry& reg) {
    static std::string key, json_path, raw;
    static bool deterministic = false;
    auto* sign = tx.add_subcommand("quantum-sign",
                                   "Sign a 0x54 transaction (JSON with scheme and publicKey) with "
                                   "its post-quantum or hybrid secret key; prints the raw envelope");
    sign->add_option("--key", key, "secret key of the scheme, hex (as `luxl2 sig keygen` prints it)")->required();
    sign->add_option("TX.json", json_path, "the transaction (JSON-RPC names plus scheme, publicKey); - for stdin")
        ->required();
    sign->add_flag("--deterministic", deterministic, "deterministic signature (no fresh randomness)");
    sign->callback([&reg] {
        auto text = read_text_input(json_path);
        if (!text) return std::cerr << "error: cannot open " << json_path << "\n", void(reg.exit_code = 2);
        const auto j = nlohmann::json::parse(*text, nullptr, false);
        if (j.is_discarded())
            return std::cerr << "error: " << json_path << " is not valid JSON\n", void(reg.exit_code = 2);
        auto q = format::quantum_tx_fields_from_json(j);
        if (!q) return std::cerr << "error: " << q.error().to_string() << "\n", void(reg.exit_code = 2);
        auto sk = from_hex(without_space(key));
        secure_wipe(key.data(), key.size());
        if (!sk) return std::cerr << "error: --key: " << sk.error().to_string() << "\n", void(reg.exit_code = 2);
        auto signed_tx = format::sign_quantum_tx(*q, *sk, deterministic);
        secure_wipe(sk->data(), sk->size());
        if (!signed_tx) return std::cerr << "error: " << signed_tx.error().to_string() << "\n", void(reg.exit_code = 2);
        std::cout << to_hex(*format::to_envelope(*signed_tx)) << "\n";
    });

    auto* verify = tx.add_subcommand("quantum-verify",
                                     "Decode a raw 0x54 transaction, verify its signature; prints "
                                     "it as JSON (exit 0), or why it is invalid (exit 1)");
    verify->add_option("HEX", raw, "the raw envelope, hex; - for stdin")->required();
    verify->callback([&reg] {
        std::string hex = raw;
        if (raw == "-") hex = read_text_input("-").value_or("");
        auto bytes = from_hex(without_space(hex));
        if (!bytes) return std::cerr << "error: " << bytes.error().to_string() << "\n", void(reg.exit_code = 2);
        auto decoded = format::from_envelope(*bytes);
        if (!decoded) return std::cerr << "error: " << decoded.error().to_string() << "\n", void(reg.exit_code = 2);
        if (decoded->tx_type != format::lp505_type::kQuantum)
            return std::cerr << "error: not a 0x54 transaction\n", void(reg.exit_code = 2);
        auto j = format::quantum_tx_to_json(*decoded);
        if (!j) return std::cerr << "error: " << j.error().to_string() << "\n", void(reg.exit_code = 2);
        auto sender = format::verify_quantum_tx(*decoded);
        if (!sender) {
            std::cout << "invalid: " << sender.error().to_string() << "\n";
            reg.exit_code = sender.error().code == format::quantum_tx_errc::bad_signature ? 1 : 2;
            return;
        }
        (*j)["signingHash"] = to_hex(*format::tx_signing_hash(*decoded));
        std::cout << j->dump(2) << "\n";
    });
}

}  // namespace luxl2::cli
