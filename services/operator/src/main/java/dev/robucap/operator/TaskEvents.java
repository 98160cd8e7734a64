package dev.robucap.operator;

import dev.robucap.common.task.TaskEvent;
import java.util.Optional;

/** The latest event the stages published about a task (by the request's task id). */
public interface TaskEvents {

    Optional<TaskEvent> latest(String taskId);
}
