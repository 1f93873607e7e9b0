# Thin wrapper over the CMake presets. Every target bootstraps first (installs what is missing).
PRESET       ?= default
JOBS         ?= 2
FUZZ_SECONDS ?= 60
BENCH_GROUPS ?= tx block ssz merkle compress sig batch xrollup settle node
BUILD         = build/$(PRESET)

.PHONY: all bootstrap build run test test-long bench fuzz lint format clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET) -j $(JOBS)

# The devnet: a fresh data directory each time, JSON-RPC on 127.0.0.1:8545, the ten test accounts funded.
run: build
	@$(BUILD)/luxl2 devnet

# Unit tests, official vectors, interop with independent implementations, fuzz-corpus replay and lint.
test: build
	@ctest --preset $(PRESET) -LE long

# Everything, including the long vectors (1 GiB Keccak, slow SLH-DSA sets, long runs).
test-long: build
	@LUXL2_LONG_TESTS=1 ctest --preset $(PRESET)

bench: build
	@for g in $(BENCH_GROUPS); do $(BUILD)/luxl2 bench $$g || exit 1; done

# Each libFuzzer target for FUZZ_SECONDS, starting from its committed corpus (new finds go to build/fuzz/corpus).
fuzz: bootstrap
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@for f in build/fuzz/fuzz/fuzz_*; do \
	  name=$${f##*/fuzz_}; mkdir -p build/fuzz/corpus/$$name fuzz/artifacts; \
	  echo "== fuzz $$name ($(FUZZ_SECONDS)s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=fuzz/artifacts/ build/fuzz/corpus/$$name fuzz/corpus/$$name || exit 1; \
	done

lint: build
	@scripts/lint --tidy

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
