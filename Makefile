# robucap's front door. `make run` runs the experiment on the embedded default; `make test` runs the tests.
MVN ?= mvn -B
WORKFLOW ?= workflows/quickstart.yaml
# Container images: <REGISTRY>/<service>:<TAG>, and <REGISTRY>/<stage>-gpu:<TAG> for the trainers' CUDA variants.
DOCKER ?= docker
REGISTRY ?= ghcr.io/robucap
TAG ?= $(shell sed -n 's/^appVersion: *"*\([^"]*\)"*$$/\1/p' helm/robucap/Chart.yaml)
comma := ,
space := $(subst ,, )
SERVICES := operator augmenter encoder-trainer captioner-trainer evaluator
GPU_STAGES := encoder-trainer captioner-trainer

.PHONY: build test fault-test load-test run bench clean help images images-cpu images-gpu manifests helm-lint kind-test deps-check

help:
	@echo "make build   build every service and the CLI (bin/robucap)"
	@echo "make test    run the test suite (what CI runs)"
	@echo "make fault-test  the fault tests (issue #7): a trainer killed and stopped mid-epoch, Kafka restarted, S3 down 30 s"
	@echo "make run     run $(WORKFLOW) end to end on the embedded Kafka + S3; report in report/"
	@echo "make bench   JPEG augmentation vs Pillow; ResNet-18 and the captioner's decoder vs PyTorch, on this machine"
	@echo "make load-test  50 concurrent REST triggers on the augmenter and the evaluator, and one task over a 100k-image data set; prints the figures"
	@echo "make clean   remove build outputs, the local devstack data and the report"
	@echo "make images  container images of every service, and the trainers' CUDA variants (needs Docker)"
	@echo "make manifests  rewrite k8s/ (plain manifests for kubectl apply -k k8s/) from helm/robucap"
	@echo "make helm-lint  lint, render and check helm/robucap (and that k8s/ is current); no helm binary needed"
	@echo "make deps-check  known-vulnerable dependencies (OWASP dependency-check, needs the NVD) and newer versions on Maven Central"
	@echo "make kind-test  install the chart on a local kind cluster and run workflows/kind-tiny.yaml (needs Docker, kind, kubectl, helm)"

build:
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

# Each fault test starts the devstack and stage services as processes and runs minutes of training: none is in
# `make test`. The service jars are packaged first; then only the faults ITs run (unit tests skipped).
fault-test:
	$(MVN) -q -DskipTests package
	$(MVN) verify -pl services/cli -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
		-Dit.test='**/faults/*IT' -Dit.failIfNoSpecifiedTests=false

run: build
	bin/robucap run $(WORKFLOW) --report-dir report

bench: build
	bench/jpeg.sh
	bench/resnet.sh 2 1 3
	bench/epoch.sh 2 100 56
	bench/caption.sh 2 2 5 500

# The packaged augmenter and evaluator (each at -Xmx$(LOAD_XMX), REST only) on an in-process devstack: 50 concurrent
# POST /v1/tasks on each (answers by status, every accepted task's end), then $(LOAD_IMAGES) 16x16 JPEGs augmented
# by one task (images/s per 10k chunk, peak heap and RSS, manifest entries). The harness is a main under the
# augmenter's test sources (dev.robucap.augmenter.LoadHarness), so that `make test` never runs it.
LOAD_IMAGES ?= 100000
LOAD_XMX ?= 256m
load-test:
	$(MVN) -q -DskipTests -pl services/augmenter,services/evaluator -am package dependency:build-classpath \
		-Dmdep.outputFile=target/load.classpath -Dmdep.includeScope=test
	java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp services/augmenter/target/test-classes:services/augmenter/target/classes:$$(cat services/augmenter/target/load.classpath) \
		-Dload.root=$(CURDIR) -Dload.images=$(LOAD_IMAGES) -Dload.xmx=$(LOAD_XMX) dev.robucap.augmenter.LoadHarness

# Known-vulnerable dependencies and the releases that fix them. OWASP dependency-check needs the NVD's feed and CISA's
# list (set NVD_API_KEY for speed): where it cannot reach them it fails (ignored here) and the version reports still
# run: first the newer patch releases in each dependency's own line (where security fixes land), BOMs included, then
# every newer release.
VERSIONS := org.codehaus.mojo:versions-maven-plugin:2.18.0:display-dependency-updates \
	-DprocessDependencyManagementTransitive=false -Dversions.outputFileEncoding=UTF-8
deps-check:
	-$(MVN) -q org.owasp:dependency-check-maven:12.1.0:aggregate -DfailBuildOnCVSS=7 -Dformats=HTML,JSON \
		-DnvdApiKey=$(NVD_API_KEY) -DnvdMaxRetryCount=3 -DskipTestScope=true
	@find . -path '*/target/dependency-*.txt' -delete
	$(MVN) -q $(VERSIONS) -DallowMajorUpdates=false -DallowMinorUpdates=false -Dversions.outputFile=target/dependency-patches.txt
	@echo "Newer patch releases in the same line:"
	@find . -path '*/target/dependency-patches.txt' -exec cat {} + | grep -- '->' | sort -u
	$(MVN) -q $(VERSIONS) -Dversions.outputFile=target/dependency-updates.txt
	@echo "Every newer release:"
	@find . -path '*/target/dependency-updates.txt' -exec cat {} + | grep -- '->' | sort -u

clean:
	$(MVN) -q clean
	rm -rf .robucap report

# The CPU images first, then the GPU variants: `mvn -Pgpu` rebuilds the trainers' target/quarkus-app with CUDA jars.
images:
	$(MAKE) images-cpu
	$(MAKE) images-gpu

images-cpu:
	$(MVN) -q -DskipTests -pl $(subst $(space),$(comma),$(addprefix services/,$(SERVICES))) -am package
	for s in $(SERVICES); do \
		$(DOCKER) build -f docker/jvm.Dockerfile -t $(REGISTRY)/$$s:$(TAG) services/$$s || exit 1; \
	done

images-gpu:
	$(MVN) -q -DskipTests -Pgpu -pl $(subst $(space),$(comma),$(addprefix services/,$(GPU_STAGES))) -am package
	for s in $(GPU_STAGES); do \
		$(DOCKER) build -f docker/gpu.Dockerfile -t $(REGISTRY)/$$s-gpu:$(TAG) services/$$s || exit 1; \
	done

manifests:
	$(MVN) -q -pl services/chart test-compile exec:java

helm-lint:
	$(MVN) -q -pl services/chart test

kind-test:
	REGISTRY=$(REGISTRY) TAG=$(TAG) k8s/kind/test.sh
