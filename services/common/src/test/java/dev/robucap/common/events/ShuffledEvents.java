package dev.robucap.common.events;

import dev.robucap.common.task.TaskEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Task events as a stage publishes them, and the same events delivered twice each and out of order. */
public final class ShuffledEvents {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private ShuffledEvents() {
    }

    /**
     * In publishing order: a task that succeeds, one that fails, one still running, one that ran twice (a
     * redelivery: the rerun finds the output published), each with distinct, increasing times.
     */
    public static List<TaskEvent> lifecycles() {
        List<TaskEvent> events = new ArrayList<>();
        int[] clock = {0};
        lifecycle(events, clock, "t-ok", TaskEvent.Type.SUCCEEDED, 4);
        lifecycle(events, clock, "t-failed", TaskEvent.Type.FAILED, 2);
        lifecycle(events, clock, "t-running", null, 3);
        lifecycle(events, clock, "t-rerun", TaskEvent.Type.SUCCEEDED, 2);
        events.add(event(clock, "t-rerun", TaskEvent.Type.SUCCEEDED, 1.0, "cached: output already published"));
        return events;
    }

    /** Each event twice (the copies are equal: same event id), the lot shuffled with {@code seed}. */
    public static List<TaskEvent> twiceShuffled(List<TaskEvent> events, long seed) {
        List<TaskEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        Collections.shuffle(twice, new Random(seed));
        return twice;
    }

    /** One task's events: REQUESTED, STARTED, {@code progressSteps} PROGRESS, then {@code end} unless null. */
    public static void lifecycle(List<TaskEvent> events, int[] clock, String taskId, TaskEvent.Type end,
                                 int progressSteps) {
        events.add(event(clock, taskId, TaskEvent.Type.REQUESTED, 0, "queued"));
        events.add(event(clock, taskId, TaskEvent.Type.STARTED, 0, "started"));
        for (int i = 1; i <= progressSteps; i++) {
            events.add(event(clock, taskId, TaskEvent.Type.PROGRESS, (double) i / (progressSteps + 1),
                    i + "/" + (progressSteps + 1)));
        }
        if (end == TaskEvent.Type.SUCCEEDED) {
            events.add(event(clock, taskId, end, 1.0, "done").withOutput("out/" + taskId));
        } else if (end == TaskEvent.Type.FAILED) {
            events.add(event(clock, taskId, end, 0.0, "failed").withError("boom in " + taskId));
        }
    }

    private static TaskEvent event(int[] clock, String taskId, TaskEvent.Type type, double progress, String message) {
        return new TaskEvent(TaskEvent.SCHEMA, taskId + "-" + clock[0], type, taskId, "augmenter", "key-" + taskId,
                progress, message, null, null, null, T0.plusMillis(clock[0]++));
    }
}
