"""A network description trained as a PyTorch rate network, for benchmarks/ann-ceiling.sh.

Asks where a rate error comes from: this project's training (DL4J, parameter averaging on Spark)
or the network itself. Builds the layers of a description (docs/networks.md: conv, avgpool,
dense, dropout; every conv and dense followed by neurons, then a dense output layer) and trains it
in one process the way the tuned preset with `--optimizer adam --learning-rate LR --lr-decay D
--normalize` trains it here: minibatch 200, Adam, the rate multiplied by D after every epoch,
inputs standardised with the training set's mean and deviation, the model the mean of the last
AVERAGED epochs' parameters. The neurons are SoftLIF (SPEC.md section 2, the preset's max rate)
or ReLU; --conventional adds batch normalisation and max pooling, as a conventional network of
the same layers would have them.
Prints each epoch's error on all test images, then "final <variant> <error>".
"""
import argparse
import copy
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from peer_pytorch import lif_gain, read_idx, soft_lif


class SoftLif(torch.nn.Module):
    """SPEC.md's SoftLIF rate with intercept 0 and rate max_rate at input 1, amplitude 1/max_rate."""

    def __init__(self, max_rate):
        super().__init__()
        self.gain, self.amplitude = lif_gain(max_rate), 1.0 / max_rate

    def forward(self, u):
        return soft_lif(u, self.gain, self.amplitude)


def build(layers, shape, classes, neuron, conventional=False):
    """The description's layers on (channels, height, width) inputs, then the output layer; when
    conventional, with batch normalisation before every neuron layer and max pooling instead of
    average pooling, which a spiking conversion cannot take."""
    modules, (c, h, w) = [], shape
    for layer in layers:
        kind = layer["type"]
        if kind == "conv":
            k, s = layer["kernel"], layer.get("stride", 1)
            same = layer.get("padding", "valid") == "same"
            pad = max((math.ceil(h / s) - 1) * s + k - h, 0) if same else 0
            if pad % 2:
                raise SystemExit("uneven same padding is not built here")
            modules.append(torch.nn.Conv2d(c, layer["filters"], k, s, pad // 2))
            modules += [torch.nn.BatchNorm2d(layer["filters"])] if conventional else []
            modules.append(neuron())
            c = layer["filters"]
            h, w = (math.ceil(h / s), math.ceil(w / s)) if same else ((h - k) // s + 1, (w - k) // s + 1)
        elif kind == "avgpool":
            pool = torch.nn.MaxPool2d if conventional else torch.nn.AvgPool2d
            modules.append(pool(layer["size"]))
            h, w = h // layer["size"], w // layer["size"]
        elif kind == "dropout":
            modules.append(torch.nn.Dropout(layer["rate"]))
        elif kind == "dense":
            modules.append(torch.nn.Flatten())  # a no-op after a dense layer
            modules.append(torch.nn.Linear(c * h * w, layer["units"]))
            modules += [torch.nn.BatchNorm1d(layer["units"])] if conventional else []
            modules.append(neuron())
            c, h, w = layer["units"], 1, 1
    modules.append(torch.nn.Flatten())
    modules.append(torch.nn.Linear(c * h * w, classes))
    net = torch.nn.Sequential(*modules)
    for m in net:
        if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear)):  # as Dl4jNetworks: Glorot, zeros
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return net


@torch.no_grad()
def error(net, x, y):
    net.eval()
    wrong = sum((net(x[i:i + 1000]).argmax(1) != y[i:i + 1000]).sum().item()
                for i in range(0, len(x), 1000))
    net.train()
    return wrong / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/fashion-mnist")
    p.add_argument("--network", default="examples/networks/fashion-mnist.json")
    p.add_argument("--activation", choices=["softlif", "relu"], default="softlif")
    p.add_argument("--conventional", action="store_true",
                   help="batch normalisation and max pooling (with ReLU: a conventional network)")
    p.add_argument("--max-rate", type=float, default=250.0)
    p.add_argument("--epochs", type=int, default=15)
    p.add_argument("--averaged", type=int, default=5)
    p.add_argument("--learning-rate", type=float, default=0.001)
    p.add_argument("--lr-decay", type=float, default=0.85)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)

    def load(split):
        images = read_idx(os.path.join(a.data, f"{split}-images-idx3-ubyte"))
        labels = read_idx(os.path.join(a.data, f"{split}-labels-idx1-ubyte"))
        return (torch.from_numpy(images[:, None].astype(np.float32) / 255.0),
                torch.from_numpy(labels.astype(np.int64)))

    x, y = load("train")
    tx, ty = load("t10k")
    mean, std = x.mean().item(), x.std().item()
    x, tx = (x - mean) / std, (tx - mean) / std
    with open(a.network) as f:
        layers = json.load(f)["layers"]
    neuron = (lambda: SoftLif(a.max_rate)) if a.activation == "softlif" else torch.nn.ReLU
    net = build(layers, tuple(x.shape[1:]), int(y.max()) + 1, neuron, a.conventional)
    name = a.activation + (" conventional" if a.conventional else "")
    print(f"pytorch {torch.__version__}, {a.threads} threads, {name}, "
          f"{sum(t.numel() for t in net.parameters())} parameters, input mean {mean:.4f} sd {std:.4f}")
    opt = torch.optim.Adam(net.parameters(), lr=a.learning_rate)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, a.lr_decay)
    order = torch.Generator().manual_seed(a.seed)
    kept = []
    for epoch in range(1, a.epochs + 1):
        start, losses = time.perf_counter(), []
        for batch in torch.randperm(len(x), generator=order).split(a.batch):
            opt.zero_grad()
            loss = F.cross_entropy(net(x[batch]), y[batch])
            loss.backward()
            opt.step()
            losses.append(loss.item())
        sched.step()
        if epoch > a.epochs - a.averaged:
            kept.append(copy.deepcopy(net.state_dict()))
        print(f"epoch {epoch}: loss {np.mean(losses):.4f}, test error {100 * error(net, tx, ty):.2f}%,"
              f" {len(x) / (time.perf_counter() - start):.0f} images/s", flush=True)
    net.load_state_dict({k: sum(s[k] for s in kept) / len(kept) for k in kept[0]})
    print(f"final {name} {100 * error(net, tx, ty):.2f}% (mean of the last {len(kept)} epochs)")


if __name__ == "__main__":
    main()
