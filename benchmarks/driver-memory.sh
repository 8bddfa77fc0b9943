#!/usr/bin/env bash
# Shows that training from a table never gathers the training images in the driver: a CSV table
# of N images (MNIST's training images repeated, values in [0, 1] as text), decoded by the
# executors to N x 784 float32 values (3.1 KB an image: 1.25 GB for the default 400,000), is
# trained on the multi-JVM standalone cluster (deploy/local-cluster: a Master, two Workers of one
# core, executors of 2 GiB heap) by a driver whose heap is SNN_DRIVER_MEMORY (default 512m, about
# the least Spark starts with). The run must finish; GNU time reports the driver JVM's peak RSS.
# Needs data/mnist (deploy/snn fetch) and a build (mvn -B -DskipTests install). Not part of CI:
# it writes about 1 GB of CSV and takes several minutes on 2 cores.
#
# Usage: benchmarks/driver-memory.sh [IMAGES=400000]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
images=${1:-400000}
work=${SNN_MEMORY_WORK:-$root/target/driver-memory}
export SNN_DRIVER_MEMORY=${SNN_DRIVER_MEMORY:-512m}
export SNN_CLUSTER_DIR=$work/cluster SNN_CLUSTER_PORT=7177 SNN_CLUSTER_UI_PORT=8180
mkdir -p "$work"

if [ ! -f "$work/train-$images.csv" ]; then
  python3 - "$root/data/mnist" "$work" "$images" <<'PY'
import gzip, os, sys
import numpy as np

mnist, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])

def idx(name, offset):
    for path in (os.path.join(mnist, name), os.path.join(mnist, name + ".gz")):
        if os.path.exists(path):
            with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
                return np.frombuffer(f.read(), np.uint8)[offset:]
    sys.exit(f"{mnist}: no {name}; run deploy/snn fetch")

# Each byte's text once: 0 stays "0", the rest k/255 to 4 decimals (in [0, 1], as the table wants).
text = np.array(["0"] + [f"{k / 255:.4f}" for k in range(1, 256)], dtype=object)

def write(path, pixels, labels, n):
    with open(path + ".tmp", "w") as out:
        out.write("label,features\n")
        for i in range(n):
            j = i % len(labels)
            out.write(f"{labels[j]},{' '.join(text[pixels[j]])}\n")
    os.replace(path + ".tmp", path)

train = idx("train-images-idx3-ubyte", 16).reshape(-1, 784)
write(f"{work}/train-{count}.csv", train, idx("train-labels-idx1-ubyte", 8), count)
test = idx("t10k-images-idx3-ubyte", 16).reshape(-1, 784)
write(f"{work}/test.csv", test, idx("t10k-labels-idx1-ubyte", 8), 2000)
PY
fi
echo "table: $images images, $(du -h "$work/train-$images.csv" | cut -f1) of CSV," \
  "$((images * 784 * 4 / 1000000)) MB as float32; driver heap $SNN_DRIVER_MEMORY"

"$root/deploy/local-cluster/start"
trap '"$root/deploy/local-cluster/stop"' EXIT
rm -rf "$work/model"
/usr/bin/time -v -o "$work/time.txt" "$root/deploy/local-cluster/submit" train \
  --train "$work/train-$images.csv" --test "$work/test.csv" --input-format csv \
  --network '{"layers": [{"type": "dense", "units": 32}]}' --epochs 1 \
  --model "$work/model/model.zip"
grep -E 'Elapsed|Maximum resident' "$work/time.txt"
