#!/usr/bin/env bash
# Fuzzes mle with libFuzzer for a given time: every input is a script, run through the
# lexer, parser, checker, evaluator, fitting and both renderers (Sources/FuzzMLE).
#
#   Scripts/fuzz.sh [SECONDS] [--release]     (default 60 s; debug build, quicker to compile)
#
# The seed corpus is every script under Scripts/ (the tutorial, the error scripts and
# the goldens); the corpus grows in .build-fuzz/corpus (git-ignored) and is kept between
# runs. A crash, sanitizer report, leak-free OOM or timeout stops the run with its input
# saved as .build-fuzz/crash-* (or timeout-*/oom-*) and exit status ≠ 0; replay one with
#   .build-fuzz/<config>/FuzzMLE .build-fuzz/crash-…
# Prints the number of executions at the end. (Linked with lld: with ld.gold the coverage
# counters of all but one object file were lost, and libFuzzer fuzzed blind.)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
config=debug
for arg in "$@"; do
  case "$arg" in
    --release) config=release ;;
    ''|*[!0-9]*) echo "usage: Scripts/fuzz.sh [SECONDS] [--release]" >&2; exit 2 ;;
    *) seconds=$arg ;;
  esac
done
scratch=.build-fuzz
swift build -c "$config" --jobs "${FUZZ_JOBS:-1}" --sanitize=fuzzer --sanitize=address \
  --scratch-path "$scratch" --product FuzzMLE -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 | grep -v "Cannot export local symbol" >&2 || true
binary="$scratch/$config/FuzzMLE"
[ -x "$binary" ] || { echo "fuzz.sh: the fuzz target did not build" >&2; exit 1; }
mkdir -p "$scratch/corpus" "$scratch/seeds"
find Scripts -name '*.mle' -exec cp {} "$scratch/seeds/" \;
# The fuzz target runs each input on this thread: give it the stack `mle` runs scripts on.
ulimit -s 524288 2>/dev/null || ulimit -s unlimited 2>/dev/null || true
# Swift's own backtracer would catch the trap first and libFuzzer would never save the input.
export SWIFT_BACKTRACE=enable=no
export OPENBLAS_NUM_THREADS=1 MLE_THREADS=1
"$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=4096 \
  -dict=Scripts/fuzz.dict -artifact_prefix="$scratch/" -print_final_stats=1 \
  "$scratch/corpus" "$scratch/seeds" 2>&1 | tail -n 25
