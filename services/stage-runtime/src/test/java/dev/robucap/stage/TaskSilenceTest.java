package dev.robucap.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSilenceTest {

    private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(30);

    private static TaskEvent event(TaskRequest task, TaskEvent.Type type) {
        return TaskEvent.of(type, task, "key", 0, type.name());
    }

    @Test
    void aRunningTaskSilentPastTheLimitIsStalledUntilItSpeaksOrEnds() {
        var silence = new TaskSilence();
        var task = TaskRequest.of("augmenter", Json.MAPPER.createObjectNode(), Map.of());

        silence.heard(event(task, TaskEvent.Type.REQUESTED), T0);
        assertEquals(Map.of(), silence.silentLongerThan(LIMIT, T0.plus(Duration.ofHours(2))), "queued is not running");

        silence.heard(event(task, TaskEvent.Type.STARTED), T0);
        assertEquals(Map.of(), silence.silentLongerThan(LIMIT, T0.plus(LIMIT)), "exactly the limit is still alive");
        assertEquals(Map.of(task.taskId(), Duration.ofMinutes(31)),
                silence.silentLongerThan(LIMIT, T0.plus(Duration.ofMinutes(31))));

        silence.heard(event(task, TaskEvent.Type.PROGRESS), T0.plus(Duration.ofMinutes(31)));
        assertEquals(Map.of(), silence.silentLongerThan(LIMIT, T0.plus(Duration.ofMinutes(40))), "progress resets it");

        silence.heard(event(task, TaskEvent.Type.SUCCEEDED), T0.plus(Duration.ofMinutes(41)));
        assertEquals(Map.of(), silence.silentLongerThan(LIMIT, T0.plus(Duration.ofHours(5))), "an ended task is not");
    }
}
