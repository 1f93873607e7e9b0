// Generated AI compute metadata (synthetic.hpp): no real LP-505 chain exists to sample from.
#include "luxl2/compress/synthetic.hpp"
#include "luxl2/core/endian.hpp"
#include "luxl2/crypto/keccak.hpp"

namespace luxl2::compress {
namespace {

// SplitMix64, as in synthetic.cpp.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() noexcept {
        std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) noexcept { return lo + next() % (hi - lo + 1); }
    double unit() noexcept { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
};

struct Model {
    Hash32 hash;
    enum Kind { kLlm, kOther, kTraining } kind;
    std::uint64_t latency_ms;    // per inference
    std::uint64_t tokens_per_s;  // LLMs
    std::uint64_t flops;         // per inference
};

Hash32 tagged(std::uint64_t seed, std::uint64_t i, std::uint64_t j) {
    std::uint8_t buf[24];
    store_be64(buf, seed);
    store_be64(buf + 8, i);
    store_be64(buf + 16, j);
    return crypto::keccak256(ByteView(buf, sizeof buf));
}

}  // namespace

std::vector<format::ComputeMetadata> synthetic_compute_metadata(std::size_t blocks, std::uint64_t seed,
                                                                std::size_t models) {
    Rng rng{seed};
    std::vector<Model> pool;
    for (std::size_t i = 0; i < models; ++i) {
        const double u = rng.unit();
        const auto kind = u < 0.6 ? Model::kLlm : u < 0.9 ? Model::kOther : Model::kTraining;
        pool.push_back({tagged(seed, i, 0), kind, rng.between(30, 3000), kind == Model::kLlm ? rng.between(15, 250) : 0,
                        rng.between(1, 2000) * 1'000'000'000ull});
    }
    std::vector<format::ComputeMetadata> out;
    out.reserve(blocks);
    for (std::size_t b = 0; b < blocks; ++b) {
        format::ComputeMetadata m;
        const std::uint64_t execs = rng.between(1, 8);
        std::uint64_t inferences = 0;
        std::uint64_t steps = 0;
        U256 flops;
        for (std::uint64_t e = 0; e < execs; ++e) {
            const double u = rng.unit();
            const Model& model = pool[static_cast<std::size_t>(u * u * static_cast<double>(pool.size()))];
            format::ModelExecution x;
            x.model_hash = model.hash;
            const std::uint64_t count = 1 + static_cast<std::uint64_t>(rng.unit() * rng.unit() * 500);
            x.inference_count = U256(count);
            x.total_latency = U256(count * model.latency_ms * rng.between(90, 110) / 100);
            if (model.kind == Model::kLlm)
                x.avg_tokens_per_second = U256(model.tokens_per_s * rng.between(90, 110) / 100);
            if (model.kind == Model::kTraining) {
                x.checkpoint_hash = tagged(seed, static_cast<std::uint64_t>(&model - pool.data()), 1 + b / 50);
                steps += rng.between(1, 100);
            }
            inferences += count;
            flops = flops + U256(count) * U256(model.flops);
            m.executions.push_back(std::move(x));
        }
        m.total_flops = flops;
        m.total_inferences = U256(inferences);
        m.total_training_steps = U256(steps);
        m.resources.cpu_cycles = U256(rng.between(1'000'000'000ull, 1'000'000'000'000ull));
        m.resources.gpu_utilization = U256(rng.between(0, 10000));
        m.resources.memory_peak = U256(rng.between(8 * 1024, 80 * 1024) * 1024 * 1024);  // whole MiB
        m.resources.network_bandwidth = U256(rng.between(1'000'000, 1'000'000'000));
        m.resources.storage_io = U256(rng.between(0, 10000));
        std::uint64_t p = rng.between(20, 200);
        for (int i = 0; i < 8; ++i) {
            std::uint8_t w[4];
            store_be32(w, static_cast<std::uint32_t>(p));
            m.performance_metrics.insert(m.performance_metrics.end(), w, w + 4);
            p += rng.between(0, p);
        }
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace luxl2::compress
