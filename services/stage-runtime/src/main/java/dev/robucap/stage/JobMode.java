package dev.robucap.stage;

import dev.robucap.common.Json;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * How Kubernetes Jobs run a stage: with {@code ROBUCAP_JOB_TASK} set to a task's JSON the service runs that one
 * task and exits, 0 when it succeeded (or was already done), 1 otherwise. Without it the service waits for tasks
 * from REST and Kafka.
 */
@ApplicationScoped
public class JobMode {

    private static final Logger LOG = Logger.getLogger(JobMode.class);

    @Inject
    StageConfig config;

    @Inject
    TaskService tasks;

    void onStart(@Observes StartupEvent event) {
        config.jobTask().ifPresent(json -> new Thread(() -> {
            int code = 1;
            try {
                TaskRequest task = Json.MAPPER.readValue(json, TaskRequest.class);
                TaskEvent result = tasks.run(task);
                LOG.infof("job task %s: %s %s", task.taskId(), result.type(),
                        result.error() == null ? result.message() : result.error());
                code = result.type() == TaskEvent.Type.SUCCEEDED ? 0 : 1;
            } catch (Exception e) {
                LOG.errorf("job task is not a valid task: %s", e.getMessage());
            }
            Quarkus.asyncExit(code);
        }, "job-mode").start());
    }
}
