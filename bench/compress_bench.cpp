// compress/...: every allow-listed codec at its default and maximum level over the concatenated raw
// bytes of each corpus, against our pipeline (columnar transactions, blocks, state deltas) on the same
// bytes. `luxl2 bench compress` prints one table per corpus and the goals.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "bench_summary.hpp"
#include "luxl2/compress/account_context.hpp"
#include "luxl2/compress/columnar.hpp"
#include "luxl2/compress/dictionary.hpp"
#include "luxl2/compress/envelope.hpp"
#include "luxl2/compress/eth_block.hpp"
#include "luxl2/compress/records.hpp"
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/compress/tx_corpus.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/codec.hpp"
#include "luxl2/format/transaction.hpp"

namespace {

using namespace luxl2;
using namespace luxl2::compress;
namespace fs = std::filesystem;

enum class Kind { kTxs, kBlocks, kState, kRecords };

struct Corpus {
    std::string name;
    Kind kind = Kind::kTxs;
    std::vector<Bytes> items;          // transactions or blocks
    std::vector<Address> senders;      // transactions: for the signature-free mode
    Bytes concat;                      // what the generic codecs see
    SyntheticState state;              // kState
    std::vector<Bytes> dict_training;  // transactions of other blocks, for the dictionary rows
    // kTxs: a simulated L2 state of 2^24 accounts holding every sender and recipient (the "+ctx" rows)
    std::shared_ptr<MapAccountContext> context;
    std::vector<format::ComputeMetadata> metadata;  // kRecords: one per block; `items` holds their RLP
};

Corpus make_corpus(std::string name, Kind kind) {
    Corpus c;
    c.name = std::move(name);
    c.kind = kind;
    return c;
}

std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

void finish(Corpus& c) {
    if (c.kind == Kind::kState) {
        c.concat = c.state.naive_encoding();
        return;
    }
    for (const auto& i : c.items) append(c.concat, i);
    if (c.kind == Kind::kTxs && c.senders.empty()) {
        for (const auto& raw : c.items) {
            auto tx = format::decode_transaction(raw);
            auto s = tx ? format::recover_sender(*tx) : Result<Address>(Address{});
            c.senders.push_back(s ? *s : Address{});
        }
    }
    if (c.kind == Kind::kTxs) {
        std::vector<Address> accounts = c.senders;
        for (const auto& raw : c.items)
            if (auto tx = format::decode_transaction(raw); tx && tx->to) accounts.push_back(*tx->to);
        c.context = std::make_shared<MapAccountContext>(simulated_state(accounts, 24));
    }
}

const std::vector<Corpus>& corpora() {
    static const std::vector<Corpus> all = [] {
        std::vector<Corpus> out;
        const fs::path data(LUXL2_DATA_DIR);
        auto txs = parse_tx_corpus(read_file(data / "eth-mainnet/derived/mainnet_txs.csv"));
        Corpus mainnet = make_corpus("mainnet-txs", Kind::kTxs);
        Corpus transfers = make_corpus("mainnet-transfers", Kind::kTxs);
        Corpus first1000 = make_corpus("mainnet-1000tx", Kind::kTxs);
        if (txs) {
            // The dictionary rows train on other blocks only: never on the data they measure.
            std::set<std::uint64_t> measured_blocks;
            for (std::size_t i = 0; i < txs->size() && i < 1000; ++i) measured_blocks.insert((*txs)[i].block_number);
            for (auto& t : *txs) {
                if (is_plain_transfer(t.raw)) transfers.items.push_back(t.raw);
                if (first1000.items.size() < 1000) first1000.items.push_back(t.raw);
                if (!measured_blocks.contains(t.block_number)) first1000.dict_training.push_back(t.raw);
                mainnet.items.push_back(std::move(t.raw));
            }
        }
        Corpus blocks = make_corpus("mainnet-blocks", Kind::kBlocks);
        if (fs::exists(data / "eth-mainnet/derived/full_blocks"))
            for (const auto& e : fs::directory_iterator(data / "eth-mainnet/derived/full_blocks"))
                if (e.path().extension() == ".rlp") {
                    const auto s = read_file(e.path());
                    blocks.items.emplace_back(s.begin(), s.end());
                }
        Corpus calls = make_corpus("l2-contract-calls", Kind::kTxs);
        for (auto& t : synthetic_contract_calls(1000, 1))
            calls.items.push_back(std::move(t.raw)), calls.senders.push_back(t.sender);
        Corpus l2t = make_corpus("l2-transfers", Kind::kTxs);
        for (auto& t : synthetic_transfers(1000, 2))
            l2t.items.push_back(std::move(t.raw)), l2t.senders.push_back(t.sender);
        Corpus state = make_corpus("l2-state-deltas", Kind::kState);
        state.state = synthetic_state_deltas(1000, 3);
        Corpus ai = make_corpus("l2-ai-metadata", Kind::kRecords);
        ai.metadata = synthetic_compute_metadata(1000, 4);
        for (const auto& m : ai.metadata) ai.items.push_back(format::rlp_encode(m));
        for (Corpus* c : {&mainnet, &transfers, &first1000, &blocks, &calls, &l2t, &state, &ai}) {
            finish(*c);
            out.push_back(std::move(*c));
        }
        return out;
    }();
    return all;
}

struct Method {
    std::string name;
    std::function<Result<Bytes>(const Corpus&)> compress;
    std::function<Result<std::size_t>(const Corpus&, ByteView)> decompress;  // returns the bytes rebuilt
};

Method codec_method(const std::string& codec, int level) {
    const std::string name = codec + "-" + std::to_string(level);
    return {name,
            [codec, level](const Corpus& c) -> Result<Bytes> {
                LUXL2_TRY(spec, parse_codec(codec, level));
                LUXL2_TRY(b, compress_block(c.concat, spec));
                return encode_envelope(b);
            },
            [](const Corpus&, ByteView in) -> Result<std::size_t> {
                LUXL2_TRY(out, decompress_envelope(in, {.max_output = 1ull << 30}));
                return out.size();
            }};
}

std::vector<Method> methods_for(const Corpus& c) {
    std::vector<Method> m;
    for (const auto& info : codecs()) {
        if (info.name == "zlib" || info.name == "none") continue;
        m.push_back(codec_method(std::string(info.name), info.default_level));
        if (info.max_level != info.default_level) {
            if (info.name == "zstd") m.push_back(codec_method("zstd", 19));
            m.push_back(codec_method(std::string(info.name), info.max_level));
        }
    }
    if (c.name == "mainnet-1000tx") {
        // Each transaction compressed on its own (as for gossip or a mempool), without and with a zstd
        // dictionary trained on other blocks' transactions.
        for (bool with_dict : {false, true}) {
            m.push_back({with_dict ? "zstd-19-each+dict" : "zstd-19-each",
                         [with_dict](const Corpus& k) -> Result<Bytes> {
                             static const auto dict = train_zstd_dictionary(k.dict_training, 32 * 1024);
                             if (with_dict && !dict) return std::unexpected(dict.error());
                             Bytes out;
                             const DictionaryRef ref{with_dict ? crypto::keccak256(*dict) : Hash32{},
                                                     with_dict ? ByteView(*dict) : ByteView{}};
                             for (const auto& t : k.items) {
                                 LUXL2_TRY(z, compress_raw({CompressionType::kZstandard, Variant::kDefault, 19}, t,
                                                           with_dict ? &ref : nullptr));
                                 put_varint(out, t.size());
                                 put_varint(out, z.size());
                                 append(out, z);
                             }
                             return out;
                         },
                         [with_dict](const Corpus& k, ByteView in) -> Result<std::size_t> {
                             static const auto dict = train_zstd_dictionary(k.dict_training, 32 * 1024);
                             const DictionaryRef ref{with_dict && dict ? crypto::keccak256(*dict) : Hash32{},
                                                     with_dict && dict ? ByteView(*dict) : ByteView{}};
                             std::size_t n = 0;
                             while (!in.empty()) {
                                 LUXL2_TRY(size, get_varint(in));
                                 LUXL2_TRY(len, get_varint(in));
                                 if (len > in.size()) return fail(errc::corrupt, "truncated");
                                 LUXL2_TRY(out, decompress_raw(CompressionType::kZstandard, in.first(len), size, size,
                                                               with_dict ? &ref : nullptr));
                                 in = in.subspan(len);
                                 n += out.size();
                             }
                             return n;
                         }});
        }
    }
    if (c.kind == Kind::kTxs) {
        // The size ceiling of the same columns: zstd-19 on every column (too slow for the 20 MB/s goal).
        m.push_back({"ours-max",
                     [](const Corpus& k) -> Result<Bytes> {
                         ColumnarOptions o;
                         o.zstd_level = 19;
                         o.zstd_level_mid = 19;
                         o.zstd_level_large = 19;
                         return encode_columnar(k.items, o);
                     },
                     [](const Corpus&, ByteView in) -> Result<std::size_t> {
                         LUXL2_TRY(b, decode_columnar(in));
                         return b.bytes.size();
                     }});
        for (bool ctx : {false, true})
            for (bool sigfree : {false, true}) {
                const std::string name = std::string(sigfree ? "ours-sigfree" : "ours") + (ctx ? "+ctx" : "");
                m.push_back({name,
                             [sigfree, ctx](const Corpus& k) -> Result<Bytes> {
                                 ColumnarOptions o;
                                 o.signature_free = sigfree;
                                 if (ctx) o.context = k.context.get();
                                 return encode_columnar(
                                     k.items, o,
                                     sigfree ? std::span<const Address>(k.senders) : std::span<const Address>{});
                             },
                             [ctx](const Corpus& k, ByteView in) -> Result<std::size_t> {
                                 LUXL2_TRY(b, ctx ? decode_columnar(in, {}, *k.context) : decode_columnar(in));
                                 return b.bytes.size();
                             }});
            }
    } else if (c.kind == Kind::kBlocks) {
        m.push_back({"ours", [](const Corpus& k) { return compress_eth_blocks(k.items); },
                     [](const Corpus&, ByteView in) -> Result<std::size_t> {
                         LUXL2_TRY(b, decompress_eth_blocks(in));
                         return b.size();
                     }});
    } else if (c.kind == Kind::kRecords) {
        m.push_back({"ours", [](const Corpus& k) { return encode_records<format::ComputeMetadata>(k.metadata); },
                     [](const Corpus&, ByteView in) -> Result<std::size_t> {
                         LUXL2_TRY(r, decode_records<format::ComputeMetadata>(in));
                         return r.size();
                     }});
    } else {
        m.push_back({"ours", [](const Corpus& k) { return compress_state_deltas(k.state.accounts, k.state.storage); },
                     [](const Corpus& k, ByteView in) -> Result<std::size_t> {
                         LUXL2_TRY(d, decompress_state_deltas(in, k.state.view()));
                         return d.accounts.size() + d.storage.size();
                     }});
    }
    return m;
}

void run_compress(benchmark::State& st, const Corpus* c, const Method* m) {
    std::size_t out_size = 0;
    for (auto _ : st) {
        auto out = m->compress(*c);
        if (!out) {
            st.SkipWithError(out.error().to_string().c_str());
            return;
        }
        out_size = out->size();
        benchmark::DoNotOptimize(out->data());
    }
    st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(c->concat.size()));
    st.counters["raw"] = static_cast<double>(c->concat.size());
    st.counters["out"] = static_cast<double>(out_size);
    st.counters["items"] = static_cast<double>(
        c->kind == Kind::kState ? c->state.accounts.size() + c->state.storage.size() : c->items.size());
}

