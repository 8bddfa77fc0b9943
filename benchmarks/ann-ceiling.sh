#!/usr/bin/env bash
# Where a rate error comes from: a network description trained in PyTorch, in one process, as the
# tuned preset with Adam trains it here (benchmarks/ann_ceiling.py): with SoftLIF neurons (this
# project's rate network), with ReLU, and as a conventional network of the same layers (ReLU,
# batch normalisation, max pooling: what a spiking conversion cannot take). Not part of CI.
#
#   benchmarks/ann-ceiling.sh [NETWORK] [DATA]
#       (default examples/networks/fashion-mnist.json, data/fashion-mnist; on 2 cores about
#       28 minutes with SoftLIF, 15 with ReLU)
#
# Installs Debian's python3-torch when needed (benchmarks/torch-python). Prints, per variant, each
# epoch's error on all test images and a last line "final <variant> <error>".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
network=${1:-$root/examples/networks/fashion-mnist.json}
data=${2:-$root/data/fashion-mnist}
python=$("$root/benchmarks/torch-python")
[ -d "$data" ] || { echo "ann-ceiling: no data at $data; deploy/snn fetch fashion-mnist" >&2; exit 2; }
for variant in "--activation softlif" "--activation relu" "--activation relu --conventional"; do
  # shellcheck disable=SC2086
  "$python" "$root/benchmarks/ann_ceiling.py" --network "$network" --data "$data" $variant
done
