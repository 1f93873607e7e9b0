// luxl2 sig keygen|sign|verify: every scheme of the registry (crypto/scheme.hpp) through one CLI.
// Exit codes: verify prints valid/0 or invalid/1; malformed input exits 2 with a message.
#include <iostream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/scheme.hpp"

namespace luxl2::cli {
namespace {

std::string scheme_names() {
    std::string names;
    for (const auto* s : crypto::signature_schemes()) {
        if (!names.empty()) names += ", ";
        names += s->name;
    }
    return names;
}

const crypto::SignatureScheme* scheme_or_error(const std::string& name) {
    const auto* s = crypto::find_scheme(name);
    if (!s) std::cerr << "error: unknown scheme '" << name << "' (known: " << scheme_names() << ")\n";
    return s;
}

Result<Bytes> hex_arg(const std::string& value, const char* flag) {
    auto b = from_hex(value);
    if (!b) return fail("cli.invalid_hex", std::string(flag) + ": " + b.error().message);
    return b;
}

}  // namespace

void register_sig(CLI::App& app, Registry& reg) {
    auto* sig = app.add_subcommand("sig", "Signatures: secp256k1, post-quantum, BLS, hybrids");
    sig->require_subcommand(1);
    static std::string scheme, seed, key, msg, ctx, sighex, pub;
    static bool deterministic = false;

    auto* keygen = sig->add_subcommand("keygen", "Make a key pair; prints {scheme, secretKey, publicKey}");
    keygen->add_option("--scheme", scheme, "signature scheme")->required();
    keygen->add_option("--seed", seed, "seed, hex (random when omitted)");
    keygen->callback([&reg] {
        const auto* s = scheme_or_error(scheme);
        if (!s) return void(reg.exit_code = 2);
        Bytes seed_bytes;
        if (seed.empty()) {
            seed_bytes.resize(s->seed_size ? s->seed_size : 32);
            if (getrandom_bytes(seed_bytes) != 0) return void(reg.exit_code = 2);
        } else {
            auto b = hex_arg(seed, "--seed");
            if (!b) return std::cerr << "error: " << b.error().to_string() << "\n", void(reg.exit_code = 2);
            seed_bytes = std::move(*b);
        }
        auto kp = s->keygen(seed_bytes);
        secure_wipe(seed_bytes.data(), seed_bytes.size());
        if (!kp) return std::cerr << "error: " << kp.error().to_string() << "\n", void(reg.exit_code = 2);
        nlohmann::json j{
            {"scheme", s->name}, {"secretKey", to_hex(kp->secret_key)}, {"publicKey", to_hex(kp->public_key)}};
        secure_wipe(kp->secret_key.data(), kp->secret_key.size());
        std::cout << j.dump(2) << "\n";
    });

    auto* sign = sig->add_subcommand("sign", "Sign a message; prints the signature hex");
    sign->add_option("--scheme", scheme, "signature scheme")->required();
    sign->add_option("--key", key, "secret key, hex")->required();
    sign->add_option("--msg", msg, "message, hex")->required();
    sign->add_option("--ctx", ctx, "context string, hex");
    sign->add_flag("--deterministic", deterministic, "deterministic variant (no fresh randomness)");
    sign->callback([&reg] {
        const auto* s = scheme_or_error(scheme);
        if (!s) return void(reg.exit_code = 2);
        auto k = hex_arg(key, "--key");
        auto m = hex_arg(msg, "--msg");
        auto c = hex_arg(ctx, "--ctx");
        secure_wipe(key.data(), key.size());
        for (const auto* r : {&k, &m, &c})
            if (!*r) return std::cerr << "error: " << r->error().to_string() << "\n", void(reg.exit_code = 2);
        auto out = s->sign(*k, *m, *c, deterministic);
        secure_wipe(k->data(), k->size());
        if (!out) return std::cerr << "error: " << out.error().to_string() << "\n", void(reg.exit_code = 2);
        std::cout << to_hex(*out) << "\n";
    });

    auto* verify = sig->add_subcommand("verify", "Verify a signature; prints valid (exit 0) or invalid (exit 1)");
    verify->add_option("--scheme", scheme, "signature scheme")->required();
    verify->add_option("--pub", pub, "public key, hex")->required();
    verify->add_option("--msg", msg, "message, hex")->required();
    verify->add_option("--sig", sighex, "signature, hex")->required();
    verify->add_option("--ctx", ctx, "context string, hex");
    verify->callback([&reg] {
        const auto* s = scheme_or_error(scheme);
        if (!s) return void(reg.exit_code = 2);
        auto p = hex_arg(pub, "--pub");
        auto m = hex_arg(msg, "--msg");
        auto g = hex_arg(sighex, "--sig");
        auto c = hex_arg(ctx, "--ctx");
        for (const auto* r : {&p, &m, &g, &c})
            if (!*r) return std::cerr << "error: " << r->error().to_string() << "\n", void(reg.exit_code = 2);
        auto ok = s->verify(*p, *m, *g, *c);
        if (!ok) return std::cerr << "error: " << ok.error().to_string() << "\n", void(reg.exit_code = 2);
        std::cout << (*ok ? "valid" : "invalid") << "\n";
        reg.exit_code = *ok ? 0 : 1;
    });

    register_sig_bls(*sig, reg);
}

}  // namespace luxl2::cli
