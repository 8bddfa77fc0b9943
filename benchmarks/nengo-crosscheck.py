#!/usr/bin/env python3
"""Cross-check a Java spiking conv net against Nengo's reference simulator.

Builds, in plain Nengo (nengo.Network / nengo.Simulator, dt=0.001):
  input Node(784) -> [Convolution 1->32, 3x3 valid] -> LIF ens1 (32x26x26)
                  -> [Convolution 32->32, 3x3 valid] -> LIF ens2 (32x24x24)
                  -> [dense_weights.T @ avgpool2x2] -> LIF ens3 (128)
                  -> [output_weights.T] -> passthrough Node(10), probed with Lowpass(0.1)
All connections synapse=None. Biases come from a constant Node(1).
Connections into .neurons are multiplied by the ensemble gain by Nengo, so the
neuron current is J = gain * (W x + b) + neuron_bias.

One simulator build; per image: set global input, sim.reset(), sim.run_steps(S).

Needs Nengo 4.1 (pure Python; `pip install nengo==4.1.0`, or PYTHONPATH pointing at a
checkout of its v4.1.0 tag) and NumPy; not part of CI. Compare with this project's run of the
same weights, zero initial voltages and the same images:

  deploy/snn export --model out/model.zip --format npz --out /tmp/model.npz
  deploy/snn evaluate --data data/mnist --model out/model.zip --initial-voltage zero \
      --test-limit 500 --steps 30 --report /tmp/zero500
  python3 benchmarks/nengo-crosscheck.py --npz /tmp/model.npz --mnist data/mnist \
      --images 500 --steps 30 --out /tmp/nengo500.json
  # error_by_step in /tmp/zero500/report.json and /tmp/nengo500.json must be equal
"""
import argparse
import json
import os
import sys
import time

import numpy as np

import nengo


# ----------------------------------------------------------------- I/O helpers
def read_idx_images(path, n):
    with open(path, "rb") as f:
        hdr = np.frombuffer(f.read(16), dtype=">u4")
        assert hdr[0] == 2051, f"bad image magic {hdr[0]}"
        count, rows, cols = int(hdr[1]), int(hdr[2]), int(hdr[3])
        n = min(n, count)
        data = np.frombuffer(f.read(n * rows * cols), dtype=np.uint8)
    return data.reshape(n, rows * cols), rows, cols


def read_idx_labels(path, n):
    with open(path, "rb") as f:
        hdr = np.frombuffer(f.read(8), dtype=">u4")
        assert hdr[0] == 2049, f"bad label magic {hdr[0]}"
        n = min(n, int(hdr[1]))
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(np.int64)


def load_manifest(npz):
    if "manifest.json" not in npz.files and "manifest" not in npz.files:
        return None
    arr = npz["manifest.json" if "manifest.json" in npz.files else "manifest"]
    if isinstance(arr, (bytes, bytearray)):  # NpzFile returns non-.npy members raw
        txt = arr.decode("utf-8")
    elif arr.dtype.kind in "US":
        txt = "".join(str(x) for x in np.atleast_1d(arr).ravel())
        if arr.dtype.kind == "S":
            txt = b"".join(np.atleast_1d(arr).ravel()).decode("utf-8")
    else:
        txt = arr.astype(np.uint8).tobytes().decode("utf-8")
    try:
        return json.loads(txt)
    except Exception:
        return txt


def manifest_entry(manifest, key):
    """Find the description of `key` anywhere in the manifest (dict or list)."""
    if manifest is None:
        return "(no manifest.json in npz)"
    if isinstance(manifest, str):
        return "(unparsed manifest) " + manifest[:200]

    def walk(m):
        if isinstance(m, dict):
            if key in m:
                return m[key]
            if m.get("name") == key or m.get("key") == key:
                return m
            for v in m.values():
                r = walk(v)
                if r is not None:
                    return r
        elif isinstance(m, list):
            for v in m:
                r = walk(v)
                if r is not None:
                    return r
        return None

    r = None
    for name in (key + ".npy", key):
        key = name
        r = walk(manifest)
        if r is not None:
            break
    return "(not described in manifest)" if r is None else r


def scalar(a):
    a = np.asarray(a, dtype=np.float64)
    assert a.size == 1 or np.all(a == a.ravel()[0]), "expected a scalar / constant"
    return float(a.ravel()[0])


