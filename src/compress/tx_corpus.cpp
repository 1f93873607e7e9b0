#include "luxl2/compress/tx_corpus.hpp"

#include <string>

#include "luxl2/core/hex.hpp"
#include "luxl2/format/transaction.hpp"

namespace luxl2::compress {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view line) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        const auto comma = line.find(',', start);
        out.push_back(
            trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

}  // namespace

Result<std::vector<CorpusTx>> parse_tx_corpus(std::string_view text) {
    std::vector<CorpusTx> out;
    std::optional<std::size_t> raw_col, block_col;
    bool first = true;
    std::size_t line_no = 0;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = trim(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++line_no;
        if (line.empty()) continue;
        const auto cols = split(line);
        if (first) {
            first = false;
            bool header = false;
            for (std::size_t i = 0; i < cols.size(); ++i) {
                if (cols[i] == "raw_tx_hex") raw_col = i, header = true;
                if (cols[i] == "block_number") block_col = i;
            }
            if (header) continue;
            if (cols.size() != 1) return fail("corpus.invalid", "line 1: no raw_tx_hex column");
            raw_col = 0;
        }
        if (*raw_col >= cols.size())
            return fail("corpus.invalid", "line " + std::to_string(line_no) + ": missing column");
        auto raw = from_hex(cols[*raw_col]);
        if (!raw) return fail("corpus.invalid", "line " + std::to_string(line_no) + ": " + raw.error().message);
        CorpusTx tx;
        tx.raw = std::move(*raw);
        if (block_col && *block_col < cols.size()) {
            const auto b = U256::from_string(cols[*block_col]);
            if (!b || !b->fits_u64())
                return fail("corpus.invalid", "line " + std::to_string(line_no) + ": bad block number");
            tx.block_number = b->low64();
        }
        out.push_back(std::move(tx));
    }
    return out;
}

bool is_plain_transfer(ByteView raw) {
    const auto tx = format::decode_transaction(raw);
    return tx && tx->data.empty() && tx->to.has_value() && tx->access_list.empty() &&
           tx->type != format::TxType::kBlob && tx->type != format::TxType::kSetCode;
}

}  // namespace luxl2::compress
