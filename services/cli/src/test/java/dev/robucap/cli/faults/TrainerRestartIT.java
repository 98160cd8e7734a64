package dev.robucap.cli.faults;

import static dev.robucap.cli.faults.EventLog.globalStep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.cli.local.ServiceProcess;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskEvent.Type;
import dev.robucap.common.task.TaskRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7, faults 1 and 4: the encoder-trainer service is killed (SIGKILL), or stopped gracefully, while it trains
 * (mid-epoch, after a step checkpoint); a new service gets the task again from Kafka (its offset was not committed),
 * resumes from the newest checkpoint, and the killed task's model is the one an uninterrupted run of the same task
 * publishes, bit for bit.
 */
class TrainerRestartIT {

    private static final Duration TRAINING = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void aKilledTrainerResumesFromItsNewestCheckpointAndPublishesTheModelOfAnUninterruptedRun() throws Exception {
        try (FaultRig rig = new FaultRig(dir, "/faults/encoder.yaml")) {
            rig.prepareData();
            PlannedTask task = rig.encoder("base");
            TaskRequest request = rig.request(task, 11);
            ServiceProcess first = rig.start(StageCatalog.ENCODER_TRAINER);
            rig.publisher.submit(request);
            long interruptedAt = interruptMidEpoch(rig, request, first, true);

            ServiceProcess second = rig.start(StageCatalog.ENCODER_TRAINER);
            TaskEvent resumed = rig.events.awaitTerminal(request.taskId(), TRAINING, second);
            assertEquals(Type.SUCCEEDED, resumed.type(), "the resumed task: " + resumed.error());
            long firstStep = firstStepOfLastRun(rig, request);
            assertTrue(firstStep > interruptedAt, "the redelivered task started at step " + firstStep
                    + ", not after the checkpoint of step " + interruptedAt + " (see " + second.log() + ")");
            byte[] model = rig.store.getBytes(resumed.output() + "/model.params");

            // The same task (same content key) from scratch: forced, its checkpoints dropped first.
            // A new task id: the service skips a task id it has just run (a redelivery).
            TaskRequest again = TaskRequest.of(request.stage(), request.params(), request.inputs()).withForce(true);
            assertTrue(!again.taskId().equals(request.taskId()));
            rig.publisher.submit(again);
            TaskEvent reference = rig.events.awaitTerminal(again.taskId(), TRAINING, second);
            assertEquals(Type.SUCCEEDED, reference.type(), "the uninterrupted run: " + reference.error());
            assertEquals(resumed.output(), reference.output(), "same task, same content key");
            assertEquals(1, firstStepOfLastRun(rig, again), "the forced run starts from scratch");
            assertArrayEquals(rig.store.getBytes(reference.output() + "/model.params"), model,
                    "the model of the killed and resumed task differs from the uninterrupted run's");
        }
    }

    @Test
    void aTrainerStoppedGracefullyWhileItTrainsLeavesItsTaskToTheNextService() throws Exception {
        try (FaultRig rig = new FaultRig(dir, "/faults/encoder.yaml")) {
            rig.prepareData();
            // Long enough that the rest cannot finish within the service's stop grace (10 s), which a stopping
            // service gives its task before it leaves it to the next one.
            TaskRequest request = rig.request(rig.encoder("base"), 12, 20);
            ServiceProcess first = rig.start(StageCatalog.ENCODER_TRAINER);
            rig.publisher.submit(request);
            long interruptedAt = interruptMidEpoch(rig, request, first, false);

            ServiceProcess second = rig.start(StageCatalog.ENCODER_TRAINER);
            TaskEvent done = rig.events.awaitTerminal(request.taskId(), TRAINING, second);
            List<TaskEvent> events = rig.events.of(request.taskId());
            assertEquals(Type.SUCCEEDED, done.type(), "the stopped service ended the task instead of leaving it: "
                    + done.error() + " (see " + first.log() + ")");
            assertEquals(2, events.stream().filter(e -> e.type() == Type.STARTED).count(),
                    "started by the stopped service, then by the next one: " + events);
            assertTrue(firstStepOfLastRun(rig, request) > interruptedAt, "the next service did not resume");
            assertTrue(rig.store.isPublished(done.output()));
        }
    }

    /**
     * Waits for a step past the first checkpoint of an epoch (not its last step), then kills or stops the service;
     * returns the step it had done.
     */
    private static long interruptMidEpoch(FaultRig rig, TaskRequest request, ServiceProcess service, boolean kill)
            throws Exception {
        TaskEvent midEpoch = rig.events.await(e -> request.taskId().equals(e.taskId()) && globalStep(e) >= 2
                        && e.metrics().get("step") < e.metrics().get("steps_per_epoch"), TRAINING,
                "progress event of a step past the first checkpoint", service);
        if (kill) {
            service.kill();
        } else {
            service.close();
        }
        assertFalse(rig.events.terminal(request.taskId()).isPresent(), "the task ended before the service was "
                + (kill ? "killed" : "stopped") + ": " + rig.events.terminal(request.taskId())
                + "; give it more steps");
        assertFalse(rig.store.list(rig.checkpointPrefix(request, midEpoch.contentKey())).isEmpty(),
                "no checkpoint to resume from");
        return globalStep(midEpoch);
    }

    /** The first step that the latest run of the task (after its last STARTED event) reported. */
    private static long firstStepOfLastRun(FaultRig rig, TaskRequest request) {
        List<TaskEvent> events = rig.events.of(request.taskId());
        int lastStart = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).type() == Type.STARTED) {
                lastStart = i;
            }
        }
        assertTrue(lastStart >= 0, "no STARTED event: " + events);
        return events.subList(lastStart, events.size()).stream().mapToLong(EventLog::globalStep).filter(s -> s > 0)
                .findFirst().orElseThrow(() -> new AssertionError("no step reported after the last start"));
    }
}
