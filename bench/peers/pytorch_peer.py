#!/usr/bin/env python3
"""PyTorch peer for `xbarsim bench`: the same networks, batch and images, measured the same way.

Trains LeNet-5 and vgg-small (width 0.5) in float with Adam (batch 128) and runs LeNet-5
inference, on Fashion-MNIST images (synthetic noise if the data set is not installed), and writes
the images/s as a peer file that `xbarsim bench --peer FILE` prints ratios against:

    python3 bench/peers/pytorch_peer.py --out out/pytorch-peer.json
    ./xbarsim bench --case train --case golden --peer out/pytorch-peer.json

On a busy machine compare CPU time instead: --threads 1 here and OMP_NUM_THREADS=1 for bench.

Needs PyTorch (Debian: apt-get install -y python3-torch). Measurement names match the bench
cases' names: train/images-per-second-lenet5-float, golden/images-per-second-2-threads, ...
"""
import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import time

import torch
import torch.nn as nn


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def vgg_small(width=0.5):
    def c(n):
        return max(1, round(n * width))
    return nn.Sequential(
        nn.Conv2d(1, c(32), 3, padding=1), nn.ReLU(), nn.Conv2d(c(32), c(32), 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c(32), c(64), 3, padding=1), nn.ReLU(), nn.Conv2d(c(64), c(64), 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(c(64) * 7 * 7, c(128)), nn.ReLU(), nn.Linear(c(128), 10))


def fashion_mnist(folder, split, count):
    prefix = "train" if split == "train" else "t10k"
    images = os.path.join(folder, prefix + "-images-idx3-ubyte.gz")
    labels = os.path.join(folder, prefix + "-labels-idx1-ubyte.gz")
    if not (os.path.exists(images) and os.path.exists(labels)):
        g = torch.Generator().manual_seed(1)
        return torch.rand(count, 1, 28, 28, generator=g), torch.randint(0, 10, (count,), generator=g), "synthetic"
    with gzip.open(images) as f:
        x = torch.frombuffer(bytearray(f.read()[16:]), dtype=torch.uint8).view(-1, 1, 28, 28)[:count]
    with gzip.open(labels) as f:
        y = torch.frombuffer(bytearray(f.read()[8:]), dtype=torch.uint8)[:count].long()
    return x.float() / 255, y, images


def timed(repeats, warmup, work):
    """Images per wall second and per CPU second of this process, one value per repeat."""
    for _ in range(warmup):
        work()
    wall, cpu = [], []
    for _ in range(repeats):
        start, cpu_start = time.perf_counter(), time.process_time()
        n = work()
        wall.append(n / (time.perf_counter() - start))
        cpu.append(n / max(1e-9, time.process_time() - cpu_start))
    return wall, cpu


def train_rate(model, x, y, batch, steps):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    state = {"next": 0}

    def work():
        n = 0
        for _ in range(steps):
            start = (state["next"] * batch) % max(1, len(x) - batch + 1)
            state["next"] += 1
            xb, yb = x[start:start + batch], y[start:start + batch]
            opt.zero_grad()
            loss_fn(model(xb), yb).backward()
            opt.step()
            n += len(xb)
        return n
    return work


def infer_rate(model, x, batch):
    def work():
        with torch.no_grad():
            for start in range(0, len(x), batch):
                model(x[start:start + batch]).argmax(1)
        return len(x)
    return work


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, help="peer file to write (JSON)")
    p.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--warmup", type=int, default=1)
    p.add_argument("--steps", type=int, default=10, help="training steps per repeat (as bench's train case)")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="threads for training and inference (1 also gives images per CPU second, as bench does "
                        "with OMP_NUM_THREADS=1)")
    a = p.parse_args()
    torch.manual_seed(1)
    torch.set_num_threads(a.threads)
    x, y, source = fashion_mnist(a.data_dir, "train", 4096)
    tx, _, _ = fashion_mnist(a.data_dir, "test", 1000)
    results = []

    def add(case, name, measured):
        wall, cpu = measured
        put(case, name, wall)
        if a.threads == 1:
            # as bench's figures with OMP_NUM_THREADS=1: CPU time is far less disturbed by other processes
            put(case, name.replace("images-per-second", "images-per-cpu-second"), cpu)
            if case == "train":
                # this process's CPU time is what bench's process figures measure for the JVM
                put(case, name.replace("images-per-second", "images-per-process-cpu-second"), cpu)

    def put(case, name, values):
        results.append({"case": case, "name": name, "unit": "images/s", "median": statistics.median(values),
                         "min": min(values), "max": max(values), "values": values})
        print(f"{case}/{name}: {statistics.median(values):.0f} images/s [{min(values):.0f} .. {max(values):.0f}]",
              file=sys.stderr)

    for name, model in (("lenet5", lenet5()), ("vgg-small", vgg_small(0.5))):
        add("train", f"images-per-second-{name}-float",
            timed(a.repeat, a.warmup, train_rate(model, x, y, a.batch, a.steps)))
    if a.threads > 1:
        # named as bench names it; with --threads 1 the one-thread pass below is this one
        # (bench's images-per-second-1-thread and images-per-cpu-second-1-thread)
        add("golden", f"images-per-second-{a.threads}-threads",
            timed(a.repeat, a.warmup, infer_rate(lenet5().eval(), tx, a.batch)))
    torch.set_num_threads(1)
    wall, cpu = timed(a.repeat, a.warmup, infer_rate(lenet5().eval(), tx, a.batch))
    put("golden", "images-per-second-1-thread", wall)
    put("golden", "images-per-cpu-second-1-thread", cpu)
    peer = {"format": "xbarsim-bench-peer", "version": 1,
            "peer": f"PyTorch {torch.__version__} (CPU, float32), Python {platform.python_version()}",
            "images": source, "threads": a.threads, "batch": a.batch,
            "loadAverageAtEnd": os.getloadavg()[0], "measurements": results}
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        json.dump(peer, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.out)
    print(f"wrote {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
