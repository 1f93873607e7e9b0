#include "bench_data.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "luxl2/core/hex.hpp"

namespace luxl2::bench {

std::string data_dir() {
    if (const char* env = std::getenv("LUXL2_DATA_DIR"); env && *env) return env;
    return LUXL2_DATA_DIR;
}

const std::vector<Bytes>& mainnet_transactions() {
    static const std::vector<Bytes> txs = [] {
        const std::string path = data_dir() + "/eth-mainnet/derived/mainnet_txs.csv";
        std::ifstream f(path);
        if (!f) {
            std::fprintf(stderr, "cannot open %s\n", path.c_str());
            std::exit(2);
        }
        std::vector<Bytes> out;
        std::string line;
        std::getline(f, line);  // header: block_number,tx_index,tx_type,tx_hash,raw_tx_hex
        while (std::getline(f, line)) {
            const auto comma = line.rfind(',');
            if (comma == std::string::npos) continue;
            auto raw = from_hex(std::string_view(line).substr(comma + 1));
            if (raw) out.push_back(std::move(*raw));
        }
        return out;
    }();
    return txs;
}

}  // namespace luxl2::bench
