#!/usr/bin/python3
"""Reference vectors for robucap's Java JPEG codec and image-quality metrics, from the real tools.

Run with Debian's /usr/bin/python3 (Pillow 9.4, numpy, scikit-image 0.19):
    /usr/bin/python3 tools/reference/make_jpeg_vectors.py
Writes test images and JSON vectors under services/common/src/test/resources/reference/. Deterministic.
"""
import hashlib
import io
import json
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
import PIL
import skimage
from PIL import Image, ImageDraw
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

OUT = Path(__file__).resolve().parents[2] / "services/common/src/test/resources/reference"
LADDER = [100, 80, 61, 41, 31, 22, 17, 12, 10, 7, 5, 3, 2]
RESAVE = 75


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def pixels_sha(img):
    return sha256(np.asarray(img.convert("RGB")).tobytes())


def gradient_image(w, h, seed):
    """Gradients, a hard-edged rectangle, a diagonal edge and noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    r = 255 * x / (w - 1)
    g = 255 * y / (h - 1)
    b = 127.5 + 127.5 * np.sin(x / 5.0) * np.cos(y / 7.0)
    a = np.stack([r, g, b], axis=-1)
    a[h // 4: h // 2, w // 5: w // 2] = [250, 20, 40]
    a[x > y * w / h + w / 3] *= 0.5
    a += rng.normal(0, 12, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).round().astype(np.uint8), "RGB")


def text_image(w, h):
    """Black text-like strokes and thin lines on a light, slightly tinted page."""
    img = Image.new("RGB", (w, h), (235, 230, 215))
    draw = ImageDraw.Draw(img)
    for row, y in enumerate(range(4, h - 10, 12)):
        draw.text((3, y), "JPEG q=%d robust captions %d" % (row * 7, row), fill=(20, 20, 60))
    for x in range(0, w, 9):
        draw.line([(x, h - 8), (x + 4, h - 1)], fill=(180, 0, 0))
    return img


def photo_image(w, h, seed):
    """Smooth colour blobs with fine noise, like a defocused photo."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    a = np.zeros((h, w, 3))
    for _ in range(6):
        cx, cy, s = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(8, 40)
        colour = rng.uniform(0, 255, 3)
        a += np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * s * s))[..., None] * colour
    a += rng.normal(0, 4, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).round().astype(np.uint8), "RGB")


def save_jpeg(img, quality):
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def luma(rgb):
    a = rgb.astype(np.float64)
    return 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]


def metrics(original, distorted):
    a = np.asarray(original.convert("RGB"))
    b = np.asarray(distorted.convert("RGB"))
    psnr = peak_signal_noise_ratio(a, b, data_range=255) if not np.array_equal(a, b) else None
    ssim = structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                 data_range=255, channel_axis=-1)
    ssim_y = structural_similarity(luma(a), luma(b), gaussian_weights=True, sigma=1.5,
                                   use_sample_covariance=False, data_range=255)
    return {"psnr": psnr, "ssim": float(ssim), "ssimY": float(ssim_y)}


def quant_tables():
    """Tables Pillow writes, read back from its files (Image.quantization is in natural order in 9.4)."""
    img = gradient_image(16, 16, 0)
    tables = {}
    for q in [0] + list(range(1, 101)) + [101, 150]:
        qt = Image.open(io.BytesIO(save_jpeg(img, q))).quantization
        tables[str(q)] = {"luma": list(qt[0]), "chroma": list(qt[1])}
    return tables


