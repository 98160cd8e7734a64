package dev.robucap.stage;

import dev.robucap.common.task.TaskEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each running task was last heard from (STARTED or PROGRESS). Every stage reports progress as it goes (per
 * image, training step or evaluated set), so a task silent for long is stuck, and {@link StalledTasksCheck} says so.
 */
final class TaskSilence {

    private final Map<String, Instant> lastHeard = new ConcurrentHashMap<>();

    void heard(TaskEvent event, Instant at) {
        if (event.type().terminal()) {
            lastHeard.remove(event.taskId());
        } else if (event.type() != TaskEvent.Type.REQUESTED) { // a queued task is not running yet
            lastHeard.put(event.taskId(), at);
        }
    }

    /** The running tasks silent for longer than {@code limit} at {@code now}, with how long, by task id. */
    Map<String, Duration> silentLongerThan(Duration limit, Instant now) {
        Map<String, Duration> silent = new TreeMap<>();
        lastHeard.forEach((task, at) -> {
            Duration quiet = Duration.between(at, now);
            if (quiet.compareTo(limit) > 0) {
                silent.put(task, quiet);
            }
        });
        return silent;
    }
}
