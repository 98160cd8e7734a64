package dev.robucap.operator;

import dev.robucap.common.spec.Experiment;
import dev.robucap.operator.api.ExperimentResource;
import dev.robucap.operator.api.ExperimentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment with two encoders and two captioners, reconciled against a mock API server the way the operator
 * SDK would (the returned status is stored on the resource); the data is published, the Kafka stages answer when
 * told to.
 */
final class Fixture {

    static final String NAMESPACE = "test";

    static final String YAML = """
            apiVersion: robucap.dev/v1alpha1
            kind: Experiment
            metadata: {name: tiny, namespace: test, uid: 0f9a0c3e-uid, generation: 1}
            spec:
              data:
                synthetic:
                  seed: 3
                  imageSize: 64
                  coco: {train: 4, restval: 0, val: 1, test: 2}
                  imagenet: {imageSize: 64, trainPerClass: 2, valPerClass: 2}
              jpeg: {ladder: [80], augment: [2]}
              encoder: {variants: [base, "+2"], hyper: {epochs: 1}}
              captioner:
                grid: [{encoder: base, captioner: base}, {encoder: "+2", captioner: base}]
                hyper: {stage1Epochs: 1, stage2Epochs: 0}
            """;

    static final Experiment.Pool GPU_POOL = new Experiment.Pool(Map.of("robucap.dev/pool", "gpu"),
            List.of(new Experiment.Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule", null)), 1, 1,
            "robucap-batch", new Experiment.PoolResources(Map.of("cpu", "2"), Map.of("memory", "8Gi")), 2);

    static Settings settings() {
        return new Settings("kafka:9092", "http://s3:9000", "robucap", "robucap-s3", "ghcr.io/robucap", "0.1.0",
                "IfNotPresent", Set.of("encoder-trainer", "captioner-trainer"), "gpu", Map.of("gpu", GPU_POOL),
                Duration.ZERO, Duration.ofSeconds(10), JobTls.NONE);
    }

    final KubernetesClient client;
    final FakeKafka kafka = new FakeKafka();
    final Set<String> published = new HashSet<>();
    final FakeWork work = new FakeWork();
    final ExperimentDriver driver;
    private final String yaml;
    ExperimentResource resource;

    Fixture(KubernetesClient client, String yaml) {
        this(client, yaml, settings(), Clock.systemUTC());
    }

    Fixture(KubernetesClient client, String yaml, Settings settings, Clock clock) {
        this.client = client;
        this.yaml = yaml;
        this.resource = Serialization.unmarshal(yaml, ExperimentResource.class);
        this.driver = new ExperimentDriver(settings, published::contains, new JobDispatcher(client),
                kafka.dispatcher(), work, clock);
    }

    /** The data tasks' outputs are there already. */
    Fixture withData() {
        var plan = dev.robucap.common.plan.Planner.plan(resource.toExperiment());
        published.add(plan.output("data/coco"));
        published.add(plan.output("data/imagenet"));
        return this;
    }

    ExperimentStatus reconcile() {
        var outcome = driver.reconcile(resource);
        resource.setStatus(outcome.status());
        return outcome.status();
    }

    /** Reconciles until the Kafka stages have answered every task sent to them. */
    ExperimentStatus reconcileWithKafkaAnswering() {
        ExperimentStatus status = reconcile();
        while (kafka.succeedPending() > 0) {
            status = reconcile();
        }
        return status;
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
    }

    /** The Job of the task's latest attempt. */
    String jobOf(String taskId) {
        return resource.getStatus().task(taskId).job();
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    void finish(String jobName, boolean succeeded) {
        Job job = job(jobName);
        job.setStatus(succeeded
                ? new JobStatusBuilder().withSucceeded(1).addNewCondition().withType("Complete").withStatus("True")
                        .endCondition().build()
                : new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                        .endCondition().build());
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }

    /** Changes the spec as {@code kubectl apply} would: new generation, status kept. */
    void edit(String from, String to) {
        ExperimentStatus status = resource.getStatus();
        resource = Serialization.unmarshal(yaml.replace(from, to).replace("generation: 1", "generation: 2"),
                ExperimentResource.class);
        resource.setStatus(status);
    }
}
