#!/usr/bin/env python3
"""Writes the example request traces under traces/ (docs/replay.md), deterministically.

Run from the repository root: python3 scripts/make-request-traces.py
With --ten-thousand FILE it writes instead the 10,000-request stream docs/replay.md measures memory
with (every Fashion-MNIST test image once, Poisson arrivals at 1,250 requests/s) to FILE.
Every random draw comes from random.Random(SEED) (Mersenne Twister: the same numbers on every
CPython 3), so the files come out byte-identical. The rates are set against the measured pace of
LeNet-5 (docs/results/lenet5-compressed.json) on sim-configs/isaac.conf: one image every
802,816 cycles = 627.2 us at 1.28 GHz, about 1,594 images/s.
"""
import json
import random
from pathlib import Path

SEED = 18
PACE_CYCLES = 802_816          # measured: cycles between images, LeNet-5 on isaac.conf
TEST_IMAGES = 10_000           # Fashion-MNIST test split
OUT = Path("traces")


def header(unit, description, dataset="fashion-mnist"):
    h = {"format": "xbarsim-requests", "version": 1, "arrival-unit": unit}
    if dataset:
        h.update({"dataset": dataset, "split": "test"})
    h["description"] = description
    return h


def write(name, head, requests):
    with open(OUT / name, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(head, separators=(",", ":")) + "\n")
        for r in requests:
            f.write(json.dumps(r, separators=(",", ":")) + "\n")


def poisson(rng):
    rate = 1250.0  # requests per second: 78% of the chip's 1,594/s
    mean_ns = 1e9 / rate
    t = 0.0
    reqs = []
    for i in range(500):
        reqs.append({"id": "p%d" % i, "arrival": round(t), "index": rng.randrange(TEST_IMAGES)})
        t += rng.expovariate(1.0 / mean_ns)
    write("poisson-lenet5.jsonl", header("ns", "500 Poisson arrivals at 1250 requests/s (mean gap 800 us), "
                                         "78%% of LeNet-5's pace on isaac.conf; seed %d" % SEED), reqs)


def burst(rng):
    reqs = []
    t = 0
    steady_ns = 1_600_000  # 625 requests/s: 39% load
    for i in range(50):
        reqs.append({"id": "s%d" % i, "arrival": t, "index": rng.randrange(TEST_IMAGES)})
        t += steady_ns
    for i in range(100):  # 100 requests within 1 ms: 100,000 requests/s, 63x the chip's pace
        reqs.append({"id": "b%d" % i, "arrival": t, "index": rng.randrange(TEST_IMAGES)})
        t += 10_000
    for i in range(150):
        reqs.append({"id": "t%d" % i, "arrival": t, "index": rng.randrange(TEST_IMAGES)})
        t += steady_ns
    write("burst-lenet5.jsonl", header("ns", "50 requests at 625/s, a burst of 100 within 1 ms (100,000/s), then 150 at "
                                       "625/s: the queue grows in the burst and drains after it; seed %d" % SEED), reqs)


def fixed_interval(rng):
    indices = rng.sample(range(TEST_IMAGES), 1000)
    reqs = [{"id": i, "arrival": i * PACE_CYCLES, "index": k} for i, k in enumerate(indices)]
    write("fashion-mnist-1000.jsonl", header("cycles", "1000 distinct Fashion-MNIST test images (a seeded sample, seed %d), "
                                             "one every %d cycles: LeNet-5's pace on isaac.conf" % (SEED, PACE_CYCLES)), reqs)


def inline_pixels():
    # three tiny 28x28 patterns given as raw pixels: no data set needed
    reqs = []
    for i in range(3):
        px = [((x + y * (i + 1)) * 37) % 256 for y in range(28) for x in range(28)]
        reqs.append({"id": "inline-%d" % i, "arrival": i * 500_000, "pixels": px})
    write("inline-pixels.jsonl", header("ns", "three requests with raw pixels (28x28 patterns), 500 us apart", dataset=None),
          reqs)


def ten_thousand(path):
    rng = random.Random(SEED)
    t = 0.0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(header("ns", "every Fashion-MNIST test image once, Poisson arrivals at 1250 requests/s; "
                                  "seed %d" % SEED), separators=(",", ":")) + "\n")
        for i in range(TEST_IMAGES):
            f.write(json.dumps({"id": i, "arrival": round(t), "index": i}, separators=(",", ":")) + "\n")
            t += rng.expovariate(1250.0 / 1e9)


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--ten-thousand":
        ten_thousand(sys.argv[2])
        sys.exit(0)
    rng = random.Random(SEED)
    poisson(rng)
    burst(rng)
    fixed_interval(rng)
    inline_pixels()
