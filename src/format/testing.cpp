#include "luxl2/format/testing.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "luxl2/core/endian.hpp"

#include "luxl2/core/hex.hpp"
#include "luxl2/crypto/keccak.hpp"
#include "luxl2/format/hashing.hpp"
#include "luxl2/format/transaction.hpp"
#include "luxl2/format/tx_data.hpp"

namespace luxl2::format::testing {
namespace {

crypto::SecretKey key_from(std::uint64_t seed, std::uint64_t index) {
    for (std::uint64_t attempt = 0;; ++attempt) {
        std::uint8_t buf[24];
        store_be64(buf, seed);
        store_be64(buf + 8, index);
        store_be64(buf + 16, attempt);
        const Hash32 h = crypto::keccak256(ByteView(buf, sizeof buf));
        if (auto k = crypto::SecretKey::from_bytes(h.view())) return std::move(*k);
    }
}

U256 gwei(Rng& r, std::uint64_t lo, std::uint64_t hi) {
    return U256(lo + r.below(hi - lo + 1)) * U256(1'000'000'000);
}

TransactionData synth_ethereum(Rng& r, std::uint64_t seed) {
    Transaction tx;
    const auto kind = r.below(10);
    tx.type = kind < 2 ? TxType::kLegacy : kind < 3 ? TxType::kAccessList : TxType::kDynamicFee;
    tx.chain_id = U256(1);
    tx.nonce = r.below(5000);
    tx.gas_limit = 21000 + r.below(4) * 50000;
    if (tx.type == TxType::kDynamicFee) {
        tx.max_priority_fee_per_gas = gwei(r, 1, 3);
        tx.max_fee_per_gas = tx.max_priority_fee_per_gas + gwei(r, 10, 80);
    } else {
        tx.gas_price = gwei(r, 10, 80);
    }
    tx.to = r.fixed<20>();
    tx.value = U256(r.below(1'000'000)) * U256(1'000'000'000'000ULL);
    if (r.below(2) == 0) {
        tx.data = r.bytes(4 + 32 * r.below(4));
        tx.gas_limit += 16 * tx.data.size();
    }
    if (tx.type == TxType::kAccessList && r.below(2) == 0)
        tx.access_list.push_back(AccessListEntry{r.fixed<20>(), {r.fixed<32>()}});
    const auto key = key_from(seed, 1000 + r.below(64));
    sign_transaction(tx, key);
    return wrap_ethereum(tx);
}

struct Builder {
    Rng r;
    std::uint64_t seed;
    L2Block b;
    std::map<Hash32, ModelExecution> executions;

    U256 chain_id() const { return U256(7777); }

    void ai() {
        AIInferenceTransaction t;
        t.chain_id = chain_id();
        t.nonce = r.below(1000);
        static const char* const kModels[] = {"llama-3-8b", "stable-diffusion-xl", "bert-base", "whisper-large"};
        const auto m = r.below(4);
        const Hash32 model_hash =
            crypto::keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(kModels[m]), std::strlen(kModels[m])));
        t.model = Address::from_view(model_hash.view().subspan(12));
        t.input = r.bytes(32 + r.below(400));
        t.max_gas = U256(100'000 + r.below(5'000'000));
        t.max_price = gwei(r, 1, 50);
        t.expected_output_hash = r.below(3) == 0 ? Hash32{} : r.fixed<32>();
        t.requirements.min_flops = U256(r.below(1000) + 1) * U256(1'000'000'000'000ULL);
        t.requirements.min_memory = U256((r.below(80) + 1) << 30);
        t.requirements.requires_tee = r.below(4) == 0;
        t.requirements.requires_gpu = r.below(3) != 0;
        static const char* const kAccel[] = {"", "h100", "a100", "tpu-v5", "mi300x"};
        t.requirements.accelerator_type = kAccel[r.below(5)];
        auto tx = make_tx_data(t);
        sign_tx_data(tx, key_from(seed, 2000 + r.below(16)));
        b.transactions.push_back(std::move(tx));
        auto& e = executions[model_hash];
        e.model_hash = model_hash;
        e.inference_count += U256(1);
        e.total_latency += U256(50 + r.below(5000));
        e.avg_tokens_per_second = m == 0 ? U256(40 + r.below(200)) : U256();
        b.compute_metadata.total_inferences += U256(1);
        b.compute_metadata.total_flops += t.requirements.min_flops;
    }

    void training() {
        TrainingTransaction t;
        t.chain_id = chain_id();
        t.nonce = r.below(1000);
        t.max_fee_per_gas = gwei(r, 1, 50);
        t.gas_limit = 200'000 + r.below(800'000);
        t.job_id = r.fixed<32>();
        t.epoch = U256(r.below(100));
        t.gradients = r.bytes(256 + r.below(2048));
        t.dataset_hash = r.fixed<32>();
        t.samples_processed = U256(1 + r.below(100'000));
        t.proof = r.bytes(r.below(2) == 0 ? 0 : 96);
        auto tx = make_tx_data(t);
        sign_tx_data(tx, key_from(seed, 3000 + r.below(16)));
        b.transactions.push_back(std::move(tx));
        b.compute_metadata.total_training_steps += U256(1);
    }

    void cross_rollup() {
        CrossRollupTransaction t;
        t.chain_id = chain_id();
        t.nonce = r.below(1000);
        t.max_fee_per_gas = gwei(r, 1, 50);
        t.gas_limit = 100'000 + r.below(200'000);
        auto& m = t.message;
        m.source_chain_id = chain_id();
        m.target_chain_id = U256(7778 + r.below(5));
        m.sender = r.fixed<20>();
        m.target = r.fixed<20>();
        m.nonce = U256(r.below(100'000));
        m.payload = r.bytes(r.below(200));
        m.message_hash = message_hash(m);
        auto tx = make_tx_data(t);
        sign_tx_data(tx, key_from(seed, 4000 + r.below(16)));
        b.transactions.push_back(std::move(tx));
        b.messages.push_back(m);
    }

    void compressed() {
        CompressedTransaction t;
        t.chain_id = chain_id();
        t.count = 2 + r.below(27);
        t.body_format = static_cast<std::uint8_t>(r.below(2));
        t.body = r.bytes(100 + 12 * t.count);
        b.transactions.push_back(make_tx_data(t, r.bytes(96)));
    }

    void quantum() {
        QuantumTransaction t;
        t.chain_id = chain_id();
        t.nonce = r.below(1000);
        t.max_priority_fee_per_gas = gwei(r, 1, 3);
        t.max_fee_per_gas = t.max_priority_fee_per_gas + gwei(r, 10, 80);
        t.gas_limit = 21000 + r.below(100'000);
        t.to = r.fixed<20>();
        t.value = U256(r.below(1'000'000)) * U256(1'000'000'000'000ULL);
        static const std::uint8_t kSchemes[] = {pq_scheme::kMlDsa44, pq_scheme::kMlDsa65, pq_scheme::kFalcon512,
                                                pq_scheme::kFalcon512};
        t.scheme = kSchemes[r.below(4)];
        const auto sz = *pq_scheme::sizes(t.scheme);
        t.public_key = r.bytes(sz.public_key);
        const std::size_t sig =
            sz.signature_min == sz.signature_max ? sz.signature_max : 600 + r.below(sz.signature_max - 600 + 1);
        b.transactions.push_back(make_tx_data(t, r.bytes(sig)));
    }

    void deposit() {
        DepositTransaction t;
        t.source_hash = r.fixed<32>();
        t.from = r.fixed<20>();
        t.to = r.fixed<20>();
        t.mint = U256(r.below(10'000)) * U256(1'000'000'000'000'000ULL);
        t.value = t.mint;
        t.gas = 100'000;
        t.is_system_tx = false;
        if (r.below(3) == 0) t.data = r.bytes(68);
        b.transactions.push_back(make_tx_data(t));
    }
};

}  // namespace

Bytes Rng::bytes(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; i += 8) {
        const std::uint64_t v = next();
        for (std::size_t j = 0; j < 8 && i + j < n; ++j) out[i + j] = static_cast<std::uint8_t>(v >> (8 * j));
    }
    return out;
}

Result<EthSample> parse_eth_sample_csv(std::string_view csv) {
    EthSample out;
    std::size_t column = std::string_view::npos;
    std::size_t line_no = 0;
    while (!csv.empty()) {
        const auto nl = csv.find('\n');
        std::string_view line = csv.substr(0, nl);
        csv = nl == std::string_view::npos ? std::string_view{} : csv.substr(nl + 1);
        ++line_no;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        if (line.empty()) continue;
        std::vector<std::string_view> cells;
        for (std::size_t start = 0;;) {
            const auto c = line.find(',', start);
            cells.push_back(line.substr(start, c == std::string_view::npos ? std::string_view::npos : c - start));
            if (c == std::string_view::npos) break;
            start = c + 1;
        }
        if (column == std::string_view::npos) {
            for (std::size_t i = 0; i < cells.size(); ++i)
                if (cells[i] == "raw_tx_hex") column = i;
            if (column == std::string_view::npos)
                return fail("format.sample", "the CSV header has no raw_tx_hex column");
            continue;
        }
        if (column >= cells.size())
            return fail("format.sample", "line " + std::to_string(line_no) + " has no raw_tx_hex cell");
        auto raw = from_hex(cells[column]);
        if (!raw) return fail("format.sample", "line " + std::to_string(line_no) + ": " + raw.error().message);
        if (auto tx = decode_transaction(*raw); !tx)
            return fail("format.sample", "line " + std::to_string(line_no) + ": " + tx.error().to_string());
        out.txs.push_back(std::move(*raw));
    }
    return out;
}

L2Block random_block(std::uint64_t seed, std::size_t tx_count, const EthSample* sample) {
    Builder g{Rng(seed ^ 0x4C50353035ULL), seed, {}, {}};
    Rng& r = g.r;
    L2Block& b = g.b;
    auto& h = b.header;
    h.block_number = U256(1 + r.below(50'000'000));
    h.parent_hash = r.fixed<32>();
    h.receipts_root = r.fixed<32>();
    h.timestamp = U256(1'700'000'000 + r.below(100'000'000));
    h.l1_block_number = U256(18'000'000 + r.below(5'000'000));
    h.gas_limit = U256(30'000'000);
    h.extra_data = r.below(2) == 0 ? Hash32{} : r.fixed<32>();

    b.transactions.reserve(tx_count);
    for (std::size_t i = 0; i < tx_count; ++i) {
        const auto p = r.below(100);
        if (p < 85) {
            if (sample != nullptr && !sample->txs.empty()) {
                const Bytes& raw = sample->txs[r.below(sample->txs.size())];
                TransactionData tx;
                tx.tx_type = raw[0] >= 0xc0 ? 0 : raw[0];
                tx.payload = raw;
                b.transactions.push_back(std::move(tx));
            } else {
                b.transactions.push_back(synth_ethereum(r, seed));
            }
        } else if (p < 89)
            g.ai();
        else if (p < 92)
            g.training();
        else if (p < 95)
            g.cross_rollup();
        else if (p < 96)
            g.compressed();
        else if (p < 98)
            g.quantum();
        else
            g.deposit();
        if (r.below(50) == 0) b.transactions.back().metadata = r.bytes(8 + r.below(24));
    }
    h.gas_used = U256(21'000 * tx_count + r.below(1'000'000));
    if (h.gas_used > h.gas_limit) h.gas_limit = h.gas_used + U256(r.below(1'000'000));

    // State: one delta per touched account (sorted, unique), a few contracts' storage.
    auto& st = b.state_transition;
    st.previous_state_root = r.fixed<32>();
    h.state_root = r.fixed<32>();
    st.new_state_root = h.state_root;
    st.global_state_hash = r.fixed<32>();
    std::vector<Address> accounts;
    for (std::size_t i = 0; i < tx_count / 2 + 1; ++i) accounts.push_back(r.fixed<20>());
    std::sort(accounts.begin(), accounts.end());
    accounts.erase(std::unique(accounts.begin(), accounts.end()), accounts.end());
    for (const auto& a : accounts) {
        AccountDelta d;
        d.account = a;
        const U256 mag = U256(r.below(1'000'000)) * U256(1'000'000'000ULL);
        d.balance_delta = *BalanceDelta::make(!mag.is_zero() && r.below(2) == 0, mag);
        d.nonce_delta = U256(r.below(3));
        if (r.below(40) == 0) d.code_hash = r.fixed<32>();
        st.account_deltas.push_back(d);
    }
    std::vector<Address> contracts;
    for (std::size_t i = 0; i < tx_count / 10 + 1; ++i) contracts.push_back(r.fixed<20>());
    std::sort(contracts.begin(), contracts.end());
    contracts.erase(std::unique(contracts.begin(), contracts.end()), contracts.end());
    for (const auto& c : contracts) {
        StorageDelta d;
        d.contract = c;
        const auto n = 1 + r.below(4);
        for (std::uint64_t i = 0; i < n; ++i) d.keys.push_back(r.fixed<32>());
        std::sort(d.keys.begin(), d.keys.end());
        d.keys.erase(std::unique(d.keys.begin(), d.keys.end()), d.keys.end());
        for (std::size_t i = 0; i < d.keys.size(); ++i) d.values.push_back(r.below(4) == 0 ? Hash32{} : r.fixed<32>());
        if (r.below(4) == 0) d.proof = r.bytes(64 + 32 * r.below(8));
        st.storage_deltas.push_back(std::move(d));
    }

    auto& cm = b.compute_metadata;
    for (auto& [_, e] : g.executions) cm.executions.push_back(e);
    if (!cm.executions.empty() || !cm.total_training_steps.is_zero()) {
        cm.resources.cpu_cycles = U256(r.below(1'000'000'000'000ULL));
        cm.resources.gpu_utilization = U256(r.below(10'001));
        cm.resources.memory_peak = U256(r.below(80ULL << 30));
        cm.resources.network_bandwidth = U256(r.below(1ULL << 34));
        cm.resources.storage_io = U256(r.below(1'000'000));
        cm.performance_metrics = r.bytes(16 * r.below(4));
    }
    if (r.below(2) == 0) b.witness = r.bytes(32 * r.below(16));

    h.transactions_root = transactions_root(b.transactions);
    sign_header(h, key_from(seed, 1));
    return b;
}

}  // namespace luxl2::format::testing
