// LP-505 "AI Compute Metadata" and the ComputeRequirements of an inference transaction. All
// quantities are uint256 as in the spec; percentages are basis points (0..10000).
#pragma once

#include <string>
#include <vector>

#include "luxl2/core/bytes.hpp"
#include "luxl2/core/u256.hpp"
#include "luxl2/format/schema.hpp"

namespace luxl2::format {

struct ModelExecution {
    Hash32 model_hash;
    U256 inference_count;
    U256 total_latency;          // cumulative, milliseconds
    U256 avg_tokens_per_second;  // for LLMs; 0 otherwise
    Hash32 checkpoint_hash;      // for training; zero otherwise
    friend bool operator==(const ModelExecution&, const ModelExecution&) = default;
};

struct ResourceUsage {
    U256 cpu_cycles;
    U256 gpu_utilization;  // basis points, ≤ 10000
    U256 memory_peak;      // bytes
    U256 network_bandwidth;  // bytes transferred
    U256 storage_io;       // read/write operations
    friend bool operator==(const ResourceUsage&, const ResourceUsage&) = default;
};

struct ComputeMetadata {
    U256 total_flops;
    U256 total_inferences;
    U256 total_training_steps;
    std::vector<ModelExecution> executions;
    ResourceUsage resources;
    Bytes performance_metrics;
    friend bool operator==(const ComputeMetadata&, const ComputeMetadata&) = default;
};

struct ModelMetrics {
    Hash32 model_id;
    U256 accuracy;  // basis points, ≤ 10000
    U256 loss;      // fixed point, 18 decimals
    std::vector<U256> layer_latencies;
    Bytes activation_stats;
    friend bool operator==(const ModelMetrics&, const ModelMetrics&) = default;
};

struct ComputeRequirements {
    U256 min_flops;
    U256 min_memory;
    bool requires_tee = false;
    bool requires_gpu = false;
    std::string accelerator_type;  // printable ASCII, ≤ 64 characters ("", "h100", "tpu-v5", ...)
    friend bool operator==(const ComputeRequirements&, const ComputeRequirements&) = default;
};

template <>
struct Schema<ModelExecution> {
    static constexpr std::string_view name = "ModelExecution";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("modelHash", s.model_hash);
        v("inferenceCount", s.inference_count);
        v("totalLatency", s.total_latency);
        v("avgTokensPerSecond", s.avg_tokens_per_second);
        v("checkpointHash", s.checkpoint_hash);
    }
};

template <>
struct Schema<ResourceUsage> {
    static constexpr std::string_view name = "ResourceUsage";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("cpuCycles", s.cpu_cycles);
        v("gpuUtilization", s.gpu_utilization);
        v("memoryPeak", s.memory_peak);
        v("networkBandwidth", s.network_bandwidth);
        v("storageIO", s.storage_io);
    }
};

template <>
struct Schema<ComputeMetadata> {
    static constexpr std::string_view name = "ComputeMetadata";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("totalFlops", s.total_flops);
        v("totalInferences", s.total_inferences);
        v("totalTrainingSteps", s.total_training_steps);
        v("executions", s.executions);
        v("resources", s.resources);
        v("performanceMetrics", s.performance_metrics);
    }
};

template <>
struct Schema<ModelMetrics> {
    static constexpr std::string_view name = "ModelMetrics";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("modelId", s.model_id);
        v("accuracy", s.accuracy);
        v("loss", s.loss);
        v("layerLatencies", s.layer_latencies);
        v("activationStats", s.activation_stats);
    }
};

template <>
struct Schema<ComputeRequirements> {
    static constexpr std::string_view name = "ComputeRequirements";
    template <class S, class V>
    static void fields(S& s, V&& v) {
        v("minFlops", s.min_flops);
        v("minMemory", s.min_memory);
        v("requiresTEE", s.requires_tee);
        v("requiresGPU", s.requires_gpu);
        v("acceleratorType", s.accelerator_type);
    }
};

}  // namespace luxl2::format
