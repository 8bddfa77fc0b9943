#!/usr/bin/env bash
# Accuracy against energy for both presets (README, "Presets"): the error of the spiking network
# after 10, 15, 20, 30 and 60 steps and its estimated energy per image, next to the rate network's,
# on all 10,000 MNIST test images. Trains each preset's model with `deploy/snn run --preset P`
# (full data, seed 0) unless OUT/P/model.zip exists, then evaluates it for 60 steps (the first 30
# steps of a 60-step run are those of a 30-step run).
#
#   benchmarks/presets-accuracy.sh [OUT=out/presets] [PRESETS="seed tuned"]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-out/presets}
presets=${2:-seed tuned}
mkdir -p "$out"
echo "| preset | rate error | spiking error 10 / 15 / 20 / 30 / 60 steps | energy per image 10 / 15 / 20 / 30 / 60 steps | rate network |"
echo "|---|---|---|---|---|"
for p in $presets; do
  if [ ! -f "$out/$p/model.zip" ]; then
    "$root/deploy/snn" run --preset "$p" --data "$root/data/mnist" --out "$out/$p" \
      --mode overwrite >"$out/$p.log" 2>&1
  fi
  "$root/deploy/snn" evaluate --data "$root/data/mnist" --model "$out/$p/model.zip" --steps 60 \
    --report "$out/$p-60" --mode overwrite >"$out/$p-60.log" 2>&1
  python3 - "$out/$p-60/report.json" "$p" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
steps = [10, 15, 20, 30, 60]
errors = " / ".join(f"{100 * r['error_by_step'][s - 1]:.2f}%" for s in steps)
energy = r["energy_per_image_joules"]
spiking = " / ".join(f"{1e6 * energy['spiking_by_step'][s - 1]:.2f}" for s in steps)
print(f"| {sys.argv[2]} | {100 * r['rate_error']:.2f}% | {errors} | {spiking} µJ | "
      f"{1e6 * energy['rate']:.2f} µJ |")
PY
done
