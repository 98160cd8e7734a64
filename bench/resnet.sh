#!/usr/bin/env bash
# ResNet-18 speed, DJL vs PyTorch (Debian's python3-torch), same machine, same thread count. The two alternate for
# ROUNDS rounds (default 3): on a shared or virtual machine the speed drifts between minutes, so each round compares
# neighbours, and the median of each ratio is the figure.
# Usage: [ROUNDS=3] bench/resnet.sh [THREADS] [WARMUP] [MEASURED]
set -euo pipefail
threads=${1:-1}; warmup=${2:-2}; measured=${3:-5}; rounds=${ROUNDS:-3}
cd "$(dirname "$0")/.."
source bench/malloc.sh # MALLOC=jemalloc | jemalloc-djl: see there
if ! /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null; then
    echo "bench/resnet.sh compares with PyTorch: install it first (Debian: apt-get install python3-torch python3-torchvision)" >&2
    exit 1
fi
mvn -B -q -pl services/devstack,services/common,services/ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
cp="services/ml/target/test-classes:services/ml/target/classes:$(cat services/ml/target/test.cp)"
echo "malloc=${MALLOC:-glibc} threads=$threads warmup=$warmup measured=$measured rounds=$rounds"
all=""
for round in $(seq "$rounds"); do
    djl=$(OMP_NUM_THREADS=$threads "${djl_alloc[@]}" java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
        -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" dev.robucap.ml.bench.ResNetBench "$warmup" "$measured" \
        | grep '^djl ')
    torch=$(OMP_NUM_THREADS=$threads "${torch_alloc[@]}" /usr/bin/python3 bench/pytorch_resnet.py "$threads" "$warmup" "$measured")
    echo "$djl" | sed "s/^/round $round: /"
    echo "$torch" | sed "s/^/round $round: /"
    all+=$(paste <(echo "$djl") <(echo "$torch") | awk '{ printf "%s %s %.4f\n", $2, $3, $4 / $8 }')$'\n'
done
# Per measure (train_step_ms size=224, ...): the median ratio over the rounds.
echo -n "$all" | sort -k1,2 -k3n | awk '
    { key = $1 " " $2; v[key, ++n[key]] = $3; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
    END { for (i = 1; i <= k; i++) { key = order[i]; printf "ratio djl/pytorch %s %.2f (median of %d rounds)\n",
          key, v[key, int((n[key] + 1) / 2)], n[key] } }'
