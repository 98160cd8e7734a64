package dev.robucap.operator;

import dev.robucap.common.Json;
import dev.robucap.common.events.KafkaClients;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Follows {@code robucap.events} from the start of the topic with a fresh consumer group and keeps each task's
 * latest event: after a restart the operator so learns again how the tasks in its experiments' status went.
 * Unreadable records are skipped (the stages' consumers dead-letter them); a terminal event is final.
 */
public final class KafkaEvents implements TaskEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaEvents.class);

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, TaskEvent> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaEvents(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "robucap-operator-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(KafkaClients.config(props), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.EVENTS));
        thread = new Thread(this::loop, "robucap-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public Optional<TaskEvent> latest(String taskId) {
        return Optional.ofNullable(latest.get(taskId));
    }

    private void loop() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        TaskEvent event = Json.MAPPER.readValue(record.value(), TaskEvent.class);
                        if (event.taskId() != null) {
                            latest.merge(event.taskId(), event, (old, now) -> old.type().terminal() ? old : now);
                        }
                    } catch (Exception unreadable) {
                        LOG.debugf("skipped an unreadable event at offset %d", record.offset());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
