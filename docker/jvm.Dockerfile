# One robucap service's Quarkus fast-jar (target/quarkus-app) on a Java 17 runtime. `make images` builds every
# service with it; the build context is the service's directory:
#   docker build -f docker/jvm.Dockerfile -t ghcr.io/robucap/augmenter:0.1.0 services/augmenter
# Runs as user 10001 on a read-only root file system: /tmp (an emptyDir in the chart) is the only place it writes,
# DJL's unpacked libtorch included.
FROM eclipse-temurin:17-jre

# jemalloc: libtorch's per-step tensors reuse freed memory instead of fresh pages (a ResNet-18 step 15-25 % faster on
# CPU; services/ml/README.md). Linked to one path for every architecture.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libjemalloc2 \
    && ln -s "$(find /usr/lib -name libjemalloc.so.2 | head -n 1)" /usr/local/lib/libjemalloc.so.2 \
    && rm -rf /var/lib/apt/lists/*

ENV LANG=C.UTF-8 \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    MALLOC_CONF=dirty_decay_ms:-1,muzzy_decay_ms:-1 \
    HOME=/tmp \
    PORT=8080 \
    DJL_OFFLINE=true \
    DJL_CACHE_DIR=/tmp/djl \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"

WORKDIR /deployments
# Dependencies first: they change less often than the application, so their layer is reused.
COPY target/quarkus-app/lib/ /deployments/lib/
COPY target/quarkus-app/*.jar /deployments/
COPY target/quarkus-app/app/ /deployments/app/
COPY target/quarkus-app/quarkus/ /deployments/quarkus/

USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
