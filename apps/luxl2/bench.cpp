// luxl2 bench GROUP: runs the Google Benchmark targets registered as "GROUP/..." (bench/*_bench.cpp)
// and prints each group's summary figures.
#include <iostream>
#include <vector>

#include "commands.hpp"

#ifdef LUXL2_HAVE_BENCH
#include <benchmark/benchmark.h>

#include "bench_summary.hpp"
#endif

namespace luxl2::cli {

void register_bench(CLI::App& app, Registry& reg) {
    auto* bench = app.add_subcommand("bench", "Run the benchmarks of one group (tx, ...) and print their figures");
    static std::string group;
    static std::vector<std::string> extra;
    bench->add_option("GROUP", group, "benchmark group: tx")->required();
    bench->add_option("ARGS", extra, "further Google Benchmark flags, e.g. --benchmark_min_time=0.5s");
    bench->callback([&reg] {
#ifdef LUXL2_HAVE_BENCH
        reg.exit_code = luxl2::bench::run_group(group, extra);
#else
        std::cerr << "this build has no benchmarks (configure with LUXL2_BENCH=ON)\n";
        reg.exit_code = 2;
#endif
    });
}

}  // namespace luxl2::cli
