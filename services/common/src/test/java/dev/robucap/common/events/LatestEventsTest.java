package dev.robucap.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.task.TaskEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LatestEventsTest {

    private static Map<String, TaskEvent> fold(List<TaskEvent> events) {
        LatestEvents latest = new LatestEvents();
        events.forEach(latest::offer);
        Map<String, TaskEvent> result = new TreeMap<>();
        events.forEach(e -> result.put(e.taskId(), latest.latest(e.taskId()).orElseThrow()));
        return result;
    }

    @Test
    void everyEventTwiceAndOutOfOrderLeavesTheStateOfOneOrderedDelivery() {
        List<TaskEvent> ordered = ShuffledEvents.lifecycles();
        Map<String, TaskEvent> expected = fold(ordered);
        assertEquals(TaskEvent.Type.SUCCEEDED, expected.get("t-ok").type());
        assertEquals(TaskEvent.Type.FAILED, expected.get("t-failed").type());
        assertEquals(TaskEvent.Type.PROGRESS, expected.get("t-running").type());
        assertEquals(0.75, expected.get("t-running").progress());
        assertEquals("done", expected.get("t-rerun").message(), "the first terminal event stays");
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(expected, fold(ShuffledEvents.twiceShuffled(ordered, seed)), "seed " + seed);
        }
    }

    @Test
    void aTerminalEventIsFinalAndDuplicatesAreNotNews() {
        var events = ShuffledEvents.lifecycles().stream().filter(e -> e.taskId().equals("t-ok")).toList();
        TaskEvent succeeded = events.get(events.size() - 1);
        LatestEvents latest = new LatestEvents();
        assertTrue(latest.offer(succeeded));
        assertFalse(latest.offer(succeeded), "the same event again");
        for (TaskEvent earlier : events.subList(0, events.size() - 1)) {
            assertFalse(latest.offer(earlier), earlier.type() + " after the terminal event");
        }
        TaskEvent lateStarted = new TaskEvent(1, "late", TaskEvent.Type.STARTED, "t-ok", "augmenter", "k", 0, "started",
                null, null, null, Instant.parse("2030-01-01T00:00:00Z"));
        assertFalse(latest.offer(lateStarted), "not even a newer STARTED: a rerun of a finished task");
        assertEquals(succeeded, latest.latest("t-ok").orElseThrow());
    }

    @Test
    void anOvertakenProgressEventDoesNotTurnTheTaskBack() {
        var events = ShuffledEvents.lifecycles().stream().filter(e -> e.taskId().equals("t-running")).toList();
        LatestEvents latest = new LatestEvents();
        assertTrue(latest.offer(events.get(3)));
        assertFalse(latest.offer(events.get(1)), "STARTED after PROGRESS");
        assertFalse(latest.offer(events.get(2)), "an earlier PROGRESS");
        assertEquals(events.get(3), latest.latest("t-running").orElseThrow());
        assertTrue(latest.offer(events.get(4)));
    }
}
