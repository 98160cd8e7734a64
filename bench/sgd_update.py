#!/usr/bin/python3
"""Why the encoder trainer's SGD update works in place (services/ml Sgd): one ResNet-18 update, three ways, in PyTorch.

torch.optim.SGD (+ zero_grad), then the operations DJL's Sgd issues, first as DJL's allocating operations (p.mul,
g.add, buf.mul: 3 new tensors per parameter, 47 MB a step for ResNet-18), then in place on a kept scratch tensor.
Same libtorch kernels as DJL calls, so what differs is the allocation. Medians of 20 updates after 3.
Usage: OMP_NUM_THREADS=N bench/sgd_update.py [THREADS]
"""
import sys
import time

import torch
import torchvision

LR, MOMENTUM, DECAY = 0.1, 0.9, 1e-4


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    params = list(torchvision.models.resnet18().parameters())
    for p in params:
        p.grad = torch.randn_like(p)
    buffers = [torch.zeros_like(p) for p in params]
    scratch = [torch.zeros_like(p) for p in params]
    optimizer = torch.optim.SGD(params, lr=LR, momentum=MOMENTUM, weight_decay=DECAY)

    def torch_optim():
        optimizer.step()
        optimizer.zero_grad(set_to_none=False)

    @torch.no_grad()
    def allocating():
        for p, buf in zip(params, buffers):
            g = p.grad
            buf.mul_(MOMENTUM).add_(g.add(p.mul(DECAY)))
            p.sub_(buf.mul(LR))
            g.zero_()

    @torch.no_grad()
    def in_place():
        for p, buf, x in zip(params, buffers, scratch):
            g = p.grad
            x.copy_(p).mul_(DECAY)
            g.add_(x)
            buf.mul_(MOMENTUM).add_(g)
            x.copy_(buf).mul_(LR)
            p.sub_(x)
            g.zero_()

    def median_ms(update):
        for _ in range(3):
            update()
        times = []
        for _ in range(20):
            start = time.perf_counter()
            update()
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2] * 1e3

    print("threads %d  torch.optim.SGD %.1f ms  allocating %.1f ms  in place %.1f ms" % (
        threads, median_ms(torch_optim), median_ms(allocating), median_ms(in_place)))


if __name__ == "__main__":
    main()
