package dev.robucap.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.operator.api.ExperimentStatus;
import dev.robucap.operator.api.TaskStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Random;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once and, across partitions or after a rebalance, out of order: the operator's view of an
 * experiment after every event came twice and shuffled is the view after one ordered delivery.
 */
@EnableKubernetesMockClient(crud = true)
class EventDeliveryTest {

    KubernetesClient client;

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** Each event twice (the copies are equal: same event id), the lot shuffled with {@code seed}. */
    static List<TaskEvent> twiceShuffled(List<TaskEvent> events, long seed) {
        List<TaskEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        Collections.shuffle(twice, new Random(seed));
        return twice;
    }

    /** One task's events: REQUESTED, STARTED, {@code steps} PROGRESS, then {@code end} unless null. */
    static void lifecycle(List<TaskEvent> events, int[] clock, String taskId, TaskEvent.Type end, int steps) {
        events.add(event(clock, taskId, TaskEvent.Type.REQUESTED, 0, "queued", null));
        events.add(event(clock, taskId, TaskEvent.Type.STARTED, 0, "started", null));
        for (int i = 1; i <= steps; i++) {
            events.add(event(clock, taskId, TaskEvent.Type.PROGRESS, (double) i / (steps + 1), i + "/" + (steps + 1),
                    null));
        }
        if (end == TaskEvent.Type.SUCCEEDED) {
            events.add(event(clock, taskId, end, 1.0, "done", null));
        } else if (end == TaskEvent.Type.FAILED) {
            events.add(event(clock, taskId, end, 0.0, "failed", "boom: out of memory"));
        }
    }

    private static TaskEvent event(int[] clock, String taskId, TaskEvent.Type type, double progress, String message,
                                   String error) {
        return new TaskEvent(TaskEvent.SCHEMA, taskId + "-" + clock[0], type, taskId, "stage", "key-" + taskId,
                progress, message, null, error, null, T0.plusMillis(clock[0]++));
    }

    /** Every stage on Kafka (no Jobs), so that two fixtures can share the mock API server. */
    private Fixture fixture() {
        Settings s = Fixture.settings();
        Settings kafkaOnly = new Settings(s.kafkaBootstrapServers(), s.s3Endpoint(), s.s3Bucket(), s.s3Secret(),
                s.imageRegistry(), s.imageTag(), s.imagePullPolicy(), Set.of(), s.defaultPool(), s.pools(),
                s.retryBackoff(), s.pollInterval(), s.tls());
        return new Fixture(client, Fixture.YAML, kafkaOnly, Clock.systemUTC()).withData();
    }

    /**
     * The events the stages publish for the requests sent since {@code from}: the first encoder fails, the first
     * captioner is still running (progress only), everything else succeeds where its stage publishes.
     */
    private static List<TaskEvent> answer(List<TaskRequest> requests, int[] clock, boolean[] failedOne,
                                          boolean[] leftOneRunning) {
        List<TaskEvent> events = new ArrayList<>();
        for (TaskRequest request : requests) {
            TaskEvent.Type end = TaskEvent.Type.SUCCEEDED;
            if (request.stage().equals("encoder-trainer") && !failedOne[0]) {
                failedOne[0] = true;
                end = TaskEvent.Type.FAILED;
            } else if (request.stage().equals("captioner-trainer") && !leftOneRunning[0]) {
                leftOneRunning[0] = true;
                end = null;
            }
            List<TaskEvent> lifecycle = new ArrayList<>();
            lifecycle(lifecycle, clock, request.taskId(), end, 3);
            for (TaskEvent e : lifecycle) {
                events.add(e.type() == TaskEvent.Type.SUCCEEDED
                        ? e.withOutput(StageCatalog.outputPrefix(request)) : e);
            }
        }
        return events;
    }

    /** Reconciles, answers what was sent, delivers the answers, until nothing new is sent; the last status. */
    private static ExperimentStatus run(Fixture f, boolean twiceShuffled) {
        int[] clock = {0};
        boolean[] failedOne = {false};
        boolean[] leftOneRunning = {false};
        int answered = 0;
        ExperimentStatus status = f.reconcile();
        for (int round = 0; f.kafka.sent.size() > answered; round++) {
            List<TaskEvent> events = answer(f.kafka.sent.subList(answered, f.kafka.sent.size()), clock, failedOne,
                    leftOneRunning);
            answered = f.kafka.sent.size();
            (twiceShuffled ? twiceShuffled(events, 42 + round) : events).forEach(f.kafka::deliver);
            status = f.reconcile();
        }
        assertTrue(failedOne[0] && leftOneRunning[0], "the plan has a failing and a still running task");
        return status;
    }

    /** The status without the request ids (each fixture's own) and times. */
    private static List<String> view(ExperimentStatus status) {
        List<String> view = new ArrayList<>();
        view.add(status.phase() + " " + status.done() + "/" + status.total());
        for (TaskStatus t : status.tasks()) {
            view.add(t.id() + " " + t.state() + " " + t.progress() + " " + t.attempts() + " " + t.message());
        }
        return view;
    }

    @Test
    void everyEventTwiceAndOutOfOrderGivesTheStatusOfOneOrderedDelivery() {
        ExperimentStatus ordered = run(fixture(), false);
        ExperimentStatus shuffled = run(fixture(), true);

        assertEquals(view(ordered), view(shuffled));
        assertEquals(ExperimentStatus.RUNNING, ordered.phase(), "a captioner still runs");
        assertTrue(ordered.tasks().stream().anyMatch(t -> TaskStatus.FAILED.equals(t.state())
                && t.message().startsWith("boom")), view(ordered).toString());
        assertTrue(ordered.tasks().stream().anyMatch(t -> TaskStatus.NOT_RUN.equals(t.state())),
                view(ordered).toString());
        assertTrue(ordered.tasks().stream().anyMatch(t -> TaskStatus.RUNNING.equals(t.state())
                && t.progress() == 0.75), view(ordered).toString());
    }
}
