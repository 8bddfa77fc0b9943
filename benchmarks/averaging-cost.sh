#!/usr/bin/env bash
# The cost of parameter averaging on this machine: one epoch over the first N training images with
# 1, 2 and 4 workers on local[n] (global minibatch 200, averaging every FREQ minibatches, so every
# round covers 200 * FREQ images whatever n), printing images/s and seconds per averaging round.
# Compare with the single-process speed of `deploy/snn bench training` to split a round into
# compute and averaging. Usage: benchmarks/averaging-cost.sh [N=10000] [WORKERS="1 2 4"] [FREQ=1]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
images=${1:-10000}
workers=${2:-1 2 4}
freq=${3:-1}
per_round=$((200 * freq))
printf '%-8s %-10s %-8s %-12s %s\n' workers per-worker rounds images/s s/round
for n in $workers; do
  line=$("$root/deploy/snn" train --data "$root/data/mnist" --model "/tmp/snn-averaging-$n.zip" \
    --epochs 1 --train-limit "$images" --test-limit 100 --master "local[$n]" --workers "$n" \
    --averaging-frequency "$freq" |
    grep '^epoch 1/1')
  speed=$(sed -n 's/.*(\([0-9.]*\) images\/s).*/\1/p' <<<"$line")
  rounds=$((images / per_round))
  printf '%-8s %-10s %-8s %-12s %.2f\n' "$n" $((200 / n)) "$rounds" "$speed" \
    "$(echo "$per_round / $speed" | bc -l)"
  rm -f "/tmp/snn-averaging-$n.zip" "/tmp/snn-averaging-$n.json"
done
