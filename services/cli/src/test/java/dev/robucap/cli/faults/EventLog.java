package dev.robucap.cli.faults;

import dev.robucap.cli.local.ServiceProcess;
import dev.robucap.common.Json;
import dev.robucap.common.events.KafkaClients;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event on {@code robucap.events}, from the topic's start, in order (duplicates kept: the faults tests count
 * them); a plain consumer, so it reconnects by itself when the broker comes back.
 */
final class EventLog implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<TaskEvent> events = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(KafkaClients.config(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "robucap-faults-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.EVENTS));
        thread = new Thread(this::loop, "faults-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        events.add(Json.MAPPER.readValue(record.value(), TaskEvent.class));
                    } catch (IOException unreadable) {
                        // not an event of ours
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close()
        } finally {
            consumer.close();
        }
    }

    List<TaskEvent> all() {
        return List.copyOf(events);
    }

    List<TaskEvent> of(String taskId) {
        return events.stream().filter(e -> taskId.equals(e.taskId())).toList();
    }

    Optional<TaskEvent> terminal(String taskId) {
        return of(taskId).stream().filter(e -> e.type().terminal()).findFirst();
    }

    /**
     * The first event that matches, waiting up to {@code timeout}; fails saying {@code what} was awaited, and
     * at once if one of {@code alive} exits.
     */
    TaskEvent await(Predicate<TaskEvent> matches, Duration timeout, String what, ServiceProcess... alive)
            throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<TaskEvent> found = events.stream().filter(matches).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            for (ServiceProcess service : alive) {
                service.checkAlive();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; events seen: "
                + events.size());
    }

    /** The terminal event of a task (the first), waiting up to {@code timeout}. */
    TaskEvent awaitTerminal(String taskId, Duration timeout, ServiceProcess... alive) throws Exception {
        return await(e -> taskId.equals(e.taskId()) && e.type().terminal(), timeout,
                "terminal event of task " + taskId, alive);
    }

    /** Steps done since the start of training, from a trainer's step PROGRESS event; -1 for other events. */
    static long globalStep(TaskEvent event) {
        Double step = event.metrics().get("step");
        Double epoch = event.metrics().get("epoch");
        Double perEpoch = event.metrics().get("steps_per_epoch");
        if (event.type() != TaskEvent.Type.PROGRESS || step == null || epoch == null || perEpoch == null) {
            return -1;
        }
        return (long) ((epoch - 1) * perEpoch + step);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5000);
    }
}
