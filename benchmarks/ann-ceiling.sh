#!/usr/bin/env bash
# Where a rate error comes from: a network description trained in PyTorch, in one process, with
# SoftLIF neurons (this project's rate network) and with ReLU (a conventional network of the same
# layers), as the tuned preset with Adam trains it here (benchmarks/ann_ceiling.py). Not part of CI.
#
#   benchmarks/ann-ceiling.sh [NETWORK] [DATA]
#       (default examples/networks/fashion-mnist.json, data/fashion-mnist; about 25 minutes per
#       activation on 2 cores)
#
# Installs Debian's python3-torch when needed (benchmarks/torch-python). Prints, per activation, each
# epoch's error on all test images and a last line "final <activation> <error>".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
network=${1:-$root/examples/networks/fashion-mnist.json}
data=${2:-$root/data/fashion-mnist}
python=$("$root/benchmarks/torch-python")
[ -d "$data" ] || { echo "ann-ceiling: no data at $data; deploy/snn fetch fashion-mnist" >&2; exit 2; }
for activation in softlif relu; do
  "$python" "$root/benchmarks/ann_ceiling.py" --network "$network" --data "$data" \
    --activation "$activation"
done
