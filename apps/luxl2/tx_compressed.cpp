// luxl2 tx bls-register|compressed-sign|compressed-build|compressed-decode: what a user needs to
// send 0x53 Compressed transactions to a node (docs/format/transactions.md, "0x53 Compressed").
//  - bls-register: the account address of a BLS key and the calldata (pk ‖ PoP) of its registration,
//    a transaction to 0x…0553 any funded account may send;
//  - compressed-sign: signs the inner transactions of a batch (JSON) with their senders' BLS keys,
//    aggregates and prints the raw 0x53 (columnar body, format 0: self-contained, decodes without
//    the state's account index);
//  - compressed-build: the same from signatures made elsewhere (one per inner transaction, in order);
//  - compressed-decode: a raw 0x53 with a columnar body as JSON (signing messages included).
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "luxl2/compress/compressed_tx.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls_registry.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/exec/bls_accounts.hpp"

namespace luxl2::cli {
namespace {

std::optional<std::string> read_all(const std::string& path) {
    std::stringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
    } else {
        std::ifstream f(path);
        if (!f) return std::nullopt;
        ss << f.rdbuf();
    }
    return ss.str();
}

std::string no_space(std::string s) {
    std::erase_if(s, [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
    return s;
}

int usage(const std::string& what) {
    std::cerr << "error: " << what << "\n";
    return 2;
}

std::optional<compress::CompressedBatch> read_batch(const std::string& path, int& code) {
    auto text = read_all(path);
    if (!text) return code = usage("cannot open " + path), std::nullopt;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (j.is_discarded()) return code = usage(path + " is not valid JSON"), std::nullopt;
    auto b = compress::compressed_batch_from_json(j);
    if (!b) return code = usage(b.error().to_string()), std::nullopt;
    return std::move(*b);
}

// Prints the raw envelope of `batch` under `sigs` (columnar body).
int emit(const compress::CompressedBatch& batch, const std::vector<crypto::bls::Signature>& sigs) {
    auto td = compress::make_compressed_tx(batch, compress::BodyFormat::kColumnar, sigs);
    if (!td) return usage(td.error().to_string());
    auto env = format::to_envelope(*td);
    if (!env) return usage(env.error().to_string());
    std::cout << to_hex(*env) << "\n";
    return 0;
}

}  // namespace

void register_tx_compressed(CLI::App& tx, Registry& reg) {
    static std::string reg_key;
    auto* r = tx.add_subcommand("bls-register",
                                "Print the account address of a BLS key and the calldata that registers it (send "
                                "it to 0x0000000000000000000000000000000000000553 with value 0)");
    r->add_option("--key", reg_key, "BLS secret key, 32 bytes hex (luxl2 sig keygen --scheme bls12-381)")->required();
    r->callback([&reg] {
        auto sk = from_hex(no_space(reg_key));
        secure_wipe(reg_key.data(), reg_key.size());
        if (!sk) return void(reg.exit_code = usage("--key: " + sk.error().to_string()));
        auto pk = crypto::bls::sk_to_pk(*sk);
        auto pop = crypto::bls::pop_prove(*sk);
        secure_wipe(sk->data(), sk->size());
        if (!pk || !pop) return void(reg.exit_code = usage("--key: " + (pk ? pop.error() : pk.error()).to_string()));
        nlohmann::json j{{"address", to_hex(crypto::bls::account_address(*pk))},
                         {"publicKey", to_hex(*pk)},
                         {"proofOfPossession", to_hex(*pop)},
                         {"to", to_hex(exec::kBlsRegistryAddress)},
                         {"data", to_hex(exec::bls_registration_data(*pk, *pop))},
                         {"gas", exec::kBlsRegistrationGas}};
        std::cout << j.dump(2) << "\n";
    });

    static std::vector<std::string> keys;
    static std::string sign_path;
    auto* s = tx.add_subcommand("compressed-sign",
                                "Sign the inner transactions of a 0x53 batch (JSON: chainId, transactions with from, "
                                "nonce, maxPriorityFeePerGas, maxFeePerGas, gas, to, value, input) with their "
                                "senders' BLS keys; prints the raw 0x53");
    s->add_option("--key", keys, "a sender's BLS secret key, hex (one per distinct sender; repeat)")
        ->required()
        ->allow_extra_args(false);
    s->add_option("BATCH.json", sign_path, "the batch; - for stdin")->required();
    s->callback([&reg] {
        int code = 0;
        auto batch = read_batch(sign_path, code);
        if (!batch) return void(reg.exit_code = code);
        std::map<Address, Bytes> by_sender;
        for (auto& k : keys) {
            auto sk = from_hex(no_space(k));
            secure_wipe(k.data(), k.size());
            if (!sk) return void(reg.exit_code = usage("--key: " + sk.error().to_string()));
            auto pk = crypto::bls::sk_to_pk(*sk);
            if (!pk) return void(reg.exit_code = usage("--key: " + pk.error().to_string()));
            by_sender[crypto::bls::account_address(*pk)] = std::move(*sk);
        }
        std::vector<crypto::bls::Signature> sigs;
        for (std::size_t i = 0; i < batch->txs.size(); ++i) {
            auto it = by_sender.find(batch->txs[i].from);
            if (it == by_sender.end()) {
                reg.exit_code = usage("no --key for the sender " + to_hex(batch->txs[i].from) +
                                      " of inner transaction " + std::to_string(i));
                break;
            }
            auto sig = compress::sign_inner(it->second, batch->chain_id, batch->txs[i]);
            if (!sig) {
                reg.exit_code = usage(sig.error().to_string());
                break;
            }
            sigs.push_back(*sig);
        }
        for (auto& [a, sk] : by_sender) secure_wipe(sk.data(), sk.size());
        if (reg.exit_code == 0) reg.exit_code = emit(*batch, sigs);
    });

    static std::vector<std::string> sig_hex;
    static std::string build_path;
    auto* b = tx.add_subcommand("compressed-build",
                                "Build a raw 0x53 from a batch (JSON, as compressed-sign) and one BLS signature per "
                                "inner transaction, made elsewhere over its signing message (compressed-decode shows "
                                "them as \"message\")");
    b->add_option("--sig", sig_hex, "96-byte signature, hex, of inner transaction i (in order; repeat)")
        ->required()
        ->allow_extra_args(false);
    b->add_option("BATCH.json", build_path, "the batch; - for stdin")->required();
    b->callback([&reg] {
        int code = 0;
        auto batch = read_batch(build_path, code);
        if (!batch) return void(reg.exit_code = code);
        std::vector<crypto::bls::Signature> sigs;
        for (const auto& h : sig_hex) {
            auto bytes = from_hex(no_space(h));
            if (!bytes || bytes->size() != crypto::bls::kSignatureSize)
                return void(reg.exit_code = usage("--sig: a signature is 96 bytes of hex"));
            sigs.push_back(crypto::bls::Signature::from_view(*bytes));
        }
        reg.exit_code = emit(*batch, sigs);
    });

    static std::string raw;
    auto* d = tx.add_subcommand("compressed-decode",
                                "Decode a raw 0x53 whose body is columnar without account index (format 0); prints "
                                "the batch as JSON with each inner signing message");
    d->add_option("HEX", raw, "the raw envelope, hex; - for stdin")->required();
    d->callback([&reg] {
        std::string hex = raw == "-" ? read_all("-").value_or("") : raw;
        auto bytes = from_hex(no_space(hex));
        if (!bytes) return void(reg.exit_code = usage(bytes.error().to_string()));
        auto td = format::from_envelope(*bytes);
        if (!td) return void(reg.exit_code = usage(td.error().to_string()));
        auto batch = compress::decode_compressed_tx(*td);
        if (!batch) return void(reg.exit_code = usage(batch.error().to_string()));
        auto j = compress::to_json(*batch);
        j["hash"] = to_hex(crypto::keccak256(*bytes));
        j["aggregateSignature"] = to_hex(td->signature);
        std::cout << j.dump(2) << "\n";
    });
}

}  // namespace luxl2::cli
