#!/usr/bin/env python3
"""Reads a NIR file written by `snn export --format nir`, rebuilds its graph in NumPy and runs it.

It reads the HDF5 file with h5py only (Debian's python3-h5py; no NIR library), takes each node's
type and parameters from the datasets, orders the nodes by the edges, and simulates the graph on
the first N MNIST test images as docs/outputs.md ("What the graph means") defines it:

  each step dt = 1 ms, the image held constant as the Input's value;
  LIF: v += dt/tau * (v_leak - v + r*I); a spike where v > v_threshold, then v = v_reset;
       a spike leaves the node as 1/dt for that one step; v starts at 0;
  LI:  v += dt/tau * (v_leak - v + r*I), read after the step; v starts at 0;
  Conv2d, AvgPool2d/SumPool2d, Flatten, Affine: the linear maps, within the same step;
  the prediction is the argmax of the Output node at the last step.

Then it compares image by image with the same network run by the project's own simulator in that
mode (`--neurons nir`), from the CSV predictions table `snn predict` writes:

  deploy/snn export --model out/model.zip --format nir --out /tmp/model.nir
  deploy/snn predict --model out/model.zip --input data/mnist/t10k-images-idx3-ubyte \\
      --neurons nir --steps 30 --format csv --out /tmp/nir-pred
  /usr/bin/python3 benchmarks/nir-check.py --nir /tmp/model.nir --mnist data/mnist \\
      --images 1000 --steps 30 --predictions /tmp/nir-pred

Needs h5py and NumPy: Debian's python3-h5py and python3-numpy, which it installs with apt-get
when it runs as root and they are missing (they serve Debian's /usr/bin/python3).
"""
import argparse
import csv
import glob
import os
import shutil
import subprocess
import sys
import time

SYSTEM_PYTHON = "/usr/bin/python3"


