# The CUDA variant of a trainer (<registry>/<stage>-gpu:<tag>): its fast-jar built with `mvn -Pgpu` (DJL 0.33.0 with
# libtorch 2.5.1 for CUDA 12.4, see services/ml/README.md) on NVIDIA's CUDA 12.4 runtime with a Java 17 runtime.
# The node needs the NVIDIA driver and device plugin; the chart's gpuPools ask for nvidia.com/gpu.
#   docker build -f docker/gpu.Dockerfile -t ghcr.io/robucap/encoder-trainer-gpu:0.1.0 services/encoder-trainer
FROM nvidia/cuda:12.4.1-runtime-ubuntu22.04

RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/*

ENV LANG=C.UTF-8 \
    HOME=/tmp \
    PORT=8080 \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/tmp/djl \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"

WORKDIR /deployments
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