void run_decompress(benchmark::State& st, const Corpus* c, const Method* m) {
    auto packed = m->compress(*c);
    if (!packed) {
        st.SkipWithError(packed.error().to_string().c_str());
        return;
    }
    for (auto _ : st) {
        auto n = m->decompress(*c, *packed);
        if (!n) {
            st.SkipWithError(n.error().to_string().c_str());
            return;
        }
        benchmark::DoNotOptimize(*n);
    }
    st.SetBytesProcessed(st.iterations() * static_cast<std::int64_t>(c->concat.size()));
}

// Registered at start-up: corpora are only loaded when a compress benchmark runs.
const bool registered = [] {
    static const std::vector<std::string> names{"mainnet-txs",     "mainnet-transfers", "mainnet-1000tx",
                                                "mainnet-blocks",  "l2-contract-calls", "l2-transfers",
                                                "l2-state-deltas", "l2-ai-metadata"};
    for (std::size_t ci = 0; ci < names.size(); ++ci) {
        // The method list depends only on the corpus kind; build it from a stub of that kind.
        Corpus stub;
        stub.name = names[ci];
        stub.kind = names[ci] == "mainnet-blocks"    ? Kind::kBlocks
                    : names[ci] == "l2-state-deltas" ? Kind::kState
                    : names[ci] == "l2-ai-metadata"  ? Kind::kRecords
                                                     : Kind::kTxs;
        const auto methods = std::make_shared<std::vector<Method>>(methods_for(stub));
        for (std::size_t mi = 0; mi < methods->size(); ++mi) {
            const std::string base = "compress/" + names[ci] + "/" + (*methods)[mi].name;
            benchmark::RegisterBenchmark(
                (base + "/compress").c_str(),
                [ci, mi, methods](benchmark::State& st) { run_compress(st, &corpora()[ci], &(*methods)[mi]); })
                ->Unit(benchmark::kMillisecond)
                ->MinTime(0.2);
            benchmark::RegisterBenchmark(
                (base + "/decompress").c_str(),
                [ci, mi, methods](benchmark::State& st) { run_decompress(st, &corpora()[ci], &(*methods)[mi]); })
                ->Unit(benchmark::kMillisecond)
                ->MinTime(0.2);
        }
    }
    return true;
}();