def ladder_vectors(images):
    vectors = []
    for name, img in images.items():
        for q in LADDER:
            single = save_jpeg(img, q)
            once = Image.open(io.BytesIO(single))
            twice_bytes = save_jpeg(once, RESAVE)
            twice = Image.open(io.BytesIO(twice_bytes))
            for mode, data, decoded in (("single", single, once), ("double", twice_bytes, twice)):
                vectors.append({"image": name, "mode": mode, "quality": q, "fileSha256": sha256(data),
                                "pixelsSha256": pixels_sha(decoded), **metrics(img, decoded)})
    return vectors


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width, height, bit_depth, colour_type, raw_rows):
    """A PNG written by hand: Pillow cannot write 16-bit RGB, and a huge IHDR needs no real pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw_rows))
            + png_chunk(b"IEND", b""))


def conversion_inputs(base):
    """Non-RGB inputs and JPEG variants, with the RGB pixels Pillow's convert('RGB') gives for them."""
    rgb = np.asarray(base)
    rng = np.random.default_rng(7)
    inputs = {}
    buf = io.BytesIO()
    base.convert("L").save(buf, format="PNG")
    inputs["grey.png"] = buf.getvalue()
    buf = io.BytesIO()
    base.convert("P", palette=Image.ADAPTIVE, colors=37).save(buf, format="PNG")
    inputs["palette.png"] = buf.getvalue()
    rgba = np.dstack([rgb, rng.integers(0, 256, rgb.shape[:2], dtype=np.uint8)])
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, format="PNG")
    inputs["rgba.png"] = buf.getvalue()
    rgb16 = (rgb.astype(">u2") * 257 + rng.integers(0, 257, rgb.shape)).astype(">u2")
    rows = b"".join(b"\x00" + rgb16[y].tobytes() for y in range(rgb16.shape[0]))
    inputs["rgb16.png"] = png_bytes(rgb.shape[1], rgb.shape[0], 16, 2, rows)
    inputs["grey.jpg"] = save_jpeg(base.convert("L"), 80)
    for name, options in (("progressive.jpg", {"progressive": True}), ("444.jpg", {"subsampling": 0}),
                          ("422.jpg", {"subsampling": 1})):
        buf = io.BytesIO()
        base.save(buf, format="JPEG", quality=90, **options)
        inputs[name] = buf.getvalue()
    inputs["cmyk.jpg"] = save_jpeg(base.convert("CMYK"), 80)
    buf = io.BytesIO()
    base.save(buf, format="BMP")
    inputs["rgb.bmp"] = buf.getvalue()
    buf = io.BytesIO()
    base.convert("P", palette=Image.ADAPTIVE, colors=16).save(buf, format="GIF")
    inputs["palette.gif"] = buf.getvalue()
    expected = {}
    for name, data in inputs.items():
        (OUT / "inputs" / name).write_bytes(data)
        img = Image.open(io.BytesIO(data))
        expected[name] = {"pillowMode": img.mode, "width": img.width, "height": img.height,
                          "pixelsSha256": pixels_sha(img)}
    return expected


def refusal_inputs(base):
    """Inputs the decoder must refuse, with the start of the message it must give."""
    valid = save_jpeg(base, 80)
    sof = valid.index(b"\xff\xc0")
    huge_jpeg = bytearray(valid)
    huge_jpeg[sof + 5: sof + 9] = struct.pack(">HH", 60000, 60000)
    buf = io.BytesIO()
    base.save(buf, format="PNG")
    png = buf.getvalue()
    refusals = {
        "empty.jpg": (b"", "empty input"),
        "truncated.png": (png[: len(png) // 2], "corrupt PNG"),
        "truncated.jpg": (valid[: len(valid) // 2], "truncated JPEG"),
        "random.jpg": (np.random.default_rng(3).integers(0, 256, 3000, dtype=np.uint8).tobytes(), "not an image"),
        "huge.jpg": (bytes(huge_jpeg), "image is 60000x60000 = 3600 megapixels, over the 50-megapixel limit"),
        "huge.png": (png_bytes(60000, 60000, 8, 2, b"\x00" * 1000),
                     "image is 60000x60000 = 3600 megapixels, over the 50-megapixel limit"),
    }
    for name, (data, _) in refusals.items():
        (OUT / "inputs" / name).write_bytes(data)
    return {name: message for name, (_, message) in refusals.items()}


def main():
    (OUT / "images").mkdir(parents=True, exist_ok=True)
    (OUT / "inputs").mkdir(parents=True, exist_ok=True)
    (OUT / "pillow-jpegs").mkdir(parents=True, exist_ok=True)
    images = {"gradient-67x45": gradient_image(67, 45, 1), "text-128x96": text_image(128, 96),
              "photo-201x149": photo_image(201, 149, 2)}
    for name, img in images.items():
        img.save(OUT / "images" / (name + ".png"))
    small = images["gradient-67x45"]
    for q in LADDER:
        (OUT / "pillow-jpegs" / ("gradient-67x45-q%d.jpg" % q)).write_bytes(save_jpeg(small, q))
    tools = {"pillow": PIL.__version__, "numpy": np.__version__, "skimage": skimage.__version__,
             "python": sys.version.split()[0]}
    write_json("quant-tables.json", {"tools": tools, "tables": quant_tables()}, indent=None)
    write_json("ladder.json", {"tools": tools, "resave": RESAVE, "vectors": ladder_vectors(images)})
    write_json("conversions.json", {"tools": tools, "inputs": conversion_inputs(small)})
    write_json("refusals.json", {"tools": tools, "inputs": refusal_inputs(small)})


def write_json(name, value, indent=1):
    (OUT / name).write_text(json.dumps(value, indent=indent) + "\n")


if __name__ == "__main__":
    main()
