#!/usr/bin/env bash
# Builds the core and CLI tests with AddressSanitizer and UBSan in build-asan and runs them once.
# The GUI is left out: Qt Widgets is not instrumented, and an ASan build of the whole tree would
# double the CI time on two cores for little gain (the widgets only display core results).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-asan
# -O1 and line tables only: the sanitizers need no more to report with file:line, and the build
# takes about a third less time than RelWithDebInfo on two cores.
# A compiler cache, where this machine has one, only saves build time.
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    # Paths relative to the checkout, so a fresh clone elsewhere reuses what an earlier one compiled.
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DTIERLENS_SANITIZE=ON \
    -DTIERLENS_BUILD_GUI=OFF -DTIERLENS_WERROR=ON "${launcher[@]}" >/dev/null
# Only what the tests need (each test, and tierlens-cli through tst_cli's dependency): the
# benchmark would only add build time.
mapfile -t tests < <(cd "$build" && ctest -N | sed -n 's/^ *Test *#[0-9]*: *//p')
cmake --build "$build" -j 2 --target "${tests[@]}"
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build" && ctest --output-on-failure -j 2
