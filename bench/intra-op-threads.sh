#!/usr/bin/env bash
# Whole Game-of-24 runs of the demo model with ONNX Runtime's own intra-op threading (intraOpThreads 0: a pool
# of one spinning thread per physical core in each engine) against the default (half the processors each),
# alternating, so that both see the same machine. Prints each run's summary and the ratio of medians.
#
#   bench/intra-op-threads.sh [PUZZLES] [PARALLEL] [REPEATS]    # defaults: game24:1-20, 16, 3
set -euo pipefail
cd "$(dirname "$0")/.."
puzzles=${1:-game24:1-20}
parallel=${2:-16}
repeats=${3:-3}
./banyan --help > /dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/ort-default"
ln -s "$PWD/models/game24/policy" "$out/ort-default/policy"
ln -s "$PWD/models/game24/prm" "$out/ort-default/prm"
sed 's/^{/{\n "intraOpThreads": 0,/' models/game24/banyan.json > "$out/ort-default/banyan.json"

run() { # label, model directory, parallel
    rm -f "$out/run.jsonl"
    java -jar cli/target/banyan.jar run --model "$2" --input "$puzzles" --output "$out/run.jsonl" --parallel "$3" \
        > "$out/run.log" 2>&1
    local summary
    summary=$(grep -E 'problems/min' "$out/run.log" | tail -1)
    printf '%-28s %s\n' "$1" "$summary" >&2
    echo "$summary" | grep -oE '^[0-9.]+ s' | cut -d' ' -f1
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for p in 1 "$parallel"; do
    : > "$out/ort-$p"
    : > "$out/half-$p"
    for ((i = 1; i <= repeats; i++)); do
        run "intraOpThreads 0, --parallel $p" "$out/ort-default" "$p" >> "$out/ort-$p"
        run "default, --parallel $p" models/game24 "$p" >> "$out/half-$p"
    done
    ort=$(median < "$out/ort-$p")
    half=$(median < "$out/half-$p")
    awk -v o="$ort" -v h="$half" -v p="$p" 'BEGIN {
        printf "--parallel %d: median wall %.1f s (intraOpThreads 0) / %.1f s (default) = %.2fx\n", p, o, h, o / h }'
done
