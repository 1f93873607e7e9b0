#include "batch_bls.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/hashing.hpp"

namespace luxl2::cli::batch_bls {
namespace {

constexpr std::string_view kBadKey = "cli.bls_key";

std::string trim(std::string s) {
    const auto not_space = [](unsigned char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

// Keys for each sequencer: one key for all, or one per sequencer in order.
Result<void> check_count(std::size_t keys, std::size_t sequencers, std::string_view what) {
    if (keys == 1 || keys == sequencers) return {};
    return fail(kBadKey, std::to_string(keys) + " " + std::string(what) + " for " + std::to_string(sequencers) +
                             " distinct sequencers: give one for all or one per sequencer");
}

}  // namespace

Result<std::vector<std::string>> gather(const std::vector<std::string>& args, const std::string& file) {
    std::vector<std::string> out = args;
    if (file.empty()) return out;
    std::ifstream in(file);
    if (!in) return fail(kBadKey, "cannot open " + file);
    std::string line;
    while (std::getline(in, line)) {
        line = trim(line);
        if (line.empty() || line.front() == '#') continue;
        out.push_back(line);
    }
    return out;
}

std::vector<Address> sequencers_of(std::span<const format::L2Block> blocks) {
    std::vector<Address> out;
    for (const auto& b : blocks)
        if (std::find(out.begin(), out.end(), b.header.sequencer) == out.end()) out.push_back(b.header.sequencer);
    return out;
}

Result<Signed> sign_blocks(std::span<const format::L2Block> blocks, const std::vector<std::string>& secret_hex) {
    const auto seqs = sequencers_of(blocks);
    if (secret_hex.empty()) return fail(kBadKey, "no BLS secret key");
    LUXL2_CHECK(check_count(secret_hex.size(), seqs.size(), "BLS secret keys"));
    Signed out;
    std::vector<crypto::bls::SecretKey> secrets;
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        const std::string& h = secret_hex[secret_hex.size() == 1 ? 0 : i];
        auto sk = from_hex_fixed<crypto::bls::kSecretKeySize>(h);
        if (!sk) return fail(kBadKey, "BLS secret key " + std::to_string(i) + ": " + sk.error().to_string());
        auto pk = crypto::bls::sk_to_pk(sk->view());
        if (!pk) {
            secure_wipe(sk->data(), sk->size());
            return fail(kBadKey, "BLS secret key " + std::to_string(i) + ": " + pk.error().to_string());
        }
        out.keys.emplace_back(seqs[i], *pk);
        secrets.push_back(*sk);
        secure_wipe(sk->data(), sk->size());
    }
    std::vector<crypto::bls::Signature> sigs;
    sigs.reserve(blocks.size());
    Result<void> status;
    for (const auto& b : blocks) {
        const auto at = std::find(seqs.begin(), seqs.end(), b.header.sequencer) - seqs.begin();
        const Hash32 h = format::block_hash(b.header);
        auto s = crypto::bls::sign(secrets[static_cast<std::size_t>(at)].view(), h.view());
        if (!s) {
            status = std::unexpected(std::move(s.error()));
            break;
        }
        sigs.push_back(*s);
    }
    for (auto& sk : secrets) secure_wipe(sk.data(), sk.size());
    LUXL2_CHECK(std::move(status));
    LUXL2_TRY(proof, batch::bls_aggregate_proof(sigs));
    out.proof = std::move(proof);
    return out;
}

Result<batch::BlsProofVerifier> make_verifier(const std::vector<std::string>& entries,
                                              std::span<const Address> sequencers) {
    batch::BlsProofVerifier v;
    std::vector<Address> left(sequencers.begin(), sequencers.end());
    std::vector<crypto::bls::PublicKey> plain;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string& e = entries[i];
        const auto eq = e.find('=');
        auto pk = from_hex_fixed<crypto::bls::kPublicKeySize>(eq == std::string::npos ? e : e.substr(eq + 1));
        if (!pk) return fail(kBadKey, "BLS public key " + std::to_string(i) + ": " + pk.error().to_string());
        if (eq == std::string::npos) {
            plain.push_back(*pk);
            continue;
        }
        auto addr = from_hex_fixed<20>(e.substr(0, eq));
        if (!addr)
            return fail(kBadKey, "BLS public key " + std::to_string(i) + " address: " + addr.error().to_string());
        if (auto r = v.register_key(*addr, *pk); !r)
            return fail(kBadKey, "BLS public key " + std::to_string(i) + ": " + r.error().to_string());
        std::erase(left, *addr);
    }
    if (plain.empty()) return v;
    LUXL2_CHECK(check_count(plain.size(), left.size(), "BLS public keys without an address"));
    for (std::size_t i = 0; i < left.size(); ++i)
        if (auto r = v.register_key(left[i], plain[plain.size() == 1 ? 0 : i]); !r)
            return fail(kBadKey, "BLS public key " + std::to_string(i) + ": " + r.error().to_string());
    return v;
}

}  // namespace luxl2::cli::batch_bls
