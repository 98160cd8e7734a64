package dev.robucap.common.events;

import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code robucap.events} from the start of the topic with a fresh consumer group and keeps the latest event
 * of each task it is asked about, telling a listener as they come: a driver (robucap run, the operator) so learns
 * how its tasks go, and no event slips between sending a task and following it; after a restart the operator learns
 * again how its tasks went. Events delivered twice or out of order leave the same state as one ordered delivery
 * ({@link LatestEvents}: a terminal event is final, a duplicate or overtaken STARTED or PROGRESS changes nothing);
 * unreadable records are skipped (the stages' consumers dead-letter them).
 */
public final class EventFollower implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Predicate<String> follows;
    private final Consumer<TaskEvent> listener;
    private final LatestEvents latest = new LatestEvents();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param who      names the consumer group ({@code robucap-<who>-<random>}) and the thread
     * @param follows  which task ids to keep events of (read when each event arrives)
     * @param listener told each kept event, on the follower's thread
     */
    public EventFollower(String bootstrapServers, String who, Predicate<String> follows, Consumer<TaskEvent> listener) {
        this.follows = follows;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(KafkaClients.config(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "robucap-" + who + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.EVENTS));
        this.thread = new Thread(this::loop, who + "-events");
        thread.setDaemon(true);
        thread.start();
    }

    public Optional<TaskEvent> latest(String taskId) {
        return latest.latest(taskId);
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
                    if (event.taskId() == null || !follows.test(event.taskId())) {
                        continue;
                    }
                    if (latest.offer(event)) {
                        listener.accept(event);
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
