"""The same network in PyTorch, for the peer comparison of benchmarks/peer-pytorch.sh.

Measures, on the given number of threads:
  - training: SoftLIF rate network (SPEC.md sections 1-3: two 3x3 convolutions of 32 filters,
    2x2 average pool, dense 128 with dropout 0.4, dense 10), AdaDelta (lr 1, rho 0.95, eps 1e-7),
    minibatch 200, images/s over timed steps after warm-up;
  - spiking: the same network with LIF neurons simulated densely step by step (the way snnTorch,
    Norse and SpikingJelly simulate), Nengo's LIF update with refractory period and overshoot,
    batch 100, image-steps/s.
Prints one line per figure: "pytorch training <images/s>" and "pytorch spiking <image-steps/s>".
Speed only: the weights are the initial ones (a dense simulation costs the same for any weights).
"""
import argparse
import gzip
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

TAU_RC, TAU_REF, AMPLITUDE, SIGMA, MAX_RATE, DT = 0.02, 0.002, 0.01, 0.002, 100.0, 0.001
BIAS = 1.0


def lif_gain(max_rate):
    """The gain that puts an LIF neuron's threshold at input 0 and its rate at input 1 at max_rate."""
    x = 1.0 / (1.0 - math.exp((TAU_REF - 1.0 / max_rate) / TAU_RC))
    return (1.0 - x) / (0.0 - 1.0)


GAIN = lif_gain(MAX_RATE)


def read_idx(path):
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rb") as f:
            data = f.read()
    else:
        with open(path, "rb") as f:
            data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def soft_lif(u, gain=GAIN, amplitude=AMPLITUDE):
    j = gain * u + BIAS - 1.0
    js = j / SIGMA
    z = F.softplus(js, threshold=30.0) * SIGMA
    valid = js > -20.0
    # The unselected branch must stay finite, or its NaN gradient leaks through torch.where.
    q = torch.where(valid, torch.log1p(1.0 / torch.where(valid, z, torch.ones_like(z))),
                    -js - math.log(SIGMA))
    return amplitude / (TAU_REF + TAU_RC * q)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 32, 3)
        self.conv2 = torch.nn.Conv2d(32, 32, 3)
        self.dense = torch.nn.Linear(12 * 12 * 32, 128)
        self.out = torch.nn.Linear(128, 10)

    def forward(self, x):
        x = soft_lif(self.conv1(x))
        x = F.avg_pool2d(soft_lif(self.conv2(x)), 2)
        x = F.dropout(soft_lif(self.dense(x.flatten(1))), 0.4, self.training)
        return self.out(x)


def train_speed(images, labels, steps, warmup=5, batch=200):
    net = Net()
    opt = torch.optim.Adadelta(net.parameters(), lr=1.0, rho=0.95, eps=1e-7)
    x = torch.from_numpy(images[:, None].astype(np.float32) / 255.0)
    y = torch.from_numpy(labels.astype(np.int64))
    start = None
    losses = []
    for step in range(warmup + steps):
        if step == warmup:
            start = time.perf_counter()
        i = (step * batch) % (len(x) - batch)
        opt.zero_grad()
        loss = F.cross_entropy(net(x[i:i + batch]), y[i:i + batch])
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return steps * batch / (time.perf_counter() - start), losses[0], losses[-1]


class Lif:
    """Nengo's LIF step on a tensor of neurons: voltage, refractory time, overshoot."""

    def __init__(self, shape):
        self.v = torch.zeros(shape)
        self.ref = torch.zeros(shape)

    def step(self, j):
        self.ref -= DT
        delta = (DT - self.ref).clamp(0, DT)
        self.v += (j - self.v) * (-torch.expm1(-delta / TAU_RC))
        spiked = self.v > 1
        overshoot = (self.v - 1) / (j - 1).clamp(min=1e-9)
        spike_time = TAU_RC * torch.log1p(-overshoot.clamp(max=1 - 1e-9)) + DT
        self.ref = torch.where(spiked, spike_time + TAU_REF, self.ref)
        self.v = torch.where(spiked, torch.zeros_like(self.v), self.v.clamp(min=0))
        return spiked.float() * (AMPLITUDE / DT)


@torch.no_grad()
def spiking_speed(images, steps, count, batch=100):
    net = Net().eval()
    x = torch.from_numpy(images[:count, None].astype(np.float32) / 255.0)
    start = time.perf_counter()
    for b in range(0, count, batch):
        xb = x[b:b + batch]
        j1 = GAIN * net.conv1(xb) + BIAS
        l1, l2, l3 = Lif(j1.shape), None, None
        for _ in range(steps):
            s1 = l1.step(j1)
            j2 = GAIN * net.conv2(s1) + BIAS
            l2 = l2 or Lif(j2.shape)
            s2 = F.avg_pool2d(l2.step(j2), 2)
            j3 = GAIN * net.dense(s2.flatten(1)) + BIAS
            l3 = l3 or Lif(j3.shape)
            net.out(l3.step(j3))
    return count * steps / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="data/mnist")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--train-steps", type=int, default=60)
    p.add_argument("--images", type=int, default=1000)
    p.add_argument("--steps", type=int, default=30)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    train = read_idx(os.path.join(a.data, "train-images-idx3-ubyte"))
    labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte"))
    test = read_idx(os.path.join(a.data, "t10k-images-idx3-ubyte"))
    print(f"pytorch {torch.__version__}, {a.threads} threads")
    speed, first, last = train_speed(train, labels, a.train_steps)
    print(f"pytorch training loss {first:.4f} -> {last:.4f} over the timed steps")
    print(f"pytorch training {speed:.0f}")
    print(f"pytorch spiking {spiking_speed(test, a.steps, a.images):.0f}")


if __name__ == "__main__":
    main()
