package dev.robucap.cli.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.events.LatestEvents;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Kafka delivers at least once and, across partitions or after a rebalance, out of order: {@code robucap run}'s
 * outcome after every event came twice and shuffled is its outcome after one ordered delivery. The stages answer
 * each task as it is sent (the first encoder fails), through the same bookkeeping as {@code EventFollower}'s.
 */
class EventDeliveryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** The run's outcome: the failure message (which tasks failed, which were not run) and the tasks that ran. */
    private record Outcome(String failure, Set<String> ran) {
    }

    private static Outcome run(Plan plan, Long shuffleSeed) throws Exception {
        LatestEvents latest = new LatestEvents();
        List<Consumer<TaskEvent>> listeners = new ArrayList<>();
        List<Predicate<String>> follows = new ArrayList<>();
        int[] clock = {0};
        boolean[] failedOne = {false};
        Random random = shuffleSeed == null ? null : new Random(shuffleSeed);
        Consumer<TaskRequest> stages = request -> {
            boolean fail = request.stage().equals("encoder-trainer") && !failedOne[0];
            failedOne[0] |= fail;
            List<TaskEvent> events = lifecycle(request, clock, fail);
            if (random != null) {
                events.addAll(List.copyOf(events));
                Collections.shuffle(events, random);
            }
            for (TaskEvent event : events) {
                if (follows.get(0).test(event.taskId()) && latest.offer(event)) {
                    listeners.get(0).accept(event);
                }
            }
        };
        var out = new ByteArrayOutputStream();
        try (var execution = new PlanExecution(plan, output -> false, Set.of(), 4, stages, List.of(),
                new PrintStream(out, true), false, (ids, listener) -> {
                    follows.add(ids);
                    listeners.add(listener);
                    return new PlanExecution.Follower() {
                        @Override
                        public Optional<TaskEvent> latest(String taskId) {
                            return latest.latest(taskId);
                        }

                        @Override
                        public void close() {
                        }
                    };
                })) {
            var failed = assertThrows(PlanExecution.RunFailedException.class, execution::run);
            assertTrue(failedOne[0]);
            return new Outcome(failed.getMessage(), new TreeSet<>(execution.seconds().keySet()));
        }
    }

    private static List<TaskEvent> lifecycle(TaskRequest request, int[] clock, boolean fail) {
        List<TaskEvent> events = new ArrayList<>();
        events.add(event(request, clock, TaskEvent.Type.REQUESTED, 0, "queued"));
        events.add(event(request, clock, TaskEvent.Type.STARTED, 0, "started"));
        for (int i = 1; i <= 3; i++) {
            events.add(event(request, clock, TaskEvent.Type.PROGRESS, i / 4.0, i + "/4"));
        }
        events.add(fail ? event(request, clock, TaskEvent.Type.FAILED, 0, "failed").withError("boom: out of memory")
                : event(request, clock, TaskEvent.Type.SUCCEEDED, 1, "done")
                        .withOutput(StageCatalog.outputPrefix(request)));
        return events;
    }

    private static TaskEvent event(TaskRequest request, int[] clock, TaskEvent.Type type, double progress,
                                   String message) {
        return new TaskEvent(TaskEvent.SCHEMA, request.taskId() + "-" + clock[0], type, request.taskId(),
                request.stage(), StageCatalog.contentKey(request), progress, message, null, null, null,
                T0.plusMillis(clock[0]++));
    }

    @Test
    void everyEventTwiceAndOutOfOrderEndsTheRunAsOneOrderedDelivery() throws Exception {
        Path spec = Path.of(EventDeliveryTest.class.getResource("/tiny-experiment.yaml").toURI());
        Plan plan = Planner.plan(Experiment.read(spec));

        Outcome ordered = run(plan, null);
        assertTrue(ordered.failure().contains("boom: out of memory"), ordered.failure());
        assertTrue(ordered.failure().contains("Not run because of them"), ordered.failure());
        for (long seed = 1; seed <= 3; seed++) {
            assertEquals(ordered, run(plan, seed), "seed " + seed);
        }
    }
}
