# robucap's front door. `make run` runs the experiment on the embedded default; `make test` runs the tests.
MVN ?= mvn -B
WORKFLOW ?= workflows/quickstart.yaml

.PHONY: build test run bench clean help

help:
	@echo "make build   build every service and the CLI (bin/robucap)"
	@echo "make test    run the test suite (what CI runs)"
	@echo "make run     run $(WORKFLOW) end to end on the embedded Kafka + S3; report in report/"
	@echo "make bench   JPEG augmentation vs Pillow; ResNet-18 and the captioner's decoder vs PyTorch, on this machine"
	@echo "make clean   remove build outputs, the local devstack data and the report"

build:
	$(MVN) -q -DskipTests package

test:
	$(MVN) verify

run: build
	bin/robucap run $(WORKFLOW) --report-dir report

bench: build
	bench/jpeg.sh
	bench/resnet.sh 2 1 3
	bench/epoch.sh 2 100 56
	bench/caption.sh 2 2 5 500

clean:
	$(MVN) -q clean
	rm -rf .robucap report
