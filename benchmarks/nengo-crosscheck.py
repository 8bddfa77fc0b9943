#!/usr/bin/env python3
"""Cross-check a Java spiking network against Nengo's reference simulator, for any network.

Why: the project's simulators (worker/.../sim: the dense SpikingNetwork and the event-driven
EventDrivenNetwork) are its own code. Nengo 4.1's reference simulator is an independent
implementation of the same LIF neurons, synapses and probe; run on the same weights, the same
images and zero initial voltages, both must give the same error at every step. This script
rebuilds the exported network in plain Nengo (nengo.Network / nengo.Simulator, dt = 0.001).

The network comes from the npz that `deploy/snn export --format npz` writes (NpzExporter):
manifest.json's `architecture` line, e.g. `28x28x1 > conv3x3x32 > conv3x3x64/2same > avgpool2 >
dense128 > 10` (dropout is training only and not in it), says the layers; the arrays, named per
layer as the project names them (conv1, conv2, ..., `dense` for a lone dense layer, else dense1,
dense2, ..., and `output`), give the weights; manifest.json's `neurons` gives tau_rc, tau_ref and
amplitude. Each layer becomes:

  conv     nengo.Convolution(filters, input_shape=(C, H, W), channels_last=False, strides,
           padding), kernels (out, in, kh, kw) transposed to Nengo's (kh, kw, in, out); both
           compute a correlation (no kernel flip). Nengo's `same` gives ceil(in / stride)
           positions and pads floor(total / 2) before and the rest after, where total =
           max((out - 1) * stride + k - in, 0): exactly DL4J's split (ConvolutionUtils, and
           SpikeTarget.ConvTarget.padBefore here), so no explicit padding is needed; `valid`
           gives floor((in - k) / stride) + 1 positions in both. The script checks the shapes.
  avgpool  a fixed nengo.Sparse transform into a passthrough Node (synapse=None: no delay):
           size x size windows, stride size, weight 1/size^2; rows and columns past
           floor(in / size) * size are dropped, as DL4J's truncating pool does.
  dense    transform weights.T; its input is the previous map flattened (channel, row, column),
           which is Nengo's order with channels_last=False.
  neurons  after every conv and dense: an Ensemble of nengo.LIF(tau_rc, tau_ref, min_voltage=0,
           amplitude), zero initial voltage, gain and bias (Choice) the model's neuron_gain and
           neuron_bias. Connections into .neurons are multiplied by the gain, so the current is
           J = gain * (W x + b) + neuron_bias, as in the project.
  output   dense into a passthrough Node(classes), probed through Lowpass(0.1); the prediction
           at each step is the argmax (first on ties, as the project's Readout).

Trained biases enter from a constant Node(1). Connections have no synapse (the tutorial's and the
project's default) unless --synapse TAU is given, which puts Lowpass(TAU) on every connection out
of a neuron layer, as `evaluate --synapse TAU` (or a model recorded with one, e.g. the tuned
preset) does. Pixels are scaled as the project scales IDX bytes, in float32 (byte * (1f/255f)).
One simulator build; per image: set the input, sim.reset(), sim.run_steps(S).

Needs Nengo 4.1 (pure Python; `pip install nengo==4.1.0`, or PYTHONPATH pointing at a checkout
of its v4.1.0 tag), NumPy and (for the sparse pool transforms) SciPy; not part of CI. Compare
with this project's run of the same weights, zero initial voltages and the same images:

  deploy/snn export --model out/model.zip --format npz --out /tmp/model.npz
  deploy/snn evaluate --data data/mnist --model out/model.zip --initial-voltage zero \
      --test-limit 500 --steps 30 --report /tmp/zero500
  python3 benchmarks/nengo-crosscheck.py --npz /tmp/model.npz --mnist data/mnist \
      --images 500 --steps 30 --out /tmp/nengo500.json
  # error_by_step in /tmp/zero500/report.json and /tmp/nengo500.json must be equal

--mnist takes any IDX folder (t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, raw or .gz),
so Fashion-MNIST works too. `--initial-voltage uniform` (the project's default) draws voltages
from the project's own seeds and cannot be reproduced here.
"""
import argparse
import gzip
import json
import os
import re
import sys
import time

import numpy as np

import nengo


class Refused(Exception):
    """An npz or dataset this script cannot cross-check; the message says why."""


