#!/usr/bin/env bash
# Problems per minute of the default mode over reference mode (--reference: the ReST-MCTS* code's architecture,
# one problem at a time, one row per forward pass, no KV reuse, no value cache), on the demo model, in one run.
#
#   bench/reference-vs-default.sh [PUZZLES]     # default: game24:1-30
#
# Builds the jar if needed (./banyan --help). Each mode searches the same puzzles with the same seed; the
# default mode is run twice: as shipped (--parallel 16) and one problem at a time (--parallel 1).
set -euo pipefail
cd "$(dirname "$0")/.."
puzzles=${1:-game24:1-30}
./banyan --help > /dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

run() { # name, extra arguments...
    local name=$1
    shift
    java -jar cli/target/banyan.jar run --input "$puzzles" --output "$out/$name.jsonl" "$@" > "$out/$name.log" 2>&1
    local summary
    summary=$(grep -E 'problems/min' "$out/$name.log" | tail -1)
    local solved
    solved=$(grep -oE '\([0-9]+ solved' "$out/$name.log" | tail -1 | tr -d '(')
    printf '%-22s %s; %s\n' "$name" "$solved" "$summary" >&2
    echo "$summary" | grep -oE '[0-9.]+ problems/min' | cut -d' ' -f1
}

reference=$(run reference --reference)
default=$(run default)
single=$(run parallel-1 --parallel 1)
awk -v r="$reference" -v d="$default" -v s="$single" 'BEGIN {
    printf "default over reference: %.2fx problems per minute (%.1f / %.1f)\n", d / r, d, r
    printf "--parallel 1 over reference: %.2fx (%.1f / %.1f)\n", s / r, s, r
}'
