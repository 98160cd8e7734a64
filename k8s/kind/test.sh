#!/usr/bin/env bash
# make kind-test: robucap on a local kind cluster, end to end. Creates the cluster of k8s/kind/cluster.yaml, builds
# the images and loads them into it, installs helm/robucap with the bundled Kafka and MinIO and values-kind.yaml,
# runs workflows/kind-tiny.yaml and checks that the Experiment succeeds, that its report is in MinIO and that the
# training Jobs ran on the GPU-pool worker. Deletes the cluster at the end, whatever happened (KEEP_CLUSTER=true
# keeps it for a look). Needs Docker, kind, kubectl, helm and the internet; CI does not run it.
#
# Environment: REGISTRY, TAG (image names, as make images), CLUSTER (kind cluster name, default robucap-kind),
# NAMESPACE (default robucap), TIMEOUT (seconds the experiment may take, default 1800), GPU_IMAGES=true to build
# and load the trainers' CUDA variants too (not needed here: the kind pool asks for no GPU).
set -euo pipefail

cd "$(dirname "$0")/../.."
REGISTRY="${REGISTRY:-ghcr.io/robucap}"
TAG="${TAG:-$(sed -n 's/^appVersion: *"*\([^"]*\)"*$/\1/p' helm/robucap/Chart.yaml)}"
CLUSTER="${CLUSTER:-robucap-kind}"
NAMESPACE="${NAMESPACE:-robucap}"
TIMEOUT="${TIMEOUT:-1800}"
KEEP_CLUSTER="${KEEP_CLUSTER:-false}"
GPU_IMAGES="${GPU_IMAGES:-false}"
RELEASE=robucap
EXPERIMENT=kind-tiny
BUCKET=robucap
SERVICES=(operator augmenter encoder-trainer captioner-trainer evaluator)
TRAINERS=(encoder-trainer captioner-trainer)

log() { printf '\n== %s\n' "$*"; }
fail() { printf '\nkind-test FAILED: %s\n' "$*" >&2; exit 1; }

for tool in docker kind kubectl helm make; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is not on the PATH"
done

k() { kubectl --context "kind-$CLUSTER" -n "$NAMESPACE" "$@"; }

# mc inside the MinIO pod, logged in with the pod's own root credentials (expanded there, hence single quotes).
# shellcheck disable=SC2016
mc_in_minio() {
    k exec "deploy/$RELEASE-minio" -- sh -c \
        'mc alias set local http://127.0.0.1:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null && mc "$@"' \
        mc "$@"
}

diagnose() {
    log "diagnostics"
    k get experiments -o yaml || true
    k get jobs,pods -o wide || true
    k logs "deploy/$RELEASE-operator" --tail=300 || true
}

finish() {
    local status=$?
    if [ "$status" -ne 0 ]; then
        diagnose
    fi
    if [ "$KEEP_CLUSTER" = true ]; then
        log "keeping cluster $CLUSTER (kind delete cluster --name $CLUSTER)"
    else
        log "deleting cluster $CLUSTER"
        kind delete cluster --name "$CLUSTER" || true
    fi
    exit "$status"
}

log "kind cluster $CLUSTER"
kind create cluster --name "$CLUSTER" --config k8s/kind/cluster.yaml --wait 180s
trap finish EXIT

log "images $REGISTRY/*:$TAG"
images=()
for service in "${SERVICES[@]}"; do
    images+=("$REGISTRY/$service:$TAG")
done
if [ "$GPU_IMAGES" = true ]; then
    make images REGISTRY="$REGISTRY" TAG="$TAG"
    for stage in "${TRAINERS[@]}"; do
        images+=("$REGISTRY/$stage-gpu:$TAG")
    done
else
    make images-cpu REGISTRY="$REGISTRY" TAG="$TAG"
fi
for image in "${images[@]}"; do
    kind load docker-image --name "$CLUSTER" "$image"
done

log "helm install $RELEASE (bundled Kafka and MinIO, kind values)"
helm install "$RELEASE" helm/robucap --kube-context "kind-$CLUSTER" -n "$NAMESPACE" --create-namespace \
    -f helm/robucap/values-kind.yaml --set image.registry="$REGISTRY" --set image.tag="$TAG" \
    --wait --timeout 10m

log "bucket $BUCKET"
mc_in_minio mb --ignore-existing "local/$BUCKET"

log "experiment $EXPERIMENT"
k apply -f workflows/kind-tiny.yaml
deadline=$((SECONDS + TIMEOUT))
phase=""
while [ "$phase" != Succeeded ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "experiment $EXPERIMENT not Succeeded after ${TIMEOUT}s (phase '$phase')"
    sleep 10
    phase="$(k get experiment "$EXPERIMENT" -o jsonpath='{.status.phase}' 2>/dev/null || true)"
    [ "$phase" != Failed ] || fail "experiment $EXPERIMENT Failed"
    printf '%s phase=%s\n' "$(date +%T)" "${phase:-<none>}"
done
k get experiment "$EXPERIMENT"

log "report in s3://$BUCKET/reports/"
reports="$(mc_in_minio ls --recursive "local/$BUCKET/reports/")"
printf '%s\n' "$reports"
grep -q "$EXPERIMENT-" <<<"$reports" || fail "no report of $EXPERIMENT under s3://$BUCKET/reports/"

log "training pods on the GPU-pool worker"
gpu_node="$(kubectl --context "kind-$CLUSTER" get nodes -l robucap.dev/pool=gpu -o jsonpath='{.items[0].metadata.name}')"
[ -n "$gpu_node" ] || fail "no node labelled robucap.dev/pool=gpu"
placements="$(k get pods -l "robucap.dev/experiment=$EXPERIMENT,robucap.dev/stage in (encoder-trainer,captioner-trainer)" \
    -o jsonpath='{range .items[*]}{.metadata.name}{" "}{.spec.nodeName}{"\n"}{end}')"
printf '%s\n' "$placements"
[ -n "$placements" ] || fail "no training pods of $EXPERIMENT found"
while read -r pod node; do
    [ "$node" = "$gpu_node" ] || fail "$pod ran on $node, not on the GPU-pool worker $gpu_node"
done <<<"$placements"

log "kind-test passed"
