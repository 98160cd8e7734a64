package dev.robucap.augmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.Json;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.devstack.Devstack;
import dev.robucap.devstack.DevstackExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The packaged service in job mode, as a Kubernetes Job runs it: one task from the environment, then exit. */
@ExtendWith(DevstackExtension.class)
class JobModeIT {

    private static int runJob(Devstack devstack, TaskRequest task) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        var builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString())).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "job-" + task.taskId() + ".log").toFile());
        builder.environment().putAll(devstack.environment());
        builder.environment().put("PORT", "0");
        builder.environment().put("ROBUCAP_JOB_TASK", Json.MAPPER.writeValueAsString(task));
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "job did not exit within 120 s");
        return process.exitValue();
    }

    @Test
    void aJobRunsItsTaskPublishesTheOutputAndExitsZero(Devstack devstack) throws Exception {
        var store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                devstack.s3SecretKey(), devstack.bucket()));
        String dataset = "datasets/job-" + UUID.randomUUID();
        store.put(dataset + "/a.jpg", Jpeg.encode(TestImages.pattern(30, 20, 3), 95), "image/jpeg");
        var params = Json.MAPPER.createObjectNode().put("quality", 12).put("resave", 75);
        TaskRequest task = TaskRequest.of("augmenter", params, Map.of("images", dataset));

        assertEquals(0, runJob(devstack, task));

        assertTrue(store.list("augmented/").stream().anyMatch(o -> o.key().endsWith("/a.jpg")));
    }

    @Test
    void aJobWithAnInvalidTaskExitsOne(Devstack devstack) throws Exception {
        var params = Json.MAPPER.createObjectNode().put("quality", 0);
        TaskRequest task = TaskRequest.of("augmenter", params, Map.of("images", "datasets/none"));

        assertEquals(1, runJob(devstack, task));
    }
}
