package dev.robucap.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.restassured.RestAssured.given;

import dev.robucap.common.Json;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.DevstackTestResource;
import dev.robucap.operator.api.ExperimentResource;
import dev.robucap.operator.api.TaskStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The operator as deployed: the operator SDK watches the mock API server, the operator generates the synthetic data
 * into the devstack's real S3, tasks of the CPU stages go over its real Kafka (answered here as the stage
 * Deployments would), trainer tasks become Jobs.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(DevstackTestResource.class)
class OperatorTest {

    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    OperatorConfig config;

    @Test
    void anAppliedExperimentSendsItsCpuTasksOverKafkaAndRunsItsTrainersAsJobs() throws Exception {
        ExperimentResource experiment = Serialization.unmarshal(Fixture.YAML.replace("name: tiny", "name: e2e")
                .replace(", uid: 0f9a0c3e-uid, generation: 1", ""), ExperimentResource.class);
        var plan = Planner.plan(experiment.toExperiment());
        client.resource(experiment).inNamespace("test").create();

        try (KafkaConsumer<String, String> tasks = consumer(); EventPublisher stages = EventPublisher.connect(kafka)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ZERO).until(() -> {
                for (var record : tasks.poll(Duration.ofMillis(200))) {
                    TaskRequest request = Json.MAPPER.readValue(record.value(), TaskRequest.class);
                    stages.publish(TaskEvent.of(TaskEvent.Type.SUCCEEDED, request, StageCatalog.contentKey(request),
                            1.0, "done").withOutput(StageCatalog.outputPrefix(request)));
                }
                return status("e2e", "top1/base").equals(TaskStatus.SUCCEEDED);
            });
        }

        ExperimentResource seen = client.resources(ExperimentResource.class).inNamespace("test").withName("e2e").get();
        assertEquals("Running", seen.getStatus().phase());
        try (ArtifactStore store = ArtifactStore.connect(new S3Config(config.s3().endpoint(),
                config.s3().accessKey().orElseThrow(), config.s3().secretKey().orElseThrow(), config.s3().bucket()))) {
            for (String data : List.of("data/coco", "data/imagenet")) {
                assertEquals(TaskStatus.SUCCEEDED, seen.getStatus().task(data).state());
                assertTrue(store.isPublished(plan.output(data)), data + ": generated and published by the operator");
            }
            assertTrue(store.exists(plan.output("data/coco") + "/dataset_coco.json"), "in COCO-Karpathy format");
        }
        assertEquals(TaskStatus.SUCCEEDED, seen.getStatus().task("compress/imagenet-test-q80").state(),
                "sent over Kafka, answered by the stage");
        Job job = client.batch().v1().jobs().inNamespace("test").withName(seen.getStatus().task("encoder/base").job())
                .get();
        assertEquals(new Quantity("1"), job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources()
                .getLimits().get("nvidia.com/gpu"));

        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);

        client.resource(seen).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.batch().v1().jobs().inNamespace("test")
                .withLabel(JobFactory.EXPERIMENT, "e2e").list().getItems().isEmpty());
    }

    private String status(String name, String task) {
        var resource = client.resources(ExperimentResource.class).inNamespace("test").withName(name).get();
        if (resource == null || resource.getStatus() == null || resource.getStatus().task(task) == null) {
            return "";
        }
        if ("encoder/base".equals(task) || resource.getStatus().task("encoder/base") == null) {
            return resource.getStatus().task(task).state();
        }
        // the trainer's Job succeeds when the mock says so
        TaskStatus encoder = resource.getStatus().task("encoder/base");
        if (TaskStatus.RUNNING.equals(encoder.state()) && encoder.job() != null) {
            Job job = client.batch().v1().jobs().inNamespace("test").withName(encoder.job()).get();
            if (job != null && job.getStatus() == null) {
                job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder().withSucceeded(1)
                        .build());
                client.batch().v1().jobs().inNamespace("test").resource(job).updateStatus();
            }
        }
        return resource.getStatus().task(task).state();
    }

    private KafkaConsumer<String, String> consumer() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "stages-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "300");
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(Pattern.compile("robucap\\.tasks\\..*"));
        return consumer;
    }
}
