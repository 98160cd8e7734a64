package dev.robucap.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends task events and task requests as JSON, keyed by task id (so one task's records stay in order on one
 * partition). Each call returns once Kafka has acknowledged the record. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    private EventPublisher(KafkaProducer<String, String> producer) {
        this.producer = producer;
    }

    public static EventPublisher connect(String bootstrapServers) {
        return new EventPublisher(Producers.create(bootstrapServers));
    }

    /** To {@link Topics#EVENTS}. */
    public void publish(TaskEvent event) {
        send(Topics.EVENTS, event.taskId(), event);
    }

    /** To the stage's task topic, {@link Topics#tasks}. */
    public void submit(TaskRequest request) {
        send(Topics.tasks(request.stage()), request.taskId(), request);
    }

    @Override
    public void close() {
        producer.close();
    }

    private void send(String topic, String key, Object value) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, json)).get();
        } catch (ExecutionException e) {
            throw new EventException("Kafka did not accept a record for " + topic + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventException("interrupted while sending to " + topic, e);
        }
    }
}
