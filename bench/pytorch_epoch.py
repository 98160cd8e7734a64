#!/usr/bin/python3
"""One training epoch end to end with torchvision and a DataLoader, as dev.robucap.ml.bench.EpochBench runs it in DJL.

ImageFolder over train/, RandomResizedCrop + flip + ToTensor + Normalize, ResNet-18, SGD (lr 0.1, momentum 0.9,
wd 1e-4), batch 32, shuffled; then top-1 over the dev half of val/. Usage: pytorch_epoch.py ROOT CROP THREADS WORKERS
With PRELOAD=1 the training batches are decoded before the clock starts: the epoch's floor, its compute alone.
"""
import os
import sys
import time

import torch
import torchvision
from torchvision import transforms


def main():
    root, crop, threads, workers = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    normalize = transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])
    train = torchvision.datasets.ImageFolder(root + "/train", transforms.Compose([
        transforms.RandomResizedCrop(crop), transforms.RandomHorizontalFlip(), transforms.ToTensor(), normalize]))
    val = torchvision.datasets.ImageFolder(root + "/val", transforms.Compose([
        transforms.Resize(crop * 8 // 7), transforms.CenterCrop(crop), transforms.ToTensor(), normalize]))
    # The dev half: per class, the first floor(n/2) file names (val is sorted by ImageFolder within a class).
    by_class = {}
    for index, (_, label) in enumerate(val.samples):
        by_class.setdefault(label, []).append(index)
    dev = torch.utils.data.Subset(val, [i for ids in by_class.values() for i in ids[:len(ids) // 2]])
    model = torchvision.models.resnet18(num_classes=len(train.classes))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss()
    batches = torch.utils.data.DataLoader(train, batch_size=32, shuffle=True, num_workers=workers)
    if os.environ.get("PRELOAD") == "1":  # the floor: every batch decoded before the clock starts
        batches = list(batches)
    start = time.perf_counter()
    model.train()
    for x, y in batches:
        optimizer.zero_grad()
        loss_fn(model(x), y).backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        for x, y in torch.utils.data.DataLoader(dev, batch_size=32, num_workers=workers):
            model(x).argmax(1)
    print("pytorch epoch_seconds %.2f images %d" % (time.perf_counter() - start, len(train)))


if __name__ == "__main__":
    main()