# ----------------------------------------------------------------- I/O helpers
def open_idx(folder, name):
    """Opens folder/name or folder/name.gz; gzip is recognised by its magic bytes."""
    for path in (os.path.join(folder, name), os.path.join(folder, name + ".gz")):
        if os.path.exists(path):
            with open(path, "rb") as f:
                gz = f.read(2) == b"\x1f\x8b"
            return gzip.open(path, "rb") if gz else open(path, "rb")
    raise Refused(f"{folder}: no {name} (or {name}.gz)")


def read_idx_images(folder, n):
    with open_idx(folder, "t10k-images-idx3-ubyte") as f:
        hdr = np.frombuffer(f.read(16), dtype=">u4")
        if hdr[0] != 2051:
            raise Refused(f"{folder}: bad image magic {hdr[0]}")
        count, rows, cols = int(hdr[1]), int(hdr[2]), int(hdr[3])
        n = min(n, count)
        data = np.frombuffer(f.read(n * rows * cols), dtype=np.uint8)
    return data.reshape(n, rows * cols), rows, cols


def read_idx_labels(folder, n):
    with open_idx(folder, "t10k-labels-idx1-ubyte") as f:
        hdr = np.frombuffer(f.read(8), dtype=">u4")
        if hdr[0] != 2049:
            raise Refused(f"{folder}: bad label magic {hdr[0]}")
        n = min(n, int(hdr[1]))
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(np.int64)


def load_manifest(npz):
    if "manifest.json" not in npz.files and "manifest" not in npz.files:
        return None
    arr = npz["manifest.json" if "manifest.json" in npz.files else "manifest"]
    if isinstance(arr, (bytes, bytearray)):  # NpzFile returns non-.npy members raw
        txt = arr.decode("utf-8")
    elif arr.dtype.kind == "S":
        txt = b"".join(np.atleast_1d(arr).ravel()).decode("utf-8")
    elif arr.dtype.kind == "U":
        txt = "".join(str(x) for x in np.atleast_1d(arr).ravel())
    else:
        txt = arr.astype(np.uint8).tobytes().decode("utf-8")
    return json.loads(txt)


def scalar(a):
    a = np.asarray(a, dtype=np.float64)
    assert a.size == 1 or np.all(a == a.ravel()[0]), "expected a scalar / constant"
    return float(a.ravel()[0])


# ---------------------------------------------------------------- architecture
ARCH_LAYER = re.compile(
    r"conv(?P<k>\d+)x(?P=k)x(?P<filters>\d+)(?:/(?P<stride>\d+))?(?P<same>same)?"
    r"|avgpool(?P<size>\d+)|dense(?P<units>\d+)")


def parse_architecture(line):
    """Parses the manifest's line, `HxWxC > layer > ... > classes`, into (input, layers, classes).

    input is (channels, rows, cols); each layer a dict with `type` and its settings and `name`,
    the project's name for it (NetworkDescription.names: a lone dense layer is `dense`).
    """
    parts = [p.strip() for p in line.split(">")]
    m = re.fullmatch(r"(\d+)x(\d+)x(\d+)", parts[0])
    if not m or len(parts) < 2 or not parts[-1].isdigit():
        raise Refused(f"architecture '{line}': expected 'HxWxC > layers... > classes'")
    rows, cols, channels = (int(g) for g in m.groups())
    layers = []
    for text in parts[1:-1]:
        m = ARCH_LAYER.fullmatch(text)
        if not m:
            raise Refused(f"architecture '{line}': unknown layer '{text}'")
        if m["k"]:
            layers.append(dict(type="conv", kernel=int(m["k"]), filters=int(m["filters"]),
                               stride=int(m["stride"] or 1),
                               padding="same" if m["same"] else "valid"))
        elif m["size"]:
            layers.append(dict(type="avgpool", size=int(m["size"])))
        else:
            layers.append(dict(type="dense", units=int(m["units"])))
    dense_total = sum(layer["type"] == "dense" for layer in layers)
    seen = {}
    for layer in layers:
        t = layer["type"]
        seen[t] = seen.get(t, 0) + 1
        layer["name"] = "dense" if t == "dense" and dense_total == 1 else f"{t}{seen[t]}"
    layers.append(dict(type="output", units=int(parts[-1]), name="output"))
    return (channels, rows, cols), layers, int(parts[-1])


