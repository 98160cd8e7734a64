#!/usr/bin/python3
"""The hostile-input corpus of issue #7: bad images, bad dataset_coco.json files, bad Experiment specs, bad keys.

Run with Debian's /usr/bin/python3 (Pillow 9.4, numpy):
    /usr/bin/python3 tools/reference/make_hostile_corpus.py
Writes services/common/src/test/resources/hostile/{images,coco,specs}/, keys.txt and expected.json. Deterministic.
For every image it also records what Pillow 9.4 does with it (Image.open(...).convert('RGB')), so that accepted
images are checked against Pillow's pixels and refusals can be compared with Pillow's.
"""
import hashlib
import io
import json
import re
import warnings
import struct
import zlib
from pathlib import Path

import numpy as np
import PIL
from PIL import Image

OUT = Path(__file__).resolve().parents[2] / "services/common/src/test/resources/hostile"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def base_image(w=67, h=45):
    y, x = np.mgrid[0:h, 0:w]
    a = np.stack([255 * x / (w - 1), 255 * y / (h - 1), 127 + 120 * np.sin(x / 4.0)], axis=-1)
    a[h // 4: h // 2, w // 5: w // 2] = [250, 20, 40]
    return Image.fromarray(a.round().astype(np.uint8), "RGB")


def jpeg(img, **kw):
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=kw.pop("quality", 85), **kw)
    return buf.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width, height, bit_depth, colour_type, raw_rows):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(raw_rows))
            + png_chunk(b"IEND", b""))


def segments(data):
    """(marker, start, end) of each marker segment before the first scan; end is exclusive."""
    out, pos = [], 2
    while True:
        marker = data[pos + 1]
        length = struct.unpack(">H", data[pos + 2: pos + 4])[0]
        out.append((marker, pos, pos + 2 + length))
        if marker == 0xDA:
            return out
        pos += 2 + length


def segment(data, marker):
    return next(s for s in segments(data) if s[0] == marker)


def with_sof(data, fn):
    marker, start, end = next(s for s in segments(data) if 0xC0 <= s[0] <= 0xC2)
    sof = bytearray(data[start:end])
    fn(sof)
    return data[:start] + bytes(sof) + data[end:]


def exif_orientation(value):
    """A minimal big-endian EXIF block with one IFD0 entry: Orientation (0x0112) = value."""
    tiff = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, value, 0) \
        + b"\x00\x00\x00\x00"
    return b"Exif\x00\x00" + tiff


def pillow_outcome(data):
    warnings.simplefilter("ignore")
    try:
        with Image.open(io.BytesIO(data)) as im:
            mode = im.mode
            rgb = im.convert("RGB")
            return {"pillow": "accepted", "pillowMode": mode, "width": rgb.width, "height": rgb.height,
                    "pixelsSha256": sha256(np.asarray(rgb).tobytes())}
    except Exception as e:  # what Pillow says, for the README; robucap's own message is what the test checks
        message = re.sub(r" <_io.BytesIO object at 0x[0-9a-f]+>", "", str(e)).splitlines()[0][:120]
        return {"pillow": "refused", "pillowError": type(e).__name__ + ": " + message}


