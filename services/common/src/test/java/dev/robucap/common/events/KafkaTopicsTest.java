package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
}
