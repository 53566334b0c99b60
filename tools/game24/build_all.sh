#!/bin/sh
# Rebuilds the Game-of-24 demo models from nothing: data, policy, PRM, ONNX export, metrics, checks.
# Deterministic for a given seed and BLAS library (about an hour of one CPU core).
#   tools/game24/build_all.sh            # writes models/game24/ and tools/game24/out/
set -e
here=$(cd "$(dirname "$0")" && pwd)
models="$here/../../models/game24"
cd "$here"
. ./openblas_env.sh
PY="${PYTHON:-/usr/bin/python3}"   # Debian's python3 with python3-torch and python3-onnx
SEED="${SEED:-1}"
mkdir -p out/data out/reference "$models"
$PY -m unittest -q test_game24

# Policy: half solving traces, half random legal steps (see data.py); checkpoints every 250 steps.
$PY train.py policy --out out/policy --seed "$SEED" --steps 2000 --dump-data out/data/policy_train.txt
$PY select_checkpoint.py policy out/policy

# PRM: the synthetic mix plus labelled samples of the chosen policy.
$PY train.py prm --out out/prm --seed "$SEED" --steps 2000 --layers 3 --policy out/policy/model.pt \
  --dump-data out/data/prm_train.txt
$PY select_checkpoint.py prm out/prm

$PY export.py policy out/policy/model.pt "$models/policy" out/reference
$PY export.py prm out/prm/model.pt "$models/prm" out/reference
$PY finish.py out "$models"
$PY evaluate.py out/policy/model.pt out/prm/model.pt "$models/metrics.json"

if command -v java >/dev/null 2>&1; then
  check/check.sh "$models" out/reference
fi
