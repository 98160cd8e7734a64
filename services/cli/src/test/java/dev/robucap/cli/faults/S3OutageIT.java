package dev.robucap.cli.faults;

import static dev.robucap.cli.faults.EventLog.globalStep;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7, fault 3: the S3 server is gone for 30 s while an augmenter task and then an encoder-trainer task run.
 * The services' {@code ArtifactStore} retries with backoff, both tasks succeed (no FAILED event, nothing
 * dead-lettered), and every published manifest's entries are there: no partial output is visible as published.
 */
class S3OutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration TASK = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void augmentationAndTrainingOutlastThirtySecondsWithoutS3() throws Exception {
        try (FaultRig rig = new FaultRig(dir, "/faults/encoder.yaml")) {
            rig.prepareData();
            PlannedTask encoder = rig.encoder("+2");
            PlannedTask augment = rig.plan.task(encoder.dependencies().stream()
                    .filter(id -> StageCatalog.AUGMENTER.equals(rig.plan.task(id).stage())).findFirst()
                    .orElseThrow(() -> new AssertionError("the +2 encoder reads no augmenter output")));
            ServiceProcess augmenter = rig.start(StageCatalog.AUGMENTER);
            ServiceProcess trainer = rig.start(StageCatalog.ENCODER_TRAINER);

            // Augmentation: S3 goes as the task is sent (a tiny augmentation ends in less time than the
            // event of its start takes to arrive), so its every S3 call meets the outage.
            TaskRequest augmentation = rig.plan.request(augment.id());
            rig.devstack.stopS3();
            rig.publisher.submit(augmentation);
            // No event to wait for: the service says nothing of the task before its first S3 call succeeds.
            Thread.sleep(OUTAGE.toMillis());
            assertFalse(rig.events.terminal(augmentation.taskId()).isPresent(),
                    "the augmentation ended while S3 was down: " + rig.events.terminal(augmentation.taskId()));
            rig.devstack.startS3();
            TaskEvent augmented = rig.events.awaitTerminal(augmentation.taskId(), TASK, augmenter);
            assertEquals(Type.SUCCEEDED, augmented.type(), "augmentation: " + augmented.error() + " (see "
                    + augmenter.log() + ")");
            assertTrue(rig.unbackedManifestEntries().isEmpty(), rig.unbackedManifestEntries().toString());

            // Training: S3 goes mid-epoch, between step checkpoints and image reads.
            TaskRequest training = rig.plan.request(encoder.id());
            rig.publisher.submit(training);
            rig.events.await(e -> training.taskId().equals(e.taskId()) && globalStep(e) >= 2, TASK,
                    "a training step", trainer);
            rig.devstack.stopS3();
            Thread.sleep(OUTAGE.toMillis());
            assertFalse(rig.events.terminal(training.taskId()).isPresent(),
                    "the training ended while S3 was down: " + rig.events.terminal(training.taskId()));
            rig.devstack.startS3();
            TaskEvent trained = rig.events.awaitTerminal(training.taskId(), TASK, trainer);
            assertEquals(Type.SUCCEEDED, trained.type(), "training: " + trained.error() + " (see " + trainer.log()
                    + ")");
            assertEquals(1, rig.events.of(training.taskId()).stream().filter(e -> e.type() == Type.STARTED).count(),
                    "the training was not restarted: its S3 calls waited for S3");
            assertTrue(rig.store.isPublished(trained.output()));
            assertTrue(rig.unbackedManifestEntries().isEmpty(), rig.unbackedManifestEntries().toString());
            assertTrue(java.nio.file.Files.readString(trainer.log()).contains("retrying in"),
                    "the trainer's log shows no retry: was S3 down at all?");
        }
    }
}
