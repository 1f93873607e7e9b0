// luxl2 block gen|convert|hash|inspect: LP-505 blocks in every encoding.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "luxl2/core/hex.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/testing.hpp"
#include "luxl2/format/validate.hpp"

namespace luxl2::cli {
namespace {

constexpr format::Encoding kAll[] = {format::Encoding::kJson, format::Encoding::kRlp, format::Encoding::kProtobuf,
                                     format::Encoding::kBinary, format::Encoding::kSsz};

Result<Bytes> read_input(const std::string& path) {
    const auto s = read_text_input(path);
    if (!s) return fail("cli.io", "cannot open " + path);
    return Bytes(s->begin(), s->end());
}

Result<void> write_output(const std::string& path, ByteView data) {
    if (path == "-") {
        std::cout.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
        std::cout.flush();
        return {};
    }
    std::ofstream f(path, std::ios::binary);
    if (!f) return fail("cli.io", "cannot write " + path);
    f.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    return {};
}

// With --hex, binary inputs and outputs are hex text (handy in shells and JSON tests).
Result<Bytes> unhex_if(Bytes in, bool hex) {
    if (!hex) return in;
    std::string s(in.begin(), in.end());
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.erase(s.begin());
    return from_hex(s);
}

Bytes hex_if(Bytes out, bool hex) {
    if (!hex) return out;
    std::string s = to_hex(out) + "\n";
    return Bytes(s.begin(), s.end());
}

// The format of an input when none is given: JSON if it starts with '{', else RLP.
format::Encoding guess(ByteView in) {
    for (auto b : in) {
        if (std::isspace(b)) continue;
        return b == '{' ? format::Encoding::kJson : format::Encoding::kRlp;
    }
    return format::Encoding::kRlp;
}

Result<format::L2Block> load_block(const std::string& path, const std::string& fmt, bool hex) {
    LUXL2_TRY(raw, read_input(path));
    format::Encoding e = guess(raw);
    if (!fmt.empty()) {
        LUXL2_TRY(parsed, format::parse_encoding(fmt));
        e = parsed;
    }
    if (e != format::Encoding::kJson) {
        LUXL2_TRY(bytes, unhex_if(std::move(raw), hex));
        raw = std::move(bytes);
    }
    return format::decode_block(raw, e);
}

int report(const Error& e) {
    std::cerr << "error: " << e.to_string() << "\n";
    return 1;
}

std::optional<format::testing::EthSample> load_sample(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    std::stringstream ss;
    ss << f.rdbuf();
    auto s = format::testing::parse_eth_sample_csv(ss.str());
    if (!s) {
        std::cerr << "warning: " << path << ": " << s.error().to_string() << "; synthesising transactions\n";
        return std::nullopt;
    }
    return std::move(*s);
}

std::size_t varint_size(std::size_t n) {
    std::size_t k = 1;
    while (n >= 0x80) {
        n >>= 7;
        ++k;
    }
    return k;
}

// A section's Protobuf size inside the block: its field tag, length and message(s).
template <class F>
std::size_t protobuf_section(const F& field) {
    if constexpr (std::is_same_v<F, Bytes>) {
        return field.empty() ? 0 : 1 + varint_size(field.size()) + field.size();
    } else if constexpr (format::detail::is_list_v<F>) {
        std::size_t n = 0;
        for (const auto& e : field) n += protobuf_section(e);
        return n;
    } else {
        const std::size_t n = format::protobuf_encode(field).size();
        return 1 + varint_size(n) + n;
    }
}

// Section sizes: each section encoded on its own (RLP item, binary value, Protobuf field, JSON text).
template <class F>
void section_row(const std::string& name, const F& field) {
    const std::size_t rlp = format::detail::rlpc::length(field);
    Bytes bin;
    format::detail::binc::encode_value(bin, field);
    const std::size_t json = format::detail::jsonc::to_json(field).dump().size();
    std::printf("%-18s %10zu %10zu %10zu %10zu\n", name.c_str(), rlp, bin.size(), protobuf_section(field), json);
}

int inspect(const format::L2Block& b) {
    std::printf("block %s  number %s  transactions %zu\n", to_hex(format::block_hash(b)).c_str(),
                b.header.block_number.to_string().c_str(), b.transactions.size());
    std::map<unsigned, std::size_t> types;
    for (const auto& tx : b.transactions) ++types[tx.tx_type];
    std::printf("transaction types:");
    for (auto [t, n] : types) std::printf(" 0x%02x=%zu", t, n);
    std::printf("\n\n%-18s %10s %10s %10s %10s\n", "section (bytes)", "rlp", "binary", "protobuf", "json");
    section_row("header", b.header);
    section_row("transactions", b.transactions);
    section_row("stateTransition", b.state_transition);
    section_row("computeMetadata", b.compute_metadata);
    section_row("messages", b.messages);
    section_row("witness", b.witness);
    std::printf("\n%-18s", "whole block");
    for (auto e : kAll) {
        auto bytes = format::encode_block(b, e);
        if (bytes)
            std::printf(" %s=%zu", std::string(format::encoding_name(e)).c_str(), bytes->size());
        else
            std::printf(" %s=n/a", std::string(format::encoding_name(e)).c_str());
    }
    std::printf("\n");
    if (auto v = format::validate(b); !v)
        std::printf("validate: %s\n", v.error().to_string().c_str());
    else
        std::printf("validate: ok\n");
    return 0;
}

}  // namespace

void register_block(CLI::App& app, Registry& reg) {
    auto* block = app.add_subcommand("block", "LP-505 blocks: generate, convert between encodings, hash, inspect");
    block->require_subcommand(1);

    auto* gen = block->add_subcommand("gen", "Print a realistic random block as JSON");
    static std::size_t txs = 100;
    static std::uint64_t seed = 1;
    static std::string sample_path = std::string(LUXL2_DATA_DIR) + "/eth-mainnet/derived/mainnet_txs.csv";
    static bool synthetic = false;
    static bool pretty = false;
    gen->add_option("--txs", txs, "number of transactions")->capture_default_str();
    gen->add_option("--seed", seed, "generator seed")->capture_default_str();
    gen->add_option("--sample", sample_path, "CSV of real Ethereum transactions (raw_tx_hex column)")
        ->capture_default_str();
    gen->add_flag("--synthetic", synthetic,
                  "synthesise signed Ethereum transactions instead of drawing from the sample");
    gen->add_flag("--pretty", pretty, "indent the JSON");
    gen->callback([&reg] {
        std::optional<format::testing::EthSample> sample;
        if (!synthetic) sample = load_sample(sample_path);
        const auto b = format::testing::random_block(seed, txs, sample ? &*sample : nullptr);
        std::cout << format::to_json(b).dump(pretty ? 2 : -1) << "\n";
        reg.exit_code = 0;
    });

    auto* convert = block->add_subcommand(
        "convert", "Convert a block between encodings (json, rlp, protobuf, binary, canonical, ssz)");
    static std::string from, to, in, out;
    static bool hex = false;
    convert->add_option("--from", from, "input encoding")->required();
    convert->add_option("--to", to, "output encoding")->required();
    convert->add_option("IN", in, "input file, - for stdin")->required();
    convert->add_option("OUT", out, "output file, - for stdout")->required();
    convert->add_flag("--hex", hex, "binary encodings are hex text on input and output");
    convert->callback([&reg] {
        auto b = load_block(in, from, hex);
        if (!b) {
            reg.exit_code = report(b.error());
            return;
        }
        auto e = format::parse_encoding(to);
        if (!e) {
            reg.exit_code = report(e.error());
            return;
        }
        auto bytes = format::encode_block(*b, *e);
        if (!bytes) {
            reg.exit_code = report(bytes.error());
            return;
        }
        if (*e == format::Encoding::kJson)
            bytes->push_back('\n');
        else
            *bytes = hex_if(std::move(*bytes), hex);
        auto w = write_output(out, *bytes);
        reg.exit_code = w ? 0 : report(w.error());
    });

    auto* hash =
        block->add_subcommand("hash", "Print the block hash (keccak256 of the canonical header without signature)");
    static std::string hash_in, hash_fmt;
    static bool hash_hex = false;
    hash->add_option("IN", hash_in, "input file, - for stdin")->required();
    hash->add_option("--format", hash_fmt, "input encoding (default: json if it starts with '{', else rlp)");
    hash->add_flag("--hex", hash_hex, "a binary input is hex text");
    hash->callback([&reg] {
        auto b = load_block(hash_in, hash_fmt, hash_hex);
        if (!b) {
            reg.exit_code = report(b.error());
            return;
        }
        std::cout << to_hex(format::block_hash(*b)) << "\n";
        reg.exit_code = 0;
    });

    auto* insp = block->add_subcommand("inspect", "Print the size of each section in each encoding");
    static std::string insp_in, insp_fmt;
    static bool insp_hex = false;
    insp->add_option("IN", insp_in, "input file, - for stdin")->required();
    insp->add_option("--format", insp_fmt, "input encoding (default: json if it starts with '{', else rlp)");
    insp->add_flag("--hex", insp_hex, "a binary input is hex text");
    insp->callback([&reg] {
        auto b = load_block(insp_in, insp_fmt, insp_hex);
        if (!b) {
            reg.exit_code = report(b.error());
            return;
        }
        reg.exit_code = inspect(*b);
    });
}

}  // namespace luxl2::cli
