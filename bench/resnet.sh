#!/usr/bin/env bash
# ResNet-18 speed, DJL vs PyTorch (Debian's python3-torch), same machine, same thread count, one after the other.
# Usage: bench/resnet.sh [THREADS] [WARMUP] [MEASURED]
set -euo pipefail
threads=${1:-1}; warmup=${2:-2}; measured=${3:-5}
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "bench/resnet.sh compares with PyTorch: install it first (Debian: apt-get install python3-torch)" >&2
    exit 1
fi
mvn -B -o -q -pl services/devstack,services/common,services/ml -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.cp -Dmdep.includeScope=test
cp="services/ml/target/test-classes:services/ml/target/classes:$(cat services/ml/target/test.cp)"
djl=$(OMP_NUM_THREADS=$threads java -Xmx4g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
    -Dai.djl.pytorch.num_interop_threads=1 -cp "$cp" dev.robucap.ml.bench.ResNetBench "$warmup" "$measured" \
    | grep '^djl ')
torch=$(OMP_NUM_THREADS=$threads /usr/bin/python3 bench/pytorch_resnet.py "$threads" "$warmup" "$measured")
echo "threads=$threads warmup=$warmup measured=$measured"
echo "$djl"
echo "$torch"
paste <(echo "$djl") <(echo "$torch") | awk '{ printf "ratio djl/pytorch %s %s %.2f\n", $2, $3, $4 / $8 }'
