#!/usr/bin/env bash
# Accuracy against the number of workers: parameter averaging changes the optimisation as workers
# are added (each averages its own steps on a smaller share of the global minibatch 200). For each
# count of workers and averaging frequency, `deploy/snn run` on the full data (all 60,000 training
# and 10,000 test images, 30 steps, seed 0) with EPOCHS epochs; speed is not the point, so all run
# on this machine's local[*] whatever the count. Prints one table row per run.
#
#   benchmarks/workers-accuracy.sh [EPOCHS=5] [WORKERS="1 2 4 8"] [FREQS="1 5"]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
epochs=${1:-5}
workers=${2:-1 2 4 8}
freqs=${3:-1 5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| workers | images per worker and step | averaging every | rate error | spiking error (30 steps) | training s |"
echo "|---|---|---|---|---|---|"
for n in $workers; do
  for f in $freqs; do
    "$root/deploy/snn" run --data "$root/data/mnist" --out "$out/w$n-f$f" --epochs "$epochs" \
      --workers "$n" --averaging-frequency "$f" >"$out/w$n-f$f.log" 2>&1
    python3 - "$out/w$n-f$f/report.json" "$n" "$f" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n, f = int(sys.argv[2]), int(sys.argv[3])
print(f"| {n} | {200 // n} | {f} | {100 * r['rate_error']:.2f}% | {100 * r['spiking_error']:.2f}% | {r['train_seconds']:.0f} |")
PY
  done
done
