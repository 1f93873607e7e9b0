// luxl2 batch chain | create | verify | frames | join: LP-505 batch aggregation and L1 frames.
// A BATCH file holds batch data (docs/format/frames.md): version ‖ flags ‖ RLP or zstd envelope.
// create --bls-key / verify --bls-pub add and check the BLS aggregated proof (batch_bls.hpp).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "batch_bls.hpp"
#include "commands.hpp"
#include "luxl2/batch/batch.hpp"
#include "luxl2/batch/chain.hpp"
#include "luxl2/batch/frames.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"

namespace luxl2::cli {
namespace {

struct StrategyArgs {
    std::uint64_t max_blocks = 4096;
    std::uint64_t max_size = 64u << 20;
    std::uint64_t max_delay = 0;
    format::AggregationStrategy get(bool compress, bool aggregate = false) const {
        return {U256(max_blocks), U256(max_size), U256(max_delay), compress, aggregate};
    }
};

void add_strategy(CLI::App* cmd, StrategyArgs& s) {
    cmd->add_option("--max-blocks", s.max_blocks, "AggregationStrategy.maxBlocks")->capture_default_str();
    cmd->add_option("--max-size", s.max_size, "AggregationStrategy.maxSize (bytes of the L1 payload)")
        ->capture_default_str();
    cmd->add_option("--max-delay", s.max_delay, "AggregationStrategy.maxDelay (seconds, 0 = none)")
        ->capture_default_str();
}

int fail_with(const Error& e, int code) {
    std::cerr << "error: " << e.to_string() << "\n";
    return code;
}

int run_chain(std::size_t count, std::size_t txs, std::uint64_t seed, std::uint64_t first, const std::string& dir) {
    auto key = crypto::SecretKey::from_bytes(crypto::keccak256(Bytes{'s', 'e', 'q'}).view());
    if (!key) return fail_with(key.error(), 2);
    batch::ChainSpec spec;
    spec.seed = seed;
    spec.blocks = count;
    spec.txs_per_block = txs;
    spec.first_number = first;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto blocks = batch::make_chain(spec, *key);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "block_%04zu.json", i);
        const std::string text = format::to_json(blocks[i]).dump();
        if (!write_file_bytes((std::filesystem::path(dir) / name).string(), Bytes(text.begin(), text.end()))) return 2;
    }
    std::cout << blocks.size() << " blocks written to " << dir << "\n";
    return 0;
}

struct BlsArgs {
    std::vector<std::string> keys;  // create: secret keys; verify: [ADDRESS=]public keys
    std::string file;
    [[nodiscard]] bool given() const { return !keys.empty() || !file.empty(); }
};

int run_create(const std::vector<std::string>& paths, const StrategyArgs& s, bool compress, const BlsArgs& bls,
               const std::string& out) {
    std::vector<format::L2Block> blocks;
    for (const auto& p : paths) {
        auto bytes = read_file_bytes(p);
        if (!bytes) return 2;
        auto b = format::from_json_text<format::L2Block>(
            std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()));
        if (!b) return fail_with(b.error().at(p), 2);
        blocks.push_back(std::move(*b));
    }
    batch_bls::Signed proof;
    if (bls.given()) {
        auto secrets = batch_bls::gather(bls.keys, bls.file);
        if (!secrets) return fail_with(secrets.error(), 2);
        auto signed_ = batch_bls::sign_blocks(blocks, *secrets);
        if (!signed_) return fail_with(signed_.error(), 2);
        proof = std::move(*signed_);
    }
    auto b = batch::create_batch(std::move(blocks), s.get(compress, bls.given()), proof.proof);
    if (!b) return fail_with(b.error(), 1);
    auto data = batch::encode_batch_data(*b, compress);
    if (!data) return fail_with(data.error(), 2);
    if (!write_file_bytes(out, *data)) return 2;
    std::cout << "blocks " << b->start_block.to_string() << ".." << b->end_block.to_string() << "\nbatchRoot "
              << to_hex(b->batch_root) << "\nl1SubmissionHash " << to_hex(b->l1_submission_hash) << "\nbytes "
              << data->size() << "\n";
    if (!proof.proof.empty()) {
        std::cout << "aggregatedProof " << to_hex(proof.proof) << "\n";
        for (const auto& [addr, pk] : proof.keys)
            std::cout << "blsPublicKey " << to_hex(addr) << "=" << to_hex(pk) << "\n";
    }
    return 0;
}

int run_verify(const std::string& path, const StrategyArgs& s, const BlsArgs& bls) {
    auto bytes = read_file_bytes(path);
    if (!bytes) return 2;
    auto b = batch::decode_batch_data(*bytes);
    if (!b) return fail_with(b.error(), 2);
    const bool compressed = bytes->size() > 1 && (*bytes)[1] != 0;
    const bool has_proof = !b->aggregated_proof.empty();
    if (has_proof && !bls.given())
        return fail_with(Error{batch::errc::bad_proof, "the batch carries an aggregated BLS proof: give --bls-pub"}, 1);
    std::optional<batch::BlsProofVerifier> verifier;
    if (bls.given()) {
        auto entries = batch_bls::gather(bls.keys, bls.file);
        if (!entries) return fail_with(entries.error(), 2);
        auto v = batch_bls::make_verifier(*entries, batch_bls::sequencers_of(b->blocks));
        if (!v) return fail_with(v.error(), 2);
        verifier = std::move(*v);
    }
    if (auto r = batch::verify_batch(*b, s.get(compressed, bls.given()), verifier ? &*verifier : nullptr); !r)
        return fail_with(r.error(), 1);
    std::cout << "valid: blocks " << b->start_block.to_string() << ".." << b->end_block.to_string()
              << (has_proof ? ", aggregated BLS proof verified" : "") << "\n";
    return 0;
}

