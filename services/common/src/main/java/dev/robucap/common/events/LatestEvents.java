package dev.robucap.common.events;

import dev.robucap.common.task.TaskEvent;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest event of each task, whatever order the events arrive in and however often each comes (Kafka delivers
 * at least once, and a consumer can see a task's events out of order after a rebalance or from a rerun): the state
 * after any delivery of a set of events is the state after their single, ordered delivery.
 *
 * <ul>
 *   <li>A terminal event is final: a later STARTED or PROGRESS (a duplicate, or one overtaken) changes nothing.
 *   Of two terminal events of one task (a redelivered task run again), the earlier one stays: it is the one a
 *   driver saw first in order.</li>
 *   <li>Otherwise the later event wins: by its time, then by its place in the lifecycle (REQUESTED, STARTED,
 *   PROGRESS), then by progress, then by event id, so that the choice never depends on arrival order.</li>
 * </ul>
 */
public final class LatestEvents {

    /** Later first in the lifecycle; among equals, the one a single ordered delivery would end with. */
    static final Comparator<TaskEvent> LATER = Comparator.comparing(TaskEvent::time)
            .thenComparing(e -> e.type().ordinal())
            .thenComparingDouble(TaskEvent::progress)
            .thenComparing(TaskEvent::eventId);

    private final Map<String, TaskEvent> latest = new ConcurrentHashMap<>();

    /** Takes an event in; returns whether it is now its task's latest (false for a duplicate or an overtaken one). */
    public boolean offer(TaskEvent event) {
        if (event.taskId() == null) {
            return false;
        }
        TaskEvent[] before = new TaskEvent[1];
        TaskEvent kept = latest.compute(event.taskId(), (id, old) -> {
            before[0] = old;
            return old == null ? event : newer(old, event);
        });
        return kept == event && (before[0] == null || !before[0].eventId().equals(event.eventId()));
    }

    public Optional<TaskEvent> latest(String taskId) {
        return Optional.ofNullable(latest.get(taskId));
    }

    static TaskEvent newer(TaskEvent old, TaskEvent now) {
        if (old.eventId().equals(now.eventId())) {
            return old; // the same event again
        }
        boolean oldFinal = old.type().terminal();
        boolean nowFinal = now.type().terminal();
        if (oldFinal != nowFinal) {
            return oldFinal ? old : now;
        }
        if (oldFinal) {
            return LATER.compare(now, old) < 0 ? now : old; // the first terminal event stays
        }
        return LATER.compare(now, old) > 0 ? now : old;
    }
}
