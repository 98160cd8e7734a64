package dev.robucap.common.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics up front (auto-creation gives one partition and is often off on real clusters). */
public final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /**
     * Creates each missing topic with {@code partitions} partitions and the cluster's default replication
     * factor; topics that exist are left as they are, so calling it at every start is safe.
     */
    public static void ensureTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var created = admin.createTopics(topics.stream()
                    .map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty()))
                    .toList()).values();
            for (Map.Entry<String, KafkaFuture<Void>> topic : created.entrySet()) {
                await(topic.getKey(), topic.getValue());
            }
        }
    }

    private static void await(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new EventException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new EventException("cannot create topic " + topic + ": no answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventException("interrupted while creating topic " + topic, e);
        }
    }
}
