package dev.robucap.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code kubectl get/describe experiment} shows: the phase, Strimzi-style conditions, one entry per task of
 * the plan, and the counts and current task for the printer columns. Rebuilt on every reconciliation from the
 * previous status and the cluster, so the operator keeps no state of its own.
 *
 * @param report S3 prefix of the report task's output, once there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentStatus(String phase, Long observedGeneration, List<Condition> conditions,
                               List<TaskStatus> tasks, Integer done, Integer total, String current, String report) {

    public static final String PENDING = "Pending";
    public static final String RUNNING = "Running";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    public List<TaskStatus> tasks() {
        return tasks == null ? List.of() : tasks;
    }

    public List<Condition> conditions() {
        return conditions == null ? List.of() : conditions;
    }

    public Condition condition(String type) {
        return conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    public TaskStatus task(String id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
