// luxl2 sig aggregate | verify-aggregate: BLS12-381 aggregation (POP ciphersuite).
//   luxl2 sig aggregate SIG_HEX...                       prints the aggregate signature
//   luxl2 sig verify-aggregate --pub PK... --msg M... --sig AGG [--fast]
//     one message per key (AggregateVerify), or with --fast one common message (FastAggregateVerify);
//     prints valid (exit 0) or invalid (exit 1); malformed hex, points or counts exit 2.
#include <iostream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/bls12_381.hpp"

namespace luxl2::cli {
namespace {

bool parse_hex_list(const std::vector<std::string>& in, std::vector<Bytes>& out, const char* what) {
    for (const auto& h : in) {
        auto b = from_hex(h);
        if (!b) {
            std::cerr << "error: " << what << ": " << b.error().to_string() << "\n";
            return false;
        }
        out.push_back(std::move(*b));
    }
    return true;
}

}  // namespace

void register_sig_bls(CLI::App& sig, Registry& reg) {
    static std::vector<std::string> sigs, pubs, msgs;
    static std::string agg;
    static bool fast = false;

    auto* aggregate = sig.add_subcommand("aggregate", "Aggregate BLS12-381 signatures; prints the aggregate hex");
    aggregate->add_option("signatures", sigs, "signatures, hex (96 bytes each)")->required();
    aggregate->callback([&reg] {
        std::vector<Bytes> raw;
        if (!parse_hex_list(sigs, raw, "signature")) return void(reg.exit_code = 2);
        const std::vector<ByteView> views(raw.begin(), raw.end());
        auto out = crypto::bls::aggregate(views);
        if (!out) return std::cerr << "error: " << out.error().to_string() << "\n", void(reg.exit_code = 2);
        std::cout << to_hex(*out) << "\n";
    });

    auto* verify = sig.add_subcommand(
        "verify-aggregate", "Verify a BLS12-381 aggregate signature; prints valid (exit 0) or invalid (exit 1)");
    verify->add_option("--pub", pubs, "public keys, hex (48 bytes each)")->required();
    verify->add_option("--msg", msgs, "messages, hex: one per key, or one with --fast")->required();
    verify->add_option("--sig", agg, "aggregate signature, hex")->required();
    verify->add_flag("--fast", fast,
                     "all keys signed the same message (FastAggregateVerify; keys need proofs of possession)");
    verify->callback([&reg] {
        std::vector<Bytes> pk_raw, msg_raw;
        if (!parse_hex_list(pubs, pk_raw, "--pub") || !parse_hex_list(msgs, msg_raw, "--msg"))
            return void(reg.exit_code = 2);
        auto s = from_hex(agg);
        if (!s) return std::cerr << "error: --sig: " << s.error().to_string() << "\n", void(reg.exit_code = 2);
        const std::vector<ByteView> pk_views(pk_raw.begin(), pk_raw.end());
        const std::vector<ByteView> msg_views(msg_raw.begin(), msg_raw.end());
        Result<bool> ok = false;
        if (fast) {
            if (msg_raw.size() != 1)
                return std::cerr << "error: --fast takes exactly one --msg\n", void(reg.exit_code = 2);
            ok = crypto::bls::fast_aggregate_verify(pk_views, msg_views[0], *s);
        } else {
            ok = crypto::bls::aggregate_verify(pk_views, msg_views, *s);
        }
        if (!ok) return std::cerr << "error: " << ok.error().to_string() << "\n", void(reg.exit_code = 2);
        std::cout << (*ok ? "valid" : "invalid") << "\n";
        reg.exit_code = *ok ? 0 : 1;
    });
}

}  // namespace luxl2::cli
