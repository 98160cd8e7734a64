package dev.robucap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskEvent.Type;
import dev.robucap.common.task.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final TaskRequest task = TaskRequest.of("encoder-trainer", Json.MAPPER.createObjectNode(), Map.of());
    private long now;

    private TaskEvent event(Type type, double fraction, String message) {
        return TaskEvent.of(type, task, "k", fraction, message);
    }

    @Test
    void aLogShowsStartEndAndProgressAtMostEveryInterval() {
        var bytes = new ByteArrayOutputStream();
        var progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now);
        progress.add(task.taskId(), "train encoder base");

        progress.update(event(Type.STARTED, 0, null));
        now += Progress.LOG_INTERVAL.toNanos() / 2;
        progress.update(event(Type.PROGRESS, 0.2, "epoch 1/5"));
        now += Progress.LOG_INTERVAL.toNanos() / 2;
        progress.update(event(Type.PROGRESS, 0.4, "epoch 2/5"));
        now += 1;
        progress.update(event(Type.PROGRESS, 0.5, "epoch 3/5"));
        progress.update(event(Type.SUCCEEDED, 1, null));

        var lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).endsWith("started"), lines.get(0));
        assertTrue(lines.get(1).contains(" 40%") && lines.get(1).endsWith("epoch 2/5"), lines.get(1));
        assertTrue(lines.get(2).endsWith("done"), lines.get(2));
    }
}
