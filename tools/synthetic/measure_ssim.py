#!/usr/bin/python3
"""Mean PSNR and SSIM of images re-compressed with Pillow at the paper's qualities, as in its table 1.

Usage: /usr/bin/python3 tools/synthetic/measure_ssim.py DIR [--limit N] [--qualities 80,22,10,5,2]
DIR is searched recursively for .png, .jpg and .JPEG files (sorted, the first N used), e.g. the train/ folder of a
synthetic ImageNet or a synthetic COCO root: like the paper's COCO images, those are already JPEGs (quality 95), and
each is compared with its own re-compression. Needs Debian's python3 (Pillow, numpy, scikit-image 0.19), not the
pyenv one.
"""
import argparse
import io
import pathlib

import numpy as np
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity


def compress(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--qualities", default="80,22,10,5,2")
    args = parser.parse_args()
    qualities = [int(q) for q in args.qualities.split(",")]
    files = sorted(p for p in args.dir.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg"))[: args.limit]
    if not files:
        raise SystemExit(f"no images under {args.dir}")
    psnr = {q: [] for q in qualities}
    ssim = {q: [] for q in qualities}
    for path in files:
        image = Image.open(path).convert("RGB")
        original = np.asarray(image)
        for q in qualities:
            compressed = compress(image, q)
            psnr[q].append(peak_signal_noise_ratio(original, compressed, data_range=255))
            ssim[q].append(structural_similarity(original, compressed, gaussian_weights=True, sigma=1.5,
                                                 use_sample_covariance=False, data_range=255, channel_axis=-1))
    print(f"{len(files)} images from {args.dir}, {original.shape[1]}x{original.shape[0]} px")
    print("| quality | PSNR dB (mean ± std) | SSIM (mean ± std) |")
    print("|---|---|---|")
    for q in qualities:
        print(f"| {q} | {np.mean(psnr[q]):.2f} ± {np.std(psnr[q]):.2f} | {np.mean(ssim[q]):.3f} ± {np.std(ssim[q]):.3f} |")


if __name__ == "__main__":
    main()
