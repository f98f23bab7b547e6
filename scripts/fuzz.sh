#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz and runs each for a bounded
# time on a copy of its seed corpus (so the repository is not modified). Exits non-zero on any
# crash, sanitizer report or hang; the crashing input is left in build-fuzz/artifacts/.
# Usage: scripts/fuzz.sh [seconds-per-target]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build=build-fuzz
targets=(fuzz_scenario fuzz_study fuzz_hfconfig fuzz_bundle)

# A compiler cache, where this machine has one, only saves build time.
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Paths relative to the checkout, so a fresh clone elsewhere reuses what an earlier one compiled.
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
    -DTIERLENS_FUZZ=ON -DTIERLENS_BUILD_GUI=OFF -DTIERLENS_WERROR=ON "${launcher[@]}" >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/artifacts"
status=0
for t in "${targets[@]}"; do
    cp -r "tests/fuzz/corpus/$t" "$work/$t"
    log="$build/artifacts/$t.log"
    # The JSON targets share a dictionary of structure, allocation-driving keys and edge numbers.
    dict=()
    [[ "$t" != fuzz_bundle ]] && dict=(-dict=tests/fuzz/json.dict)
    # -timeout: one input taking over 5 s counts as a hang; -rss_limit_mb keeps a runaway
    # allocation from taking the machine down.
    if "$build/tests/fuzz/$t" "$work/$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -max_len=16384 "${dict[@]}" -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" >"$log" 2>&1; then
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
        echo "$t: ${runs:-?} inputs in ${seconds} s, no crash"
    else
        status=1
        echo "$t: FAILED (log: $log)" >&2
        grep -E "ERROR|runtime error|SUMMARY|Test unit written" "$log" | head -20 >&2 || true
    fi
done
exit "$status"
