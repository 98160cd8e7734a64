package dev.robucap.stage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness fails while a running task has said nothing for {@code ROBUCAP_TASKS_STALL_TIMEOUT} (default 2 h; 0 =
 * never): Kubernetes then restarts the service, Kafka delivers the task again (its offset was not committed) and a
 * trainer resumes from its newest checkpoint. A process that is alive but stuck would otherwise hold its task, and
 * its Kafka partition, for good.
 */
@Liveness
@ApplicationScoped
public class StalledTasksCheck implements HealthCheck {

    @Inject
    StageConfig config;

    @Inject
    TaskService tasks;

    @Override
    public HealthCheckResponse call() {
        Duration limit = config.tasks().stallTimeout();
        var response = HealthCheckResponse.named("tasks-progressing").up();
        if (limit.isZero()) {
            return response.build();
        }
        var stalled = tasks.silentLongerThan(limit, Instant.now());
        stalled.forEach((task, quiet) -> response.withData(task, "silent for " + quiet.toSeconds() + " s"));
        return response.status(stalled.isEmpty()).build();
    }
}
