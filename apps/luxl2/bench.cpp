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
    auto* bench = app.add_subcommand(
        "bench", "Run the benchmarks of one group (tx, block, ssz, merkle, compress, sig) and print their figures");
    static std::string group;
    static std::string filter;
    bench
        ->add_option("GROUP", group,
                     "benchmark group: tx, block, ssz, merkle, compress, sig, batch, xrollup, settle, node")
        ->required();
    bench->add_option("--filter", filter, "only the group's benchmarks whose name matches this regex");
    bench->allow_extras();  // further Google Benchmark flags, e.g. --benchmark_min_time=0.5s
    bench->callback([&reg, bench] {
#ifdef LUXL2_HAVE_BENCH
        reg.exit_code = luxl2::bench::run_group(group, filter, bench->remaining());
#else
        (void)bench;
        std::cerr << "this build has no benchmarks (configure with LUXL2_BENCH=ON)\n";
        reg.exit_code = 2;
#endif
    });
}

}  // namespace luxl2::cli
