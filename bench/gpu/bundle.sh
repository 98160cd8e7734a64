#!/usr/bin/env bash
# Packs what bench/gpu/run.sh needs on a GPU machine that has Python's PyTorch (CUDA) but no JDK, no Maven and no
# network: a jlinked Java 17 runtime, the ml module's jars without the CPU natives, the benches and ml tests, JUnit's
# console launcher, and DJL 0.36.0's JNI sources with their generated header (its prebuilt JNI is for libtorch 2.7.1;
# run.sh builds it against the machine's libtorch when that one is another version). Output: .gpu/ (git-ignored).
# Needs the DJL repository at $DJL_REPO (a git directory with the v0.36.0 tag) and a built tree (make build).
set -euo pipefail
cd "$(dirname "$0")/../.."
djl_repo=${DJL_REPO:?set DJL_REPO to a git directory of github.com/deepjavalibrary/djl}
jdk=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
out=.gpu
rm -rf "$out" && mkdir -p "$out/lib" "$out/jni/include/djl"

mvn -B -q -pl services/ml -am test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/$out/runtime.cp"
mvn -B -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:6.0.3 -DoutputDirectory="$out/lib"
mvn -B -q dependency:copy -Dartifact=org.slf4j:slf4j-simple:2.0.17 -DoutputDirectory="$out/lib"
# The jars the ml code and its tests load (not Kafka, the devstack or DJL's CPU natives): the bundle must fit 64 MiB.
keep='/ai/djl/(api|pytorch/pytorch-(engine|jni))/|/gson-|/jna-5|/commons-(compress|io|codec)-'
keep+='|/slf4j-api-|/error_prone|/minio-|/simple-xml|/guava-|/failureaccess-|/okhttp-|/okio|/kotlin-stdlib'
keep+='|/jackson-(annotations|core|databind|dataformat-yaml|datatype-jsr310)-2|/snakeyaml-|/jspecify-'
tr ':' '\n' < "$out/runtime.cp" | grep -E "$keep" \
    | xargs -I{} cp {} "$out/lib/"
for module in common ml; do
    jar cf "$out/lib/robucap-$module.jar" -C "services/$module/target/classes" .
done
jar cf "$out/lib/robucap-ml-tests.jar" -C services/ml/target/test-classes .

"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,java.xml,java.desktop,jdk.unsupported,java.naming,jdk.zipfs \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"
strip --strip-unneeded "$out/jre/lib/server/libjvm.so"
mkdir -p "$out/native" && cp -L /usr/lib/x86_64-linux-gnu/libjpeg.so.62 "$out/native/" # Debian's JRE reads JPEG with it
tar -C "$out" -cJf "$out/jre.tar.xz" jre && rm -rf "$out/jre"

git -C "$djl_repo" archive v0.36.0 engines/pytorch/pytorch-native/src/main/native | tar -x -C "$out/jni" --strip-components=5
git -C "$djl_repo" show v0.36.0:api/src/main/native/djl/utils.h > "$out/jni/include/djl/utils.h"
src=$(mktemp -d)
git -C "$djl_repo" archive v0.36.0 engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni | tar -x -C "$src"
api=$(tr ':' '\n' < "$out/runtime.cp" | grep '/api-0.36.0.jar')
"$jdk/bin/javac" -h "$out/jni/include" -d "$src/classes" -cp "$api:$(tr ':' '\n' < "$out/runtime.cp" | grep slf4j-api | head -1)" \
    "$src"/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/*.java \
    $(git -C "$djl_repo" ls-tree -r --name-only v0.36.0 engines/pytorch/pytorch-engine/src/main/java | grep -v /jni/ \
      | while read -r f; do mkdir -p "$src/$(dirname "$f")"; git -C "$djl_repo" show "v0.36.0:$f" > "$src/$f"; echo "$src/$f"; done)
cp "$jdk/include/jni.h" "$jdk/include/linux/jni_md.h" "$out/jni/include/"
rm -rf "$src" "$out/runtime.cp"
du -sh "$out" && ls "$out/jni/include"
