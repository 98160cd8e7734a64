#!/usr/bin/env bash
# JPEG augmentation throughput, Java (dev.robucap.common.jpeg) vs Pillow 9.4, on the same generated files.
# Usage: bench/jpeg.sh   (from anywhere; builds services/common offline, needs Debian's /usr/bin/python3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import PIL, numpy' 2>/dev/null; then
    echo "bench/jpeg.sh compares with Pillow: install it first (Debian: apt-get install python3-pil python3-numpy)" >&2
    exit 1
fi
mvn -B -o -q -Dstyle.color=never -f "$root/pom.xml" -pl services/common -am test-compile >/dev/null
/usr/bin/python3 "$root/bench/pillow_bench.py" make "$work/images"
java -cp "$root/services/common/target/classes:$root/services/common/target/test-classes" \
    dev.robucap.common.jpeg.AugmentBenchmark "$work/images" >"$work/java.txt"
/usr/bin/python3 "$root/bench/pillow_bench.py" run "$work/images" >"$work/pillow.txt"

echo "48 photo-like 512x384 q=95 JPEGs; single = decode + encode q=22, double = + decode + encode 75"
printf '%-8s %7s %12s %12s %10s\n' mode threads java_img/s pillow_img/s java/pillow
join <(grep -E '^(single|double) ' "$work/java.txt" | awk '{print $1"-"$2, $3}' | sort) \
     <(awk '{print $1"-"$2, $3}' "$work/pillow.txt" | sort) |
    awk '{split($1, k, "-"); printf "%-8s %7s %12.1f %12.1f %9.2fx\n", k[1], k[2], $2, $3, $2 / $3}'
grep '^ssim512' "$work/java.txt" | awk '{print "Java SSIM of one 512x512 RGB pair: " $3 " ms"}'