def images():
    base = base_image()
    valid = jpeg(base)
    sos = segment(valid, 0xDA)[2]
    cases = {}

    def refused(name, data, fragment, what):
        cases[name] = (data, {"what": what, "expect": "refused", "message": fragment})

    def accepted(name, data, what, **extra):
        cases[name] = (data, {"what": what, "expect": "accepted", **extra})

    # Zero bytes and non-images with image extensions.
    refused("empty.jpg", b"", "empty input: zero bytes is not an image", "zero bytes, .jpg")
    refused("empty.JPEG", b"", "empty input: zero bytes is not an image", "zero bytes, ImageNet's .JPEG")
    refused("text.jpg", b"This is not a picture, it is a caption: a dog on a beach.\n", "not an image",
            "plain text named .jpg")
    refused("html.png", b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n", "not an image",
            "an HTML error page saved as .png (what a failed download leaves)")
    refused("zip.JPEG", b"PK\x03\x04" + bytes(26) + b"PK\x05\x06" + bytes(18), "not an image",
            "an empty ZIP archive named .JPEG")
    refused("elf.jpg", b"\x7fELF\x02\x01\x01" + bytes(57), "not an image", "an ELF header named .jpg")
    refused("nul.jpg", bytes(4096), "not an image", "4 KiB of zero bytes")
    # Truncated and corrupt JPEGs.
    refused("soi-only.jpg", b"\xff\xd8", "truncated JPEG", "only the start-of-image marker")
    refused("soi-eoi.jpg", b"\xff\xd8\xff\xd9", "truncated JPEG", "start-of-image then end-of-image, no frame")
    refused("header-only.jpg", valid[:sos], "truncated JPEG", "every header segment, no entropy-coded data")
    refused("cut-90.jpg", valid[: len(valid) * 9 // 10], "truncated JPEG", "the first 90% of a valid JPEG")
    refused("cut-in-dqt.jpg", valid[: segment(valid, 0xDB)[1] + 20], "truncated JPEG",
            "cut inside the quantisation table segment")
    refused("no-eoi.jpg", valid[:-2], "truncated JPEG", "a valid JPEG without its end-of-image marker")
    refused("bad-frame.jpg", with_sof(valid, lambda s: s.__setitem__(9, 0)), "corrupt JPEG: bad frame header",
            "frame header declaring 0 components")
    refused("zero-width.jpg", with_sof(valid, lambda s: s.__setitem__(slice(7, 9), b"\x00\x00")),
            "corrupt JPEG: bad frame header", "frame header declaring width 0")
    refused("twelve-bit.jpg", with_sof(valid, lambda s: s.__setitem__(4, 12)), "corrupt JPEG",
            "baseline frame header claiming 12-bit samples")
    sof = next(s for s in segments(valid) if s[0] == 0xC0)
    refused("scan-before-frame.jpg", valid[:sof[1]] + valid[sof[2]:], "corrupt JPEG: scan before frame header",
            "the frame header removed")
    refused("garbage-segment-length.jpg", valid[:sof[1] + 2] + b"\xff\xff" + valid[sof[1] + 4:], "truncated JPEG",
            "frame header whose length runs past the end of the file")
    scan = bytearray(valid)
    rng = np.random.default_rng(11)
    scan[sos + 10: -2] = rng.integers(0, 255, len(scan) - sos - 12, dtype=np.uint8).tobytes().replace(b"\xff", b"\xfe")
    refused("noise-scan.jpg", bytes(scan), "truncated JPEG", "valid headers, random entropy-coded data: the data"
            " runs out before the last block; Pillow fills the rest grey, robucap refuses it as truncated")
    app0 = segment(valid, 0xE0)
    short_jfif = valid[:app0[1]] + b"\xff\xe0\x00\x0eJFIF\x00\x01\x01\x00\x00\x01\x00\x01" + valid[app0[2]:]
    short_jfif = bytearray(with_sof(short_jfif, lambda s: [s.__setitem__(10 + 3 * i, ord(c)) for i, c in enumerate("RGB")]))
    sos_start = segment(bytes(short_jfif), 0xDA)[1]
    for i, c in enumerate("RGB"):
        short_jfif[sos_start + 5 + 2 * i] = ord(c)
    short_jfif = bytes(short_jfif)
    accepted("short-jfif-rgb.jpg", short_jfif, "component ids R, G, B and an APP0 'JFIF' segment too short for"
             " libjpeg to count: libjpeg (and so Pillow) reads the samples as RGB, not YCbCr", compare="pillow")
    # Decompression bombs: tiny files whose headers declare huge images.
    bomb = " megapixels, over the 50-megapixel limit"
    refused("bomb-65535.jpg", with_sof(valid, lambda s: s.__setitem__(slice(5, 9), struct.pack(">HH", 65535, 65535))),
            "image is 65535x65535 = 4294.836225" + bomb, "JPEG frame header declaring 65535x65535")
    refused("bomb-wide.jpg", with_sof(valid, lambda s: s.__setitem__(slice(5, 9), struct.pack(">HH", 800, 65535))),
            "image is 65535x800 = 52.428" + bomb, "JPEG 65535 wide, 800 high: just over the limit")
    refused("bomb-65535.png", png_bytes(65535, 65535, 8, 2, b"\x00" * 1000),
            "image is 65535x65535 = 4294.836225" + bomb, "PNG header declaring 65535x65535")
    refused("bomb-2g.png", png_bytes(2 ** 31 - 1, 2 ** 31 - 1, 8, 6, b"\x00" * 100),
            "image is 2147483647x2147483647", "PNG header declaring 2^31-1 square, RGBA")
    refused("bomb-65535.gif", b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00"
            + b"," + struct.pack("<HHHH", 0, 0, 65535, 65535) + b"\x00" + b"\x02\x02\x44\x01\x00" + b";",
            "image is 65535x65535 = 4294.836225" + bomb, "GIF declaring a 65535x65535 frame")
    bmp_info = struct.pack("<IiiHHIIiiII", 40, 65535, 65535, 1, 24, 0, 0, 2835, 2835, 0, 0)
    refused("bomb-65535.bmp", b"BM" + struct.pack("<IHHI", 54 + 16, 0, 0, 54) + bmp_info + bytes(16),
            "corrupt BMP: Invalid width/height", "BMP declaring 65535x65535 (ImageIO refuses its header first)")
    # Valid but unusual images: accepted, converted as Pillow's convert('RGB') does.
    accepted("cmyk-444.jpg", jpeg(base.convert("CMYK"), subsampling=0, quality=92),
             "CMYK JPEG (Adobe marker, inverted), 4:4:4", compare="pillow")
    cmyk = jpeg(base.convert("CMYK"), quality=70)
    adobe = segment(cmyk, 0xEE)
    accepted("cmyk-no-adobe.jpg", cmyk[:adobe[1]] + cmyk[adobe[2]:],
             "CMYK JPEG without its Adobe marker: libjpeg and Pillow read the samples as stored", compare="pillow")
    grey16 = (np.mgrid[0:45, 0:67][1] * 977 + np.mgrid[0:45, 0:67][0] * 13).astype(">u2")
    data = png_bytes(67, 45, 16, 0, b"".join(b"\x00" + grey16[y].tobytes() for y in range(45)))
    accepted("grey16.png", data, "16-bit greyscale PNG: Pillow clips its I;16 values to 255, robucap keeps the high"
             " byte (RgbConversion, a deliberate difference)", compare="highByte",
             highByteSha256=sha256(np.repeat((grey16 >> 8).astype(np.uint8)[..., None], 3, axis=2).tobytes()),
             width=67, height=45)
    rgba16 = (np.asarray(base.convert("RGBA")).astype(">u2") * 257)
    rgba16[..., 3] = np.mgrid[0:45, 0:67][1] * 900
    data = png_bytes(67, 45, 16, 6, b"".join(b"\x00" + rgba16[y].tobytes() for y in range(45)))
    accepted("rgba16.png", data, "16-bit RGBA PNG with varying alpha: alpha dropped, high bytes kept",
             compare="pillow")
    for value, what in ((6, "rotate 90 clockwise to view"), (3, "rotate 180 to view"), (8, "rotate 270 to view")):
        accepted("exif-orientation-%d.jpg" % value, jpeg(base, exif=exif_orientation(value)),
                 "EXIF Orientation %d (%s): robucap, like Image.open, keeps the stored pixels (67x45)" % (value, what),
                 compare="pillow")
    accepted("exif-garbage.jpg", jpeg(base, exif=b"Exif\x00\x00MM\x00\x2a\xff\xff\xff\xff" + bytes(20)),
             "EXIF block whose first IFD offset points past its end: ignored", compare="pillow")
    accepted("trailing-garbage.jpg", valid + b"GARBAGE AFTER EOI" * 10, "bytes after the end-of-image marker",
             compare="pillow")
    buf = io.BytesIO()
    base.save(buf, format="PNG")
    accepted("png-named.JPEG", buf.getvalue(), "a valid PNG named .JPEG: decoded by its content", compare="pillow")

    entries = {}
    for name, (data, expect) in cases.items():
        outcome = pillow_outcome(data)
        if expect["expect"] == "pillow":  # robucap must do what Pillow does, whichever it is
            expect = {**expect, "expect": "refused" if outcome["pillow"] == "refused" else "accepted",
                      "compare": "pillow"}
            if expect["expect"] == "refused":
                expect["message"] = "corrupt JPEG"
        entries[name] = {**expect, **outcome, "bytes": len(data)}
        (OUT / "images" / name).write_bytes(data)
    return entries


def coco():
    def image(i, split, *captions, **override):
        folder = "train2014" if split == "train" else "val2014"
        record = {"filepath": folder, "sentids": [], "filename": "img%d.jpg" % i, "imgid": i, "split": split,
                  "sentences": [{"tokens": c.split(" "), "raw": c, "imgid": i, "sentid": k}
                                for k, c in enumerate(captions)], "cocoid": 100 + i}
        record.update(override)
        return record

    def doc(*imgs):
        return json.dumps({"images": list(imgs), "dataset": "coco"})

    good = [image(0, "train", "a dog runs"), image(1, "val", "a cat sits"), image(2, "test", "a bird")]
    cases = {
        "not-json.json": ("dataset_coco.json is not JSON at all\n", "dataset_coco.json: not valid JSON at line 1"),
        "invalid-utf8.json": (doc(*good).encode().replace(b"cat", b"c\xc3\x28t"),
                              "dataset_coco.json images[1]: not valid JSON at line 1"),
        "nan-id.json": (doc(*good).replace('"cocoid": 101', '"cocoid": NaN'),
                        "dataset_coco.json images[1]: not valid JSON at line 1"),
        "truncated.json": (doc(*good)[:150], "dataset_coco.json images[0]: not valid JSON at line 1"),
        "top-level-string.json": ('"images"', "dataset_coco.json: expected an object with a list of images"),
        "images-null.json": ('{"images": null}', "dataset_coco.json images: expected a list of images, got null"),
        "image-is-list.json": (doc(good[0], [1, 2, 3]), "dataset_coco.json images[1]: expected an image object"),
        "imgid-bool.json": (doc(good[0], image(1, "val", "a cat", imgid=True)),
                            "dataset_coco.json images[1].imgid: expected a non-negative integer, got true"),
        "cocoid-huge.json": (doc(good[0], image(1, "val", "a cat", cocoid=10 ** 19)),
                             "dataset_coco.json images[1].cocoid: expected a non-negative integer"),
        "split-null.json": (doc(good[0], image(1, None, "a cat")),
                            "dataset_coco.json images[1].split: expected one of train, restval, val, test, got null"),
        "sentences-string.json": (doc(good[0], image(1, "val", sentences="a cat")),
                                  "dataset_coco.json images[1].sentences: expected a list of sentences"),
        "tokens-nested.json": (doc(good[0], image(1, "val", sentences=[{"tokens": [["a"], ["cat"]]}])),
                               "dataset_coco.json images[1].sentences[0].tokens: expected a list of strings"),
        "token-tab.json": (doc(good[0], image(1, "val", sentences=[{"tokens": ["a", "c\tat"]}])),
                           "dataset_coco.json images[1].sentences[0].tokens[1]: expected a word without spaces"),
        "token-reserved.json": (doc(good[0], image(1, "val", "a <unk> cat")),
                                "dataset_coco.json images[1].sentences[0].tokens[1]: <unk> is reserved"),
        "filename-traversal.json": (doc(good[0], image(1, "val", "a cat", filename="../../../etc/passwd")),
                                    "dataset_coco.json images[1]: val2014/../../../etc/passwd is not under"),
        "filepath-absolute.json": (doc(good[0], image(1, "val", "a cat", filepath="/etc")),
                                   "dataset_coco.json images[1]: /etc/img1.jpg is not under"),
        "filename-nul.json": (doc(good[0], image(1, "val", "a cat", filename="img1.jpg\u0000.png")),
                              "dataset_coco.json images[1].filename: expected a non-empty name without control"),
        "filename-c1-control.json": (doc(good[0], image(1, "val", "a cat", filename="img1\u009b31m.jpg")),
                                     "dataset_coco.json images[1].filename: expected a non-empty name without"
                                     " control"),
        "duplicate-field.json": (doc(*good).replace('"split": "val"', '"split": "val", "split": "train"'),
                                 "dataset_coco.json images[1]: not valid JSON at line 1"),
        "imgid-twice.json": (doc(good[0], image(1, "val", "a cat", imgid=0)),
                             "dataset_coco.json images[1].imgid: 0 is also the imgid of images[0]"),
    }
    entries = {}
    for name, (text, fragment) in cases.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (OUT / "coco" / name).write_bytes(data)
        entries[name] = {"expect": "refused", "message": fragment, "bytes": len(data)}
    return entries


VALID_SPEC = """apiVersion: robucap.dev/v1alpha1
kind: Experiment
metadata: {name: demo}
spec:
  data: {synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}
  jpeg: {ladder: [80, 2], augment: [22], resave: 75}
"""


def specs():
    def edit(old, new):
        assert old in VALID_SPEC, old
        return VALID_SPEC.replace(old, new)

    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        "%s: &%s [%s]\n" % (chr(98 + i), chr(98 + i), ", ".join(["*" + chr(97 + i)] * 10)) for i in range(8))
    cases = {
        "empty.yaml": ("", "(file)", "empty document"),
        "comment-only.yaml": ("# nothing here\n", "(file)", "empty document"),
        "not-yaml.yaml": ("apiVersion: [unclosed\nkind: {\n", "apiVersion[0]", "not valid YAML"),
        "tabs.yaml": (VALID_SPEC.replace("  data", "\tdata"), "spec", "not valid YAML"),
        "top-level-list.yaml": ("- apiVersion: robucap.dev/v1alpha1\n", "(file)", "does not match the Experiment"),
        "billion-laughs.yaml": (laughs, "a", "Unrecognized field"),
        "java-tag.yaml": (edit("kind: Experiment", "kind: !!javax.script.ScriptEngineManager [x]"), "kind", ""),
        "unknown-field.yaml": (edit("resave: 75", "resave: 75, rezave: 3"), "spec.jpeg.rezave", "rezave"),
        "ladder-string.yaml": (edit("ladder: [80, 2]", "ladder: [80, two]"), "spec.jpeg.ladder[1]", "Integer"),
        "ladder-null.yaml": (edit("ladder: [80, 2]", "ladder: [80, null]"), "spec.jpeg.ladder", "quality null"),
        "resave-huge.yaml": (edit("resave: 75", "resave: 99999999999"), "spec.jpeg.resave", ""),
        "image-size-overflow.yaml": (edit("imageSize: 64", "imageSize: 4294967360"),
                                     "spec.data.synthetic.imageSize", "an integer is required"),
        "seed-overflow.yaml": (edit("seed: 1", "seed: 123456789012345678901234567890"),
                               "spec.data.synthetic.seed", "an integer is required"),
        "coco-negative.yaml": (edit("train: 4", "train: -4"), "spec.data.synthetic", ""),
        "name-newline.yaml": (edit("name: demo", 'name: "demo\\nkind: x"'), "metadata.name", ""),
        "api-version-long.yaml": (edit("apiVersion: robucap.dev/v1alpha1", "apiVersion: " + "v" * 5000),
                                  "apiVersion", "must be robucap.dev/v1alpha1"),
        "kind-escape.yaml": (edit("kind: Experiment", 'kind: "Experiment\\e[2J\\u009b31m"'), "kind",
                             "must be Experiment"),
        "s3-dotdot.yaml": (edit("{synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                "{s3: {coco: datasets/../../secrets}}"), "spec.data.s3.coco", "'..' segment"),
        "s3-absolute.yaml": (edit("{synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                  "{s3: {coco: /etc/coco}}"), "spec.data.s3.coco", "starts with '/'"),
        "s3-control.yaml": (edit("{synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                 '{s3: {coco: "datasets/co\\rco"}}'), "spec.data.s3.coco", "control character"),
        "both-sources.yaml": (edit("coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                   "coco: {train: 4, restval: 0, val: 1, test: 2}}, s3: {coco: x}}"),
                              "spec.data", "exactly one of"),
        "crop-scale-nan.yaml": (edit("coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                     "coco: {train: 4, restval: 0, val: 1, test: 2}, imagenet: {imageSize: 32, "
                                     "trainPerClass: 2, valPerClass: 2}}}")
                                + "  encoder: {variants: [base], minCropScale: .nan}\n",
                                "spec.encoder.minCropScale", "'.nan'"),
        "grid-word.yaml": (edit("coco: {train: 4, restval: 0, val: 1, test: 2}}}",
                                "coco: {train: 4, restval: 0, val: 1, test: 2}, imagenet: {imageSize: 32, "
                                "trainPerClass: 2, valPerClass: 2}}}")
                           + "  encoder: {variants: [base]}\n  captioner: {grid: everything}\n",
                           "spec.captioner.grid", "\"paper\" or a list"),
        "two-documents.yaml": (VALID_SPEC + "---\n" + edit("name: demo", "name: other"), "(file)",
                               "more than one YAML document"),
        "pool-name.yaml": (VALID_SPEC + "  pools: {'../gpu': {maxParallel: 1}}\n", "spec.pools.../gpu",
                           "a pool name"),
    }
    entries = {}
    for name, (text, field, fragment) in cases.items():
        (OUT / "specs" / name).write_text(text, encoding="utf-8")
        entries[name] = {"expect": "refused", "field": field, "message": fragment}
    return entries


# One per line, Java string escapes (\n, \r, \t, \\, \uXXXX) where a character cannot be written as itself.
KEYS = [
    ("../etc/passwd", "'..' segment"),
    ("datasets/../../etc/passwd", "'..' segment"),
    ("datasets/coco/..", "'..' segment"),
    ("./datasets", "'.' segment"),
    ("/etc/passwd", "starts with '/'"),
    ("//server/share/x", "starts with '/'"),
    ("C:\\\\Windows\\\\system32", "backslash"),
    ("..\\\\..\\\\boot.ini", "backslash"),
    ("datasets//coco", "empty segment"),
    ("datasets/coco/", "empty segment"),
    ("datasets/co\\u0000co", "control character"),
    ("datasets/coco\\n../../x", "control character"),
    ("datasets/coco\\r", "control character"),
    ("datasets/\\tcoco", "control character"),
    ("\\u001b[2Jdatasets", "control character"),
    ("datasets/\\u007f", "control character"),
    ("datasets/\\u009b31mred", "control character"),
    ("datasets/\\u0085next", "control character"),
    ("datasets/\\ud800lone", "unpaired surrogate"),
    ("datasets/cat\\u202egpj.exe", "bidirectional"),
    ("datasets/\\u2066admin\\u2069/x", "bidirectional"),
    ("datasets/\\u200fcoco", "bidirectional"),
    ("", "empty"),
    (".", "'.' segment"),
    ("..", "'..' segment"),
]


def main():
    for sub in ("images", "coco", "specs"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
        for f in (OUT / sub).iterdir():
            f.unlink()
    expected = {"tools": {"pillow": PIL.__version__, "numpy": np.__version__},
                "images": images(), "coco": coco(), "specs": specs(),
                "keys": {k: {"expect": "refused", "message": m} for k, m in KEYS}}
    (OUT / "keys.txt").write_text("".join(k + "\n" for k, _ in KEYS), encoding="utf-8")
    (OUT / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
