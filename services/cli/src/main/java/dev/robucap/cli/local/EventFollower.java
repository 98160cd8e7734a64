package dev.robucap.cli.local;

import dev.robucap.common.Json;
import dev.robucap.common.events.KafkaClients;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code robucap.events} for the tasks this run submitted: keeps the latest event of each, and tells a
 * listener (the progress display). Reads from the start of the topic with a fresh group and filters by task id,
 * so no event can slip between submitting a task and subscribing; unreadable records are skipped (the stages'
 * own consumers send them to the dead-letter topic).
 */
public final class EventFollower implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();
    private final Map<String, TaskEvent> latest = new ConcurrentHashMap<>();
    private final Consumer<TaskEvent> listener;
    private final Thread thread;
    private volatile boolean running = true;

    public EventFollower(String bootstrapServers, Consumer<TaskEvent> listener) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "robucap-cli-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(KafkaClients.config(props), new StringDeserializer(), new StringDeserializer());
        this.listener = listener;
        this.thread = new Thread(this::loop, "event-follower");
        thread.setDaemon(true);
        consumer.subscribe(List.of(Topics.EVENTS));
        thread.start();
    }

    public void track(String taskId) {
        tracked.add(taskId);
    }

    public TaskEvent latest(String taskId) {
        return latest.get(taskId);
    }

    private void loop() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    TaskEvent event;
                    try {
                        event = Json.MAPPER.readValue(record.value(), TaskEvent.class);
                    } catch (Exception unreadable) {
                        continue;
                    }
                    if (event.taskId() == null || !tracked.contains(event.taskId())) {
                        continue;
                    }
                    TaskEvent previous = latest.get(event.taskId());
                    if (previous != null && previous.type().terminal()) {
                        continue;
                    }
                    latest.put(event.taskId(), event);
                    listener.accept(event);
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
