#!/usr/bin/python3
"""torchvision ResNet-18 speed, measured as dev.robucap.ml.bench.ResNetBench measures DJL.

Median training step (forward, cross-entropy, backward, SGD update) for batch 32 at 224 and 64 px, and eval-mode
inference images/s at 224 px. Usage: /usr/bin/python3 pytorch_resnet.py THREADS [WARMUP MEASURED]
BENCH_DEVICE=cuda runs it on the GPU (bench/gpu/run.sh); a step then ends when its kernels have.
"""
import os
import statistics
import sys
import time

import torch
import torchvision


def main():
    threads = int(sys.argv[1])
    warmup = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    measured = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    device = torch.device(os.environ.get("BENCH_DEVICE", "cpu"))
    model = torchvision.models.resnet18(num_classes=1000).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    for size in (224, 64):
        times = []
        for _ in range(warmup + measured):
            start = time.perf_counter()
            x = torch.randn(32, 3, size, size, device=device)  # (32, 3, size, size)
            y = torch.randint(0, 1000, (32,), device=device)  # (32)
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
            synchronize(device)
            times.append((time.perf_counter() - start) * 1000)
        print("pytorch train_step_ms size=%d %.1f" % (size, statistics.median(times[warmup:])))
    model.eval()
    rates = []
    with torch.no_grad():
        for _ in range(warmup + measured):
            x = torch.randn(32, 3, 224, 224, device=device)  # (32, 3, 224, 224)
            synchronize(device)
            start = time.perf_counter()
            model(x).cpu()  # as DJL's toFloatArray
            rates.append(32 / (time.perf_counter() - start))
    print("pytorch infer_images_per_s size=224 %.1f" % statistics.median(rates[warmup:]))


def synchronize(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


if __name__ == "__main__":
    main()
