#!/bin/sh
# One ReST-MCTS* self-training round on the Game-of-24 demo models, on Tree-of-Thoughts ranks 1-900 only:
#   1. MCTS* (the round-0 models' banyan.json settings) over the training puzzles, with --export-dir;
#   2. the round-0 policy fine-tuned on sft.jsonl mixed with its original kind of data, the round-0 PRM on
#      prm.jsonl's value targets (soft labels) mixed with its original kind of data (selftrain.py);
#   3. both exported to ONNX as models/game24-round1/ (banyan.json, training.json);
#   4. round 0 and round 1 evaluated on the validation and test puzzles (banyan evaluate).
# Seeded; about an hour on two shared cores (the model card gives each stage's time).
#   tools/game24/self_train.sh
# Settings (environment): BASE, ROUND (model directories), TOT_CSV, BUDGET (search tokens, 2000), STEPS
# (fine-tuning steps, 300), MIX (share of search records in each batch, 0.5), LR (5e-4), EVALUATE (1; 0 skips 4),
# EVAL_BUDGETS (1000), EVAL_SAMPLES (8), BANYAN (the banyan command; default the launcher at the repository root).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BASE="${BASE:-$root/models/game24}"
ROUND="${ROUND:-$root/models/game24-round1}"
OUT="${OUT:-$here/out/selftrain}"
TOT_CSV="${TOT_CSV:-$root/../shared/data/game24/puzzles-1-900.csv}"
BUDGET="${BUDGET:-2000}"
STEPS="${STEPS:-300}"
MIX="${MIX:-0.5}"
LR="${LR:-5e-4}"
BANYAN="${BANYAN:-$root/banyan}"
cd "$here"
. ./openblas_env.sh
PY="${PYTHON:-/usr/bin/python3}"
rm -rf "$OUT/export" "$OUT/search.jsonl" "$OUT/policy" "$OUT/prm" "$OUT/reference" "$OUT/times.txt"
mkdir -p "$OUT" "$ROUND"

stage() {  # stage NAME COMMAND...: runs it and appends "NAME SECONDS" to times.txt
  name=$1; shift
  start=$(date +%s)
  "$@"
  echo "$name $(( $(date +%s) - start ))" >> "$OUT/times.txt"
}

$PY selftrain_data.py "$TOT_CSV" "$BASE/split.json" "$OUT"
stage round0_to_pytorch sh -c "$PY onnx_to_pt.py '$BASE/policy' '$OUT/round0_policy.pt' && \
  $PY onnx_to_pt.py '$BASE/prm' '$OUT/round0_prm.pt'"
stage search $BANYAN run --model "$BASE" --input "$OUT/train.jsonl" --output "$OUT/search.jsonl" \
  --export-dir "$OUT/export" --algorithm mcts-star --budget-tokens "$BUDGET" --seed 0 --parallel 2
# The two fine-tunes are independent (the PRM's sampled traces come from the round-0 policy): side by side.
stage finetune_policy $PY selftrain.py policy --init "$OUT/round0_policy.pt" --records "$OUT/export/sft.jsonl" \
  --puzzles "$OUT/train.jsonl" --validation "$OUT/validation.jsonl" --out "$OUT/policy" \
  --steps "$STEPS" --mix "$MIX" --lr "$LR" > "$OUT/finetune_policy.log" 2>&1 &
policy_job=$!
stage finetune_prm $PY selftrain.py prm --init "$OUT/round0_prm.pt" --records "$OUT/export/prm.jsonl" \
  --policy "$OUT/round0_policy.pt" --puzzles "$OUT/train.jsonl" --validation "$OUT/validation.jsonl" \
  --out "$OUT/prm" --steps "$STEPS" --mix "$MIX" --lr "$LR" > "$OUT/finetune_prm.log" 2>&1 &
prm_job=$!
wait $policy_job || { tail "$OUT/finetune_policy.log"; exit 1; }
wait $prm_job || { tail "$OUT/finetune_prm.log"; exit 1; }
stage export sh -c "$PY export.py policy '$OUT/policy/model.pt' '$ROUND/policy' '$OUT/reference' && \
  $PY export.py prm '$OUT/prm/model.pt' '$ROUND/prm' '$OUT/reference'"
$PY selftrain_finish.py "$BASE" "$OUT" "$ROUND"

if [ "${EVALUATE:-1}" = 1 ]; then
  # Round 0 once, then round 1 against it (--baseline: paired differences on the same puzzles).
  EVAL="--input validation=$OUT/validation.jsonl --input test=$OUT/test.jsonl --algorithms greedy,best-of-n,mcts-star \
    --budgets ${EVAL_BUDGETS:-1000} --samples ${EVAL_SAMPLES:-8} --parallel 2 --force"
  cd "$root"  # so that the tables name the models by their paths in the repository
  stage evaluate_round0 $BANYAN evaluate --model "$(realpath --relative-to=. "$BASE")" $EVAL \
    --output-dir "$OUT/eval-round0"
  stage evaluate_round1 $BANYAN evaluate --model "$(realpath --relative-to=. "$ROUND")" $EVAL \
    --baseline "$OUT/eval-round0/evaluate.json" --output-dir "$ROUND/results"
  cd "$here"
  $PY selftrain_finish.py "$BASE" "$OUT" "$ROUND" > /dev/null
fi
