package dev.robucap.common.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
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
        try (Admin admin = Admin.create(KafkaClients.config(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            var created = admin.createTopics(topics.stream()
                    .map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty()))
                    .toList()).values();
            for (Map.Entry<String, KafkaFuture<Void>> topic : created.entrySet()) {
                await(topic.getKey(), topic.getValue());
            }
        }
    }

    /**
     * Moves {@code group}'s offsets on {@code topic} to its end, so that the records queued there are never
     * delivered to the group; returns how many were skipped. Only while no member of the group is running: Kafka
     * refuses to move the offsets of an active group, and so does this, with a message saying so.
     */
    public static long skipQueued(String bootstrapServers, String topic, String group) {
        try (Admin admin = Admin.create(KafkaClients.config(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            int members = members(admin, group);
            if (members > 0) {
                throw new EventException("cannot skip the records queued on " + topic + ": group " + group + " has "
                        + members + " running member(s)", null);
            }
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            var committed = members < 0 ? Map.<TopicPartition, OffsetAndMetadata>of()
                    : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long skipped = 0;
            Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition).offset();
                OffsetAndMetadata at = committed.get(partition);
                // A group that never committed starts at the earliest record still kept (the consumers' reset).
                long from = at != null ? at.offset() : earliest(admin, partition);
                skipped += Math.max(0, end - from);
                moved.put(partition, new OffsetAndMetadata(end));
            }
            if (skipped > 0) {
                admin.alterConsumerGroupOffsets(group, moved).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return skipped;
        } catch (ExecutionException e) {
            throw new EventException("cannot skip the records queued on " + topic + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventException("cannot skip the records queued on " + topic + ": no answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventException("interrupted while skipping the records queued on " + topic, e);
        }
    }

    /** The group's running members, -1 when Kafka knows no such group (it never committed). */
    private static int members(Admin admin, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeConsumerGroups(List.of(group)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(group).members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return -1;
            }
            throw e;
        }
    }

    private static long earliest(Admin admin, TopicPartition partition)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listOffsets(Map.of(partition, OffsetSpec.earliest())).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(partition).offset();
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
