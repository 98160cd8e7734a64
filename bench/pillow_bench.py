#!/usr/bin/python3
"""Pillow side of the augmentation benchmark (run with Debian's /usr/bin/python3, Pillow 9.4).

    pillow_bench.py make DIR    writes 48 deterministic photo-like 512x384 images as q=95 JPEGs into DIR
    pillow_bench.py run DIR     prints "mode threads images_per_second" lines for single (decode, encode q=22)
                                and double (decode, encode q=22, decode, encode 75), 1 and 2 processes
"""
import io
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from PIL import Image

COUNT, WIDTH, HEIGHT = 48, 512, 384
QUALITY, RESAVE = 22, 75
PASSES = 5


def photo(seed):
    """Smooth colour blobs, a few hard edges and sensor-like noise: compresses like a photo."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    a = np.full((HEIGHT, WIDTH, 3), 40, np.float32)
    for _ in range(8):
        cx, cy, s = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT), rng.uniform(20, 120)
        a += np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s))[..., None] * rng.uniform(0, 200, 3)
    for _ in range(4):
        x0, y0 = rng.integers(0, WIDTH - 60), rng.integers(0, HEIGHT - 60)
        a[y0:y0 + 60, x0:x0 + 60] = rng.uniform(0, 255, 3)
    a += rng.normal(0, 6, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")


def make(directory):
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(COUNT):
        photo(i).save(directory / ("photo-%02d.jpg" % i), format="JPEG", quality=95)


def augment(args):
    data, double = args
    buf = io.BytesIO()
    Image.open(io.BytesIO(data)).save(buf, format="JPEG", quality=QUALITY)
    if double:
        again = io.BytesIO()
        Image.open(io.BytesIO(buf.getvalue())).save(again, format="JPEG", quality=RESAVE)
    return 0


def images_per_second(files, double, processes, pool):
    work = [(data, double) for data in files] * PASSES
    pool.map(augment, work[: len(files)])  # warm up every worker
    start = time.perf_counter()
    pool.map(augment, work, chunksize=8)
    return len(work) / (time.perf_counter() - start)


def run(directory):
    files = [p.read_bytes() for p in sorted(directory.glob("*.jpg"))]
    for processes in (1, 2):
        with Pool(processes) as pool:
            for mode in ("single", "double"):
                print("%s %d %.1f" % (mode, processes, images_per_second(files, mode == "double", processes, pool)))


if __name__ == "__main__":
    command, directory = sys.argv[1], Path(sys.argv[2])
    make(directory) if command == "make" else run(directory)