int run_frames(const std::string& path, std::size_t frame_size, const std::string& dir) {
    auto bytes = read_file_bytes(path);
    if (!bytes) return 2;
    auto frames = batch::split_frames(*bytes, frame_size);
    if (!frames) return fail_with(frames.error(), 2);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    for (const auto& f : *frames) {
        char name[32];
        std::snprintf(name, sizeof name, "frame_%05u.bin", static_cast<unsigned>(f.index));
        if (!write_file_bytes((std::filesystem::path(dir) / name).string(), batch::encode_frame(f))) return 2;
    }
    std::cout << frames->size() << " frames written to " << dir << "\n";
    return 0;
}

int run_join(const std::vector<std::string>& paths, const std::string& out) {
    std::vector<batch::Frame> frames;
    for (const auto& p : paths) {
        auto bytes = read_file_bytes(p);
        if (!bytes) return 2;
        auto f = batch::decode_frame(*bytes);
        if (!f) return fail_with(f.error().at(p), 2);
        frames.push_back(std::move(*f));
    }
    auto data = batch::reassemble(frames);
    if (!data) return fail_with(data.error(), 2);
    if (!write_file_bytes(out, *data)) return 2;
    std::cout << data->size() << " bytes of batch data\n";
    return 0;
}

}  // namespace

void register_batch(CLI::App& app, Registry& reg) {
    auto* cmd = app.add_subcommand("batch", "LP-505 batch aggregation: build, verify, frame for L1");
    cmd->require_subcommand(1);

    auto* chain = cmd->add_subcommand("chain", "Write a chain of generated, linked, signed blocks as JSON files");
    static std::size_t count = 4, txs = 8;
    static std::uint64_t seed = 1, first = 1;
    static std::string chain_dir;
    chain->add_option("--count", count, "number of blocks")->capture_default_str();
    chain->add_option("--txs", txs, "transactions per block")->capture_default_str();
    chain->add_option("--seed", seed, "generator seed")->capture_default_str();
    chain->add_option("--first", first, "first block number")->capture_default_str();
    chain->add_option("--out", chain_dir, "output directory")->required();
    chain->callback([&reg] { reg.exit_code = run_chain(count, txs, seed, first, chain_dir); });

    auto* create = cmd->add_subcommand("create", "Aggregate block JSON files into a BATCH file");
    static std::vector<std::string> block_paths;
    static std::string create_out;
    static bool compress = false;
    static StrategyArgs create_strategy;
    static BlsArgs create_bls;
    create->add_option("--blocks", block_paths, "block JSON files, in order")->required();
    create->add_option("--out", create_out, "BATCH file to write")->required();
    create->add_flag("--compress", compress, "compressFirst: zstd-compress the batch data");
    create->add_option("--bls-key", create_bls.keys,
                       "aggregateProofs: BLS secret key (32-byte hex); one signs every block, or one per distinct "
                       "sequencer in order of first appearance");
    create->add_option("--bls-key-file", create_bls.file, "file of BLS secret keys, one hex per line");
    add_strategy(create, create_strategy);
    create->callback(
        [&reg] { reg.exit_code = run_create(block_paths, create_strategy, compress, create_bls, create_out); });

    auto* verify = cmd->add_subcommand("verify", "Verify a BATCH file (0 valid, 1 invalid, 2 malformed)");
    static std::string verify_in;
    static StrategyArgs verify_strategy;
    static BlsArgs verify_bls;
    verify->add_option("BATCH", verify_in, "BATCH file")->required();
    verify->add_option("--bls-pub", verify_bls.keys,
                       "[ADDRESS=]BLS public key (48-byte hex) of a sequencer; without an address, keys go to the "
                       "batch's sequencers in order of first appearance (one key: all of them)");
    verify->add_option("--bls-pub-file", verify_bls.file, "file of [ADDRESS=]BLS public keys, one per line");
    add_strategy(verify, verify_strategy);
    verify->callback([&reg] { reg.exit_code = run_verify(verify_in, verify_strategy, verify_bls); });

    auto* frames = cmd->add_subcommand("frames", "Split a BATCH file into L1 frames (one per blob by default)");
    static std::string frames_in, frames_dir;
    static std::size_t frame_size = batch::kBlobUsableBytes;
    frames->add_option("BATCH", frames_in, "BATCH file")->required();
    frames->add_option("--out", frames_dir, "output directory")->required();
    frames->add_option("--frame-size", frame_size, "largest frame in bytes (blob: 130044)")->capture_default_str();
    frames->callback([&reg] { reg.exit_code = run_frames(frames_in, frame_size, frames_dir); });

    auto* join = cmd->add_subcommand("join", "Reassemble one batch's frames (in any order) into a BATCH file");
    static std::vector<std::string> frame_paths;
    static std::string join_out;
    join->add_option("FRAMES", frame_paths, "frame files, in any order")->required();
    join->add_option("--out", join_out, "BATCH file to write")->required();
    join->callback([&reg] { reg.exit_code = run_join(frame_paths, join_out); });
}

}  // namespace luxl2::cli