def conv_positions(n, layer):
    k, s = layer["kernel"], layer["stride"]
    if layer["padding"] == "same":
        return -(-n // s)
    return (n - k) // s + 1 if n >= k else 0


def size_layers(input_shape, layers):
    """Adds each layer's input and output shape, (C, H, W) for maps, (N,) after a dense layer."""
    shape = input_shape
    for layer in layers:
        layer["in"] = shape
        if layer["type"] == "conv":
            c, h, w = shape if len(shape) == 3 else (shape[0], 1, 1)
            layer["in"] = (c, h, w)
            oh, ow = conv_positions(h, layer), conv_positions(w, layer)
            if oh < 1 or ow < 1:
                raise Refused(f"{layer['name']}: kernel does not fit its {h}x{w} input")
            shape = (layer["filters"], oh, ow)
        elif layer["type"] == "avgpool":
            c, h, w = shape if len(shape) == 3 else (shape[0], 1, 1)
            layer["in"] = (c, h, w)
            p = layer["size"]
            if h < p or w < p:
                raise Refused(f"{layer['name']}: pool does not fit its {h}x{w} input")
            shape = (c, h // p, w // p)
        else:  # dense, output
            shape = (layer["units"],)
        layer["out"] = shape


def load_weights(npz, layers):
    """Attaches each weighted layer's arrays (float64), checking names and shapes."""
    for layer in layers:
        name, t = layer["name"], layer["type"]
        if t == "avgpool":
            continue
        n_in = int(np.prod(layer["in"]))
        if t == "conv":
            key, want = name + "_kernel", (layer["filters"], layer["in"][0],
                                           layer["kernel"], layer["kernel"])
            n_out = layer["filters"]
        else:
            key, want = name + "_weights", (n_in, layer["units"])
            n_out = layer["units"]
        for k, shape in ((key, want), (name + "_bias", (n_out,))):
            if k not in npz.files:
                raise Refused(f"npz has no {k} for {name} ({t}); it has {npz.files}")
            a = np.asarray(npz[k])
            if a.shape != shape:
                raise Refused(f"{k}: shape {a.shape}, the architecture gives {shape}")
            print(f"  {k}: shape={a.shape} dtype={a.dtype}")
        layer["w"] = np.asarray(npz[key], dtype=np.float64)
        layer["b"] = np.asarray(npz[name + "_bias"], dtype=np.float64)


# ------------------------------------------------------------------- network
def pool_transform(layer):
    """avgpool as a fixed sparse (out, in) transform over (channel, row, column) maps."""
    c, h, w = layer["in"]
    _, oh, ow = layer["out"]
    p = layer["size"]
    ch, oy, ox, dy, dx = np.meshgrid(np.arange(c), np.arange(oh), np.arange(ow),
                                     np.arange(p), np.arange(p), indexing="ij")
    rows = ((ch * oh + oy) * ow + ox).ravel()
    cols = ((ch * h + oy * p + dy) * w + ox * p + dx).ravel()
    pool = nengo.Sparse((c * oh * ow, c * h * w), indices=np.stack([rows, cols], axis=1),
                        init=np.full(rows.size, 1.0 / (p * p)))
    # Checked against the pool written as reshapes, on a random map.
    x = np.random.RandomState(1).randn(c, h, w)
    want = x[:, :oh * p, :ow * p].reshape(c, oh, p, ow, p).mean(axis=(2, 4)).ravel()
    got = pool.init.allocate() @ x.ravel()
    print(f"  {layer['name']}: pool transform check max|diff| = {np.max(np.abs(got - want)):.1e}")
    return pool


def weighted_transform(layer):
    """A conv or dense layer's weights as a Nengo transform; its bias laid out as its output."""
    if layer["type"] == "conv":
        c, h, w = layer["in"]
        conv = nengo.Convolution(
            layer["filters"], input_shape=(c, h, w),
            kernel_size=(layer["kernel"], layer["kernel"]),
            strides=(layer["stride"], layer["stride"]), padding=layer["padding"],
            channels_last=False,
            init=layer["w"].transpose(2, 3, 1, 0))  # (out, in, kh, kw) -> (kh, kw, in, out)
        if conv.output_shape.shape != layer["out"]:
            raise Refused(f"{layer['name']}: Nengo gives {conv.output_shape.shape}, "
                          f"the project {layer['out']}")
        _, oh, ow = layer["out"]
        return conv, np.repeat(layer["b"], oh * ow)
    return layer["w"].T, layer["b"]


def build_network(layers, neurons, gain, bias, get_input, n_in, synapse):
    """The network in Nengo: returns it, the output probe and the neuron ensembles in order."""
    def lif():
        return nengo.LIF(tau_rc=neurons["tau_rc"], tau_ref=neurons["tau_ref"], min_voltage=0,
                         amplitude=neurons["amplitude"],
                         initial_state={"voltage": nengo.dists.Choice([0])})

    ensembles = []
    with nengo.Network(seed=0) as net:
        one = nengo.Node([1.0], label="one")
        src = nengo.Node(get_input, size_out=n_in, label="input")
        syn = None  # what the next connection from src carries: none out of the input
        for layer in layers:
            if layer["type"] == "avgpool":
                node = nengo.Node(size_in=int(np.prod(layer["out"])), label=layer["name"])
                nengo.Connection(src, node, transform=pool_transform(layer), synapse=syn)
                src, syn = node, None
                continue
            transform, b = weighted_transform(layer)
            n_out = int(np.prod(layer["out"]))
            if layer["type"] == "output":
                target = nengo.Node(size_in=n_out, label="output")
            else:
                ens = nengo.Ensemble(n_out, dimensions=1, neuron_type=lif(),
                                     gain=nengo.dists.Choice([gain]),
                                     bias=nengo.dists.Choice([bias]), label=layer["name"])
                ensembles.append(ens)
                target = ens.neurons
            nengo.Connection(src, target, transform=transform, synapse=syn)
            nengo.Connection(one, target, transform=b[:, None], synapse=None)
            src, syn = target, (nengo.Lowpass(synapse) if synapse else None)
        probe = nengo.Probe(target, synapse=0.1)
    return net, probe, ensembles


# ----------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npz", required=True, help="from deploy/snn export --format npz")
    ap.add_argument("--mnist", required=True,
                    help="IDX folder with t10k-images-idx3-ubyte / t10k-labels-idx1-ubyte")
    ap.add_argument("--images", type=int, default=500)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--out", default=None)
    ap.add_argument("--synapse", type=float, default=0.0,
                    help="lowpass (s) on every connection out of a neuron layer, as evaluate's "
                         "--synapse (default 0: none, the tutorial's)")
    ap.add_argument("--timing-images", type=int, default=5,
                    help="images timed separately first (reported)")
    ap.add_argument("--manifest-scalars", action="store_true",
                    help="use neuron_gain/neuron_bias from manifest.json (double) "
                         "instead of the (float32) npz arrays")
    args = ap.parse_args()
    try:
        run(args)
    except Refused as e:
        print(f"nengo-crosscheck: {e}", file=sys.stderr)
        sys.exit(2)


def run(args):
    npz = np.load(args.npz, allow_pickle=False)
    manifest = load_manifest(npz) or {}
    print(f"npz: {args.npz}  files: {npz.files}")
    line = manifest.get("architecture")
    if not line:
        raise Refused(f"{args.npz}: no manifest.json with an architecture "
                      "(write the npz with deploy/snn export --format npz)")
    input_shape, layers, classes = parse_architecture(line)
    size_layers(input_shape, layers)
    print(f"architecture: {line}")
    for layer in layers:
        settings = {k: v for k, v in layer.items() if k not in ("name", "type", "in", "out")}
        print(f"  {layer['name']:9s} {layer['type']:8s} {layer['in']} -> {layer['out']} "
              f"{settings if settings else ''}")
    load_weights(npz, layers)

    neurons = manifest.get("neurons")
    if not neurons:
        raise Refused(f"{args.npz}: manifest.json has no neuron parameters")
    gain, bias = scalar(npz["neuron_gain"]), scalar(npz["neuron_bias"])
    print(f"  neurons: {neurons}; manifest neuron_gain={manifest.get('neuron_gain')!r} "
          f"neuron_bias={manifest.get('neuron_bias')!r}")
    if args.manifest_scalars:
        gain, bias = float(manifest["neuron_gain"]), float(manifest["neuron_bias"])
    print(f"  using gain={gain!r} bias={bias!r}, synapse={args.synapse or 'none'}")

    imgs, rows, cols = read_idx_images(args.mnist, args.images)
    labels = read_idx_labels(args.mnist, args.images)
    if (1, rows, cols) != input_shape:
        c, h, w = input_shape
        raise Refused(f"{args.mnist}: {rows}x{cols}x1 IDX images, the network takes {h}x{w}x{c}")
    n = min(len(imgs), len(labels), args.images)
    # As the project's Dataset: byte * (1f / 255f), in float32.
    imgs = (imgs[:n].astype(np.float32) * (np.float32(1) / np.float32(255))).astype(np.float64)
    labels = labels[:n]
    if n and labels.max() >= classes:
        raise Refused(f"{args.mnist}: label {labels.max()} outside the model's {classes} classes")

    current = {"x": np.zeros(rows * cols)}

    def get_input(t):
        return current["x"]

    t0 = time.time()
    weighted = [layer for layer in layers if layer["type"] != "avgpool"]
    net, probe, enss = build_network(layers, neurons, gain, bias, get_input, rows * cols,
                                     args.synapse)
    print("neuron layers: " + ", ".join(f"{e.label} ({e.n_neurons})" for e in enss))
    sim = nengo.Simulator(net, dt=0.001, progress_bar=False)
    print(f"nengo {nengo.__version__}: simulator built in {time.time() - t0:.1f}s "
          f"({len(weighted)} weighted layers)")

    vsigs = [sim.model.sig[e.neurons]["voltage"] for e in enss]
    rsigs = [sim.model.sig[e.neurons]["refractory_time"] for e in enss]

    S = args.steps
    preds = np.zeros((n, S), dtype=np.int64)
    last = np.zeros((n, classes))
    step1_max_abs = 0.0
    reset_ok = True
    t_img = []
    t_run = time.time()
    for i in range(n):
        ti = time.time()
        current["x"] = imgs[i]
        sim.reset()
        v_after_reset = max(float(np.max(np.abs(sim.signals[s]))) for s in vsigs + rsigs)
        if v_after_reset != 0.0:
            reset_ok = False
        sim.run_steps(S)
        y = sim.data[probe]  # (S, classes)
        step1_max_abs = max(step1_max_abs, float(np.max(np.abs(y[0]))))
        preds[i] = np.argmax(y, axis=1)
        last[i] = y[-1]
        t_img.append(time.time() - ti)
        if i + 1 == args.timing_images:
            print(f"timing: {np.mean(t_img):.3f}s per image ({S} steps) over first "
                  f"{len(t_img)} images", flush=True)
        if (i + 1) % 50 == 0 or i + 1 == n:
            e = np.mean(preds[: i + 1, -1] != labels[: i + 1]) * 100
            print(f"  {i + 1}/{n} images, last-step error so far {e:.2f}%  "
                  f"({np.mean(t_img):.3f}s/img)", flush=True)

    if n:
        vmax = max(float(np.max(np.abs(sim.signals[s]))) for s in vsigs)
        print(f"reset check: voltages & refractory times exactly 0 after every reset: "
              f"{reset_ok}; (max |v| at end of last image = {vmax:.3g})")
        print(f"probe at step 1: max |y| over all images = {step1_max_abs!r}")

    sim.close()
    err = (preds != labels[:, None]).mean(axis=0)
    print(f"simulated {n} images in {time.time() - t_run:.1f}s")
    print("error by step (%):")
    print("  " + " ".join(f"{s + 1}:{100 * e:.2f}" for s, e in enumerate(err)))

    res = {
        "images": int(n),
        "steps": int(S),
        "error_by_step": [float(e) for e in err],
        "error_by_step_percent": [float(100 * e) for e in err],
        "nengo_version": nengo.__version__,
        "architecture": line,
        "synapse": args.synapse,
        "predictions_last_step": [int(p) for p in preds[:, -1]],
        "predictions_by_step": preds.tolist(),  # per image, as predict --per-step
        "output_last_step": last.tolist(),  # the filtered outputs, as predict's output
        "labels": [int(x) for x in labels],
        "probe_step1_max_abs": step1_max_abs,
        "reset_zeroes_voltages": reset_ok,
        "seconds_per_image": float(np.mean(t_img)) if t_img else None,
        "npz": os.path.abspath(args.npz),
        "neuron_gain_used": gain,
        "neuron_bias_used": bias,
    }
    if args.out:
        with open(args.out, "w") as f:
            json.dump(res, f, indent=1)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
