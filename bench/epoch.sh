#!/usr/bin/env bash
# One training epoch end to end (JPEG decode + torchvision transforms + ResNet-18 + SGD), DJL vs PyTorch with a
# DataLoader, on the same synthetic ImageNet-format folder, same thread count. The two alternate for ROUNDS rounds
# (default 3): on a shared or virtual machine the speed drifts by tens of percent between minutes, so each round's
# ratio compares neighbours, and the median ratio is the figure.
# Usage: [ROUNDS=3] bench/epoch.sh [THREADS] [TRAIN_PER_CLASS] [CROP]
set -euo pipefail
threads=${1:-2}; per_class=${2:-100}; crop=${3:-56}; rounds=${ROUNDS:-3}
cd "$(dirname "$0")/.."
source bench/malloc.sh # MALLOC=jemalloc | jemalloc-djl: see there
if ! /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null; then
    echo "bench/epoch.sh compares with PyTorch: install it first (Debian: apt-get install python3-torchvision)" >&2
    exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin/robucap datagen --out "$work/data" --format imagenet --size 64 --train-per-class "$per_class" \
    --val-per-class 10 >/dev/null
mvn -B -q -pl services/devstack,services/common,services/ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
cp="services/ml/target/test-classes:services/ml/target/classes:$(cat services/ml/target/test.cp)"
echo "malloc=${MALLOC:-glibc} threads=$threads train_per_class=$per_class crop=$crop rounds=$rounds"
ratios=()
for round in $(seq "$rounds"); do
    djl=$(OMP_NUM_THREADS=$threads "${djl_alloc[@]}" java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" dev.robucap.ml.bench.EpochBench "$work/data/imagenet" \
        "$crop" "$threads" | grep '^djl ')
    torch=$(OMP_NUM_THREADS=$threads "${torch_alloc[@]}" /usr/bin/python3 bench/pytorch_epoch.py "$work/data/imagenet" "$crop" \
        "$threads" "$threads")
    ratio=$(paste <(echo "$djl") <(echo "$torch") | awk '{ printf "%.2f", $3 / $8 }')
    echo "round $round: $djl | $torch | ratio $ratio"
    ratios+=("$ratio")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 } END { printf "ratio djl/pytorch epoch_seconds %.2f (median of %d rounds)\n", r[int((NR + 1) / 2)], NR }'
