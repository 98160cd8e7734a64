package dev.robucap.operator;

import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tasks of the stages that run as Deployments: sent to the stage's Kafka task topic, followed on
 * {@code robucap.events} (as the local driver does).
 */
public final class KafkaDispatcher {

    private final Consumer<TaskRequest> topics;
    private final TaskEvents events;

    /** @param topics sends a request to its stage's task topic ({@code EventPublisher::submit}) */
    public KafkaDispatcher(Consumer<TaskRequest> topics, TaskEvents events) {
        this.topics = topics;
        this.events = events;
    }

    public void submit(TaskRequest request) {
        topics.accept(request);
    }

    /** The task's latest event, if the stage said anything yet. */
    public Optional<TaskEvent> latest(String requestId) {
        return requestId == null ? Optional.empty() : events.latest(requestId);
    }
}
