package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the devstack's real broker; every test uses its own topics and groups (the broker is shared). */
@ExtendWith(DevstackExtension.class)
class RecordConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Devstack devstack;
    private final String topic = "consumer-test-" + UUID.randomUUID();

    RecordConsumerTest(Devstack devstack) {
        this.devstack = devstack;
    }

    @Test
    void publishedRequestsAndEventsArriveIntact() throws Exception {
        String stage = "test-" + UUID.randomUUID();
        ObjectNode params = Json.MAPPER.createObjectNode().put("quality", 22);
        TaskRequest request = TaskRequest.of(stage, params, Map.of("dataset", "datasets/tiny/"));
        TaskEvent event = TaskEvent.of(TaskEvent.Type.PROGRESS, request, "key123", 0.25, "a quarter")
                .withMetrics(Map.of("loss", 1.5));
        BlockingQueue<TaskRequest> requests = new LinkedBlockingQueue<>();
        BlockingQueue<TaskEvent> events = new LinkedBlockingQueue<>();

        try (EventPublisher publisher = EventPublisher.connect(devstack.kafkaBootstrapServers());
             var requestConsumer = consumer(RecordType.TASK_REQUEST, Topics.tasks(stage), requests::add);
             var eventConsumer = consumer(RecordType.TASK_EVENT, Topics.EVENTS, e -> {
                 if (e.taskId().equals(request.taskId())) {
                     events.add(e);
                 }
             })) {
            publisher.submit(request);
            publisher.publish(event);

            assertEquals(request, requests.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(event, events.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(request.taskId(), keysOf(Topics.tasks(stage)).get(0), "keyed by task id");
    }

    @Test
    void aDuplicateIsHandledOnce() throws Exception {
        String request = request("dup-1", "augment");
        produce(topic, request, request, request("after-dup", "augment"));
        List<String> handled = new ArrayList<>();
        BlockingQueue<String> done = new LinkedBlockingQueue<>();

        try (var consumer = consumer(RecordType.TASK_REQUEST, topic, r -> {
            handled.add(r.taskId());
            done.add(r.taskId());
        })) {
            assertEquals("dup-1", done.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("after-dup", done.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        assertEquals(List.of("dup-1", "after-dup"), handled);
    }

    @Test
    void unknownFieldsAreAccepted() throws Exception {
        produce(topic, "{\"schema\":1,\"taskId\":\"new-fields\",\"stage\":\"augment\",\"priority\":\"high\","
                + "\"hints\":{\"gpu\":true}}");
        BlockingQueue<TaskRequest> done = new LinkedBlockingQueue<>();

        try (var consumer = consumer(RecordType.TASK_REQUEST, topic, done::add)) {
            TaskRequest request = done.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(request);
            assertEquals("new-fields", request.taskId());
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndTheLoopGoesOn() throws Exception {
        String wrongType = "{\"eventId\":\"e1\",\"type\":\"PROGRESS\",\"taskId\":\"t\",\"progress\":\"lots\"}";
        String future = "{\"schema\":99,\"eventId\":\"e2\",\"type\":\"PROGRESS\",\"taskId\":\"t\"}";
        String good = "{\"eventId\":\"e3\",\"type\":\"SUCCEEDED\",\"taskId\":\"t\"}";
        produce(topic, "garbage{", "{}", wrongType, future, good);
        BlockingQueue<TaskEvent> done = new LinkedBlockingQueue<>();

        try (var consumer = consumer(RecordType.TASK_EVENT, topic, done::add)) {
            TaskEvent event = done.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(event);
            assertEquals("e3", event.eventId());
            assertNull(done.poll(200, TimeUnit.MILLISECONDS), "only the good record reaches the handler");
        }

        List<ConsumerRecord<String, String>> letters = deadLetters(4);
        assertEquals(List.of("garbage{", "{}", wrongType, future),
                letters.stream().map(l -> json(l.value()).get("value").asText()).toList());
        List<String> reasons = letters.stream().map(l -> json(l.value()).get("reason").asText()).toList();
        assertTrue(reasons.get(0).startsWith("not JSON"), reasons.get(0));
        assertTrue(reasons.get(1).contains("missing required field"), reasons.get(1));
        assertTrue(reasons.get(2).contains("not a valid TaskEvent"), reasons.get(2));
        assertTrue(reasons.get(3).contains("unsupported schema version 99"), reasons.get(3));
        for (int i = 0; i < letters.size(); i++) {
            JsonNode wrapper = json(letters.get(i).value());
            assertEquals(i, wrapper.get("offset").asLong());
            assertEquals(0, wrapper.get("partition").asInt());
            assertEquals(reasons.get(i), new String(
                    letters.get(i).headers().lastHeader(RecordConsumer.REASON_HEADER).value(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aThrowingHandlerDoesNotStopTheLoop() throws Exception {
        produce(topic, request("boom", "augment"), request("fine", "augment"));
        BlockingQueue<String> done = new LinkedBlockingQueue<>();

        try (var consumer = consumer(RecordType.TASK_REQUEST, topic, r -> {
            if (r.taskId().equals("boom")) {
                throw new IllegalStateException("disk full");
            }
            done.add(r.taskId());
        })) {
            assertEquals("fine", done.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        JsonNode letter = json(deadLetters(1).get(0).value());
        assertEquals("handler failed: java.lang.IllegalStateException: disk full", letter.get("reason").asText());
        assertEquals(request("boom", "augment"), letter.get("value").asText());
    }

    @Test
    void offsetsAreCommittedSoANewConsumerOfTheGroupGoesOn() throws Exception {
        String group = "group-" + UUID.randomUUID();
        produce(topic, request("first", "augment"));
        BlockingQueue<String> done = new LinkedBlockingQueue<>();
        try (var consumer = consumer(RecordType.TASK_REQUEST, topic, group, r -> done.add(r.taskId()))) {
            assertEquals("first", done.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
        produce(topic, request("second", "augment"));
        try (var consumer = consumer(RecordType.TASK_REQUEST, topic, group, r -> done.add(r.taskId()))) {
            assertEquals("second", done.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void stoppingDoesNotWaitForALongTaskAndLeavesItUncommittedForRedelivery() throws Exception {
        produce(topic, request("long-1", "train"));
        String group = "group-" + UUID.randomUUID();
        var started = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var consumer = RecordConsumer.builder(RecordType.TASK_REQUEST)
                .bootstrapServers(devstack.kafkaBootstrapServers()).groupId(group).topic(topic)
                .shutdownGrace(Duration.ofMillis(200)).handler(r -> {
                    started.countDown();
                    release.await(); // hours of training, as far as close() can tell
                }).start();
        assertTrue(started.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        try {
            consumer.close(); // returns although the handler has not
            assertEquals(1, release.getCount());
            try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.<String, Object>of(
                    "bootstrap.servers", devstack.kafkaBootstrapServers()))) {
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertTrue(offsets.isEmpty(), "committed: " + offsets);
            }
        } finally {
            release.countDown();
        }
    }

    private <T> RecordConsumer<T> consumer(RecordType<T> type, String topicName, RecordConsumer.Handler<T> handler) {
        return consumer(type, topicName, "group-" + UUID.randomUUID(), handler);
    }

    private <T> RecordConsumer<T> consumer(RecordType<T> type, String topicName, String group,
                                           RecordConsumer.Handler<T> handler) {
        return RecordConsumer.builder(type).bootstrapServers(devstack.kafkaBootstrapServers()).groupId(group)
                .topic(topicName).handler(handler).start();
    }

    private static String request(String taskId, String stage) {
        return "{\"schema\":1,\"taskId\":\"" + taskId + "\",\"stage\":\"" + stage + "\"}";
    }

    private void produce(String topicName, String... values) throws Exception {
        try (var producer = Producers.create(devstack.kafkaBootstrapServers())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topicName, "key", value)).get();
            }
        }
    }

    /** The first {@code count} dead letters that came from this test's topic. */
    private List<ConsumerRecord<String, String>> deadLetters(int count) {
        List<ConsumerRecord<String, String>> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> reader = reader()) {
            reader.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (letters.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> letter : reader.poll(Duration.ofMillis(200))) {
                    if (json(letter.value()).get("topic").asText().equals(topic)) {
                        letters.add(letter);
                    }
                }
            }
        }
        assertEquals(count, letters.size(), "dead letters from " + topic);
        return letters;
    }

    private List<String> keysOf(String topicName) {
        try (KafkaConsumer<String, String> reader = reader()) {
            reader.subscribe(List.of(topicName));
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> keys = new ArrayList<>();
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            return keys;
        }
    }

    private KafkaConsumer<String, String> reader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, devstack.kafkaBootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static JsonNode json(String value) {
        try {
            return Json.MAPPER.readTree(value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }
}