# ------------------------------------------------------------------- network
def build_network(W, get_input, n_in_px=784):
    k1 = W["conv1_kernel"]  # (32, 1, 3, 3)  (out, in, kh, kw)
    b1 = W["conv1_bias"]
    k2 = W["conv2_kernel"]  # (32, 32, 3, 3)
    b2 = W["conv2_bias"]
    dw = W["dense_weights"]  # (4608, 128)
    db = W["dense_bias"]
    ow = W["output_weights"]  # (128, 10)
    ob = W["output_bias"]
    gain, bias = W["neuron_gain"], W["neuron_bias"]

    c1, cin1, kh, kw = k1.shape
    c2 = k2.shape[0]
    H = int(round(np.sqrt(n_in_px / cin1)))
    H1 = H - kh + 1  # 26
    H2 = H1 - kh + 1  # 24
    Hp = H2 // 2  # 12
    n1, n2, n3 = c1 * H1 * H1, c2 * H2 * H2, dw.shape[1]
    assert dw.shape[0] == c2 * Hp * Hp

    # pool+dense: W3[j, c*H2*H2 + r*H2 + q] = 0.25 * dw[c*Hp*Hp + (r//2)*Hp + q//2, j]
    dw4 = dw.reshape(c2, Hp, Hp, n3)
    w3 = 0.25 * np.repeat(np.repeat(dw4, 2, axis=1), 2, axis=2)  # (c2, H2, H2, n3)
    w3 = np.ascontiguousarray(w3.reshape(n2, n3).T)  # (n3, n2)

    def lif():
        return nengo.LIF(
            tau_rc=0.02,
            tau_ref=0.002,
            min_voltage=0,
            amplitude=0.01,
            initial_state={"voltage": nengo.dists.Choice([0])},
        )

    ens_kw = dict(
        dimensions=1,
        gain=nengo.dists.Choice([gain]),
        bias=nengo.dists.Choice([bias]),
    )

    with nengo.Network(seed=0) as net:
        inp = nengo.Node(get_input, size_out=n_in_px, label="input")
        one = nengo.Node([1.0], label="one")
        ens1 = nengo.Ensemble(n1, neuron_type=lif(), label="conv1", **ens_kw)
        ens2 = nengo.Ensemble(n2, neuron_type=lif(), label="conv2", **ens_kw)
        ens3 = nengo.Ensemble(n3, neuron_type=lif(), label="dense", **ens_kw)
        out = nengo.Node(size_in=ow.shape[1], label="out")

        conv1 = nengo.Convolution(
            c1,
            input_shape=(cin1, H, H),
            kernel_size=(kh, kw),
            channels_last=False,
            padding="valid",
            init=k1.transpose(2, 3, 1, 0),  # -> (kh, kw, in, out)
        )
        assert conv1.output_shape.shape == (c1, H1, H1)
        nengo.Connection(inp, ens1.neurons, transform=conv1, synapse=None)
        nengo.Connection(
            one, ens1.neurons, transform=np.repeat(b1, H1 * H1)[:, None], synapse=None
        )

        conv2 = nengo.Convolution(
            c2,
            input_shape=(c1, H1, H1),
            kernel_size=(kh, kw),
            channels_last=False,
            padding="valid",
            init=k2.transpose(2, 3, 1, 0),
        )
        assert conv2.output_shape.shape == (c2, H2, H2)
        nengo.Connection(ens1.neurons, ens2.neurons, transform=conv2, synapse=None)
        nengo.Connection(
            one, ens2.neurons, transform=np.repeat(b2, H2 * H2)[:, None], synapse=None
        )

        nengo.Connection(ens2.neurons, ens3.neurons, transform=w3, synapse=None)
        nengo.Connection(one, ens3.neurons, transform=db[:, None], synapse=None)

        nengo.Connection(ens3.neurons, out, transform=ow.T, synapse=None)
        nengo.Connection(one, out, transform=ob[:, None], synapse=None)

        probe = nengo.Probe(out, synapse=0.1)

    return net, probe, (ens1, ens2, ens3), w3


def check_pool_matrix(W, w3):
    """Compare w3 with dense_weights.T @ P for an explicitly built P (on random x)."""
    dw = W["dense_weights"]
    c2 = W["conv2_kernel"].shape[0]
    n_pool = dw.shape[0]
    Hp = int(round(np.sqrt(n_pool / c2)))
    H2 = 2 * Hp
    rows, cols = [], []
    for c in range(c2):
        for i in range(Hp):
            for j in range(Hp):
                o = c * Hp * Hp + i * Hp + j
                for di in (0, 1):
                    for dj in (0, 1):
                        rows.append(o)
                        cols.append(c * H2 * H2 + (2 * i + di) * H2 + (2 * j + dj))
    x = np.random.RandomState(1).randn(c2 * H2 * H2)
    pooled = np.zeros(n_pool)
    np.add.at(pooled, rows, 0.25 * x[cols])
    err = np.max(np.abs(dw.T @ pooled - w3 @ x))
    return err


