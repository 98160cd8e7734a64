#!/usr/bin/python3
"""Reference vectors for robucap's captioning image transform, the reference tutorial's preprocessing.

sgrvinod's a-PyTorch-Tutorial-to-Image-Captioning stores images as scipy.misc.imresize(img, (256, 256)), which is
Image.fromarray(img).resize((256, 256), Image.BILINEAR) for a uint8 RGB array (scipy.misc is gone from SciPy >= 1.3,
so Pillow is called directly here), and feeds torch.FloatTensor(img / 255.) through Normalize(mean, std).

Run with Debian's /usr/bin/python3 (Pillow 9.4, numpy, torch 1.13 and torchvision 0.14 from
`apt-get install python3-torchvision`):
    /usr/bin/python3 tools/reference/make_coco_vectors.py
Writes services/common/src/test/resources/reference/coco/transforms.json. Deterministic.
"""
import hashlib
import json
from pathlib import Path

import numpy as np
import PIL
import torch
import torchvision
import torchvision.transforms as T
from PIL import Image

REFERENCE = Path(__file__).resolve().parents[2] / "services/common/src/test/resources/reference"
OUT = REFERENCE / "coco/transforms.json"
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]

CASES = [
    ("photo-201x149", 256),   # the tutorial's size: enlarge, each axis by its own factor
    ("text-128x96", 64),      # reduce, each axis by its own factor
    ("gradient-67x45", 45),   # one axis only
    ("photo-201x149", 14),    # reduce by ~14 and ~11
]


def main():
    vectors = []
    for name, size in CASES:
        img = Image.open(REFERENCE / "images" / (name + ".png")).convert("RGB")
        resized = img.resize((size, size), Image.BILINEAR)
        chw = np.asarray(resized).transpose(2, 0, 1)
        tensor = T.Normalize(MEAN, STD)(torch.FloatTensor(chw / 255.))
        flat = tensor.flatten()
        picks = [0, 1, size * size - 1, size * size, 2 * size * size + 3, flat.numel() - 1]
        vectors.append({
            "image": name, "size": size,
            "sha256": hashlib.sha256(np.asarray(resized).tobytes()).hexdigest(),
            "sum": float(tensor.double().sum()),
            "float32Sha256": hashlib.sha256(tensor.numpy().astype("<f4").tobytes()).hexdigest(),
            "samples": [{"index": i, "value": float(flat[i])} for i in picks],
        })
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "generator": "tools/reference/make_coco_vectors.py",
        "pillow": PIL.__version__, "torchvision": torchvision.__version__, "torch": torch.__version__,
        "resizes": vectors,
    }, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