def ensure_h5py():
    """Imports h5py, or runs this script again under Debian's python3 with python3-h5py."""
    try:
        import h5py  # noqa: F401
        import numpy  # noqa: F401

        return
    except ImportError:
        pass
    if os.environ.get("NIR_CHECK_REEXEC"):
        sys.exit("nir-check: h5py and numpy are missing: apt-get install -y python3-h5py python3-numpy")
    probe = [SYSTEM_PYTHON, "-c", "import h5py, numpy"]
    has = os.path.exists(SYSTEM_PYTHON) and subprocess.run(probe, capture_output=True).returncode == 0
    if not has and os.geteuid() == 0 and shutil.which("apt-get"):
        print("nir-check: installing python3-h5py python3-numpy (apt-get)", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-q", "python3-h5py", "python3-numpy"], check=True)
    env = dict(os.environ, NIR_CHECK_REEXEC="1")
    os.execve(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv, env)


ensure_h5py()
import h5py  # noqa: E402
import numpy as np  # noqa: E402


# ------------------------------------------------------------------------- the file
def text(value):
    return value.decode("utf8") if isinstance(value, bytes) else str(value)


def read_graph(path):
    """(version, nodes {name: (type, {param: array})}, edges [(from, to)]), as nir.read sees them."""
    with h5py.File(path, "r") as f:
        version = text(f["version"][()])
        root = f["node"]
        assert text(root["type"][()]) == "NIRGraph", "the root node is not a NIRGraph"
        edges = [(text(a), text(b)) for a, b in root["edges"][()]]
        nodes = {}
        for name, group in root["nodes"].items():
            params = {k: group[k][()] for k in group.keys() if k != "type"}
            nodes[name] = (text(group["type"][()]), params)
    return version, nodes, edges


def topological(nodes, edges):
    """Node names in an order where every edge runs forward (Kahn's algorithm)."""
    incoming = {n: 0 for n in nodes}
    for _, b in edges:
        incoming[b] += 1
    ready = [n for n in nodes if incoming[n] == 0]
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for a, b in edges:
            if a == n:
                incoming[b] -= 1
                if incoming[b] == 0:
                    ready.append(b)
    assert len(order) == len(nodes), "the graph has a cycle"
    return order


# ------------------------------------------------------------------- the node types
def pair(v):
    v = np.asarray(v).reshape(-1)
    return (int(v[0]), int(v[0])) if v.size == 1 else (int(v[0]), int(v[1]))


def conv2d(x, p):
    """x: (B, C, H, W) -> (B, O, H', W'), a cross-correlation as NIR's (and PyTorch's) Conv2d."""
    w = p["weight"].astype(np.float32)
    assert int(p["groups"]) == 1 and pair(p["dilation"]) == (1, 1), "groups/dilation unsupported"
    pad = pair(p["padding"])
    stride = pair(p["stride"])
    x = np.pad(x, ((0, 0), (0, 0), (pad[0], pad[0]), (pad[1], pad[1])))
    o, c, kh, kw = w.shape
    # One matrix product per kernel offset over a channels-last view: no im2col copy.
    xl = np.ascontiguousarray(x.transpose(0, 2, 3, 1))  # (B, H, W, C)
    b, h, wd, _ = xl.shape
    h2 = (h - kh) // stride[0] + 1
    w2 = (wd - kw) // stride[1] + 1
    y = np.zeros((b, h2, w2, o), dtype=np.float32)
    for i in range(kh):
        for j in range(kw):
            part = xl[:, i : i + stride[0] * (h2 - 1) + 1 : stride[0], j : j + stride[1] * (w2 - 1) + 1 : stride[1]]
            y += part @ w[:, :, i, j].T
    y += p["bias"].astype(np.float32)
    return y.transpose(0, 3, 1, 2)


def pool2d(x, p, average):
    k = pair(p["kernel_size"])
    s = pair(p["stride"])
    assert pair(p["padding"]) == (0, 0), "pool padding unsupported"
    win = np.lib.stride_tricks.sliding_window_view(x, k, axis=(2, 3))[:, :, :: s[0], :: s[1]]
    total = win.sum(axis=(4, 5), dtype=np.float32)
    return total / np.float32(k[0] * k[1]) if average else total


def flatten(x, p):
    start, end = int(p["start_dim"]), int(p["end_dim"])
    # NIR's dims exclude the batch: dim d here is d + 1.
    shape = x.shape[1:]
    end = len(shape) - 1 if end == -1 else end
    new = shape[:start] + (int(np.prod(shape[start : end + 1])),) + shape[end + 1 :]
    return x.reshape((x.shape[0],) + new)


class Leaky:
    """An LIF (spiking) or LI node, forward Euler at dt, state in float32 as the Java simulator."""

    def __init__(self, p, dt, spiking, batch):
        self.rate = (dt / p["tau"]).astype(np.float64)
        self.r = p["r"].astype(np.float64)
        self.v_leak = p["v_leak"].astype(np.float64)
        self.spiking = spiking
        if spiking:
            self.threshold = p["v_threshold"].astype(np.float64)
            self.reset = p["v_reset"].astype(np.float64)
        self.v = np.zeros((batch,) + self.rate.shape, dtype=np.float32)
        self.height = np.float32(1 / dt)

    def step(self, current):
        v = self.v.astype(np.float64)
        v += self.rate * (self.v_leak - v + self.r * current)
        if not self.spiking:
            self.v = v.astype(np.float32)
            return self.v
        spiked = v > self.threshold
        v = np.where(spiked, self.reset, v)
        self.v = v.astype(np.float32)
        return spiked.astype(np.float32) * self.height


# ------------------------------------------------------------------------ simulation
def simulate(nodes, edges, images, steps, dt):
    """Final Output values of every image (B, classes)."""
    order = topological(nodes, edges)
    inputs = {n: [a for a, b in edges if b == n] for n in nodes}
    batch = images.shape[0]
    state = {
        n: Leaky(p, dt, t == "LIF", batch) for n, (t, p) in nodes.items() if t in ("LIF", "LI")
    }
    cache = {}  # stateless nodes whose inputs are constant: computed once
    constant = set()
    out = None
    for _ in range(steps):
        value = {}
        for n in order:
            t, p = nodes[n]
            if n in cache:
                value[n] = cache[n]
                continue
            x = None
            for a in inputs[n]:
                x = value[a] if x is None else x + value[a]
            if t == "Input":
                shape = tuple(int(d) for d in p["shape"])
                y = images.reshape((batch,) + shape)
            elif t == "Conv2d":
                y = conv2d(x, p)
            elif t in ("AvgPool2d", "SumPool2d"):
                y = pool2d(x, p, t == "AvgPool2d")
            elif t == "Flatten":
                y = flatten(x, p)
            elif t == "Affine":
                y = x @ p["weight"].astype(np.float32).T + p["bias"].astype(np.float32)
            elif t in ("LIF", "LI"):
                y = state[n].step(x)
            elif t == "Output":
                y = x
                out = y
            else:
                raise SystemExit(f"nir-check: node type {t} is not supported")
            if t == "Input" or (t not in ("LIF", "LI") and all(a in constant for a in inputs[n])):
                constant.add(n)
                cache[n] = y
            value[n] = y
    return out


# ----------------------------------------------------------------------------- data
def read_idx(path, n, magic, dims):
    """The first n items of an IDX file with dims dimensions after the count (2 for images)."""
    with open(path, "rb") as f:
        header = np.frombuffer(f.read(4 * (2 + dims)), dtype=">u4")
        assert header[0] == magic, f"{path}: bad magic {header[0]}"
        n = min(n, int(header[1]))
        size = int(np.prod([int(h) for h in header[2:]])) if len(header) > 2 else 1
        data = np.frombuffer(f.read(n * size), dtype=np.uint8)
    return data.reshape((n,) + tuple(int(h) for h in header[2:]))


def java_predictions(folder, n):
    """id -> (prediction, outputs) from a predictions table written with --format csv."""
    rows = {}
    files = sorted(glob.glob(os.path.join(folder, "*.csv"))) if os.path.isdir(folder) else [folder]
    for path in files:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                i = int(row["id"])
                if i < n:
                    outputs = np.array([float(v) for v in row["output"].split()], dtype=np.float64)
                    rows[i] = (int(row["prediction"]), outputs)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nir", required=True, help="file written by snn export --format nir")
    ap.add_argument("--mnist", default="data/mnist", help="folder with the t10k IDX files")
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--dt", type=float, default=0.001)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--predictions", help="snn predict --neurons nir --format csv output folder")
    args = ap.parse_args()

    version, nodes, edges = read_graph(args.nir)
    kinds = " > ".join(nodes[n][0] for n in topological(nodes, edges))
    print(f"nir-check: {args.nir}: NIR {version}, {len(nodes)} nodes: {kinds}")
    images = read_idx(os.path.join(args.mnist, "t10k-images-idx3-ubyte"), args.images, 2051, 2)
    labels = read_idx(os.path.join(args.mnist, "t10k-labels-idx1-ubyte"), args.images, 2049, 0)
    images = images.astype(np.float32) / np.float32(255)
    start = time.time()
    outputs = []
    for lo in range(0, len(images), args.batch):
        outputs.append(simulate(nodes, edges, images[lo : lo + args.batch], args.steps, args.dt))
    outputs = np.concatenate(outputs)
    predictions = outputs.argmax(axis=1)
    errors = int((predictions != labels.reshape(-1)).sum())
    n = len(images)
    print(
        f"nir-check: NumPy, {n} images, {args.steps} steps: error {100 * errors / n:.2f}%"
        f" ({errors} wrong) in {time.time() - start:.1f} s"
    )
    if args.predictions:
        java = java_predictions(args.predictions, n)
        assert len(java) == n, f"{len(java)} of {n} images in {args.predictions}"
        java_pred = np.array([java[i][0] for i in range(n)])
        java_out = np.stack([java[i][1] for i in range(n)])
        java_errors = int((java_pred != labels.reshape(-1)).sum())
        same = int((java_pred == predictions).sum())
        print(
            f"nir-check: evaluate --neurons nir (Java), same images: error"
            f" {100 * java_errors / n:.2f}% ({java_errors} wrong)"
        )
        print(
            f"nir-check: same prediction for {same} of {n} images; largest difference of a final"
            f" output {np.abs(java_out - outputs).max():.3g}"
            f" (outputs up to {np.abs(outputs).max():.3g})"
        )
        differ = np.nonzero(java_pred != predictions)[0]
        if len(differ):
            print("nir-check: images that differ: " + " ".join(str(i) for i in differ[:20]))


if __name__ == "__main__":
    main()
