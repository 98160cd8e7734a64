#!/usr/bin/env bash
# Builds the JNI JPEG fast path (robucap_jpeg.c against the system libjpeg-turbo) into the jar's resources.
# Usage: build.sh JAVA_HOME OUTPUT_DIR   (called by services/common/pom.xml in the compile phase on Linux x86-64)
# Without gcc, jpeglib.h or the JNI headers it prints one warning and exits 0: the plain-Java codec then serves.
# A compile error with everything present fails the build, since it is a bug in robucap_jpeg.c.
set -euo pipefail
java_home="$1"
out="$2/native/linux-x86_64"
src="$(cd "$(dirname "$0")" && pwd)/robucap_jpeg.c"
lib="$out/librobucapjpeg.so"

skip() {
    echo "[WARNING] robucap: native JPEG fast path not built ($1); the slower plain-Java JPEG codec will serve." \
        "On Debian: apt-get install gcc libjpeg62-turbo-dev" >&2
    exit 0
}

command -v gcc >/dev/null 2>&1 || skip "gcc not found"
[ -f "$java_home/include/jni.h" ] || skip "no JNI headers under $java_home/include"
printf '#include <stdio.h>\n#include <jpeglib.h>\n' | gcc -E -x c - >/dev/null 2>&1 || skip "jpeglib.h not found"
if [ -f "$lib" ] && [ "$lib" -nt "$src" ] && [ "$lib" -nt "$0" ]; then
    exit 0
fi
mkdir -p "$out"
gcc -O2 -shared -fPIC -Wall -Wextra -I"$java_home/include" -I"$java_home/include/linux" \
    -o "$lib" "$src" -ljpeg
