// Running benchmark groups from the luxl2 binary and summarising them.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace luxl2::bench {

/// One finished benchmark run, as the summaries see it.
struct RunResult {
    std::string name;
    double real_time_ns = 0;  // per iteration
    double cpu_time_ns = 0;   // per iteration, this thread's CPU time (steadier on a shared machine)
    double items_per_second = 0;
    double bytes_per_second = 0;
    std::map<std::string, double> counters;
};

/// A group's summary: given every run of the group, prints the figures its issue names.
using Summary = std::function<void(const std::vector<RunResult>&)>;

/// Registers the summary of GROUP (called from a static initialiser in GROUP's *_bench.cpp).
bool register_summary(const std::string& group, Summary summary);

/// Runs the benchmarks named "GROUP/..." (whose name matches `filter`, when not empty) with extra Google Benchmark
/// flags; prints Google Benchmark's table and then the group's summary. Returns a process exit code.
int run_group(const std::string& group, const std::string& filter, const std::vector<std::string>& extra_flags);

/// The run named exactly `name`, or nullptr.
const RunResult* find(const std::vector<RunResult>& runs, const std::string& name);

}  // namespace luxl2::bench
