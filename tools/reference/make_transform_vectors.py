#!/usr/bin/python3
"""Reference vectors for robucap's Java ImageNet transforms, from torchvision 0.14 on Pillow 9.4.

Run with Debian's /usr/bin/python3 (Pillow 9.4, numpy; torchvision 0.14 and torch 1.13 from
`apt-get install python3-torchvision`):
    /usr/bin/python3 tools/reference/make_transform_vectors.py
Writes services/common/src/test/resources/reference/transform/transforms.json. Deterministic.

Test images are the PNGs that make_jpeg_vectors.py wrote, and "pattern" images computed by a formula that the
Java test repeats, so that any size can be tested without storing files.
"""
import hashlib
import json
import math
from pathlib import Path

import numpy as np
import PIL
import torch
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as F
from PIL import Image

REFERENCE = Path(__file__).resolve().parents[2] / "services/common/src/test/resources/reference"
OUT = REFERENCE / "transform/transforms.json"
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def pattern(w, h):
    """Fine stripes, a diagonal ramp and an XOR texture: every filter tap matters. Mirrored in PatternImage.java."""
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    channels = [(x * x * 3 + y * 7 + c * 85 + (x ^ y) * 5 + (x * y >> 4)) & 0xFF for c in range(3)]
    return Image.fromarray(np.stack(channels, axis=-1).astype(np.uint8), "RGB")


def image(name):
    if name.startswith("pattern-"):
        w, h = (int(v) for v in name[len("pattern-"):].split("x"))
        return pattern(w, h)
    return Image.open(REFERENCE / "images" / (name + ".png")).convert("RGB")


def sha(img):
    return hashlib.sha256(np.asarray(img.convert("RGB")).tobytes()).hexdigest()


def resizes():
    cases = [
        ("pattern-500x375", 56, 42),     # reduce by ~9
        ("pattern-500x375", 341, 256),   # Resize(256) of a typical ImageNet photo
        ("pattern-500x375", 224, 224),   # both axes, different factors
        ("gradient-67x45", 66, 44),      # reduce by a hair
        ("photo-201x149", 345, 256),     # Resize(256) of a small image: enlarge
        ("pattern-37x23", 64, 41),       # enlarge, odd sizes
        ("text-128x96", 73, 55),
        ("pattern-300x200", 300, 100),   # vertical pass only
        ("pattern-300x200", 151, 200),   # horizontal pass only
        ("pattern-3x2", 1, 1),
        ("pattern-1x1", 5, 3),
        ("pattern-64x64", 64, 64),       # identity
    ]
    return [{"image": n, "width": w, "height": h, "sha256": sha(F.resize(image(n), [h, w]))}
            for n, w, h in cases]


def resized_crops():
    # (left, top, width, height) boxes: inner, touching each border, thin, the whole image.
    cases = [
        ("pattern-500x375", (100, 50, 300, 200), 224),
        ("pattern-500x375", (0, 0, 37, 375), 224),
        ("pattern-500x375", (463, 300, 37, 75), 64),
        ("pattern-500x375", (0, 0, 500, 375), 56),
        ("photo-201x149", (13, 7, 150, 131), 224),
        ("photo-201x149", (190, 140, 11, 9), 64),
        ("gradient-67x45", (5, 3, 60, 40), 56),
    ]
    out = []
    for n, (left, top, w, h), size in cases:
        cropped = F.resized_crop(image(n), top, left, h, w, [size, size])
        out.append({"image": n, "left": left, "top": top, "width": w, "height": h, "size": size,
                    "sha256": sha(cropped), "mirroredSha256": sha(F.hflip(cropped))})
    return out


def resize_sizes():
    out = []
    for w, h, s in [(500, 375, 256), (375, 500, 256), (201, 149, 256), (640, 427, 256), (64, 64, 73),
                    (100, 33, 64), (33, 100, 64), (1000, 999, 256), (999, 1000, 10)]:
        rw, rh = F.resize(pattern(w, h), s).size
        out.append({"width": w, "height": h, "size": s, "resizedWidth": rw, "resizedHeight": rh})
    return out


def center_crops():
    out = []
    for name, cw, ch in [("pattern-341x256", 224, 224), ("pattern-227x231", 224, 224), ("pattern-229x225", 224, 224),
                         ("pattern-65x64", 56, 56), ("pattern-73x73", 64, 64), ("pattern-5x5", 2, 4)]:
        img = image(name)
        cropped = F.center_crop(img, [ch, cw])
        # The offsets, found by matching torchvision's output against every crop position.
        a, c = np.asarray(img), np.asarray(cropped)
        left, top = next((x, y) for y in range(img.height - ch + 1) for x in range(img.width - cw + 1)
                         if np.array_equal(a[y:y + ch, x:x + cw], c))
        out.append({"image": name, "cropWidth": cw, "cropHeight": ch, "left": left, "top": top, "sha256": sha(cropped)})
    return out


def fallbacks():
    """get_params with scale (2, 2): no try can fit, so every call takes the deterministic central fallback."""
    out = []
    for w, h in [(500, 100), (100, 500), (400, 300), (300, 400), (133, 100), (134, 100), (7, 3)]:
        top, left, ch, cw = T.RandomResizedCrop.get_params(pattern(w, h), [2.0, 2.0], [3 / 4, 4 / 3])
        out.append({"width": w, "height": h, "left": left, "top": top, "cropWidth": cw, "cropHeight": ch})
    return out


def tensors():
    out = []
    for name, resize, crop in [("photo-201x149", 73, 64), ("pattern-500x375", 256, 224), ("text-128x96", 64, 56)]:
        pipeline = T.Compose([T.Resize(resize), T.CenterCrop(crop), T.ToTensor(), T.Normalize(MEAN, STD)])
        t = pipeline(image(name))
        flat = t.flatten()
        picks = [0, 1, crop * crop - 1, crop * crop, 2 * crop * crop + 17, flat.numel() - 1]
        out.append({"image": name, "resize": resize, "crop": crop, "shape": list(t.shape),
                    "sum": float(t.double().sum()), "float32Sha256": hashlib.sha256(
                        t.numpy().astype("<f4").tobytes()).hexdigest(),
                    "samples": [{"index": i, "value": float(flat[i])} for i in picks]})
    return out


def main():
    vectors = {
        "generator": "tools/reference/make_transform_vectors.py",
        "pillow": PIL.__version__, "torchvision": torchvision.__version__, "torch": torch.__version__,
        "resizes": resizes(), "resizedCrops": resized_crops(), "resizeSizes": resize_sizes(),
        "centerCrops": center_crops(), "randomResizedCropFallbacks": fallbacks(), "tensors": tensors(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(vectors, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
