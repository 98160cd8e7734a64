package dev.robucap.operator;

import dev.robucap.common.events.LatestEvents;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stage Deployments' side of Kafka, in memory: records what was sent, answers with the events a test gives. */
final class FakeKafka implements TaskEvents {

    final List<TaskRequest> sent = new ArrayList<>();
    private final Map<String, TaskEvent> events = new HashMap<>();
    /** Events delivered as the operator's EventFollower takes them (any order, duplicates). */
    private final LatestEvents delivered = new LatestEvents();

    KafkaDispatcher dispatcher() {
        return new KafkaDispatcher(sent::add, this);
    }

    @Override
    public Optional<TaskEvent> latest(String taskId) {
        return events.containsKey(taskId) ? Optional.of(events.get(taskId)) : delivered.latest(taskId);
    }

    /** An event as it comes off {@code robucap.events}, through the follower's bookkeeping. */
    void deliver(TaskEvent event) {
        delivered.offer(event);
    }

    /** Every sent task without an answer succeeds, publishing where its stage would; returns how many. */
    int succeedPending() {
        int answered = 0;
        for (TaskRequest request : sent) {
            if (!events.containsKey(request.taskId())) {
                events.put(request.taskId(), TaskEvent.of(TaskEvent.Type.SUCCEEDED, request,
                        StageCatalog.contentKey(request), 1.0, "done").withOutput(StageCatalog.outputPrefix(request)));
                answered++;
            }
        }
        return answered;
    }

    void fail(TaskRequest request, String error) {
        events.put(request.taskId(), TaskEvent.of(TaskEvent.Type.FAILED, request, StageCatalog.contentKey(request),
                0, "failed").withError(error));
    }

    void progress(TaskRequest request, double progress) {
        events.put(request.taskId(), TaskEvent.of(TaskEvent.Type.PROGRESS, request, StageCatalog.contentKey(request),
                progress, "training"));
    }
}
