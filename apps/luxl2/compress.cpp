// luxl2 compress | decompress | dict: the LP-505 compression engine from the command line.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/dictionary.hpp"
#include "luxl2/compress/envelope.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::cli {
namespace {

using namespace luxl2::compress;

// Failed checks (hash, size) are 1; everything malformed, refused or unreadable is 2.
int exit_for(const Error& e) {
    return e.code == errc::hash_mismatch || e.code == errc::size_mismatch ? 1 : 2;
}

int report(const Error& e) {
    std::cerr << "error: " << e.to_string() << "\n";
    return exit_for(e);
}

struct CompressArgs {
    std::string codec = "zstd";
    std::optional<int> level;
    std::string dict, in, out;
    std::string csv;
    bool json = false;
    bool signature_free = false;
};

int run_compress(const CompressArgs& a) {
    auto spec = parse_codec(a.codec, a.level);
    if (!spec) return report(spec.error());
    auto in = read_file_bytes(a.in);
    if (!in) return 2;
    std::optional<Dictionary> dict;
    if (!a.dict.empty()) {
        auto d = read_file_bytes(a.dict);
        if (!d) return 2;
        dict = Dictionary{crypto::keccak256(*d), 0, std::move(*d)};
    }
    auto block = compress_block(*in, *spec, dict ? &*dict : nullptr);
    if (!block) return report(block.error());
    const Bytes env = encode_envelope(*block);
    if (!write_file_bytes(a.out, env)) return 2;
    std::cerr << a.in << ": " << in->size() << " -> " << env.size() << " bytes ("
              << codec_info(spec->type, spec->variant).name << " level " << spec->level << ")\n";
    return 0;
}

int run_compress_txs(const CompressArgs& a) {
    auto text = read_file_bytes(a.csv);
    if (!text) return 2;
    auto corpus = parse_tx_corpus(std::string_view(reinterpret_cast<const char*>(text->data()), text->size()));
    if (!corpus) return report(corpus.error());
    std::vector<Bytes> txs;
    std::vector<Address> senders;
    std::size_t raw = 0;
    for (auto& t : *corpus) {
        raw += t.raw.size();
        if (a.signature_free) {
            auto tx = format::decode_transaction(t.raw);
            if (!tx) return report(tx.error());
            auto s = format::recover_sender(*tx);
            if (!s) return report(s.error());
            senders.push_back(*s);
        }
        txs.push_back(std::move(t.raw));
    }
    ColumnarOptions opt;
    opt.signature_free = a.signature_free;
    ColumnarStats stats;
    auto enc = encode_columnar(txs, opt, senders, &stats);
    if (!enc) return report(enc.error());
    auto dec = decode_columnar(*enc);
    if (!dec) return report(dec.error());
    bool round_trip = !a.signature_free ? dec->raw_all() == txs : dec->senders == senders;
    if (!a.out.empty() && !write_file_bytes(a.out, *enc)) return 2;
    nlohmann::ordered_json j;
    j["transactions"] = txs.size();
    j["rawBytes"] = raw;
    j["compressedBytes"] = enc->size();
    j["ratio"] = enc->empty() ? 0.0 : static_cast<double>(raw) / static_cast<double>(enc->size());
    j["bytesPerTransaction"] = txs.empty() ? 0.0 : static_cast<double>(enc->size()) / static_cast<double>(txs.size());
    j["signatureFree"] = a.signature_free;
    j["roundTrip"] = round_trip;
    j["verbatimTransactions"] = stats.fallback_txs;
    j["headerBytes"] = stats.header_bytes;
    for (const auto& c : stats.columns)
        j["columns"].push_back({{"name", c.name},
                                {"rawBytes", c.raw_bytes},
                                {"storedBytes", c.stored_bytes},
                                {"codec", codec_info(c.codec).name}});
    if (a.json) {
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << txs.size() << " transactions: " << raw << " -> " << enc->size() << " bytes ("
                  << j["ratio"].get<double>() << "x, " << j["bytesPerTransaction"].get<double>() << " B/tx)"
                  << (round_trip ? ", round trip ok" : ", ROUND TRIP FAILED") << "\n";
        for (const auto& c : stats.columns)
            std::cout << "  " << c.name << ": " << c.raw_bytes << " -> " << c.stored_bytes << " ("
                      << codec_info(c.codec).name << ")\n";
    }
    return round_trip ? 0 : 1;
}

}  // namespace

