#!/usr/bin/env bash
# The ablation behind the tuned preset (docs/results.md, "The tuned preset"): each of the tuned
# preset's ingredients alone, one change at a time from the tutorial's training, each a full
# `deploy/snn run` (all 60,000 training and 10,000 test images, EPOCHS epochs, 30 steps, seed 0,
# local[*]). Prints one table row per run; the runs stay in OUT (models and reports).
#
#   benchmarks/tuning-ablation.sh [OUT=out/ablation] [EPOCHS=5] [NAME=FLAGS ...]
#
# Without NAME=FLAGS arguments it runs the rows of docs/results.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-out/ablation}
epochs=${2:-5}
shift $(($# < 2 ? $# : 2))
runs=("$@")
if [ ${#runs[@]} -eq 0 ]; then
  runs=(
    "seed="
    "max-rate-250=--max-rate 250"
    "max-rate-400=--max-rate 400"
    "shift-2=--augment-shift 2"
    "adam=--optimizer adam"
    "adam-decay-0.8=--optimizer adam --lr-decay 0.8"
    "rate-reg-25hz=--rate-target 25 --rate-weight 0.1"
  )
fi
mkdir -p "$out"
echo "| run | flags | rate error | spiking error 15 / 30 steps | energy per image at 30 steps | training s |"
echo "|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  name=${run%%=*}
  flags=${run#*=}
  # shellcheck disable=SC2086 # flags are words on purpose
  "$root/deploy/snn" run --data "$root/data/mnist" --out "$out/$name" --mode overwrite \
    --epochs "$epochs" $flags >"$out/$name.log" 2>&1
  python3 - "$out/$name/report.json" "$name" "$flags" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
errors = r["error_by_step"]
energy = r["energy_per_image_joules"]["spiking_by_step"]
print(f"| {sys.argv[2]} | `{sys.argv[3]}` | {100 * r['rate_error']:.2f}% | "
      f"{100 * errors[14]:.2f}% / {100 * errors[29]:.2f}% | {1e6 * energy[29]:.2f} µJ | "
      f"{r['train_seconds']:.0f} |")
PY
done