void summary(const std::vector<luxl2::bench::RunResult>& runs) {
    // name -> (out bytes, raw, items, compress B/s, decompress B/s, decompress ns)
    struct Row {
        double out = 0, raw = 0, items = 0, cbps = 0, dbps = 0, dns = 0;
    };
    std::map<std::string, std::vector<std::pair<std::string, Row>>> tables;
    std::map<std::string, std::map<std::string, Row>> index;
    for (const auto& r : runs) {
        const auto p1 = r.name.find('/');
        const auto p2 = r.name.find('/', p1 + 1);
        const auto p3 = r.name.find('/', p2 + 1);
        if (p3 == std::string::npos) continue;
        const std::string corpus = r.name.substr(p1 + 1, p2 - p1 - 1);
        const std::string method = r.name.substr(p2 + 1, p3 - p2 - 1);
        const std::string op = r.name.substr(p3 + 1);
        auto& row = index[corpus][method];
        if (op.rfind("compress", 0) == 0) {
            row.out = r.counters.count("out") ? r.counters.at("out") : 0;
            row.raw = r.counters.count("raw") ? r.counters.at("raw") : 0;
            row.items = r.counters.count("items") ? r.counters.at("items") : 0;
            row.cbps = r.bytes_per_second;
            bool seen = false;
            for (const auto& [m, _] : tables[corpus]) seen |= m == method;
            if (!seen) tables[corpus].emplace_back(method, Row{});
        } else {
            row.dbps = r.bytes_per_second;
            row.dns = r.real_time_ns;
        }
    }
    for (const auto& [corpus, order] : tables) {
        const auto& rows = index[corpus];
        const double raw = rows.begin()->second.raw;
        const double items = rows.begin()->second.items;
        std::printf("\n%s: %.0f raw bytes, %.0f items\n", corpus.c_str(), raw, items);
        std::printf("  %-17s %12s %8s %9s %11s %11s\n", "method", "bytes", "ratio", "B/item", "comp MB/s",
                    "decomp MB/s");
        for (const auto& [m, _] : order) {
            const Row& r = rows.at(m);
            std::printf("  %-17s %12.0f %7.2fx %9.1f %11.1f %11.1f\n", m.c_str(), r.out, r.out > 0 ? raw / r.out : 0,
                        items > 0 ? r.out / items : 0, r.cbps / 1e6, r.dbps / 1e6);
        }
    }
    auto get = [&](const std::string& c, const std::string& m) -> const Row* {
        const auto ci = index.find(c);
        if (ci == index.end()) return nullptr;
        const auto mi = ci->second.find(m);
        return mi == ci->second.end() ? nullptr : &mi->second;
    };
    std::printf("\ngoals (same run):\n");
    if (const Row* o = get("mainnet-txs", "ours"), *z = get("mainnet-txs", "zstd-19"),
        *b = get("mainnet-txs", "brotli-11");
        o && z && b) {
        const double best = std::min(z->out, b->out);
        std::printf(
            "  real txs: ours %.0f B vs best(zstd-19, brotli-11) %.0f B: %.1f%% fewer (goal >= 15%%), "
            "compress %.1f MB/s (goal >= 20), decompress %.1f MB/s (goal >= 300)\n",
            o->out, best, 100.0 * (1 - o->out / best), o->cbps / 1e6, o->dbps / 1e6);
    }
    if (const Row* t = get("mainnet-transfers", "ours"))
        std::printf("  real transfers with ECDSA: %.1f B each (goal <= 72)\n", t->out / t->items);
    if (const Row* t = get("mainnet-transfers", "ours+ctx"))
        std::printf("  real transfers with ECDSA, accounts named by a 2^24-account state: %.1f B each (goal <= 72)\n",
                    t->out / t->items);
    if (const Row* t = get("mainnet-transfers", "ours-sigfree"))
        std::printf("  real transfers signature-free: %.1f B each (goal <= 12)\n", t->out / t->items);
    if (const Row* t = get("mainnet-transfers", "ours-sigfree+ctx"))
        std::printf("  real transfers signature-free, accounts by state index: %.1f B each (goal <= 12)\n",
                    t->out / t->items);
    if (const Row* t = get("l2-transfers", "ours-sigfree"))
        std::printf("  L2 transfers (recurring users) signature-free: %.1f B each (goal <= 12)\n", t->out / t->items);
    if (const Row* t = get("l2-transfers", "ours"))
        std::printf("  L2 transfers (recurring users) with ECDSA: %.1f B each (goal <= 72)\n", t->out / t->items);
    for (const char* c : {"mainnet-1000tx", "l2-contract-calls"})
        if (const Row* t = get(c, "ours"))
            std::printf(
                "  %s (1,000-tx block): decompress %.3f ms (goal <= 1), compress %.3f ms (goal <= 10), CPU time\n", c,
                t->dbps > 0 ? t->raw / t->dbps * 1e3 : 0, t->cbps > 0 ? t->raw / t->cbps * 1e3 : 0);
}

const bool summary_registered = luxl2::bench::register_summary("compress", summary);

}  // namespace