void register_compress(CLI::App& app, Registry& reg) {
    static CompressArgs ca;
    auto* c =
        app.add_subcommand("compress", "Compress a file into a CompressedBlock envelope, or a transaction batch (txs)");
    c->add_option("--codec", ca.codec, "none, gzip, zlib, snappy, zstd, zstd-long, lz4, lz4hc, brotli, custom");
    c->add_option("--level", ca.level, "codec level (zstd 1-22, brotli 0-11, gzip 1-9, lz4hc 1-12)");
    c->add_option("--dict", ca.dict, "a zstd dictionary file (named in the envelope by its keccak256)");
    c->add_option("IN", ca.in, "input file");
    c->add_option("OUT", ca.out, "output file");
    c->callback([&reg, c] {
        if (c->got_subcommand("txs")) return;
        if (ca.in.empty() || ca.out.empty()) {
            std::cerr << "error: compress needs IN and OUT\n";
            reg.exit_code = 2;
            return;
        }
        reg.exit_code = run_compress(ca);
    });
    auto* txs = c->add_subcommand("txs", "Columnar coding of signed transactions (CSV with raw_tx_hex, or hex lines)");
    txs->add_option("--csv", ca.csv, "the transactions")->required();
    txs->add_option("--out", ca.out, "also write the encoded batch here");
    txs->add_flag("--json", ca.json, "print one JSON object");
    txs->add_flag("--signature-free", ca.signature_free, "leave signatures out (senders recovered and carried)");
    txs->callback([&reg] { reg.exit_code = run_compress_txs(ca); });

    static std::string din, dout;
    static std::uint64_t max_out = kDefaultMaxOutput;
    static std::vector<std::string> ddicts;
    auto* d = app.add_subcommand("decompress", "Decompress a CompressedBlock envelope (size and keccak256 checked)");
    d->add_option("--max-out", max_out, "refuse output larger than this many bytes (default 64 MiB)");
    d->add_option("--dict", ddicts, "dictionary files the envelope may name");
    d->add_option("IN", din, "input file")->required();
    d->add_option("OUT", dout, "output file")->required();
    d->callback([&reg] {
        DictionaryStore store;
        std::uint32_t version = 0;
        for (const auto& p : ddicts) {
            auto b = read_file_bytes(p);
            if (!b) {
                reg.exit_code = 2;
                return;
            }
            if (auto id = store.add(std::move(*b), ++version); !id) {
                reg.exit_code = report(id.error());
                return;
            }
        }
        auto in = read_file_bytes(din);
        if (!in) {
            reg.exit_code = 2;
            return;
        }
        auto out = decompress_envelope(*in, {.max_output = max_out, .dictionaries = &store});
        if (!out) {
            reg.exit_code = report(out.error());
            return;
        }
        reg.exit_code = write_file_bytes(dout, *out) ? 0 : 2;
    });

    static std::string dict_out;
    static std::vector<std::string> samples;
    static std::size_t dict_size = 16 * 1024;
    auto* dict = app.add_subcommand("dict", "Compression dictionaries");
    dict->require_subcommand(1);
    auto* train = dict->add_subcommand(
        "train", "Train a zstd dictionary (ZDICT); a .csv sample gives one sample per transaction");
    train->add_option("--out", dict_out, "dictionary file to write")->required();
    train->add_option("--size", dict_size, "dictionary capacity in bytes (default 16384)");
    train->add_option("SAMPLES", samples, "sample files")->required();
    train->callback([&reg] {
        std::vector<Bytes> s;
        for (const auto& p : samples) {
            auto b = read_file_bytes(p);
            if (!b) {
                reg.exit_code = 2;
                return;
            }
            if (std::filesystem::path(p).extension() == ".csv") {
                auto corpus = parse_tx_corpus(std::string_view(reinterpret_cast<const char*>(b->data()), b->size()));
                if (!corpus) {
                    reg.exit_code = report(corpus.error());
                    return;
                }
                for (auto& t : *corpus) s.push_back(std::move(t.raw));
            } else {
                s.push_back(std::move(*b));
            }
        }
        auto trained = train_zstd_dictionary(s, dict_size);
        if (!trained) {
            reg.exit_code = report(trained.error());
            return;
        }
        if (!write_file_bytes(dict_out, *trained)) {
            reg.exit_code = 2;
            return;
        }
        std::cout << to_hex(crypto::keccak256(*trained)) << " " << trained->size() << " bytes from " << s.size()
                  << " samples\n";
    });
}

}  // namespace luxl2::cli
