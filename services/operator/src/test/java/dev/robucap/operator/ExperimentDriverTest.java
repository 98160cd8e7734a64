package dev.robucap.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.operator.api.ExperimentStatus;
import dev.robucap.operator.api.TaskStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ExperimentDriverTest {

    KubernetesClient client;

    private Fixture fixture() {
        return new Fixture(client, Fixture.YAML).withData();
    }

    private static String state(ExperimentStatus status, String task) {
        return status.task(task).state();
    }

    private static Map<String, String> env(Job job) {
        var map = new java.util.HashMap<String, String>();
        for (EnvVar var : job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            map.put(var.getName(), var.getValue() != null ? var.getValue()
                    : "secret:" + var.getValueFrom().getSecretKeyRef().getName() + "/"
                    + var.getValueFrom().getSecretKeyRef().getKey());
        }
        return map;
    }

    @Test
    void trainerTasksBecomeJobsOnTheirPoolAndTheRestGoToKafka() throws Exception {
        Fixture f = fixture();
        ExperimentStatus status = f.reconcileWithKafkaAnswering();

        assertEquals(List.of(f.jobOf("encoder/base")), f.jobs().stream().map(j -> j.getMetadata().getName()).toList(),
                "the GPU pool runs one Job at a time (maxParallel 1); encoder/+2 waits for a slot");
        assertEquals(TaskStatus.WAITING, state(status, "encoder/+2"));
        assertTrue(f.kafka.sent.stream().noneMatch(r -> r.stage().endsWith("-trainer")));
        assertTrue(f.kafka.sent.stream().anyMatch(r -> r.stage().equals("augmenter")));
        assertEquals(ExperimentStatus.RUNNING, status.phase());
        assertEquals("encoder/base", status.current());

        Job job = f.job(f.jobOf("encoder/base"));
        var pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0);
        assertEquals(Map.of("robucap.dev/pool", "gpu"), pod.getNodeSelector());
        assertEquals("nvidia.com/gpu", pod.getTolerations().get(0).getKey());
        assertEquals("NoSchedule", pod.getTolerations().get(0).getEffect());
        assertEquals("robucap-batch", pod.getPriorityClassName());
        assertEquals("ghcr.io/robucap/encoder-trainer-gpu:0.1.0", container.getImage());
        assertEquals(new Quantity("1"), container.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("1"), container.getResources().getRequests().get("nvidia.com/gpu"));
        assertEquals(new Quantity("2"), container.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("8Gi"), container.getResources().getLimits().get("memory"));
        assertEquals(0, job.getSpec().getBackoffLimit());
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "no API token in a stage's pod");
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath(), "a stuck task fails the pod");
        assertEquals("/tmp", container.getVolumeMounts().get(0).getMountPath());
        assertTrue(pod.getVolumes().get(0).getEmptyDir() != null);

        Map<String, String> env = env(job);
        TaskRequest request = Json.MAPPER.readValue(env.get("ROBUCAP_JOB_TASK"), TaskRequest.class);
        assertEquals("encoder-trainer", request.stage());
        assertEquals(status.task("encoder/base").requestId(), request.taskId());
        assertEquals("secret:robucap-s3/accessKey", env.get("ROBUCAP_S3_ACCESS_KEY"));
        assertEquals("secret:robucap-s3/secretKey", env.get("ROBUCAP_S3_SECRET_KEY"));
        assertEquals("http://s3:9000", env.get("ROBUCAP_S3_ENDPOINT"));
        assertEquals("robucap", env.get("ROBUCAP_S3_BUCKET"));
        assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertNull(env.get("JAVA_TOOL_OPTIONS"), "no TLS configured: nothing mounted for it");
        assertNull(env.get("ROBUCAP_KAFKA_CLIENT_PROPERTIES"));

        var labels = job.getMetadata().getLabels();
        assertEquals("tiny", labels.get("robucap.dev/experiment"));
        assertEquals("encoder.base", labels.get("robucap.dev/task"));
        assertEquals(status.task("encoder/base").contentKey(), labels.get("robucap.dev/content-key"));
        var owner = job.getMetadata().getOwnerReferences().get(0);
        assertEquals("Experiment", owner.getKind());
        assertEquals("tiny", owner.getName());
        assertEquals("0f9a0c3e-uid", owner.getUid());
        assertTrue(owner.getController());
    }

    @Test
    void jobsMountTheTlsSecretsAsTheDeploymentsDo() throws Exception {
        Settings s = Fixture.settings();
        Settings tls = new Settings(s.kafkaBootstrapServers(), s.s3Endpoint(), s.s3Bucket(), s.s3Secret(),
                s.imageRegistry(), s.imageTag(), s.imagePullPolicy(), s.jobStages(), s.defaultPool(), s.pools(),
                s.retryBackoff(), s.pollInterval(), new JobTls("kafka-client", "kafka-ca", "s3-trust", "changeit"));
        Fixture f = new Fixture(client, Fixture.YAML, tls, java.time.Clock.systemUTC()).withData();
        f.reconcileWithKafkaAnswering();
        Job job = f.job(f.jobOf("encoder/base"));
        var pod = job.getSpec().getTemplate().getSpec();
        Map<String, String> env = env(job);
        assertEquals("/etc/robucap/kafka/client.properties", env.get("ROBUCAP_KAFKA_CLIENT_PROPERTIES"));
        assertEquals("-Djavax.net.ssl.trustStore=/etc/robucap/s3/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
                + " -Djavax.net.ssl.trustStorePassword=changeit", env.get("JAVA_TOOL_OPTIONS"));
        var mounts = pod.getContainers().get(0).getVolumeMounts();
        assertTrue(mounts.stream().anyMatch(m -> m.getMountPath().equals("/etc/robucap/kafka/client.properties")
                && "client.properties".equals(m.getSubPath()) && m.getReadOnly()), mounts.toString());
        assertTrue(mounts.stream().anyMatch(m -> m.getMountPath().equals("/etc/robucap/kafka/tls")), mounts.toString());
        assertTrue(mounts.stream().anyMatch(m -> m.getMountPath().equals("/etc/robucap/s3")), mounts.toString());
        assertEquals(List.of("kafka-client", "kafka-ca", "s3-trust"), pod.getVolumes().stream()
                .filter(v -> v.getSecret() != null).map(v -> v.getSecret().getSecretName()).toList());
    }

    @Test
    void progressComesFromTheStagesEvents() {
        Fixture f = fixture();
        f.reconcileWithKafkaAnswering();
        String jobRequest = f.resource.getStatus().task("encoder/base").requestId();
        f.kafka.progress(new TaskRequest(1, jobRequest, "encoder-trainer", null, null, null, false), 0.4);
        assertEquals(0.4, f.reconcile().task("encoder/base").progress());
        assertTrue(f.jobOf("encoder/base").matches("tiny-encoder-base-[0-9a-f]{6}-a1"), f.jobOf("encoder/base"));
    }

    @Test
    void aFinishedJobMakesRoomForTheNextAndItsDownstreamTasksStart() {
        Fixture f = fixture();
        f.reconcileWithKafkaAnswering();
        f.finish(f.jobOf("encoder/base"), true);
        ExperimentStatus status = f.reconcileWithKafkaAnswering();
        assertEquals(TaskStatus.SUCCEEDED, state(status, "encoder/base"));
        assertEquals(TaskStatus.SUCCEEDED, state(status, "top1/base"), "the evaluator ran on Kafka");
        assertEquals(TaskStatus.RUNNING, state(status, "encoder/+2"));
        assertEquals(TaskStatus.WAITING, state(status, "captioner/base/base"), "maxParallel 1: after encoder/+2");
        assertEquals(1, f.jobs().stream().filter(j -> j.getStatus() == null).count());
    }

    @Test
    void aFailedJobIsRetriedUpToMaxAttemptsThenOnlyItsDownstreamTasksFail() {
        Fixture f = fixture();
        f.reconcileWithKafkaAnswering();
        f.finish(f.jobOf("encoder/base"), true);
        f.reconcileWithKafkaAnswering();

        String first = f.jobOf("encoder/+2");
        f.finish(first, false);
        ExperimentStatus status = f.reconcile();
        assertEquals(TaskStatus.RUNNING, state(status, "encoder/+2"), "backoff 0: tried again at once");
        assertEquals(2, status.task("encoder/+2").attempts());
        assertTrue(status.task("encoder/+2").message().contains("BackoffLimitExceeded"), status.task("encoder/+2")
                .message());
        assertEquals(first.replace("-a1", "-a2"), status.task("encoder/+2").job());
        assertEquals(TaskStatus.WAITING, state(status, "captioner/base/base"), "the retry had the pool's slot");

        f.finish(f.jobOf("encoder/+2"), false);
        status = f.reconcileWithKafkaAnswering();
        assertEquals(TaskStatus.FAILED, state(status, "encoder/+2"));
        assertTrue(status.task("encoder/+2").message().contains("2 of 2 attempts"), status.task("encoder/+2")
                .message());
        assertEquals(TaskStatus.NOT_RUN, state(status, "top1/+2"));
        assertEquals(TaskStatus.NOT_RUN, state(status, "captioner/+2/base"));
        assertEquals(TaskStatus.NOT_RUN, state(status, "bleu/+2/base"));
        assertEquals(TaskStatus.RUNNING, state(status, "captioner/base/base"), "the base branch goes on");

        f.finish(f.jobOf("captioner/base/base"), true);
        status = f.reconcileWithKafkaAnswering();
        assertEquals(TaskStatus.SUCCEEDED, state(status, "bleu/base/base"));
        assertEquals(ExperimentStatus.FAILED, status.phase());
        var ready = status.condition("Ready");
        assertEquals("False", ready.status());
        assertEquals("TasksFailed", ready.reason());
        assertTrue(ready.message().startsWith("encoder/+2: "), ready.message());
        assertEquals(status.total() - 4, status.done());
        assertNull(status.current());
    }

    @Test
    void anExperimentWhoseJobsAllSucceedSucceeds() {
        Fixture f = fixture();
        ExperimentStatus status = f.reconcileWithKafkaAnswering();
        for (int i = 0; i < 10 && !ExperimentStatus.SUCCEEDED.equals(status.phase()); i++) {
            for (TaskStatus task : status.tasks()) {
                if (TaskStatus.RUNNING.equals(task.state()) && task.job() != null) {
                    f.finish(task.job(), true);
                }
            }
            status = f.reconcileWithKafkaAnswering();
        }
        assertEquals(ExperimentStatus.SUCCEEDED, status.phase());
        assertEquals("True", status.condition("Ready").status());
        assertEquals(status.total(), status.done());
        assertEquals(14, status.total());
        assertEquals(4, f.jobs().size(), "one Job per trainer task, none twice");
    }

    @Test
    void anInvalidSpecStartsNothingAndNamesTheField() {
        Fixture f = new Fixture(client, Fixture.YAML.replace("ladder: [80]", "ladder: [80, 101]")).withData();
        ExperimentStatus status = f.reconcile();
        assertEquals(ExperimentStatus.FAILED, status.phase());
        var ready = status.condition("Ready");
        assertEquals("False", ready.status());
        assertEquals("InvalidSpec", ready.reason());
        assertTrue(ready.message().startsWith("spec.jpeg.ladder: "), ready.message());
        assertEquals(1L, status.observedGeneration());
        assertTrue(f.jobs().isEmpty());
        assertTrue(f.kafka.sent.isEmpty());
    }

    @Test
    void anUnknownPoolIsAnInvalidSpec() {
        Fixture f = new Fixture(client, Fixture.YAML + "  resources: {captioner-trainer: {pool: tpu}}\n").withData();
        var ready = f.reconcile().condition("Ready");
        assertEquals("InvalidSpec", ready.reason());
        assertTrue(ready.message().startsWith("spec.resources.captioner-trainer.pool: no pool tpu"), ready.message());
        assertTrue(f.jobs().isEmpty());
    }

    @Test
    void specPoolsAndResourcesShapeTheJobs() {
        Fixture f = new Fixture(client, Fixture.YAML + """
                  resources:
                    encoder-trainer: {gpus: 0, cpu: 1500m, memory: 3Gi}
                    augmenter: {pool: cpu}
                  pools:
                    gpu: {maxParallel: 2, gpusPerTask: 1}
                    cpu: {nodeSelector: {kind: cpu}, maxParallel: 4}
                """).withData();
        f.reconcileWithKafkaAnswering();
        Job encoder = f.job(f.jobOf("encoder/base"));
        var container = encoder.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("ghcr.io/robucap/encoder-trainer:0.1.0", container.getImage(), "no GPU: the CPU image");
        assertNull(container.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals(new Quantity("1500m"), container.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity("3Gi"), container.getResources().getLimits().get("memory"));
        assertNull(f.resource.getStatus().task("encoder/+2").job(), "encoder/+2 waits for its augmented data");
        assertEquals(Map.of("kind", "cpu"), f.job(f.jobOf("augment/imagenet-train-q2")).getSpec().getTemplate()
                .getSpec().getNodeSelector(), "a stage given a pool runs as Jobs");
    }

    @Test
    void deletingTheExperimentDeletesItsJobs() {
        Fixture f = fixture();
        f.reconcileWithKafkaAnswering();
        assertEquals(1, f.jobs().size());
        f.driver.cleanup(f.resource);
        assertTrue(f.jobs().isEmpty());
    }

    @Test
    void aSpecChangeReplansWithoutRedoingFinishedTasks() {
        Fixture f = fixture();
        f.reconcileWithKafkaAnswering();
        f.finish(f.jobOf("encoder/base"), true);
        f.reconcileWithKafkaAnswering();
        f.finish(f.jobOf("encoder/+2"), true);
        f.reconcileWithKafkaAnswering();
        ExperimentStatus before = f.resource.getStatus();
        assertEquals(TaskStatus.RUNNING, state(before, "captioner/base/base"));
        int sent = f.kafka.sent.size();

        f.edit("stage1Epochs: 1", "stage1Epochs: 2");
        ExperimentStatus after = f.reconcileWithKafkaAnswering();
        assertEquals(2L, after.observedGeneration());
        for (String kept : List.of("encoder/base", "encoder/+2", "top1/base", "top1/+2")) {
            assertEquals(TaskStatus.SUCCEEDED, state(after, kept), kept);
            assertEquals(before.task(kept).contentKey(), after.task(kept).contentKey());
        }
        assertEquals(1, after.task("encoder/base").attempts(), "not run again");
        assertEquals(sent, f.kafka.sent.size(), "no evaluator task sent again yet");
        assertNotEquals(before.task("captioner/base/base").contentKey(), after.task("captioner/base/base")
                .contentKey());
        String oldJob = before.task("captioner/base/base").job();
        assertNull(f.job(oldJob), "the Job of the old captioner spec is deleted");
        assertEquals(TaskStatus.RUNNING, state(after, "captioner/base/base"));
        assertEquals(after.task("captioner/base/base").contentKey(), f.job(f.jobOf("captioner/base/base"))
                .getMetadata().getLabels().get("robucap.dev/content-key"), "a Job for the new spec");
    }

    @Test
    void theOperatorPreparesTheDataItselfAndWhatReadsItWaits() {
        Fixture f = new Fixture(client, Fixture.YAML);
        ExperimentStatus status = f.reconcile();
        assertEquals(TaskStatus.RUNNING, state(status, "data/coco"));
        assertEquals(ExperimentDriver.IN_PROCESS, status.task("data/coco").requestId());
        assertEquals(TaskStatus.WAITING, state(status, "compress/coco-test-q80"));
        assertEquals(ExperimentStatus.RUNNING, status.phase());
        assertTrue(f.jobs().isEmpty() && f.kafka.sent.isEmpty(), "nothing reads data that is not there");
        assertEquals(2, f.work.data.size(), "both data sets are being made");

        f.work.finishData(null);
        status = f.reconcile();
        assertEquals(TaskStatus.SUCCEEDED, state(status, "data/coco"));
        assertEquals(TaskStatus.RUNNING, state(status, "compress/coco-test-q80"), "sent once its data is there");
    }

    @Test
    void dataThatCannotBeMadeFailsWhatReadsIt() {
        Fixture f = new Fixture(client, Fixture.YAML);
        f.reconcile();
        f.work.finishData("IOException: no dataset_coco.json under datasets/coco");
        ExperimentStatus status = f.reconcile();
        assertEquals(TaskStatus.FAILED, state(status, "data/coco"));
        assertTrue(status.task("data/coco").message().contains("dataset_coco.json"), status.task("data/coco")
                .message());
        assertEquals(TaskStatus.NOT_RUN, state(status, "compress/coco-test-q80"));
        assertEquals(ExperimentStatus.FAILED, status.phase());
    }

    @Test
    void theReportIsWrittenOnceEveryTaskSucceededAndNamedInTheStatus() {
        Fixture f = fixture();
        var plan = dev.robucap.common.plan.Planner.plan(f.resource.toExperiment());
        plan.tasks().forEach(t -> f.published.add(plan.output(t.id())));
        ExperimentStatus status = f.reconcile();
        assertEquals(ExperimentStatus.SUCCEEDED, status.phase());
        String prefix = dev.robucap.driver.report.ExperimentReport.prefix(f.resource.toExperiment(), plan);
        assertEquals(prefix, status.report());
        assertTrue(prefix.startsWith("reports/tiny-"), prefix);

        Fixture failing = fixture();
        plan.tasks().forEach(t -> failing.published.add(plan.output(t.id())));
        failing.work.reportFailure = "IOException: S3 is read-only";
        status = failing.reconcile();
        assertEquals(ExperimentStatus.FAILED, status.phase());
        assertEquals("ReportFailed", status.condition("Ready").reason());
        assertNull(status.report());
    }

    @Test
    void publishedOutputsAreNotRunAgain() {
        Fixture f = fixture();
        var plan = dev.robucap.common.plan.Planner.plan(f.resource.toExperiment());
        plan.tasks().forEach(t -> f.published.add(plan.output(t.id())));
        ExperimentStatus status = f.reconcile();
        assertEquals(ExperimentStatus.SUCCEEDED, status.phase());
        assertTrue(f.jobs().isEmpty() && f.kafka.sent.isEmpty());
        assertEquals(ExperimentDriver.CACHED, status.task("encoder/base").message());
    }

    @Test
    void aKafkaTaskThatFailsFailsOnlyItsDownstreamTasks() {
        Fixture f = fixture();
        f.reconcile();
        TaskRequest augment = f.kafka.sent.stream().filter(r -> r.stage().equals("augmenter")
                && r.params().path("resave").isInt()).findFirst().orElseThrow();
        f.kafka.fail(augment, "disk full");
        ExperimentStatus status = f.reconcileWithKafkaAnswering();
        assertEquals(TaskStatus.FAILED, state(status, "augment/imagenet-train-q2"));
        assertEquals("disk full", status.task("augment/imagenet-train-q2").message());
        assertEquals(TaskStatus.NOT_RUN, state(status, "encoder/+2"));
        assertEquals(TaskStatus.RUNNING, state(status, "encoder/base"));
        assertEquals("InProgress", status.condition("Ready").reason());
        assertTrue(status.condition("Ready").message().contains("augment/imagenet-train-q2: disk full"));
    }

    @Test
    void anErrorWhileReconcilingBecomesTheReadyConditionAndKeepsTheTasks() {
        Fixture f = fixture();
        ExperimentStatus before = f.reconcile();
        ExperimentStatus status = f.driver.failed(f.resource, new IllegalStateException("S3 unreachable"));
        assertEquals("IllegalStateException", status.condition("Ready").reason());
        assertEquals("S3 unreachable", status.condition("Ready").message());
        assertEquals(before.tasks(), status.tasks());
        assertEquals(before.phase(), status.phase());
    }

    /** A clock the test moves. */
    private static final class TestClock extends java.time.Clock {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void aFailedJobWaitsOutItsBackoffBeforeTheNextAttempt() {
        TestClock clock = new TestClock();
        Settings s = Fixture.settings();
        Settings slow = new Settings(s.kafkaBootstrapServers(), s.s3Endpoint(), s.s3Bucket(), s.s3Secret(),
                s.imageRegistry(), s.imageTag(), s.imagePullPolicy(), s.jobStages(), s.defaultPool(), s.pools(),
                java.time.Duration.ofSeconds(30), s.pollInterval(), s.tls());
        Fixture f = new Fixture(client, Fixture.YAML, slow, clock).withData();
        f.reconcileWithKafkaAnswering();
        f.finish(f.jobOf("encoder/base"), false);

        var outcome = f.driver.reconcile(f.resource);
        f.resource.setStatus(outcome.status());
        assertEquals(TaskStatus.RETRYING, state(outcome.status(), "encoder/base"));
        assertEquals("2026-01-01T00:00:30Z", outcome.status().task("encoder/base").retryAt());
        assertEquals(java.time.Duration.ofSeconds(10), outcome.recheck(), "the poll interval comes first");
        clock.now = clock.now.plusSeconds(29);
        assertEquals(java.time.Duration.ofSeconds(1), f.driver.reconcile(f.resource).recheck());
        assertEquals(TaskStatus.RETRYING, state(f.reconcile(), "encoder/base"));

        clock.now = clock.now.plusSeconds(1);
        ExperimentStatus status = f.reconcile();
        assertEquals(TaskStatus.RUNNING, state(status, "encoder/+2"), "took the slot during the backoff");
        assertEquals(TaskStatus.RETRYING, state(status, "encoder/base"), "maxParallel 1: no slot yet");
        f.finish(f.jobOf("encoder/+2"), true);
        status = f.reconcile();
        assertEquals(TaskStatus.RUNNING, state(status, "encoder/base"));
        assertEquals(TaskStatus.WAITING, state(status, "captioner/+2/base"), "the retry came first");
        assertEquals(2, status.task("encoder/base").attempts());
    }
}
