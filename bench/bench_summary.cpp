#include "bench_summary.hpp"

#include <benchmark/benchmark.h>

#include <iostream>

namespace luxl2::bench {
namespace {

// Several files may summarise the same group (e.g. "sig": one per scheme family).
std::multimap<std::string, Summary>& summaries() {
    static std::multimap<std::string, Summary> s;
    return s;
}

// Prints the usual console table and keeps every run for the summary.
class CollectingReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const auto& r : runs) {
            if (r.error_occurred || r.run_type != Run::RT_Iteration) continue;
            RunResult out;
            out.name = r.benchmark_name();
            out.real_time_ns = r.GetAdjustedRealTime() * multiplier(r.time_unit);
            out.cpu_time_ns = r.GetAdjustedCPUTime() * multiplier(r.time_unit);
            for (const auto& [k, c] : r.counters) {
                if (k == "items_per_second")
                    out.items_per_second = c.value;
                else if (k == "bytes_per_second")
                    out.bytes_per_second = c.value;
                else
                    out.counters[k] = c.value;
            }
            results.push_back(std::move(out));
        }
    }
    std::vector<RunResult> results;

private:
    static double multiplier(benchmark::TimeUnit u) {
        switch (u) {
            case benchmark::kSecond: return 1e9;
            case benchmark::kMillisecond: return 1e6;
            case benchmark::kMicrosecond: return 1e3;
            default: return 1;
        }
    }
};

}  // namespace

bool register_summary(const std::string& group, Summary summary) {
    summaries().emplace(group, std::move(summary));
    return true;
}

const RunResult* find(const std::vector<RunResult>& runs, const std::string& name) {
    for (const auto& r : runs)
        if (r.name == name) return &r;
    return nullptr;
}

int run_group(const std::string& group, const std::string& filter, const std::vector<std::string>& extra_flags) {
    std::vector<std::string> args = {
        "luxl2-bench", "--benchmark_filter=^" + group + "/" + (filter.empty() ? "" : ".*(" + filter + ")")};
    args.insert(args.end(), extra_flags.begin(), extra_flags.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    int argc = static_cast<int>(argv.size());
    benchmark::Initialize(&argc, argv.data());
    CollectingReporter reporter;
    const std::size_t ran = benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    if (ran == 0) {
        std::cerr << "no benchmarks in group '" << group << "'\n";
        return 2;
    }
    for (auto [it, end] = summaries().equal_range(group); it != end; ++it) {
        std::cout << "\n== summary: " << group << " ==\n";
        it->second(reporter.results);
    }
    return 0;
}

}  // namespace luxl2::bench
