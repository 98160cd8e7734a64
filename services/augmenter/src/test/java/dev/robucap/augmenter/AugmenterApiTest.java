package dev.robucap.augmenter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class AugmenterApiTest {

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private String dataset;

    @BeforeEach
    void uploadDataset() {
        dataset = "datasets/api-" + UUID.randomUUID();
        store.put(dataset + "/a.jpg", Jpeg.encode(TestImages.pattern(48, 40, 1), 95), "image/jpeg");
        store.put(dataset + "/b.jpg", Jpeg.encode(TestImages.pattern(33, 21, 2), 95), "image/jpeg");
    }

    private String body(int quality) {
        return "{\"params\": {\"quality\": " + quality + ", \"resave\": 75}, \"inputs\": {\"images\": \"" + dataset
                + "\"}}";
    }

    @Test
    void aPostedTaskIsAcceptedAndRunsToSuccess() {
        String id = given().contentType("application/json").body(body(22))
                .when().post("/v1/tasks")
                .then().statusCode(202).header("Location", containsString("/v1/tasks/"))
                .body("taskId", notNullValue()).body("type", equalTo("REQUESTED"))
                .extract().path("taskId");

        String events = given().accept("text/event-stream").when().get("/v1/tasks/" + id + "/events")
                .then().statusCode(200).extract().asString();
        assertTrue(events.contains("\"SUCCEEDED\""), events);

        given().when().get("/v1/tasks/" + id).then().statusCode(200)
                .body("type", equalTo("SUCCEEDED")).body("metrics.images", equalTo(2.0f));
    }

    @Test
    void badRequestsGetProblemDetailsNamingTheFault() {
        given().contentType("application/json").body(body(0)).when().post("/v1/tasks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("params.quality"));
        given().contentType("application/json").body("{\"params\": {\"quality\": ").when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("JSON"));
        given().contentType("application/json").body("{\"params\": {\"quality\": 5}}").when().post("/v1/tasks")
                .then().statusCode(400).body("detail", containsString("inputs.images"));
        given().contentType("text/plain").body("quality=5").when().post("/v1/tasks").then().statusCode(415);
        String oversized = "{\"params\": {\"quality\": 5, \"pad\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}";
        given().contentType("application/json").body(oversized).when().post("/v1/tasks").then().statusCode(413);
        given().when().get("/v1/tasks/no-such-task").then().statusCode(404)
                .body("detail", containsString("no-such-task"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(200).body(containsString("tasks-progressing"));
        given().when().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/v1/tasks"));
        given().contentType("application/json").body(body(31)).when().post("/v1/tasks").then().statusCode(202);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("robucap_tasks"));
    }

    @Test
    void aTaskSentOverKafkaIsRunAndReportedOnTheEventTopic() throws Exception {
        var params = Json.MAPPER.createObjectNode().put("quality", 17);
        TaskRequest task = TaskRequest.of("augmenter", params, Map.of("images", dataset));
        try (EventPublisher publisher = EventPublisher.connect(kafka); var events = eventConsumer()) {
            publisher.submit(task);
            TaskEvent last = null;
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline) && (last == null || !last.type().terminal())) {
                for (var record : events.poll(Duration.ofMillis(500))) {
                    TaskEvent event = Json.MAPPER.readValue(record.value(), TaskEvent.class);
                    if (event.taskId().equals(task.taskId())) {
                        last = event;
                    }
                }
            }
            assertTrue(last != null, "no event for the task within 60 s");
            assertEquals(TaskEvent.Type.SUCCEEDED, last.type(), last.error());
            assertEquals(2, store.manifest(last.output()).orElseThrow().entries().size());
        }
    }

    private KafkaConsumer<String, String> eventConsumer() {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.EVENTS));
        return consumer;
    }
}
