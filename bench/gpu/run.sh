#!/usr/bin/env bash
# DJL's GPU profile on a CUDA machine with Python's PyTorch and the bundle of bench/gpu/bundle.sh in .gpu/:
#  1. DJL loads the machine's libtorch (PYTORCH_LIBRARY_PATH) with DJL 0.36.0's prebuilt cu128 JNI, or, when that does
#     not link against this libtorch, with the JNI built here from DJL's sources;
#  2. ResNetBench and CaptionBench on the GPU, the same PyTorch benches on the GPU, and both on the CPU (all cores):
#     step times to compare;
#  3. the ml module's tests run on the GPU (JUnit console; ArtifactCheckpointStoreTest needs the devstack: left out).
# Usage: [GPU_STEPS='bench tests'] bash bench/gpu/run.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p /tmp/gpu
log() { echo "== $* ($(date +%T))"; }

log machine
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "cxx11abi", torch._C._GLIBCXX_USE_CXX11_ABI)'
torch_dir=$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))')
torch_version=$(python3 -c 'import torch; print(torch.__version__.split("+")[0])')
tar -C /tmp/gpu -xJf .gpu/jre.tar.xz
java=/tmp/gpu/jre/bin/java
cp="$(ls .gpu/lib/*.jar | grep -v console-standalone | tr '\n' ':')"
# Every CUDA library torch links, so that the JVM finds them without Python's loader.
nvidia_libs=$(find "$torch_dir/.." -path '*/nvidia/*/lib' -type d 2>/dev/null | tr '\n' ':')
export LD_LIBRARY_PATH="$PWD/.gpu/native:$torch_dir/lib:${nvidia_libs}${LD_LIBRARY_PATH:-}"
export PYTORCH_LIBRARY_PATH="$torch_dir/lib" PYTORCH_VERSION="$torch_version" PYTORCH_FLAVOR=cu128
export PYTORCH_LIBRARY_EXCLUSION=libtorch_python.so,libshm.so DJL_CACHE_DIR=/tmp/gpu/djl
# DJL finds GPUs through JNA's "cudart"; pip's CUDA runtime has only the versioned name.
mkdir -p /tmp/gpu/jna && ln -sf "$(find "$torch_dir/.." -name 'libcudart.so*' | head -1)" /tmp/gpu/jna/libcudart.so
jvm=("$java" -Xmx16g -Dai.djl.offline=true -Djna.library.path=/tmp/gpu/jna -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

check() { # prints the engine's view of the GPU and runs one matrix product there
    timeout 120 "${jvm[@]}" -cp "$cp" dev.robucap.ml.bench.GpuCheck
}

log "JNI: DJL's prebuilt cu128 library against libtorch $torch_version"
python3 - "$torch_dir/lib/libdjl_torch.so" <<'PY'
import sys, zipfile, glob
jar = glob.glob(".gpu/lib/pytorch-jni-*.jar")[0]
with zipfile.ZipFile(jar) as z, open(sys.argv[1], "wb") as f:
    f.write(z.read("jnilib/linux-x86_64/cu128/libdjl_torch.so"))
PY
if ! check; then
    log "JNI: building DJL 0.36.0's JNI against libtorch $torch_version"
    rm -f "$torch_dir/lib/libdjl_torch.so"
    inc=(-I.gpu/jni/include -I"$torch_dir/include" -I"$torch_dir/include/torch/csrc/api/include" -I/usr/local/cuda/include)
    for dir in $(find "$torch_dir/.." -path '*/nvidia/*/include' -type d); do inc+=(-I"$dir"); done
    abi=$(python3 -c 'import torch; print(int(torch._C._GLIBCXX_USE_CXX11_ABI))')
    mkdir -p /tmp/gpu/obj
    ls .gpu/jni/native/*.cc | xargs -P "$(nproc)" -I{} sh -c \
        "g++ -std=c++20 -O2 -fPIC -DUSE_CUDA -D_GLIBCXX_USE_CXX11_ABI=$abi ${inc[*]} -c {} -o /tmp/gpu/obj/\$(basename {} .cc).o 2>&1 | head -30"
    g++ -shared -o "$torch_dir/lib/libdjl_torch.so" /tmp/gpu/obj/*.o -L"$torch_dir/lib" -Wl,--no-as-needed \
        -ltorch -ltorch_cpu -ltorch_cuda -lc10 -lc10_cuda -Wl,-rpath,'$ORIGIN' || exit 1
    check || exit 1
fi

if [[ ${GPU_STEPS:-bench tests} == *bench* ]]; then
log "DJL on the GPU"
timeout 120 "${jvm[@]}" -cp "$cp" dev.robucap.ml.bench.ResNetBench 3 10
timeout 120 "${jvm[@]}" -cp "$cp" dev.robucap.ml.bench.CaptionBench 3 10 0
log "PyTorch on the GPU"
BENCH_DEVICE=cuda timeout 120 python3 bench/pytorch_resnet.py "$(nproc)" 3 10
BENCH_DEVICE=cuda timeout 120 python3 bench/pytorch_caption.py "$(nproc)" 3 10 0
log "DJL on the CPU ($(nproc) threads)"
CUDA_VISIBLE_DEVICES= timeout 120 "${jvm[@]}" -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" \
    dev.robucap.ml.bench.ResNetBench 1 3
log "PyTorch on the CPU ($(nproc) threads)"
CUDA_VISIBLE_DEVICES= timeout 120 python3 bench/pytorch_resnet.py "$(nproc)" 1 3
fi

if [[ ${GPU_STEPS:-bench tests} == *tests* ]]; then
log "the same training twice on the GPU"
timeout 120 "${jvm[@]}" -cp "$cp" dev.robucap.ml.train.DeterminismProbe
log "ml tests on the GPU"
timeout ${TEST_TIMEOUT:-180} "${jvm[@]}" -jar .gpu/lib/junit-platform-console-standalone-6.0.3.jar execute --class-path "$cp" \
    --scan-class-path .gpu/lib/robucap-ml-tests.jar --exclude-classname '.*ArtifactCheckpointStoreTest' \
    --details=tree --disable-banner --disable-ansi-colors 2>&1 | grep -v '^\s*at ' | tail -150
fi
log done