# ----------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--npz", required=True)
    ap.add_argument("--mnist", required=True)
    ap.add_argument("--images", type=int, default=500)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--out", default=None)
    ap.add_argument("--timing-images", type=int, default=5,
                    help="images timed separately first (reported)")
    ap.add_argument("--manifest-scalars", action="store_true",
                    help="use neuron_gain/neuron_bias from manifest.json (double) "
                         "instead of the (float32) npz arrays")
    args = ap.parse_args()

    npz = np.load(args.npz, allow_pickle=False)
    manifest = load_manifest(npz)
    keys = ["conv1_kernel", "conv1_bias", "conv2_kernel", "conv2_bias",
            "dense_weights", "dense_bias", "output_weights", "output_bias",
            "neuron_gain", "neuron_bias"]
    W = {}
    print(f"npz: {args.npz}  files: {npz.files}")
    for k in keys:
        a = np.asarray(npz[k])
        print(f"  {k}: shape={a.shape} dtype={a.dtype}  manifest: "
              f"{json.dumps(manifest_entry(manifest, k), default=str)}")
        W[k] = a.astype(np.float64)
    W["neuron_gain"] = scalar(W["neuron_gain"])
    W["neuron_bias"] = scalar(W["neuron_bias"])
    if isinstance(manifest, dict):
        print(f"  manifest top-level: neuron_gain={manifest.get('neuron_gain')!r} "
              f"neuron_bias={manifest.get('neuron_bias')!r} neurons={manifest.get('neurons')}")
        if args.manifest_scalars:
            W["neuron_gain"] = float(manifest["neuron_gain"])
            W["neuron_bias"] = float(manifest["neuron_bias"])
    print(f"  using gain={W['neuron_gain']!r} bias={W['neuron_bias']!r}")

    imgs, rows, cols = read_idx_images(
        os.path.join(args.mnist, "t10k-images-idx3-ubyte"), args.images)
    labels = read_idx_labels(os.path.join(args.mnist, "t10k-labels-idx1-ubyte"),
                             args.images)
    n = min(len(imgs), len(labels), args.images)
    imgs = imgs[:n].astype(np.float64) / 255.0
    labels = labels[:n]

    current = {"x": np.zeros(rows * cols)}

    def get_input(t):
        return current["x"]

    t0 = time.time()
    net, probe, enss, w3 = build_network(W, get_input, n_in_px=rows * cols)
    print(f"pool matrix check: max|dw.T@P@x - W3@x| = {check_pool_matrix(W, w3):.3e}")
    sim = nengo.Simulator(net, dt=0.001, progress_bar=False)
    print(f"nengo {nengo.__version__}: simulator built in {time.time() - t0:.1f}s")

    vsigs = [sim.model.sig[e.neurons]["voltage"] for e in enss]
    rsigs = [sim.model.sig[e.neurons]["refractory_time"] for e in enss]

    S = args.steps
    preds = np.zeros((n, S), dtype=np.int64)
    step1_max_abs = 0.0
    reset_ok = True
    t_img = []
    for i in range(n):
        ti = time.time()
        current["x"] = imgs[i]
        sim.reset()
        v_after_reset = max(float(np.max(np.abs(sim.signals[s]))) for s in vsigs + rsigs)
        if v_after_reset != 0.0:
            reset_ok = False
        sim.run_steps(S)
        y = sim.data[probe]  # (S, 10)
        step1_max_abs = max(step1_max_abs, float(np.max(np.abs(y[0]))))
        preds[i] = np.argmax(y, axis=1)
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
    print("error by step (%):")
    print("  " + " ".join(f"{s + 1}:{100 * e:.2f}" for s, e in enumerate(err)))

    res = {
        "images": int(n),
        "steps": int(S),
        "error_by_step": [float(e) for e in err],
        "error_by_step_percent": [float(100 * e) for e in err],
        "nengo_version": nengo.__version__,
        "predictions_last_step": [int(p) for p in preds[:, -1]],
        "labels": [int(x) for x in labels],
        "probe_step1_max_abs": step1_max_abs,
        "reset_zeroes_voltages": reset_ok,
        "seconds_per_image": float(np.mean(t_img)) if t_img else None,
        "npz": os.path.abspath(args.npz),
        "neuron_gain_used": W["neuron_gain"],
        "neuron_bias_used": W["neuron_bias"],
    }
    if args.out:
        with open(args.out, "w") as f:
            json.dump(res, f, indent=1)
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
