#!/usr/bin/env bash
# JPEG augmentation throughput, robucap's Java and native (libjpeg-turbo over JNI) paths vs Pillow 9.4, on the same
# generated files. Pillow runs in processes, Java in threads.
# Usage: bench/jpeg.sh   (from anywhere; builds services/common offline, needs Debian's /usr/bin/python3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! /usr/bin/python3 -c 'import PIL, numpy' 2>/dev/null; then
    echo "bench/jpeg.sh compares with Pillow: install it first (Debian: apt-get install python3-pil python3-numpy)" >&2
    exit 1
fi
mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl services/common -am test-compile \
    dependency:build-classpath -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test >/dev/null
/usr/bin/python3 "$root/bench/pillow_bench.py" make "$work/images"
java -cp "$root/services/common/target/classes:$root/services/common/target/test-classes:$(cat "$work/classpath")" \
    dev.robucap.common.jpeg.AugmentBenchmark "$work/images" >"$work/java.txt"
/usr/bin/python3 "$root/bench/pillow_bench.py" run "$work/images" >"$work/pillow.txt"

echo "48 photo-like 512x384 q=95 JPEGs; single = decode + encode q=22, double = + decode + encode 75 (images/s)"
printf '%-7s %7s %10s %10s %10s %12s %12s\n' mode threads java native pillow java/pillow native/pillow
awk 'FNR == NR {v[$1, $2, $3] = $4; next}
     {j = v["java", $1, $2]; n = v["native", $1, $2]
      printf "%-7s %7s %10.1f %10s %10.1f %11.2fx %12s\n", $1, $2, j, (n == "" ? "-" : n), $3, j / $3,
             (n == "" ? "-" : sprintf("%.2fx", n / $3))}' "$work/java.txt" "$work/pillow.txt"
grep '^ssim512' "$work/java.txt" | awk '{print "Java SSIM of one 512x512 RGB pair: " $3 " ms"}'
