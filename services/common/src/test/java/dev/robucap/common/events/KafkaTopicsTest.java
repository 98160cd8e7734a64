package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevstackExtension.class)
class KafkaTopicsTest {

    @Test
    void createsMissingTopicsAndLeavesExistingOnes(Devstack devstack) throws Exception {
        String first = "topics-test-" + UUID.randomUUID();
        String second = "topics-test-" + UUID.randomUUID();
        KafkaTopics.ensureTopics(devstack.kafkaBootstrapServers(), List.of(first), 3);
        KafkaTopics.ensureTopics(devstack.kafkaBootstrapServers(), List.of(first, second), 2);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                devstack.kafkaBootstrapServers()))) {
            var topics = admin.describeTopics(List.of(first, second)).allTopicNames().get();
            assertEquals(3, topics.get(first).partitions().size(), "left as it was");
            assertEquals(2, topics.get(second).partitions().size());
        }
    }

    @Test
    void skipsWhatIsQueuedForAGroupAndNothingSentAfter(Devstack devstack) throws Exception {
        String topic = "skip-test-" + UUID.randomUUID();
        String group = "skip-test-group-" + UUID.randomUUID();
        String bootstrap = devstack.kafkaBootstrapServers();
        KafkaTopics.ensureTopics(bootstrap, List.of(topic), 2);
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "old-" + i, "old")).get();
            }
            assertEquals(3, KafkaTopics.skipQueued(bootstrap, topic, group), "never consumed: all three queued");
            assertEquals(0, KafkaTopics.skipQueued(bootstrap, topic, group), "nothing left");
            producer.send(new ProducerRecord<>(topic, "new", "new")).get();
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
            assertEquals(List.of("new"), keys, "the skipped records are not delivered, the later one is");
            var refused = assertThrows(EventException.class, () -> KafkaTopics.skipQueued(bootstrap, topic, group));
            assertTrue(refused.getMessage().contains("running member"), refused.getMessage());
        }
    }
}
