#!/usr/bin/env bash
# Show, Attend and Tell decoder (batch 32, vocab 10k, the paper's 512 dims, 7x7 and 14x14 encoder maps): training step
# and beam-search captions/s, DJL vs PyTorch (Debian's python3-torch), same machine, same thread count, one after the
# other; then resident memory after a tenth of MEMORY_STEPS training steps and after all of them.
# Usage: bench/caption.sh [THREADS] [WARMUP] [MEASURED] [MEMORY_STEPS]   (MEMORY_STEPS 0 skips the memory phase)
set -euo pipefail
threads=${1:-2}; warmup=${2:-2}; measured=${3:-5}; memory=${4:-500}
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "bench/caption.sh compares with PyTorch: install it first (Debian: apt-get install python3-torch)" >&2
    exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -pl services/devstack,services/common,services/ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
cp="services/ml/target/test-classes:services/ml/target/classes:$(cat services/ml/target/test.cp)"
# A fixed, pre-touched heap: the JVM growing its heap must not read as native (NDArray) growth.
OMP_NUM_THREADS=$threads java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="$threads" -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" \
    dev.robucap.ml.bench.CaptionBench "$warmup" "$measured" "$memory" | grep '^djl ' >"$work/djl.txt"
OMP_NUM_THREADS=$threads /usr/bin/python3 bench/pytorch_caption.py "$threads" "$warmup" "$measured" "$memory" \
    >"$work/torch.txt"

echo "threads=$threads warmup=$warmup measured=$measured memory_steps=$memory"
echo "batch 32, vocab 10000, embed/attention/decoder 512, dropout 0.5; beam 3 over 32 images, 20 words"
echo "train_step_ms: median step, lower is better (goal djl/pytorch <= 1.00); captions_per_s: higher is better"
printf '%-15s %-10s %10s %10s %12s\n' metric at djl pytorch djl/pytorch
awk 'FNR == NR {djl[$2, $3] = $4; next}
     $1 == "pytorch" {printf "%-15s %-10s %10s %10s %11.2fx\n", $2, $3, djl[$2, $3], $4, djl[$2, $3] / $4}
     $1 == "tutorial" {tutorial = tutorial sprintf("  %s %s: %s ms, djl/tutorial %.2fx\n", $2, $3, $4,
                                                   djl[$2, $3] / $4)}
     $2 == "rss_kib" {rss[++n] = djl[$2, $3]}
     END {
         printf "PyTorch as the tutorial writes it (encoder_att recomputed at every step; context only):\n%s", tutorial
         if (n == 2) printf "djl resident memory growth from the first to the second reading: %+.1f %%\n",
                            100 * (rss[2] / rss[1] - 1)
     }' "$work/djl.txt" "$work/torch.txt"
