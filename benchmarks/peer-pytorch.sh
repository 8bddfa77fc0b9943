#!/usr/bin/env bash
# Peer comparison: this project's training and spiking evaluation against the same network in
# PyTorch (benchmarks/peer_pytorch.py) on the same cores, in one run. Not part of CI.
#
#   benchmarks/peer-pytorch.sh [MODEL]     (default out/model.zip, from deploy/snn run)
#
# Installs Debian's python3-torch when needed (benchmarks/torch-python). Prints each measurement,
# and the two ratios on its last line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
model=${1:-$root/out/model.zip}
data=$root/data/mnist
threads=$(nproc)
python=$("$root/benchmarks/torch-python")
[ -f "$model" ] || { echo "peer: no model at $model; run deploy/snn run first" >&2; exit 2; }

# This project, both cores: Spark training with 2 workers, then the spiking evaluation.
"$root/deploy/snn" fetch >/dev/null
train_out=$("$root/deploy/snn" bench training --data "$data" --steps 20 --workers "$threads")
echo "$train_out"
ours_train=$(sed -n 's/^spark, .* fast *\([0-9]*\) images\/s.*/\1/p' <<<"$train_out")
eval_dir=$(mktemp -d)
trap 'rm -rf "$eval_dir"' EXIT
eval_out=$("$root/deploy/snn" evaluate --data "$data" --model "$model" \
  --steps 30 --workers "$threads" --report "$eval_dir/report")
echo "$eval_out"
ours_spiking=$(sed -n 's/.*spiking evaluation [0-9.]* s (\([0-9]*\) image-steps\/s).*/\1/p' <<<"$eval_out")

# PyTorch, the same cores.
peer_out=$("$python" "$root/benchmarks/peer_pytorch.py" --data "$data" --threads "$threads")
echo "$peer_out"
peer_train=$(sed -n 's/^pytorch training \([0-9]*\)$/\1/p' <<<"$peer_out")
peer_spiking=$(sed -n 's/^pytorch spiking \([0-9]*\)$/\1/p' <<<"$peer_out")

awk -v ot="$ours_train" -v pt="$peer_train" -v os="$ours_spiking" -v ps="$peer_spiking" 'BEGIN {
  printf "peer ratios: training %.2fx PyTorch (%d vs %d images/s), spiking evaluation %.2fx PyTorch (%d vs %d image-steps/s)\n", ot / pt, ot, pt, os / ps, os, ps }'
